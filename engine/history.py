"""Old texts of the master by fingerprint, from git history of the master file or a stored copy.

Drift findings use them to show what changed in the Japanese since a unit was translated.
Nothing is checked out: revisions are read with `git show`. The walk over old files reads
plain data (engine/read.py, through engine/quickread.py's quickest path), not the current
models, so older layouts still yield their texts.

When the console script turned the caches on (POLICY_CACHE_SOURCES=1; never with
POLICY_NO_CACHE=1 or `--no-cache`), the texts of an old master are kept by its git blob id and
the tool (engine/inputs.py add_tool) in `$XDG_CACHE_HOME/cafetalk-policy/history/`, with the
sources cache's rules (engine/loader.py, engine/inputs.py): a check or build after an edit of the master reads
the committed master again only when its blob is new. The log names each commit's blob
(`--raw`); a commit it names none for (a merge) is read with `git show` as without the cache.

The log itself is kept by the repository's state as this process last read it (engine/inputs.py
`seen_git_state`: the check's cache key reads it first): in the resident server (a `memory`
given) in memory, else in the same cache folder, so a check after an edit asks git nothing
while HEAD and the refs stay as they were.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .lineread import read_bytes_fastest
from .model import fingerprint

_T = TypeVar("_T")


class Memory(Protocol):
    """loader.kept, given by the check (a later phase): compute(), kept by kind and key when
    keep(result)."""

    def __call__(self, kind: str, key: Hashable, compute: Callable[[], _T],
                 keep: Callable[[_T], bool] | None = None) -> _T: ...


MAX_COMMITS = 200
TEXTS_FORMAT = "policy-history-1"
LOG_FORMAT = "policy-history-log-1"
MAX_CACHED_TEXTS = 64
_NO_BLOB = "0" * 40


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def unit_texts(data: Any) -> Iterator[str]:
    """The source text of every unit of a master file's plain data (as `Unit.source_text`)."""
    if not isinstance(data, dict):
        return
    for key in ("title", "preamble"):
        if (text := _str(data.get(key))) is not None:
            yield text
    summary = data.get("summary")  # the key points, in the master's order (`master_units`)
    if isinstance(summary, list):
        for point in summary:
            if isinstance(point, dict) and (text := _str(point.get("text"))) is not None:
                yield text

    def walk(nodes: Any, with_title: bool) -> Iterator[str]:
        if not isinstance(nodes, list):
            return
        for node in nodes:
            if not isinstance(node, dict):
                continue
            parts = [_str(node.get("title")) if with_title else None, _str(node.get("text"))]
            joined = "\n".join(p for p in parts if p)
            if joined:
                yield joined
            yield from walk(node.get("items"), False)

    yield from walk(data.get("clauses"), True)
    footer = data.get("footer")
    if isinstance(footer, dict):
        for key in ("established", "signature"):
            if (text := _str(footer.get(key))) is not None:
                yield text
        revisions = footer.get("revisions")
        if isinstance(revisions, dict):
            for value in revisions.values():
                if (text := _str(value)) is not None:
                    yield text


def texts_by_fingerprint(raw: bytes, name: str) -> dict[str, str]:
    # A clean file by the quickest path (the same data as engine.read, tests/test_quickread.py)
    result = read_bytes_fastest(raw, name)
    if result.document is None:
        return {}
    return {fingerprint(t): t for t in unit_texts(result.document.data)}


def _git(cwd: Path, *args: str) -> bytes | None:
    """What `git args` prints in `cwd`, or None when git is missing, fails or does not answer
    within the time git is given (engine/inputs.py GIT_TIMEOUT_S): started as `git show-ref`
    is (engine/inputs.py `spawn`), without importing subprocess (2.5 ms of a check that finds
    a stale unit with no cache on)."""
    from .inputs import spawn  # here: a check with no drift asks git nothing

    try:
        done = spawn(["git", *args], cwd)()
    except OSError:
        return None
    return done[1] if not isinstance(done, str) and done[0] == 0 else None


