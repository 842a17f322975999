"""The version archive: every released version of the policy, read from git history.

A version is what `facts.version` names. Its text is the last commit of the policy folder that
carried it; the version in the working tree (the one being published) is always the current
one. The archive starts with the first version held as YAML: older versions were never kept in
this form. Outside a git repository the archive holds the current version only.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from engine import gitio
from engine.findings import Diagnostic, Severity, has_errors, make
from engine.inputs import seen_git_state, state_head
from engine.loader import Sources, keeping, kept, load_texts, recall
from engine.values import record
from engine.versions import versions_in

from . import archivecache

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    import threading

SWITCH_INTERVAL_S = 0.0005  # the history thread's wait for the interpreter, at most


@record
class Snapshot:
    """One version of the policy: its sources, and the commit it was read from (None: the
    working tree, i.e. the current version)."""

    version: str
    src: Sources
    commit: str | None

    @property
    def date(self) -> dt.date:
        """The date the version carries: its latest revision, else the effective date."""
        assert self.src.master is not None
        facts = self.src.master.facts
        return facts.revisions[-1].date if facts.revisions else facts.effective


@record
class _Stored:
    """A version as git holds it: its commit and files (or why they cannot be read, or the
    key of its loaded editions in the archive cache, render/archivecache.py: then its files
    were not read)."""

    version: str
    commit: str
    repo: Path
    folder: str
    files: dict[str, bytes] | None
    error: gitio.GitError | None
    cached: str | None = None


def _listed_versions(policy_dir: Path, master_lang: str, current_version: str,
                     tool: str | None) -> tuple[list[_Stored] | None, str | None, str | None]:
    """`_read_versions`'s answer when the archive cache lists it under the refs this process
    read (no git, no thread: a pickle read), else None; with the list's key and the commit
    HEAD named in those refs, for `_read_versions` to read and keep it."""
    state = seen_git_state(policy_dir) if tool is not None else None
    head = state_head(state[1]) if state is not None else None
    listed = (archivecache.versions_key(tool, policy_dir, master_lang, current_version, state)
              if tool is not None and state is not None and head is not None else None)
    if listed is not None:
        hit = archivecache.lookup_versions(listed)
        if hit is not None:
            return [_Stored(version, commit, Path(repo), folder, None, None, key)
                    for version, commit, repo, folder, key in hit], listed, head
    return None, listed, head


def _read_versions(policy_dir: Path, master_lang: str, current_version: str,
                   tool: str | None = None) -> list[_Stored]:
    """The files of every version but the current one, oldest first: git only (a handful of
    processes), no parsing. Outside a repository: none. With `tool` (the archive cache's key of
    the tool), a version the archive cache holds is not read, and when the archive cache holds
    every version, the list itself is kept by the repository's refs as the command read them
    first (archivecache.versions_key): the next build on the same refs starts no git."""
    known, listed, head = _listed_versions(policy_dir, master_lang, current_version, tool)
    if known is not None:
        return known
    try:
        repo = gitio.toplevel(policy_dir)  # outside a repository: the current version only
        folder = gitio.repo_path(repo, policy_dir)
        # at the commit HEAD named when the refs were read: what is kept by them
        commits = gitio.log(repo, folder) if head is None else gitio.log_at(repo, folder, head)
        master_file = f"{folder}/{master_lang}.yaml" if folder else f"{master_lang}.yaml"
        blobs = gitio.show_many(repo, [f"{c}:{master_file}" for c in commits])
    except (gitio.GitError, ValueError):
        return []
    out: list[_Stored] = []
    unread: list[int] = []  # the versions no entry of the archive cache holds
    for version, commit in versions_in(commits, blobs):
        if version == current_version:
            continue
        if tool is not None:
            key = archivecache.sources_key(tool, commit, folder)
            if archivecache.has(key):
                out.append(_Stored(version, commit, repo, folder, None, None, key))
                continue
        unread.append(len(out))
        out.append(_Stored(version, commit, repo, folder, None, None))
    if unread:  # read at once: one git process for all their files
        try:
            found = gitio.read_folders(repo, [out[i].commit for i in unread], folder)
        except gitio.GitError as exc:
            found = [exc] * len(unread)
        for i, files in zip(unread, found, strict=True):
            old = out[i]
            out[i] = (_Stored(old.version, old.commit, repo, folder, None, files)
                      if isinstance(files, gitio.GitError)
                      else _Stored(old.version, old.commit, repo, folder, files, None))
    rows = [(old.version, old.commit, str(old.repo), old.folder, old.cached) for old in out
            if old.cached is not None]
    if listed is not None and len(rows) == len(out):  # every version in the archive cache
        archivecache.store_versions(listed, rows)
    return out


def _read_stored(version: str, commit: str, repo: Path, folder: str) -> _Stored:
    try:
        return _Stored(version, commit, repo, folder, gitio.read_folder(repo, commit, folder),
                       None)
    except gitio.GitError as exc:
        return _Stored(version, commit, repo, folder, None, exc)


def _snapshots(policy_dir: Path, current: Sources, stored: list[_Stored],
               tool: str | None = None) -> tuple[list[Snapshot], list[Diagnostic]]:
    assert current.master is not None
    out: list[Snapshot] = []
    problems: list[Diagnostic] = []
    for old in stored:
        if old.cached is not None:
            hit = archivecache.lookup_sources(old.cached)
            if hit is not None:
                out.append(Snapshot(old.version, hit, old.commit))
                continue
            old = _read_stored(old.version, old.commit, old.repo, old.folder)  # damaged since
        if old.error is not None or old.files is None:
            assert old.error is not None
            problems.append(old.error.diagnostic)
            continue
        label = f"{old.commit[:10]}:{old.folder}"
        # With the archive cache, the version is kept there (by its commit), not in the sources
        # cache (by its bytes) as well.
        src = (load_texts(old.files, folder=label) if tool is None
               else load_texts(old.files, folder=label, cache=False))
        if src.master is None or has_errors(src.diagnostics):
            problems.append(make("RENDER006", f"version {old.version} (commit "
                                 f"{old.commit[:10]}) cannot be read with this version of the "
                                 "tools; it is not archived", str(policy_dir)))
            continue
        if tool is not None:
            archivecache.store_sources(archivecache.sources_key(tool, old.commit, old.folder),
                                       src)
        out.append(Snapshot(old.version, src, old.commit))
    out.append(Snapshot(current.master.facts.version, current, None))
    return out, problems


def history(policy_dir: Path, current: Sources, tool: str | None = None
            ) -> tuple[list[Snapshot], list[Diagnostic]]:
    """Every version, oldest first, the current (working tree) one last; with `tool`, through
    the archive cache (render/archivecache.py)."""
    assert current.master is not None
    master = current.master
    return _snapshots(policy_dir, current,
                      _read_versions(policy_dir, master.lang, master.facts.version, tool), tool)


# Each time git answers, a history thread needs the interpreter for a moment, while the checks
# hold it on the main thread: by default it gets it only after the switch interval (5 ms),
# about a dozen times per build. While one runs, the interval is shorter; the last to end
# puts back the interval it found.
_SHORTER: list[float] = []  # the interval found, while history threads run (one per thread)


def _shorter_switches(change: int) -> None:
    """One more history thread (+1, before it starts) or one fewer (-1, as it ends)."""
    global _SWITCH_LOCK
    if _SWITCH_LOCK is None:  # the first call comes before any history thread starts
        import threading

        _SWITCH_LOCK = threading.Lock()
    with _SWITCH_LOCK:
        if change > 0:
            _SHORTER.append(_SHORTER[0] if _SHORTER else sys.getswitchinterval())
            sys.setswitchinterval(min(_SHORTER[0], SWITCH_INTERVAL_S))
        else:
            found = _SHORTER.pop()
            if not _SHORTER:
                sys.setswitchinterval(found)


_SWITCH_LOCK: threading.Lock | None = None


class HistoryReader:
    """`history` with its git half on a thread of its own, started at once: the git processes
    run while the build checks the policy, and `result()` parses what they read (on the
    calling thread: the thread itself only waits for git, so it imports and parses nothing)."""

    def __init__(self, policy_dir: Path, current: Sources, tool: str | None = None) -> None:
        assert current.master is not None
        self._policy_dir, self._current, self._tool = policy_dir, current, tool
        self._stored: list[_Stored] = []
        self._error: BaseException | None = None
        master = current.master
        self._key = _kept_key(policy_dir, master.lang, master.facts.version, tool)
        found = recall("archive-versions", self._key) if self._key is not None else None
        self._thread: threading.Thread | None = None
        if found is None:  # listed by the archive cache: read at once, no git to wait for
            found = _listed_versions(policy_dir, master.lang, master.facts.version, tool)[0]
        if found is not None:
            self._stored = found
            return
        import threading

        self._thread = threading.Thread(
            target=self._read, args=(current.master.lang, current.master.facts.version),
            name="policy-history", daemon=True)
        _shorter_switches(+1)
        try:
            self._thread.start()
        except BaseException:
            _shorter_switches(-1)
            raise

    def _read(self, master_lang: str, version: str) -> None:
        try:
            self._stored = _read_versions(self._policy_dir, master_lang, version, self._tool)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc
        finally:
            _shorter_switches(-1)

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def result(self) -> tuple[list[Snapshot], list[Diagnostic]]:
        """What `history(policy_dir, current, tool)` gives."""
        self.join()
        if self._error is not None:
            raise self._error
        if self._key is not None and self._thread is not None:
            stored = self._stored
            kept("archive-versions", self._key, lambda: stored)
        return _snapshots(self._policy_dir, self._current, self._stored, self._tool)


def _kept_key(policy_dir: Path, master_lang: str, version: str, tool: str | None
              ) -> tuple[object, ...] | None:
    """In the resident server (engine/loader.py `keeping`), what `_read_versions` reads: the
    folder, the master's language, the version left out (the current one), the archive
    cache's tool, and the repository's refs as this process read them first (the check's
    cache key reads them) in the environment git reads; None when not kept. A commit's files
    never change; a version the archive cache held and has lost since is read again from git
    (`_snapshots`)."""
    if not keeping():
        return None
    state = seen_git_state(policy_dir)
    if state is None:
        return None
    return (os.path.realpath(policy_dir), master_lang, version, tool, state)


def snapshot_at(policy_dir: Path, rev: str) -> tuple[Snapshot | None, list[Diagnostic]]:
    """The policy as committed at `rev`, for `policy build --since`. None with no diagnostics
    when the revision is older than the policy (there was nothing yet to compare with)."""
    try:
        repo = gitio.toplevel(policy_dir)
        commit = gitio.resolve(repo, rev)
        folder = gitio.repo_path(repo, policy_dir)
        files = gitio.read_folder(repo, commit, folder)
    except gitio.GitError as exc:
        if "no folder" in exc.diagnostic.message:
            return None, []
        return None, [exc.diagnostic, make("RENDER005", f"--since {rev}: no such revision in "
                                           "this repository", str(policy_dir),
                                           hint="name a commit, tag or branch, e.g. HEAD~1")]
    if not files:
        return None, []
    src = load_texts(files, folder=f"{rev}:{folder}")
    if src.master is None or has_errors(src.diagnostics):
        errors = [d for d in src.diagnostics if d.severity is Severity.ERROR]
        return None, [*errors, make("RENDER005", f"--since {rev}: the policy at that revision "
                                    "cannot be read", str(policy_dir))]
    return Snapshot(src.master.facts.version, src, commit), []
