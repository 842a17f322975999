"""Atomic writes: a file is replaced whole or not at all, so an interrupted write loses nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _staging_file(target: Path, private: bool = True) -> tuple[int, str]:
    """A new file beside `target`, open for writing: readable by its owner only (as
    `tempfile.mkstemp` makes it: importing tempfile costs a command ~2 ms, for random names),
    or, not `private`, with the permissions any new file gets (0o666 less the umask)."""
    folder = os.fspath(target.parent)
    for _ in range(100):
        name = os.path.join(folder, f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, _FLAGS, 0o600 if private else 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


# At most this many fsyncs at once (`sync_all`).
SYNC_THREADS = 8


def sync_all(fds: list[int]) -> None:
    """Flush every open file `fds` to the disk, several at once: each fsync waits for the file
    system's journal, and a journal commits the files of concurrent fsyncs together (seven
    pages of a build: 18 ms one after another on this machine's busy disk, 11 ms at once;
    bench/README.md). A file that cannot be flushed stops none of the others; the first
    error is raised once all have ended."""
    if len(fds) <= 1:
        for fd in fds:
            os.fsync(fd)
        return
    import threading

    errors: list[OSError] = []

    def sync(part: list[int]) -> None:
        for fd in part:
            try:
                os.fsync(fd)
            except OSError as exc:
                errors.append(exc)

    count = min(SYNC_THREADS, len(fds))
    threads = [threading.Thread(target=sync, args=(fds[i::count],), name="policy-fsync")
               for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


# An OSError that `writing` marked: it came from writing the file it names (engine/cli/app.py
# says it as a write that failed, engine/findings.py `unwritable`).
WRITING = "policy_writing"


def writing(exc: OSError, target: Path | str) -> OSError:
    """`exc`, named by the file asked for (never the temporary one beside it) and marked as a
    failed write; its type and every other field kept."""
    exc.filename = os.fspath(target)
    setattr(exc, WRITING, True)
    return exc


def write_bytes_atomic(target: Path, data: bytes, *, durable: bool = True,
                       mode: int | None = None) -> None:
    """Write to a temporary file beside `target`, flush it to disk, then rename over `target`.

    `durable=False` (the caches) skips waiting for the disk (fsync, a few milliseconds a
    file): the rename still shows readers the whole old file or the whole new one, and an
    entry a crash left damaged is refused by its reader and written again. The new file has
    the old one's permissions, or `mode` when given (a cache entry: the owner's only), else
    those any new file gets (0o666 less the umask: an export or a bundle is published, and a
    web server that runs as another user must read it)."""
    target = Path(target)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            pass
    try:
        fd, tmp = _staging_file(target, private=mode is not None)
    except OSError as exc:
        raise writing(exc, target) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            writing(exc, target)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))


class FolderRemoval:
    """The removal of the folder a swap replaced (`replace_dir_atomic`), as work for its
    `remove_old`: the console script hands every such removal to a process of its own after
    the answer (engine/inputs.py `hand_off_removals`)."""

    __slots__ = ("folder",)

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


def replace_dir_atomic(staged: Path, target: Path, *,
                       remove_old: Callable[[Callable[[], object]], None] | None = None) -> None:
    """Swap a fully written folder into place; the old folder is removed only after the swap
    (by the work given to `remove_old`, a FolderRemoval, when given: `engine.inputs.later`
    removes it at once, or, run by the console script or the resident server, after the
    answer)."""
    staged, target = Path(staged), Path(target)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if old.exists():  # left by a process of this number that was stopped: rare
            import shutil  # only here (3 ms): the old folder is removed after the answer

            shutil.rmtree(old)
        os.replace(target, old)
    try:
        os.replace(staged, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        removal = FolderRemoval(old)
        if remove_old is None:
            removal()
        else:
            remove_old(removal)


def as_typed(path: Path | str) -> str:
    """A path as the user typed it, or by its full path where that names no folder by name
    (`.`, `..`): how a command says the file or folder it wrote or refused."""
    path = Path(path)
    return str(path) if path.name not in ("", ".", "..") else os.path.abspath(path)


def write_folder_atomic(files: Mapping[str, str], target: Path) -> None:
    """Replace the folder `target` whole with one holding `files` (name: text).

    The new folder is written beside `target`, flushed to the disk and swapped in
    (`replace_dir_atomic`), so a reader sees the whole old folder or the whole new one; the
    folder and its files get the permissions any new folder and file gets (0o777 and 0o666
    less the umask: an export is published, and a web server that runs as another user must
    read it). A file that cannot be written raises its OSError, named by `target` as typed
    (`writing`), and leaves the old folder and nothing else behind. Whether `target` may be
    replaced at all is the caller's to decide first (engine/export/files.py `folder_refusal`):
    everything in it is deleted."""
    shown, target = as_typed(target), Path(os.path.abspath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = staging_folder(target)
    except OSError as exc:
        raise writing(exc, shown) from None
    try:
        fds: list[int] = []
        try:
            for name, text in files.items():
                fds.append(os.open(staged / name, _FLAGS, 0o666))
                write_all(fds[-1], text.encode("utf-8"))
            sync_all(fds)
        finally:
            for fd in fds:
                os.close(fd)
        replace_dir_atomic(staged, target)
    except BaseException as exc:
        FolderRemoval(staged)()
        if isinstance(exc, OSError):
            writing(exc, shown)
        raise


def staging_folder(target: Path, mode: int = 0o777) -> Path:
    """A new folder beside `target`, to be swapped in for it (`replace_dir_atomic`): with the
    permissions any new folder gets, or `mode` less the umask (as tempfile.mkdtemp makes one,
    without importing tempfile and random for it)."""
    for _ in range(100):
        staged = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            os.mkdir(staged, mode)
        except FileExistsError:
            continue
        return staged
    raise FileExistsError(f"no new folder could be made beside {target}")


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to the file `fd` (os.write may write only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_files_atomic(texts: dict[Path, str]) -> None:
    """Replace several files as one change: all are written, or none is.

    Every new text is first written to a temporary file beside its target and flushed; only
    then are they renamed into place. If a rename fails, the files already replaced get their
    old bytes back, so a failed run changes no file.
    """
    staged: list[tuple[Path, str]] = []
    originals: dict[Path, bytes | None] = {}
    try:
        for target, text in texts.items():
            target = Path(target)
            originals[target] = target.read_bytes() if target.exists() else None
            try:
                fd, tmp = _staging_file(target, private=originals[target] is not None)
                staged.append((target, tmp))
                with os.fdopen(fd, "wb") as fh:
                    fh.write(text.encode("utf-8"))
                    fh.flush()
                    os.fsync(fh.fileno())
                if originals[target] is not None:
                    os.chmod(tmp, target.stat().st_mode & 0o777)
            except OSError as exc:
                raise writing(exc, target) from None
        done: list[Path] = []
        try:
            for target, tmp in staged:
                os.replace(tmp, target)
                done.append(target)
        except BaseException:
            for target in done:  # put back what this run already replaced
                old = originals[target]
                if old is None:
                    target.unlink(missing_ok=True)
                else:
                    write_bytes_atomic(target, old)
            raise
    finally:
        for _target, tmp in staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
