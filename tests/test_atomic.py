"""Nothing written is lost: every command that writes does so atomically, and the tools'
round trip leaves every shipped YAML file unchanged byte for byte.

Each writer (bundle --out, schema, build, stamp, revise) runs three ways: normally (its targets
change, and no target is ever opened for writing in place), with the final rename failing,
and with the write failing half way. A failed run must leave every target byte-identical and
leave no temporary file behind.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import main

from .conftest import FIXTURES, POLICY


@dataclass
class Writer:
    name: str
    args: list[str]
    targets: list[Path]  # files (or folders) the command replaces
    watch: list[Path]  # folders whose listing must not change when the command fails


def _snapshot(paths: list[Path]) -> dict[str, bytes | None]:
    out: dict[str, bytes | None] = {}
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file():
                    out[str(f)] = f.read_bytes()
        elif p.exists():
            out[str(p)] = p.read_bytes()
        else:
            out[str(p)] = None
    return out


def _listing(folders: list[Path]) -> dict[str, list[str]]:
    return {str(f): sorted(x.name for x in f.iterdir()) for f in folders}


def _bundle(tmp: Path) -> Writer:
    out = tmp / "out" / "policy.json"
    out.parent.mkdir()
    out.write_text("old bundle\n", "utf-8")
    return Writer("bundle", ["bundle", "--policy", str(FIXTURES / "mini"), "--out", str(out)],
                  [out], [out.parent])


def _schema(tmp: Path) -> Writer:
    folder = tmp / "schemas"
    folder.mkdir()
    targets = [folder / "schema.master.json", folder / "schema.translation.json"]
    for t in targets:
        t.write_text("{}\n", "utf-8")
    return Writer("schema", ["schema", "--out", str(folder)], targets, [folder])


def _build(tmp: Path) -> Writer:
    site = tmp / "site"
    policy = tmp / "policy"
    shutil.copytree(POLICY, policy)
    args = ["build", "--policy", str(policy), "--out", str(site), "--allow-drift"]
    first = _run(args)  # a previous site, which the next build must replace whole or not at all
    assert first.exit_code == 0, first.output
    index = site / "index.html"
    index.write_bytes(index.read_bytes().replace(b"</html>", b"<!-- previous build --></html>"))
    return Writer("build", args, [site], [tmp])


def _stamp(tmp: Path) -> Writer:
    policy = tmp / "mini"
    shutil.copytree(FIXTURES / "mini", policy)  # en.yaml carries no fingerprints yet
    return Writer("stamp", ["stamp", "en", "--all", "--policy", str(policy)], [policy / "en.yaml"],
                  [policy])


WRITERS: list[Callable[[Path], Writer]] = [_bundle, _schema, _build, _stamp]
IDS = ["bundle", "schema", "build", "stamp"]


@pytest.fixture(autouse=True)
def _chdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def opened_for_writing(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every path opened for writing by name (not by file descriptor) during the test."""
    seen: list[Path] = []
    real_open = builtins.open

    def spy(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+"):
            seen.append(Path(file).absolute())
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    yield seen


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("make", WRITERS, ids=IDS)
def test_writer_replaces_its_targets_and_never_writes_them_in_place(
        make: Callable[[Path], Writer], tmp_path: Path, opened_for_writing: list[Path]) -> None:
    w = make(tmp_path)
    before = _snapshot(w.targets)
    opened_for_writing.clear()  # the setup wrote the old versions
    result = _run(w.args)
    assert result.exit_code == 0, result.output
    assert _snapshot(w.targets) != before, "the command changed nothing; the test proves nothing"
    for path in opened_for_writing:
        for target in w.targets:
            t = target.absolute()
            assert path != t and t not in path.parents, f"{path} was written in place"


def _fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device (simulated)")

    monkeypatch.setattr(os, "replace", boom)
    monkeypatch.setattr(os, "rename", boom)


class _HalfWriter(io.RawIOBase):
    """A file that writes half of what it is given, then fails, like a full disk."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: Any) -> int:
        self.real.write(data[: max(1, len(data) // 2)])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device (simulated, mid-write)")

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        self.real.close()
        super().close()

    def fileno(self) -> int:
        return int(self.real.fileno())


def _fail_midway(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _HalfWriter(real_fdopen(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fdopen)
    real_open = builtins.open

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        real = real_open(file, mode, *args, **kwargs)
        return _HalfWriter(real) if any(c in mode for c in "wax+") else real

    monkeypatch.setattr(builtins, "open", open_)
    real_write_bytes = Path.write_bytes
    real_write_text = Path.write_text

    def write_bytes(self: Path, data: bytes) -> int:
        real_write_bytes(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device (simulated, mid-write)")

    def write_text(self: Path, data: str, *args: Any, **kwargs: Any) -> int:
        real_write_text(self, data[: len(data) // 2], *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device (simulated, mid-write)")

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(Path, "write_text", write_text)
    real_write = os.write

    def write(fd: int, data: Any) -> int:  # a file on the disk; a pipe (git's input) as ever
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return real_write(fd, data)
        real_write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, "No space left on device (simulated, mid-write)")

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("interrupt", [_fail_replace, _fail_midway], ids=["rename", "midway"])
@pytest.mark.parametrize("make", WRITERS, ids=IDS)
def test_interrupted_write_leaves_the_old_files_intact(
        make: Callable[[Path], Writer], interrupt: Callable[[pytest.MonkeyPatch], None],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = make(tmp_path)
    before = _snapshot(w.targets)
    listing = _listing(w.watch)
    interrupt(monkeypatch)
    result = _run(w.args)
    monkeypatch.undo()
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert _snapshot(w.targets) == before
    assert _listing(w.watch) == listing, "a temporary file or folder was left behind"


# -- revise: several files, one change ------------------------------------------------------


def _revision_plan(tmp: Path) -> tuple[Any, list[Path]]:
    from engine.diff.revise import RevisionPlan

    files = []
    for name in ("ja.yaml", "ru.yaml", "en.yaml"):
        p = tmp / name
        shutil.copy(POLICY / name, p)
        files.append(p)
    import datetime as dt

    plan = RevisionPlan(version_before="1.0.0", version="1.0.1", level="patch",
                        revision_id="test", date=dt.date(2030, 1, 1))
    for p in files:
        plan.texts[p] = p.read_text("utf-8") + "# revised\n"
    return plan, files


def test_revise_writes_each_file_atomically(tmp_path: Path,
                                            opened_for_writing: list[Path]) -> None:
    from engine.diff.revise import write_revision

    plan, files = _revision_plan(tmp_path)
    opened_for_writing.clear()
    write_revision(plan)
    for p in files:
        assert p.read_text("utf-8").endswith("# revised\n")
        assert p.absolute() not in opened_for_writing


def test_revise_that_fails_part_way_changes_no_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.diff.revise import write_revision

    plan, files = _revision_plan(tmp_path)
    before = {p: p.read_bytes() for p in files}
    listing = sorted(x.name for x in tmp_path.iterdir())
    real_replace = os.replace
    calls = []

    def second_fails(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device (simulated)")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(OSError):
        write_revision(plan)
    monkeypatch.undo()
    assert sorted(x.name for x in tmp_path.iterdir()) == listing
    assert {p: p.read_bytes() for p in files} == before


# -- round trip -----------------------------------------------------------------------------

SHIPPED = sorted(POLICY.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_edit_round_trip_of_a_shipped_file_is_byte_identical(path: Path) -> None:
    from engine.edit import edit_text

    original = path.read_text("utf-8")
    assert edit_text(original, lambda data: None) == original


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_edit_yaml_with_no_change_does_not_touch_the_file(path: Path, tmp_path: Path) -> None:
    from engine.edit import edit_yaml

    copy = tmp_path / path.name
    shutil.copy2(path, copy)
    mtime = copy.stat().st_mtime_ns
    result = edit_yaml(copy, lambda data: None)
    assert not result.changed
    assert copy.read_bytes() == path.read_bytes()
    assert copy.stat().st_mtime_ns == mtime


def test_stamping_the_shipped_policy_again_changes_no_byte(policy_copy: Path) -> None:
    """The shipped translations are stamped: stamping again is a no-op, byte for byte."""
    before = {p.name: p.read_bytes() for p in policy_copy.glob("*.yaml")}
    for lang in ("ru", "en"):
        result = _run(["stamp", lang, "--all", "--policy", str(policy_copy)])
        assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in policy_copy.glob("*.yaml")} == before


def test_a_real_stamp_changes_only_source_lines(tmp_path: Path) -> None:
    """Stamping an unstamped translation adds `source` and `target` values and changes nothing
    else."""
    policy = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", policy)
    before = (policy / "en.yaml").read_text("utf-8").splitlines()
    assert _run(["stamp", "en", "--all", "--policy", str(policy)]).exit_code == 0
    after = (policy / "en.yaml").read_text("utf-8").splitlines()
    import difflib

    removed = [line[1:] for line in difflib.ndiff(before, after) if line.startswith("- ")]
    added = [line[1:] for line in difflib.ndiff(before, after) if line.startswith("+ ")]
    assert added, "nothing was stamped"
    # a line that changed may only have gained a source or target fingerprint
    stripped = [line.replace(" ", "") for line in added]
    assert all("source" in line or "target" in line for line in stripped) or all(
        any(r.replace(" ", "") in a for a in stripped) for r in removed)


@pytest.mark.parametrize("durable", [True, False])
def test_a_cache_write_skips_only_the_wait_for_the_disk(tmp_path: Path, durable: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import engine.atomic as atomic

    synced: list[int] = []
    monkeypatch.setattr(atomic.os, "fsync", synced.append)
    target = tmp_path / "entry"
    target.write_bytes(b"old")
    atomic.write_bytes_atomic(target, b"new", durable=durable)
    assert target.read_bytes() == b"new" and len(synced) == (1 if durable else 0)
    assert [p.name for p in tmp_path.iterdir()] == ["entry"]  # no temporary file left


@pytest.mark.parametrize("count", [0, 1, 3, 20])
def test_every_file_is_flushed_once_and_the_first_error_is_raised_after_all(
        tmp_path: Path, count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sync_all` flushes each file exactly once, several at once (a build's pages); a file
    that cannot be flushed does not stop the others, and its error is raised after them."""
    import threading

    import engine.atomic as atomic

    fds = [os.open(tmp_path / f"page{i}", os.O_WRONLY | os.O_CREAT) for i in range(count)]
    try:
        synced: list[int] = []
        lock = threading.Lock()

        def fsync(fd: int) -> None:
            with lock:
                synced.append(fd)

        monkeypatch.setattr(atomic.os, "fsync", fsync)
        atomic.sync_all(fds)
        assert sorted(synced) == sorted(fds)
        if count < 3:
            return
        synced.clear()

        def failing(fd: int) -> None:
            with lock:
                synced.append(fd)
            if fd == fds[1]:
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "fsync", failing)
        with pytest.raises(OSError) as raised:
            atomic.sync_all(fds)
        assert raised.value.errno == errno.ENOSPC
        assert sorted(synced) == sorted(fds)
    finally:
        for fd in fds:
            os.close(fd)


