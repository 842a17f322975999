"""Old texts of the master by fingerprint, from git history of the master file or a stored copy.

Drift findings use them to show what changed in the Japanese since a unit was translated.
Nothing is checked out: revisions are read with `git show`. The walk over old files reads
plain data (engine/read.py, through engine/quickread.py's quickest path), not the current
models, so older layouts still yield their texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import fingerprint
from .quickread import read_bytes_quickly

MAX_COMMITS = 200
GIT_TIMEOUT_S = 20


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def unit_texts(data: Any) -> Iterator[str]:
    """The source text of every unit of a master file's plain data (as `Unit.source_text`)."""
    if not isinstance(data, dict):
        return
    for key in ("title", "preamble"):
        if (text := _str(data.get(key))) is not None:
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
    """Every unit text of a master file's bytes, by fingerprint."""
    return dict(_texts_by_fingerprint(raw, name))


@lru_cache(maxsize=256)
def _texts_by_fingerprint(raw: bytes, name: str) -> tuple[tuple[str, str], ...]:
    # A clean file by the quickest path (the same data as engine.read, tests/test_quickread.py).
    # A pure function of the bytes, kept by them: a process that checks twice (the preview,
    # the resident server's warm-up, then each of its commands) reads each old file once.
    result = read_bytes_quickly(raw, name)
    if result.document is None:
        return ()
    return tuple({fingerprint(t): t for t in unit_texts(result.document.data)}.items())


def _git(cwd: Path, *args: str) -> bytes | None:
    import subprocess  # here: a check with no drift asks git nothing (subprocess costs 2 %)

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True,
                              timeout=GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class History:
    """Looks up old master texts by fingerprint; git is consulted only on the first miss."""

    def __init__(self, master_file: Path, previous: Path | None = None,
                 max_commits: int = MAX_COMMITS) -> None:
        self.master_file = Path(master_file)
        self.max_commits = max_commits
        self.known: dict[str, tuple[str, str]] = {}
        self._commits: list[str] | None = None
        self._next = 0
        self._folder: Path | None = None
        self._name: str | None = None
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
        self._folder, self._name = resolved.parent, resolved.name
        log = _git(self._folder, "log", f"--max-count={self.max_commits}", "--format=%H",
                   "--", self._name)
        if log:
            self._commits = log.decode("ascii", "replace").split()

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
            assert self._folder is not None and self._name is not None
            raw = _git(self._folder, "show", f"{commit}:./{self._name}")
            if raw is None:
                continue
            for found, text in texts_by_fingerprint(raw, f"{commit[:10]}:{self._name}").items():
                self.known.setdefault(found, (text, f"git {commit[:10]}"))
            if fp in self.known:
                return self.known[fp]
        return None
