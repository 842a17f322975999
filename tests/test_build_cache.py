"""The cache of rendered sites (render/buildcache.py) never changes a build.

A site written from the cache is byte-identical to a fresh build, with the same findings and
banners; any change of what a build reads (an edition, a commit the version archive reads, the
site's address in pyproject.toml, --since, --allow-drift, the folder as named) is a miss; a
refused build is never stored. To tell a hit from a fresh build, every stored site gets a
planted file and a planted finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.findings import make
from engine.values import replace
from render import buildcache
from render.site import BuildResult, build_site

from .conftest import git, pending_repo

PLANTED = make("CHECK001", "planted in the cache by the test", "planted.toml", 1, 1)
PLANTED_FILE = "planted.txt"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository with a copy of the shipped policy and one pending master change,
    its own cache folder, and the caches on (as the console script turns them on)."""
    root = pending_repo(tmp_path, monkeypatch)
    monkeypatch.setenv("POLICY_CACHE_SOURCES", "1")
    return root


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def outcome(result: BuildResult) -> tuple[object, ...]:
    return result.written, result.files, result.diagnostics, result.banners


def build(root: Path, out: str, **options: object) -> BuildResult:
    return build_site(Path("policy"), root / out, **{"allow_drift": True, **options})  # type: ignore[arg-type]


def plant() -> int:
    entries = sorted(buildcache.sites_cache_dir().glob("*.pickle"))
    for entry in entries:
        site = buildcache.lookup(entry.stem)
        assert site is not None
        buildcache.store(entry.stem, replace(
            site, diagnostics=(*site.diagnostics, PLANTED),
            files={**site.files, PLANTED_FILE: b"planted\n"}))
    return len(entries)


def test_a_site_from_the_cache_is_the_fresh_site(repo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(repo, "first")
    assert first.written and first.banners and first.diagnostics
    second = build(repo, "second")
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    plain = build(repo, "plain")
    assert outcome(first) == outcome(second) == outcome(plain)
    assert files(repo / "first") == files(repo / "second") == files(repo / "plain")
    monkeypatch.delenv("POLICY_NO_CACHE")
    assert plant() == 1
    planted = build(repo, "planted")  # a hit: the stored site is what is written
    assert PLANTED in planted.diagnostics and (repo / "planted" / PLANTED_FILE).is_file()


def _edit_edition(root: Path) -> None:
    ru = root / "policy" / "ru.yaml"
    ru.write_text(ru.read_text("utf-8").replace("Cafetalk", "Cafetalk ", 1), "utf-8")


def _commit(root: Path) -> None:
    facts = root / "policy" / "ja.yaml"
    git(root, "commit", "-qam", "the pending change")  # the archive reads the history
    assert facts.is_file()


def _site_url(root: Path) -> None:
    toml = root / "pyproject.toml"
    toml.write_text(toml.read_text("utf-8").replace(
        "# site-url = \"https://…/\"", "site-url = \"https://www.example.com/privacy/\""),
        "utf-8")


@pytest.mark.parametrize("change", [_edit_edition, _commit, _site_url])
def test_a_change_of_what_the_build_reads_misses(repo: Path, change: object) -> None:
    build(repo, "before")
    assert plant() == 1
    assert callable(change)
    change(repo)
    after = build(repo, "after")
    assert PLANTED not in after.diagnostics and PLANTED_FILE not in after.files
    assert len(list(buildcache.sites_cache_dir().glob("*.pickle"))) == 2


def test_each_argument_is_part_of_the_key(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo, "before")
    plant()
    since = build(repo, "since", since="HEAD")
    assert PLANTED not in since.diagnostics and "changes-since.html" in " ".join(since.files)
    named = build_site(repo / "policy", repo / "named", allow_drift=True)  # named otherwise
    assert PLANTED not in named.diagnostics
    with_pyproject = build(repo, "pyproject", pyproject=repo / "pyproject.toml")
    assert PLANTED not in with_pyproject.diagnostics
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    assert PLANTED not in build(repo, "off").diagnostics


def test_a_refused_build_is_never_stored(repo: Path) -> None:
    refused = build(repo, "refused", allow_drift=False)
    assert not refused.written and any(d.code == "RENDER002" for d in refused.diagnostics)
    assert not list(buildcache.sites_cache_dir().glob("*.pickle"))
    assert build(repo, "published").written


def test_a_damaged_or_foreign_entry_is_ignored(repo: Path) -> None:
    first = build(repo, "first")
    [entry] = buildcache.sites_cache_dir().glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:-100])  # truncated
    assert outcome(build(repo, "again")) == outcome(first)
    plant()
    entry.chmod(0o666)  # another user could have written it: a pickle runs code when loaded
    assert PLANTED not in build(repo, "foreign").diagnostics
