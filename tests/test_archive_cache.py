"""The archive cache (render/archivecache.py) never changes a site.

A build after an edit of the current master, with the older versions' editions and pages
taken from the cache, is byte-identical to a fresh build with POLICY_NO_CACHE=1. To tell a page
served from the cache from one rendered afresh, every stored page gets a planted comment: after
an edit, exactly the older versions' pages carry it, never a page of the current version.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine import gitio
from render import archivecache
from render.site import build_site
from tests.archive_repo import git, make_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PLANTED = "<!-- planted in the cache by the test -->"
OLD = ("versions/1.2.0/", "versions/9.0.0/")  # the archived versions; 9.0.1 is the current one


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three versions committed (1.2.0, 9.0.0 and the current 9.0.1: two older versions, the
    second with a redline), the caches on, in a cache folder of the test's own."""
    root = make_repo(tmp_path / "repo")
    for lang in ("ja", "ru", "en"):
        path = root / "policy" / f"{lang}.yaml"
        text = path.read_text("utf-8")
        assert "version: 9.0.0" in text
        path.write_text(text.replace("version: 9.0.0", "version: 9.0.1"), "utf-8")
    git(root, "commit", "-qam", "9.0.1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICY_CACHE_SOURCES", "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    monkeypatch.chdir(root)
    return root


def edit(repo: Path, old: str, new: str) -> None:
    """One word of the current master changed (not committed)."""
    ja = repo / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    assert old in text
    ja.write_text(text.replace(old, new, 1), "utf-8")


def build(repo: Path, out: Path) -> dict[str, bytes]:
    result = build_site(repo / "policy", out, allow_drift=True)
    assert result.written, [str(d) for d in result.diagnostics]
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def fresh(repo: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    with monkeypatch.context() as m:
        m.setenv("POLICY_NO_CACHE", "1")
        return build(repo, out)


def entries() -> list[Path]:
    return sorted(archivecache.archive_cache_dir().glob("*.pickle"))


def plant() -> int:
    """Add PLANTED to every stored page; the number of entries of pages."""
    planted = 0
    for entry in entries():
        pages = archivecache.lookup_pages(entry.stem)
        if pages is not None:
            archivecache.store_pages(entry.stem, {k: v + PLANTED for k, v in pages.items()})
            planted += 1
    return planted


def test_a_build_after_an_edit_of_the_master_equals_a_fresh_one(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(repo, tmp_path / "first")
    assert len(entries()) == 4  # two older versions: their editions and their pages
    reads: list[str] = []
    real = gitio.read_folder

    def counted(repo_dir: Path, rev: str, folder: str, also: tuple[str, ...] = ()
                ) -> dict[str, bytes]:
        reads.append(rev)
        return real(repo_dir, rev, folder, also)

    monkeypatch.setattr(gitio, "read_folder", counted)
    edit(repo, "明示的な", "書面による")
    second = build(repo, tmp_path / "second")
    assert reads == []  # the older versions came from the cache, not from git
    assert second != first
    assert second == fresh(repo, tmp_path / "fresh", monkeypatch)
    # The edit shows on the current edition, its copy in the archive and its redline.
    for name in ("ja/index.html", "versions/9.0.1/ja/index.html",
                 "versions/9.0.1/ja/changes.html"):
        assert "書面による".encode() in second[name] and second[name] != first[name], name


def test_only_the_older_versions_pages_come_from_the_cache(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo, tmp_path / "first")
    assert plant() == 2
    edit(repo, "明示的な", "書面による")
    site = build(repo, tmp_path / "second")
    served = {name for name, data in site.items() if PLANTED.encode() in data}
    assert served == {name for name in site if name.startswith(OLD)}
    assert len(served) == 9  # 1.2.0: three editions; 9.0.0: three editions and redlines
    clean = {name: data.replace(PLANTED.encode(), b"") for name, data in site.items()}
    assert clean == fresh(repo, tmp_path / "fresh", monkeypatch)


def test_the_current_languages_and_the_address_are_part_of_the_pages_key() -> None:
    base = archivecache.pages_key("t", "c1", "f", "c0", ["ja", "ru", "en"], None, False)
    others = [archivecache.pages_key("u", "c1", "f", "c0", ["ja", "ru", "en"], None, False),
              archivecache.pages_key("t", "c2", "f", "c0", ["ja", "ru", "en"], None, False),
              archivecache.pages_key("t", "c1", "g", "c0", ["ja", "ru", "en"], None, False),
              archivecache.pages_key("t", "c1", "f", None, ["ja", "ru", "en"], None, False),
              archivecache.pages_key("t", "c1", "f", "c0", ["ja", "en"], None, False),
              archivecache.pages_key("t", "c1", "f", "c0", ["ja", "ru", "en"],
                                     "https://example.com/", False),
              archivecache.pages_key("t", "c1", "f", "c0", ["ja", "ru", "en"], None, True)]
    assert len({base, *others}) == 1 + len(others)


def test_a_damaged_or_foreign_entry_is_ignored(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo, tmp_path / "first")
    for entry in entries():
        entry.write_bytes(entry.read_bytes()[:-20])  # truncated
    edit(repo, "明示的な", "書面による")
    assert build(repo, tmp_path / "second") == fresh(repo, tmp_path / "fresh", monkeypatch)
    assert plant() == 2  # written again
    for entry in entries():
        entry.chmod(0o666)  # another user could have written it: a pickle runs code when loaded
    site = build(repo, tmp_path / "third")
    assert not any(PLANTED.encode() in data for data in site.values())
    assert site == fresh(repo, tmp_path / "fresh2", monkeypatch)


def test_no_cache_keeps_nothing(repo: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    fresh(repo, tmp_path / "fresh", monkeypatch)
    assert not archivecache.archive_cache_dir().exists()


def test_on_the_same_refs_the_list_of_versions_needs_no_git(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once every older version is in the archive cache, their list is kept by the refs: a
    build after an edit of the master (nothing committed) asks git nothing about them, starts
    no thread to wait for git (the threads that flush the pages, `policy-fsync`, are not
    such), and equals a fresh build; after a commit (the refs moved) the
    list is read from git again, on a thread of its own."""
    import threading

    asked: list[str] = []
    for name in ("toplevel", "log", "log_at", "show_many"):
        real = getattr(gitio, name)
        monkeypatch.setattr(gitio, name, lambda *a, _real=real, _name=name: (
            asked.append(_name), _real(*a))[1])
    started: list[str] = []
    real_start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda self: (
        self.name != "policy-fsync" and started.append(self.name), real_start(self))[1])
    build(repo, tmp_path / "first")  # reads the versions, fills the archive cache
    edit(repo, "明示的な", "書面による")
    build(repo, tmp_path / "second")  # every version in the cache: the list is kept
    asked.clear()
    started.clear()
    edit(repo, "書面による", "書面での")
    third = build(repo, tmp_path / "third")
    assert asked == [] and started == []
    assert third == fresh(repo, tmp_path / "fresh", monkeypatch)
    git(repo, "commit", "-qam", "wording")
    build(repo, tmp_path / "fourth")
    assert "log_at" in asked, "new refs: the versions are listed by git again"
    assert "policy-history" in started