class History:
    """Looks up old master texts by fingerprint; git is consulted only on the first miss."""

    def __init__(self, master_file: Path, previous: Path | None = None,
                 max_commits: int = MAX_COMMITS, memory: Memory | None = None) -> None:
        """`memory` keeps a blob's texts for the process (engine/loader.py `kept`, in the
        resident server)."""
        self._memory = memory
        self.master_file = Path(master_file)
        self.max_commits = max_commits
        self.known: dict[str, tuple[str, str]] = {}
        self._commits: list[str] | None = None
        self._next = 0
        self._folder: Path | None = None
        self._name: str | None = None
        self._blobs: dict[str, str] = {}  # commit -> the master's blob in it, from the log
        self._tool: str | None = None  # the cache's key of the tool, when the cache is on
        # `_ahead`: the master at HEAD being read, then its (blob, bytes)
        self._waiting: Callable[[], tuple[int, bytes, bytes] | str] | None = None
        self._head: tuple[str, bytes] | None = None
        if previous is not None:
            try:
                raw = Path(previous).read_bytes()
            except OSError:
                raw = b""
            for fp, text in texts_by_fingerprint(raw, str(previous)).items():
                self.known.setdefault(fp, (text, f"stored copy {previous}"))

    def _start_git(self) -> None:
        # Asked from the master's own folder, git takes the file's name relative to it (the log's
        # path, and `REV:./name`): no `git rev-parse --show-toplevel` first. Outside a
        # repository the log fails and there is no history.
        self._commits = []
        resolved = self.master_file.resolve()
        folder, name = self._folder, self._name = resolved.parent, resolved.name
        from .gitio import LOG  # the log whatever git's configuration says

        args = (*LOG, f"--max-count={self.max_commits}", "--format=%H", "--raw", "--no-abbrev",
                "--no-renames", "--", name)
        memory, state = self._memory, None
        if memory is not None:
            from .inputs import seen_git_state

            state = seen_git_state(folder)
        if memory is not None and state is not None:
            # The log of the commit HEAD names (the state's first line; a commit's history never
            # changes), kept by the whole state: the refs, replacements among them, and the
            # environment git read them in. A log git could not give is asked again next time.
            at = _at_state(args, state)
            log = _git(folder, *args) if at is None else memory(
                "history-log", (str(folder), at, state), lambda: _git(folder, *at),
                lambda out: out is not None)
        else:
            from .inputs import caches_on

            if not caches_on() and memory is None:  # else the texts are kept by blob
                self._ahead(folder, name)
            log = _logged(folder, args)
        if log:
            self._commits, self._blobs = _commits_and_blobs(log.decode("utf-8", "replace"))
        if not self._commits:
            self._head_file(None)  # no history: what `_ahead` started is only reaped

    def _ahead(self, folder: Path, name: str) -> None:
        """While git writes the log, read the master as HEAD holds it (`git cat-file --batch`
        of `HEAD:./name`) in a second git: the log's newest commit holds the same blob unless
        it is a merge, and its texts are the first the lookup needs. Two processes at once
        instead of one after the other (the log, then `git show`): a check that finds a stale
        unit with no cache waits for git once. Only with the caches off: its bytes are then read once, for the log's newest commit, right
        after the log (`_head_file`, which reaps the process whatever the log says)."""
        from .inputs import spawn

        try:
            self._waiting = spawn(["git", "cat-file", "--batch"], folder,
                                  feed=os.fsencode(f"HEAD:./{name}") + b"\n")
        except OSError:
            self._waiting = None

    def _head_file(self, blob: str | None) -> bytes | None:
        """The bytes `_ahead` read, when they are the file's `blob` (the log's newest
        commit's); else None."""
        if self._waiting is not None:  # reaped whatever comes of it
            done, self._waiting = self._waiting(), None
            self._head = _blob_of(done[1]) if not isinstance(done, str) and done[0] == 0 \
                else None
        if self._head is None or blob is None or self._head[0] != blob:
            return None
        return self._head[1]

    def read_log(self) -> None:
        """Ask git for the master's log now, if it was not asked yet (the server's warm-up:
        then a later command in the same repository state finds it kept)."""
        if self._commits is None:
            self._start_git()

    def __call__(self, fp: str) -> tuple[str, str] | None:
        """The old text with this fingerprint and where it came from, or None."""
        if fp in self.known:
            return self.known[fp]
        if self._commits is None:
            self._start_git()
        assert self._commits is not None
        while self._next < len(self._commits):
            commit = self._commits[self._next]
            self._next += 1
            texts = self._texts_at(commit)
            if texts is None:
                continue
            for found, text in texts.items():
                self.known.setdefault(found, (text, f"git {commit[:10]}"))
            if fp in self.known:
                return self.known[fp]
        return None

    def _texts_at(self, commit: str) -> dict[str, str] | None:
        """`texts_by_fingerprint` of the master at `commit` (from the cache when it is on and
        the log named the blob), or None when git cannot show it. The server keeps a blob's
        texts in memory: they are a function of its bytes, which its id names."""
        assert self._folder is not None and self._name is not None
        blob = self._blobs.get(commit)
        if blob is not None and blob != _NO_BLOB and self._memory is not None:
            # a blob git could not show is asked again next time
            return self._memory("history-texts", blob,
                                lambda: self._texts_of_blob(commit, blob),
                                lambda found: found is not None)
        return self._texts_of_blob(commit, blob)

    def _texts_of_blob(self, commit: str, blob: str | None) -> dict[str, str] | None:
        from .inputs import caches_on

        assert self._folder is not None and self._name is not None
        key = None
        if blob is not None and caches_on():
            if blob == _NO_BLOB:  # deleted in this commit: `git show` has nothing
                return None
            key = self._texts_key(blob)
            hit = _cached_texts(key)
            if hit is not None:
                return hit
        raw = self._head_file(blob) if commit == (self._commits or [""])[0] else None
        if raw is None:
            raw = _git(self._folder, "show", f"{commit}:./{self._name}")
        if raw is None:
            return None
        texts = texts_by_fingerprint(raw, f"{commit[:10]}:{self._name}")
        if key is not None:
            from .inputs import write_private_pickle

            write_private_pickle(texts_cache_dir(), key, TEXTS_FORMAT.encode(), texts,
                                 MAX_CACHED_TEXTS)
        return texts

    def _texts_key(self, blob: str) -> str:
        from .inputs import Digest, add_tool

        if self._tool is None:
            tool = Digest("policy-history-tool")
            add_tool(tool)
            self._tool = tool.hexdigest()
        digest = Digest(TEXTS_FORMAT)
        digest.add("tool", self._tool)
        digest.add("blob", blob)
        return digest.hexdigest()


