"""Archived versions kept across processes by their commit, so a build after an edit of the current policy reads and renders only the current version.

A version of the archive (render/archive.py) is the policy folder at one commit: its files,
its loaded editions and its archived pages never change. When the console script turned the
caches on (POLICY_CACHE_SOURCES=1; never with POLICY_NO_CACHE=1 or `--no-cache`), a build keeps
in `$XDG_CACHE_HOME/cafetalk-policy/archive/`, with the sources cache's rules (engine/loader.py:
the user's own files only, written atomically, a damaged entry ignored, a bounded count):

* a version's loaded editions (the models only: no archived page quotes a file's lines), keyed
  by its commit and folder and the tool (engine/inputs.py add_tool: every source file of
  engine/ and render/, the Python version and the libraries' folders). The git thread reads
  the files of a version that has no entry only;
* a version's pages (`versions/<version>/<lang>/index.html` and `changes.html`), keyed by its
  commit, the commit of the version before it (the redline's base), the current version's
  languages (an archived page links the current edition and the list of versions only in a
  language the current version has), the site's address, whether the site has PDFs, and the
  tool. Nothing else reaches them: not the current version's text, the date nor the other
  versions. The current version's own copy in the archive is always rendered.

tests/test_archive_cache.py holds a build after an edit of the master byte-identical to a fresh
build with POLICY_NO_CACHE=1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from engine.inputs import (
    Digest,
    add_tool,
    cache_folder,
    later,
    read_private_pickle,
    read_private_text_map,
    write_private_pickle,
)
from engine.loader import Sources
from engine.values import replace

SOURCES_FORMAT = "policy-archive-sources-1"
PAGES_FORMAT = "policy-archive-pages-1"
# Two entries per version (for the shipped policy: its editions ~0.1 MB, its pages ~0.15 MB):
# 64 older versions at most are kept (a longer archive renders its oldest versions again).
MAX_CACHED_ARCHIVE = 128


def archive_cache_dir() -> Path:
    return cache_folder("archive")


def tool_key() -> str:
    """The tool's part of every key (computed once per build: it stats every source file)."""
    digest = Digest("policy-archive-tool")
    add_tool(digest)
    return digest.hexdigest()


def sources_key(tool: str, commit: str, folder: str) -> str:
    digest = Digest(SOURCES_FORMAT)
    digest.add("tool", tool)
    digest.add("commit", commit)
    digest.add("folder", folder)
    return digest.hexdigest()


def pages_key(tool: str, commit: str, folder: str, previous: str | None,
              langs: Sequence[str], site_url: str | None, pdf: bool) -> str:
    digest = Digest(PAGES_FORMAT)
    digest.add("tool", tool)
    digest.add("commit", commit)
    digest.add("folder", folder)
    digest.add("previous", previous if previous is not None else "none")
    digest.add("langs", "\0".join(langs))
    digest.add("site_url", site_url if site_url is not None else "none")
    digest.add("pdf", str(pdf))
    return digest.hexdigest()


VERSIONS_FORMAT = "policy-archive-versions-1"


def versions_key(tool: str, policy_dir: Path, master_lang: str, current: str,
                 state: tuple[str, str]) -> str:
    """The key of the list of older versions (render/archive.py `_read_versions`): the
    folder, the master's language, the current version (left out of the list), the tool, the
    repository's refs and what of the environment git read them in (`seen_git_state`), and
    what rewrites history without moving a ref (a shallow clone's boundary, grafts)."""
    import os

    from engine.inputs import history_rewriters

    digest = Digest(VERSIONS_FORMAT)
    digest.add("tool", tool)
    digest.add("folder", os.path.realpath(policy_dir))
    digest.add("master", master_lang)
    digest.add("current", current)
    digest.add("state", "\0".join(state))
    digest.add("rewriters", history_rewriters(policy_dir))
    return digest.hexdigest()


Listed = list[tuple[str, str, str, str, str]]  # (version, commit, repository, folder, key)


# The lists are small, one a state of the refs: kept apart from the versions' entries, so that
# they never push a version out of MAX_CACHED_ARCHIVE.
MAX_CACHED_LISTS = 32


def lists_cache_dir() -> Path:
    return cache_folder("archive-lists")


def lookup_versions(key: str) -> Listed | None:
    found = read_private_pickle(lists_cache_dir(), key, VERSIONS_FORMAT.encode())
    if not isinstance(found, list) or not all(
            isinstance(row, tuple) and len(row) == 5 and all(isinstance(v, str) for v in row)
            for row in found):
        return None
    return found


def store_versions(key: str, listed: Listed) -> None:
    """The older versions as `_read_versions` found them, every one in the archive cache."""
    later(partial(write_private_pickle, lists_cache_dir(), key, VERSIONS_FORMAT.encode(),
                  listed, MAX_CACHED_LISTS))


def has(key: str) -> bool:
    """Whether an entry exists (read by the git thread: no pickle is loaded there)."""
    return (archive_cache_dir() / f"{key}.pickle").is_file()


def lookup_sources(key: str) -> Sources | None:
    found = read_private_pickle(archive_cache_dir(), key, SOURCES_FORMAT.encode())
    if not isinstance(found, Sources) or found.master is None:
        return None
    return found


def store_sources(key: str, src: Sources) -> None:
    """A version's loaded editions, without the documents (their text and positions)."""
    light = replace(src, documents={}, master_doc=None)
    later(partial(write_private_pickle, archive_cache_dir(), key, SOURCES_FORMAT.encode(),
                  light, MAX_CACHED_ARCHIVE))


def lookup_pages(key: str) -> dict[str, str] | None:
    return read_private_text_map(archive_cache_dir(), key, PAGES_FORMAT.encode())


def store_pages(key: str, pages: Mapping[str, str]) -> None:
    later(partial(write_private_pickle, archive_cache_dir(), key, PAGES_FORMAT.encode(),
                  dict(pages), MAX_CACHED_ARCHIVE))
