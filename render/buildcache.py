"""Rendered sites kept by a content hash of everything a build reads, so a second build only writes the files.

A build without PDFs is a function of what `policy check` reads (the key of
engine/checkcache.py: the loaded editions, every file of the policy folder, every
pyproject.toml upwards, the git refs, the tool's own sources, the day and the working
folder) and of its arguments: the policy folder as named, --allow-drift, --since and a
pyproject.toml named by the caller. The version archive and the "what changed" page read only
committed files, which the git refs name. When the console script turned the caches on
(POLICY_CACHE_SOURCES=1; never with POLICY_NO_CACHE=1 or `--no-cache`), `build_site` keeps
the files it rendered, the findings and the banners' count under that key in
`$XDG_CACHE_HOME/cafetalk-policy/sites/`, with the sources cache's rules (engine/loader.py):
the user's own files only, written atomically, a damaged entry ignored. A build that was
refused, or made PDFs, is never stored. tests/test_check_cache.py holds a site built from the
cache byte-identical to a fresh one.
"""

from __future__ import annotations

from pathlib import Path

from engine.checkcache import check_key
from engine.findings import Diagnostic
from engine.inputs import (
    Digest,
    Uncacheable,
    cache_folder,
    git_state,
    read_private_pickle,
    write_private_pickle,
)
from engine.loader import Sources
from engine.values import record

SITES_FORMAT = "policy-sites-2"  # 2: the site's records are engine.values records
MAX_CACHED_SITES = 8  # a site of the shipped policy is ~0.5 MB


@record
class RenderedSite:
    """What a build found and rendered, before it was written."""

    diagnostics: tuple[Diagnostic, ...]
    files: dict[str, bytes]
    banners: dict[str, int]  # per language: units with a banner


def sites_cache_dir() -> Path:
    return cache_folder("sites")


def site_key(src: Sources, policy_dir: Path, *, allow_drift: bool, since: str | None,
             pyproject: Path | None, checks: str | None = None) -> str | None:
    """The hash of everything `build_site(policy_dir, ..., pdf=False)` reads, or None when
    the build is not to be kept; `checks`: `check_key(src)` when the caller computed it just
    before."""
    if checks is None:
        checks = check_key(src)
    if checks is None:
        return None
    digest = Digest(SITES_FORMAT)
    digest.add("checks", checks)
    digest.add("args", f"{policy_dir}\0{allow_drift}\0{since}")
    assert src.master_doc is not None  # check_key gave a key
    if Path(src.master_doc.file).resolve().parent != policy_dir.resolve():
        digest.add("git", git_state(policy_dir))  # the archive reads the folder's repository
    if pyproject is not None:
        digest.add("pyproject", str(pyproject))
        try:
            digest.path(pyproject, "pyproject:named")
        except Uncacheable:
            return None
    return digest.hexdigest()


def lookup(key: str) -> RenderedSite | None:
    """The site stored under `key`, or None (missing, damaged, or not the user's own)."""
    found = read_private_pickle(sites_cache_dir(), key, SITES_FORMAT.encode())
    if not isinstance(found, RenderedSite) or not all(
            isinstance(name, str) and isinstance(data, bytes)
            for name, data in found.files.items()):
        return None
    return found


def store_unchanged(key: str, site: RenderedSite, src: Sources, policy_dir: Path, *,
                    allow_drift: bool, since: str | None,
                    pyproject: Path | None) -> None:
    """Keep the rendered site when nothing it read changed while it ran."""
    if site_key(src, policy_dir, allow_drift=allow_drift, since=since,
                pyproject=pyproject) == key:
        store(key, site)


def store(key: str, site: RenderedSite) -> None:
    write_private_pickle(sites_cache_dir(), key, SITES_FORMAT.encode(), site, MAX_CACHED_SITES)