def _logged(folder: Path, args: tuple[str, ...]) -> bytes | None:
    """`git log` of the master in `folder`, from the cache when it is on and this process read
    the repository's state already (the check's cache key reads it first): the log of the
    commit HEAD names never changes, so it is kept by that state (every ref, HEAD first, and
    the environment git read them in) and by what could rewrite history without moving a ref
    (a shallow clone's boundary, grafts). Without a state, or with the caches off, git is asked."""
    from .inputs import caches_on, seen_git_state

    state = seen_git_state(folder) if caches_on() else None
    if state is None:
        return _git(folder, *args)
    at = _at_state(args, state)
    if at is None:
        return _git(folder, *args)
    args = at
    from .inputs import Digest, history_rewriters, read_private_pickle, write_private_pickle

    digest = Digest(LOG_FORMAT)
    digest.add("folder", str(folder))
    digest.add("args", "\0".join(args))
    digest.add("state", "\0".join(state))
    digest.add("rewriters", history_rewriters(folder))
    key = digest.hexdigest()
    hit = read_private_pickle(texts_cache_dir(), key, LOG_FORMAT.encode())
    if isinstance(hit, bytes):
        return hit
    log = _git(folder, *args)
    if log is not None:
        write_private_pickle(texts_cache_dir(), key, LOG_FORMAT.encode(), log, MAX_CACHED_TEXTS)
    return log


def _blob_of(batch: bytes) -> tuple[str, bytes] | None:
    """(blob id, bytes) of the one object `git cat-file --batch` printed, or None when it
    names none (a missing file: "HEAD:./ja.yaml missing") or is not a blob."""
    header, _, rest = batch.partition(b"\n")
    fields = header.split()
    if len(fields) != 3 or fields[1] != b"blob" or not fields[2].isdigit():
        return None
    size = int(fields[2])
    if len(rest) != size + 1:
        return None
    return fields[0].decode("ascii", "replace"), rest[:size]


def _at_state(args: tuple[str, ...], state: tuple[str, str]) -> tuple[str, ...] | None:
    """`git log` `args` of the commit HEAD named when `state` was read (`seen_git_state`), not
    of HEAD now: a commit made since (in another terminal, while the check ran) must not be
    kept under the refs as they were before it. None when the state names no HEAD first
    (then the log is not kept)."""
    from .inputs import state_head

    commit = state_head(state[1])
    if commit is None:
        return None
    cut = args.index("--")
    return (*args[:cut], commit, *args[cut:])


def _commits_and_blobs(log: str) -> tuple[list[str], dict[str, str]]:
    """The commits of `git log --format=%H --raw -- FILE`, newest first, and the file's blob
    in each commit whose raw line names one (a regular file's; a merge has no raw line)."""
    commits: list[str] = []
    blobs: dict[str, str] = {}
    for line in log.splitlines():
        if line.startswith(":"):
            fields = line.partition("\t")[0].split()
            if commits and len(fields) == 5 and fields[1] in ("100644", "100755", "000000"):
                blobs[commits[-1]] = fields[3]
        elif line.strip():
            commits.append(line.strip())
    return commits, blobs


def texts_cache_dir() -> Path:
    from .inputs import cache_folder

    return cache_folder("history")


def _cached_texts(key: str) -> dict[str, str] | None:
    from .inputs import read_private_text_map

    return read_private_text_map(texts_cache_dir(), key, TEXTS_FORMAT.encode())