def test_a_failed_write_is_named_by_the_file_asked_for_not_the_temporary_one(
        tmp_path: Path) -> None:
    from engine.atomic import WRITING, write_bytes_atomic, write_files_atomic

    target = tmp_path / "no-such-folder" / "report.md"
    with pytest.raises(FileNotFoundError) as raised:
        write_bytes_atomic(target, b"x")
    assert raised.value.filename == str(target) and getattr(raised.value, WRITING)
    # several files at once (renumber, revise): the one that cannot be written, by its name,
    # and no temporary file left beside the one that could
    ok = tmp_path / "ok.yaml"
    ok.write_text("old", "utf-8")
    with pytest.raises(FileNotFoundError) as raised:
        write_files_atomic({ok: "new", target: "x"})
    assert raised.value.filename == str(target) and getattr(raised.value, WRITING)
    assert ok.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.yaml"]


@pytest.mark.parametrize(("errno_", "form"), [
    ("ENOENT", "no_folder"), ("EACCES", "denied"), ("EPERM", "denied"),
    ("EROFS", "read_only"), ("ENOSPC", "full"), ("EISDIR", "directory")])
def test_a_write_the_system_refused_is_said_in_words_with_what_to_do(
        errno_: str, form: str) -> None:
    """IO005 by what happened, in ja and ru too (never the system's English), with a hint."""
    from engine.findings import unwritable
    from engine.humane import finding_text

    code = getattr(errno, errno_)
    d = unwritable(OSError(code, os.strerror(code), "out/report.md"), "out/report.md")
    assert d.code == "IO005" and dict(d.params) == {"form": form, "path": "out/report.md"}
    assert "out/report.md" in d.message and d.hint
    for lang in ("ja", "ru"):
        said = finding_text(d, lang)
        assert "out/report.md" in said and os.strerror(code) not in said
        assert d.message not in said and d.hint not in said
    other = unwritable(OSError(errno.EIO, "Input/output error"), "out/report.md")
    assert other.message == "cannot write the file: Input/output error" and not other.params


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "を書き込めません。書き込み先のフォルダーがありません（先にフォルダーを作るか"),
    ("ru", "»: папки для него не существует (сначала создайте папку"),
    ("en", "': its folder does not exist (create the folder first")])
