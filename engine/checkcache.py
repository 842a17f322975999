"""Check results kept by a content hash of everything they depend on, so a second run skips the checks.

`policy check`, `status`, `build` (its parity gate) and the preview run the same checks over
the same folder. When the console script turned the caches on (POLICY_CACHE_SOURCES=1, set by
engine/cli/cached.py unless POLICY_NO_CACHE=1 or `--no-cache`), `check_sources` stores what
it found (the findings, each unit's state per language and the parity settings) under a key
that hashes everything the checks read (engine/inputs.py):

* the loaded sources: each edition's text and file name, the loading's findings, the folder
  as named and the working folder (findings name files relative to it);
* every file of the policy folder (parity.toml, the editions, tests/ ...);
* every pyproject.toml from the working folder up, or the one named (`[tool.policy.severity]`);
* the git refs (`git show-ref --head` in the master's folder: drift findings read the master's
  history from HEAD) and the GIT_* environment;
* the tool: every source file of engine/ and render/, the Python version and the libraries'
  folders; and the day.

A run with `--previous` (a stored copy read besides git), a subset of the checks or its own
history lookup is never stored nor answered from here. Entries live in
`$XDG_CACHE_HOME/cafetalk-policy/checks/` with the sources cache's rules (engine/loader.py):
the user's own folder and files only, written atomically, a damaged entry ignored. A result
is stored only if the key is the same after the run (nothing changed while it ran).
tests/test_check_cache.py holds a reused result equal to a fresh one and every input a miss.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .findings import Diagnostic
from .inputs import (
    Digest,
    Uncacheable,
    add_pyprojects,
    add_tool,
    cache_folder,
    caches_on,
    git_environment,
    read_private_pickle,
    start_git_state,
    write_private_pickle,
)
from .loader import Sources
from .values import record

if TYPE_CHECKING:
    from .parity.config import ParityConfig

CHECKS_FORMAT = "policy-checks-1"
MAX_CACHED_CHECKS = 32
MAX_INPUT_BYTES = 64 << 20  # a folder bigger than this is not worth hashing on every run


@record
class StoredCheck:
    """What `check_sources` found, without the sources (the caller has them)."""

    diagnostics: tuple[Diagnostic, ...]
    states: dict[str, dict[str, str]]
    config: ParityConfig


def checks_cache_dir() -> Path:
    return cache_folder("checks")


def check_key(src: Sources, pyproject: Path | None = None) -> str | None:
    """The hash of everything `check_sources(src, pyproject=pyproject)` reads, or None when
    its result is not to be kept (no master edition, an input that is not a regular file,
    more input than is worth hashing)."""
    if src.master_doc is None:
        return None
    try:
        return _check_key(src, pyproject)
    except (Uncacheable, OSError):
        return None


def _check_key(src: Sources, pyproject: Path | None) -> str | None:
    import datetime as dt

    assert src.master_doc is not None
    git = start_git_state(Path(src.master_doc.file).resolve().parent)  # runs while we hash
    try:
        digest = Digest(CHECKS_FORMAT)
        cwd = Path.cwd()
        digest.add("cwd", str(cwd))
        digest.add("day", dt.date.today().isoformat())
        digest.add("env", git_environment())  # beside the refs: which repository, how
        add_tool(digest)
        digest.add("folder", str(src.folder))
        digest.path(src.folder, "policy")
        for lang, doc in sorted(src.documents.items()):
            digest.add(f"edition:{lang}:{doc.file}", doc.text)
        digest.add("master", src.master_doc.file)
        digest.add("loaded", "\n".join(repr(d) for d in src.diagnostics))
        if pyproject is not None:
            digest.add("pyproject", str(pyproject))
            digest.path(pyproject, "pyproject:named")
        else:
            add_pyprojects(digest, cwd.resolve())
    finally:
        state = git()
    digest.add("git", state)
    if digest.size > MAX_INPUT_BYTES:
        return None
    return digest.hexdigest()


def lookup(key: str) -> StoredCheck | None:
    """The result stored under `key`, or None (missing, damaged, or not the user's own)."""
    found = read_private_pickle(checks_cache_dir(), key, CHECKS_FORMAT.encode())
    if not isinstance(found, StoredCheck) or not all(
            isinstance(d, Diagnostic) for d in found.diagnostics):
        return None
    return found


def store(key: str, found: StoredCheck) -> None:
    write_private_pickle(checks_cache_dir(), key, CHECKS_FORMAT.encode(), found,
                         MAX_CACHED_CHECKS)


def cache_on(cache: bool | None) -> bool:
    """`cache` if given, else whether the console script turned the caches on (as for the
    sources cache: POLICY_CACHE_SOURCES=1 and no POLICY_NO_CACHE)."""
    return caches_on(cache)
