"""What the resident server keeps in memory for its commands, and the cache work they do after
their answer: never a different answer.

engine/loader.py keeps, only where `keep_reads()` was called (the server), each file's read
and shaped model by its bytes and name, and whole loaded folders by the sources cache's key;
engine/inputs.py's `later` runs cache work at once, or after the answer in a server's
command. These tests hold a kept load equal to a fresh one, an edited file read afresh, the
caches' off switch obeyed, and every piece of deferred work run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import inputs, loader
from engine.loader import load_folder


@pytest.fixture
def keeping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(inputs.CACHE_ENV, "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(loader, "_KEEP", False)
    monkeypatch.setattr(loader, "_KEPT", {})
    monkeypatch.setattr(loader, "_KEPT_MODELS", {})
    loader.keep_reads()
    yield


def _fresh(folder: Path, monkeypatch: pytest.MonkeyPatch) -> loader.Sources:
    with monkeypatch.context() as m:
        m.setattr(loader, "_KEEP", False)
        return load_folder(folder, cache=False)


def _retitle(path: Path, mark: str) -> None:
    text = path.read_text("utf-8")
    at = text.index("\n    title: ") + len("\n    title: ")
    end = text.index("\n", at)
    path.write_text(text[:end] + mark + text[end:], "utf-8")


def test_a_kept_load_is_a_fresh_load(keeping: None, policy_copy: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_folder(policy_copy)
    fresh = _fresh(policy_copy, monkeypatch)
    assert first == fresh
    assert [str(d) for d in first.diagnostics] == [str(d) for d in fresh.diagnostics]
    assert load_folder(policy_copy) is first  # the whole folder, from memory
    assert fresh.documents["en"] is not first.documents["en"]  # nothing kept without keep_reads


def test_an_edited_file_is_read_afresh_and_the_others_are_kept(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_folder(policy_copy)
    _retitle(policy_copy / "ru.yaml", "!")
    second = load_folder(policy_copy)
    assert second == _fresh(policy_copy, monkeypatch)
    assert second != first  # the edit is seen
    assert second.documents["ru"].text != first.documents["ru"].text
    assert second.documents["en"] is first.documents["en"]  # unchanged: read once
    assert second.translations["en"] is first.translations["en"]  # and shaped once


def test_no_cache_keeps_nothing(keeping: None, policy_copy: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    first, second = load_folder(policy_copy), load_folder(policy_copy)
    assert first == second
    assert second.documents["en"] is not first.documents["en"]
    assert loader._KEPT == {} and loader._KEPT_MODELS == {}


def test_cache_work_runs_at_once_unless_deferred(monkeypatch: pytest.MonkeyPatch) -> None:
    done: list[str] = []
    monkeypatch.setattr(inputs, "_LATER", None)
    inputs.later(lambda: done.append("now"))
    assert done == ["now"]
    inputs.defer_cache_work()

    def failing() -> None:
        raise OSError("a cache that cannot be written")

    def adding() -> None:
        done.append("second")
        inputs.later(lambda: done.append("added while running"))

    inputs.later(lambda: done.append("first"))
    inputs.later(failing)
    inputs.later(adding)
    assert done == ["now"]  # nothing before the answer
    inputs.run_cache_work()
    assert done == ["now", "first", "second", "added while running"]


def test_test_tables_are_kept_by_their_bytes(keeping: None, policy_copy: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.testing import read_tables

    files, _found, not_run = read_tables(policy_copy)
    not_run.append(None)  # type: ignore[arg-type]  # a caller's list is its own
    again = read_tables(policy_copy)
    assert again[0][0] is files[0] and again[2] == []
    table = sorted((policy_copy / "tests").glob("*.yaml"))[0]
    table.write_text(table.read_text("utf-8") + "\nnot: [closed\n", "utf-8")
    edited = read_tables(policy_copy)
    with monkeypatch.context() as m:
        m.setattr(loader, "_KEEP", False)
        fresh = read_tables(policy_copy)
    assert [str(d) for d in edited[1]] == [str(d) for d in fresh[1]] != []
    assert [t.path for t in edited[0]] == [t.path for t in fresh[0]]


def test_a_long_command_holds_only_so_much_deferred_work(monkeypatch: pytest.MonkeyPatch) -> None:
    done: list[int] = []
    monkeypatch.setattr(inputs, "_LATER", None)
    inputs.defer_cache_work()
    for i in range(inputs.MAX_LATER + 5):
        inputs.later(lambda i=i: done.append(i))  # type: ignore[misc]
    assert done == [0, 1, 2, 3, 4]  # the oldest ran; the rest wait for the answer
    inputs.run_cache_work()
    assert done == list(range(inputs.MAX_LATER + 5))


@pytest.mark.parametrize("keep", [True, False])
def test_a_fifo_among_the_tables_is_said_not_waited_on(keep: bool, keeping: None,
                                                       policy_copy: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A fifo named tests/*.yaml is "not a regular file" (IO002), as before the tables were
    kept: its bytes are never read for a key (which would wait for a writer)."""
    import os
    import threading
    import time

    from engine.testing import read_tables

    if not keep:
        monkeypatch.setattr(loader, "_KEEP", False)
    fifo = policy_copy / "tests" / "fifo.yaml"
    os.mkfifo(fifo)

    def writer() -> None:  # lets a reader that waits on the fifo go after 5 seconds
        time.sleep(5)
        os.close(os.open(fifo, os.O_RDWR))  # a writer that comes and goes: the reader sees EOF

    threading.Thread(target=writer, daemon=True).start()
    started = time.monotonic()
    _files, found, not_run = read_tables(policy_copy)
    assert time.monotonic() - started < 4, "the fifo was waited on"
    assert [d.code for d in found if d.file == str(fifo)] == ["IO002"]
    assert str(fifo) in [n.file for n in not_run]