def test_an_output_file_in_a_missing_folder_is_said_by_its_own_name(
        tmp_path: Path, lang: str, said: str) -> None:
    out = tmp_path / "missing" / "ru.xlf"
    result = CliRunner(env={"POLICY_LANG": lang}).invoke(
        main, ["xliff", "export", "ru", "--policy", str(POLICY), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{out}: IO005 " in result.output and said in result.output
    assert ".tmp" not in result.output and "No such file" not in result.output


# -- a folder replaced whole (`policy export cedar`): engine/atomic.py `write_folder_atomic`,
# and engine/export/files.py `folder_refusal`, which decides first whether it may be replaced

def _folder(tmp_path: Path, **files: str) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name, text in files.items():
        (out / name).write_text(text, "utf-8")
    return out


def test_a_folder_is_replaced_whole_only_when_it_holds_nothing_but_its_own_files(
        tmp_path: Path) -> None:
    from engine.atomic import write_folder_atomic
    from engine.export.files import folder_refusal

    out = _folder(tmp_path, **{"a.txt": "old", "b.txt": "old"})
    assert folder_refusal(out, ("a.txt", "b.txt"), "c") is None
    write_folder_atomic({"a.txt": "new"}, out)  # replaced whole: b.txt is gone
    assert {p.name: p.read_text("utf-8") for p in out.iterdir()} == {"a.txt": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it
    assert folder_refusal(tmp_path / "new", ("a.txt",), "c") is None


@pytest.mark.parametrize(("given", "files"), [
    ({"mine.txt": "mine"}, "mine.txt\x1fsub"),
    ({"entities.json": "{}", "d.md": "", "e.md": "", "f.md": "", "g.md": ""},
     "d.md\x1fe.md\x1ff.md\x1f…")])
def test_a_folder_holding_other_files_is_refused_as_a_value_and_nothing_changes(
        tmp_path: Path, given: dict[str, str], files: str) -> None:
    from engine.export.files import write_cedar
    from engine.humane import finding_text

    out = _folder(tmp_path, **given)
    (out / "sub").mkdir()  # a folder is never one of the files it wrote
    refused = write_cedar({}, out)  # refused before the bundle is read
    assert refused is not None and refused.code == "IO005" and refused.file == str(out)
    assert dict(refused.params) == {"form": "others", "path": str(out),
                                    "command": "policy export cedar", "files": files}
    for lang in ("ja", "ru"):
        said = finding_text(refused, lang)
        assert str(out) in said and refused.message not in said
        assert refused.hint is not None and refused.hint not in said
    assert {p.name: p.read_text("utf-8") for p in out.iterdir() if p.is_file()} == given
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_file_or_a_link_where_the_folder_goes_is_refused(tmp_path: Path) -> None:
    from engine.export.files import write_cedar

    (tmp_path / "file").write_text("mine", "utf-8")
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    for name in ("file", "link"):
        refused = write_cedar({}, tmp_path / name)
        assert refused is not None and dict(refused.params)["form"] == "not_folder"
    assert (tmp_path / "file").read_text("utf-8") == "mine" and (tmp_path / "link").is_symlink()
    assert not any((tmp_path / "real").iterdir())


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_the_folder_and_its_files_get_the_modes_of_any_new_folder_and_file(
        tmp_path: Path, mask: int) -> None:
    from engine.atomic import write_folder_atomic

    old = os.umask(mask)
    try:
        write_folder_atomic({"a.txt": "x"}, tmp_path / "new" / "out")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new" / "out").stat().st_mode) == 0o777 & ~mask
    assert stat.S_IMODE((tmp_path / "new" / "out" / "a.txt").stat().st_mode) == 0o666 & ~mask


def test_a_folder_that_cannot_be_written_keeps_the_old_one_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import engine.atomic as atomic

    out = _folder(tmp_path, **{"a.txt": "old"})

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "write_all", full)
    with pytest.raises(OSError) as raised:
        atomic.write_folder_atomic({"a.txt": "new"}, out)
    assert raised.value.filename == str(out) and getattr(raised.value, atomic.WRITING)
    assert (out / "a.txt").read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
