"""A content hash of everything a run reads: files and folders, the git refs, the tool itself (stdlib only).

Shared by the console script's result cache (engine/cli/cached.py) and the cache of check
results (engine/checkcache.py); the private pickle files every cache below the console
script keeps (engine/loader.py, engine/history.py, engine/checkcache.py, render/). Nothing here imports more than the standard library, and
subprocess only when used, and never hashlib (keys: engine/hashing.py `key_hash`): the console
script hashes before importing click.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

TOOL_ROOT = Path(__file__).resolve().parent.parent  # holds engine/ and render/
TOOL_PACKAGES = ("engine", "render")
TOOL_SUFFIXES = (".py", ".css", ".html", ".js", ".json", ".toml", ".rego", ".cedar", ".txt",
                 ".yaml")


def cache_folder(name: str = "") -> Path:
    """The tool's folder (or its `name` subfolder) in the user's cache: $XDG_CACHE_HOME, by
    default ~/.cache, then cafetalk-policy/. Every cache of the tool lives there."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "cafetalk-policy"
    return folder / name if name else folder


class Uncacheable(Exception):
    """An input that is not a regular file (a fifo): the run reads it as usual, uncached."""


class Digest:
    """A key's hash (engine/hashing.py `key_hash`) over labelled values: each is preceded by
    its label and length, so no two different sequences of inputs hash alike; `size` counts
    the bytes hashed."""

    def __init__(self, fmt: str) -> None:
        from .hashing import key_hash

        self.h = key_hash(fmt.encode())
        self.size = 0

    def add(self, label: str, value: bytes | str) -> None:
        data = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
        self.size += len(data)
        self.h.update(f"{label}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        self.h.update(data)

    def path(self, path: Path, label: str) -> None:
        """A file's bytes (by their hash), or a folder's files (recursively, names
        included), or its absence. Within a phase of a command (`begin_command`), each file
        is read and hashed once for every key that names it."""
        try:
            if path.is_dir():
                for rel, child in files_below(str(path)):
                    self._file(f"{label}/{rel}", child)
                self.add(f"{label}/", "folder")
            elif path.is_file():
                self._file(label, str(path))
            elif os.path.lexists(path):
                raise Uncacheable(path)
            else:
                self.add(label, "absent")
        except OSError as exc:
            self.add(label, f"unreadable {exc.errno}")

    def _file(self, label: str, path: str) -> None:
        """A file's bytes, by their hash (`size` counts the bytes themselves)."""
        sha, size = _file_digest(path)
        self.add(label, sha)
        self.size += size - len(sha)

    def hexdigest(self) -> str:
        return self.h.hexdigest()


def _file_digest(path: str) -> tuple[bytes, int]:
    """The hash of a file's bytes (`key_hash`) and their number; within a phase of a command,
    the file is read once (`_READS`)."""
    from .hashing import key_hash

    memo = _READS
    if memo is not None:
        found = memo.get(path)
        if found is not None:
            return found
    with open(path, "rb") as fh:
        data = fh.read()
    made = (key_hash(data).digest(), len(data))
    if memo is not None:
        memo[path] = made
    return made


def _walk(folder: str, parts: tuple[str, ...], out: list[tuple[tuple[str, ...], str]],
          skip: frozenset[str]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file():
                out.append(((*parts, entry.name), entry.path))
            elif entry.is_dir():
                # A link to a folder is not followed (as Path.rglob does not follow it).
                if not entry.is_symlink() and entry.name not in skip:
                    _walk(entry.path, (*parts, entry.name), out, skip)
            else:
                raise Uncacheable(entry.path)  # a fifo, a socket: not a fixed input


def files_below(folder: str, skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(relative name, path) of every file below `folder`, in Path.rglob's sorted order (by
    parts), without building a Path per entry; folders named in `skip` are not entered."""
    found: list[tuple[tuple[str, ...], str]] = []
    _walk(folder, (), found, skip)
    found.sort()
    return [("/".join(parts), path) for parts, path in found]


def git_state(folder: Path) -> str:
    """The repository's refs as `git show-ref --head` prints them in `folder` (HEAD and every
    branch and tag: a new commit changes them), or why there are none."""
    return start_git_state(folder)()


def start_git_state(folder: Path) -> Callable[[], str]:
    """`git_state(folder)`, with git started now and its answer read when the returned function
    is called: the caller hashes its files while git runs. Call it exactly once."""
    if _AFTER_STATES is not None:
        seen = _AFTER_STATES.get((os.path.realpath(folder), git_environment()))
        if seen is not None:  # read once after the command's work, for every later key
            return lambda: seen
    if _AHEAD:
        ahead = _AHEAD.pop((os.path.realpath(folder), git_environment()), None)
        if ahead is not None:  # started ahead (`refs_ahead`, `later`'s `refs`)
            return ahead
    try:
        ran = spawn(["git", "show-ref", "--head"], folder if folder.is_dir() else None)
    except Exception as exc:  # as subprocess: no git, said as such
        failed = f"no git: {type(exc).__name__}"
        return lambda: failed

    after = _AFTER_STATES  # the refs as read after the command's work, if started then

    def finish() -> str:
        done = ran()
        if isinstance(done, str):
            return f"no git: {done}"
        code, out, _ = done
        state = f"{code}\n{out.decode('utf-8', 'replace')}"
        _SEEN_STATES[os.path.realpath(folder)] = (os.getpid(), git_environment(), state)
        if after is not None and after is _AFTER_STATES:
            after[(os.path.realpath(folder), git_environment())] = state
        return state

    return finish


GIT_TIMEOUT_S = 20


# The output pipe of a command that prints much (`git cat-file --batch` of every version's
# master: megabytes): the default 64 KiB make the build's history thread take the interpreter
# back once per 64 KiB, each time after the checks' switch interval.
LARGE_PIPE_BYTES = 1024 * 1024


def spawn(args: list[str], cwd: Path | None, *, feed: bytes | None = None,
          errors: bool = False, timeout: float | None = None, large: bool = False
          ) -> Callable[[], tuple[int, bytes, bytes] | str]:
    """Start git (`args`, found on PATH) in `cwd` (as `git -C cwd`); the returned function
    waits for it: (exit code, its output, its errors), or why there is none (as subprocess
    names it: "TimeoutExpired" after `timeout` seconds, GIT_TIMEOUT_S by default, when it is
    killed). Its input is `feed` (else empty); its errors are read when `errors` is true
    (else dropped: b""). OSError when git cannot be started (FileNotFoundError: there is
    none). Through os.posix_spawnp where there is one: a command that asks git never imports
    subprocess (2.5 ms of a check; more on the build's history thread, which then competes
    with the checks for the interpreter); else through subprocess. `large`: the output is
    expected to be large: read through a pipe of LARGE_PIPE_BYTES where the system allows
    one (Linux), in chunks of that size."""
    limit = GIT_TIMEOUT_S if timeout is None else timeout
    if not hasattr(os, "posix_spawnp"):  # pragma: no cover - Windows
        return _spawn_subprocess(args, cwd, feed, errors, limit)
    import signal

    argv = [args[0], *(["-C", str(cwd)] if cwd is not None else []), *args[1:]]
    theirs: list[int] = []  # the child's ends of the pipes: closed here once it has them
    mine: dict[str, int] = {}
    try:
        actions: list[tuple[object, ...]] = []
        for name, fd, wanted in (("in", 0, feed is not None), ("out", 1, True),
                                 ("err", 2, errors)):
            if not wanted:
                actions.append((os.POSIX_SPAWN_OPEN, fd, os.devnull,
                                os.O_RDONLY if fd == 0 else os.O_WRONLY, 0))
                continue
            read, write = os.pipe()
            mine[name], child = (write, read) if fd == 0 else (read, write)
            if large and fd == 1:
                _widen(read)
            theirs.append(child)
            actions.append((os.POSIX_SPAWN_DUP2, child, fd))
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions,
                              setsigdef=(signal.SIGPIPE,))  # as subprocess restores it
    except BaseException:
        for fd in mine.values():
            os.close(fd)
        raise
    finally:
        for fd in theirs:
            os.close(fd)
    feed = feed or b""
    written = 0
    if "in" in mine:  # what fits in the pipe now: git reads it while the caller works
        os.set_blocking(mine["in"], False)
        written = _write_some(mine["in"], feed)
        if written >= len(feed):
            os.close(mine.pop("in"))
    chunk = LARGE_PIPE_BYTES if large else 65536
    return lambda: _collect(pid, mine, feed[written:], limit, chunk)


def start_apart(argv: list[str]) -> bool:
    """Start `argv` (its program found on PATH) in a session of its own, reading and writing
    nothing (/dev/null), and never wait for it: it goes on after this process ends. False
    when it cannot be started so (no posix_spawnp, as on Windows; no such program)."""
    if not hasattr(os, "posix_spawnp"):  # pragma: no cover - Windows
        return False
    import signal

    actions = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY, 0)
               for fd in (0, 1, 2)]
    try:
        os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions, setsid=True,
                        setsigdef=(signal.SIGPIPE,))  # as subprocess restores it
    except (OSError, NotImplementedError):
        return False
    return True


def _widen(fd: int) -> None:
    """Make the pipe `fd` hold LARGE_PIPE_BYTES, where the system can (else it stays as it
    is: the answer is the same, read in more turns)."""
    import fcntl

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is None:  # pragma: no cover - not Linux
        return
    try:
        fcntl.fcntl(fd, setting, LARGE_PIPE_BYTES)
    except OSError:  # above /proc/sys/fs/pipe-max-size, or the user's pipe quota is used
        pass


def _write_some(fd: int, data: bytes) -> int:
    """How much of `data` the non-blocking pipe `fd` took now (0 when it is full); all of it
    when the process stopped reading (what it said still counts)."""
    try:
        return os.write(fd, data[:65536]) if data else 0
    except BlockingIOError:
        return 0
    except BrokenPipeError:
        return len(data)


def _collect(pid: int, fds: dict[str, int], feed: bytes, limit: float, chunk: int = 65536
             ) -> tuple[int, bytes, bytes] | str:
    """Feed the process (`fds["in"]`), read its output and errors (`fds["out"]`, `fds["err"]`,
    `chunk` bytes at most at a time) until it closes them, and reap it; killed after `limit`
    seconds."""
    import select
    import signal

    readers = {fds[name]: name for name in ("out", "err") if name in fds}
    said: dict[str, list[bytes]] = {"out": [], "err": []}
    into, written = fds.get("in"), 0
    poll = select.poll()
    for fd in readers:
        poll.register(fd, select.POLLIN)
    if into is not None:  # non-blocking since `spawn`
        poll.register(into, select.POLLOUT)
    deadline = time.monotonic() + limit
    reaped = False
    try:
        while readers or into is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not (events := poll.poll(left * 1000)):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                reaped = True
                return "TimeoutExpired"
            for fd, _ in events:
                if fd == into:
                    written += _write_some(fd, feed[written:])
                    if written >= len(feed):
                        poll.unregister(fd)
                        os.close(fd)
                        into = None
                elif data := os.read(fd, chunk):
                    said[readers[fd]].append(data)
                else:  # closed by the process
                    poll.unregister(fd)
                    os.close(fd)
                    del readers[fd]
    except BaseException:  # interrupted, or a read failed: as subprocess, kill it and reap it
        if not reaped:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        raise
    finally:
        for fd in [*readers, *([into] if into is not None else [])]:
            os.close(fd)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    return code, b"".join(said["out"]), b"".join(said["err"])


def _spawn_subprocess(args: list[str], cwd: Path | None, feed: bytes | None, errors: bool,
                      limit: float
                      ) -> Callable[[], tuple[int, bytes, bytes] | str]:  # pragma: no cover
    import subprocess

    proc = subprocess.Popen(args, cwd=cwd,
                            stdin=subprocess.DEVNULL if feed is None else subprocess.PIPE,
                            stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE if errors else subprocess.DEVNULL)

    def wait() -> tuple[int, bytes, bytes] | str:
        try:
            out, said = proc.communicate(feed, timeout=limit)
        except subprocess.TimeoutExpired:  # as subprocess.run: kill it, then say why
            proc.kill()
            proc.communicate()
            return "TimeoutExpired"
        return proc.returncode, out, said or b""

    return wait


# The last git_state of each folder (by its real path) in this process: (the process's id,
# what of the environment git reads, the state). A forked child does not take its parent's.
_SEEN_STATES: dict[str, tuple[int, str, str]] = {}
GIT_ENV = ("HOME", "XDG_CONFIG_HOME")  # besides GIT_*: where git finds its settings


def git_environment() -> str:
    """What of the environment decides which repository git reads and how: GIT_* and
    GIT_ENV, as one text."""
    return "\0".join(f"{k}={v}" for k, v in sorted(os.environ.items())
                     if k.startswith("GIT_") or k in GIT_ENV)


def seen_git_state(folder: Path) -> tuple[str, str] | None:
    """What of the environment git reads, and the git state (`git_state`: a repository's
    refs, HEAD first) this process last read for `folder` in that environment; None when it
    read none, or git failed."""
    seen = _SEEN_STATES.get(os.path.realpath(folder))
    if seen is None or seen[0] != os.getpid() or seen[1] != git_environment():
        return None
    return (seen[1], seen[2]) if seen[2].startswith("0\n") else None


def state_head(state: str) -> str | None:
    """The commit HEAD named in a state `git_state` read (its first ref, when git answered),
    or None: a history read at that commit, not at HEAD now, can be kept by the state (a
    commit made since, while the command ran, is not under the refs as they were)."""
    first = state.split("\n", 2)[1] if state.startswith("0\n") and state.count("\n") >= 2 else ""
    commit, _, ref = first.partition(" ")
    if ref != "HEAD" or len(commit) < 40 or any(c not in "0123456789abcdef" for c in commit):
        return None
    return commit


# The refs the console script read for its result cache's key, just before the command ran
# (`keep_command_refs`): the check's own key takes them once (`command_refs`) instead of
# asking git again; a later key (the check that nothing changed while the command ran) asks.
_COMMAND_REFS: dict[str, tuple[int, str, str]] = {}


def keep_command_refs(folder: Path) -> None:
    """Keep the state this process last read for `folder` (`seen_git_state`) as the refs
    the command now starting runs on (the console script, after its key)."""
    seen = seen_git_state(folder)
    _COMMAND_REFS.clear()
    if seen is not None:
        _COMMAND_REFS[os.path.realpath(folder)] = (os.getpid(), seen[0], seen[1])


def command_refs(folder: Path) -> str | None:
    """The state `keep_command_refs` kept for `folder` in this process and environment, once:
    None after the first call, or when none was kept."""
    kept = _COMMAND_REFS.pop(os.path.realpath(folder), None)
    if kept is None or kept[0] != os.getpid() or kept[1] != git_environment():
        return None
    return kept[2]


def history_rewriters(folder: Path) -> str:
    """What changes the history git shows without moving a ref: a shallow clone's boundary
    (`shallow`, which a `git fetch --deepen` rewrites) and grafts (`info/grafts`), read from
    the repository's common folder (a worktree's `.git` file names it). As one text, empty
    files and absent ones told apart; "unknown" when the repository cannot be found this way
    (then every call differs, and nothing keyed by it is reused)."""
    named = os.environ.get("GIT_COMMON_DIR") or os.environ.get("GIT_DIR")
    here = Path(os.path.realpath(folder))
    for up in ((Path(named).parent,) if named else (here, *here.parents)):
        dot = Path(os.path.realpath(named)) if named else up / ".git"
        try:
            if dot.is_dir():  # a repository's folder, or (GIT_DIR) a worktree's own
                pointer = dot / "commondir"
                common = ((dot / pointer.read_text("utf-8").strip()).resolve()
                          if pointer.is_file() else dot)
            elif dot.is_file():
                line = dot.read_text("utf-8").strip()
                if not line.startswith("gitdir:"):
                    break
                gitdir = (up / line.removeprefix("gitdir:").strip()).resolve()
                pointer = gitdir / "commondir"
                common = ((gitdir / pointer.read_text("utf-8").strip()).resolve()
                          if pointer.is_file() else gitdir)
            else:
                continue
            parts = []
            for name in ("shallow", "info/grafts"):
                try:
                    parts.append(f"{name}={(common / name).read_bytes().hex()}")
                except FileNotFoundError:
                    parts.append(f"{name} absent")
            return f"{common}\n" + "\n".join(parts)
        except OSError:
            break
    return f"unknown {os.getpid()} {time.monotonic_ns()}"


# The tool's sources hash, by the size, modification and change times and inode of every source
# file: a run keys two or three caches, twice each, and reads the ~200 files only when one
# changed (a later process finds the hash in the cache folder, `_tool_hash`).
_TOOL_HASHES: dict[tuple[str, tuple[object, ...]], tuple[str, int]] = {}


def add_tool(digest: Digest, root: Path | None = None) -> None:
    """The tool itself: the Python executable and version, the bytes of every source file of
    engine/ and render/ (subfolders included) below `root`, and the modification times of the
    site-packages folders on sys.path (installing or upgrading a library changes them).
    `root` defaults to TOOL_ROOT (a test points it at a copy). The bytes are hashed again only
    when a file's size, modification or change time (ns) or inode changed: within a process
    from memory, across processes (the caches on) from the cache folder."""
    root = TOOL_ROOT if root is None else root
    digest.add("python", f"{sys.executable}\n{sys.version}")
    walked = _WALKS.get(str(root)) if _WALKS is not None else None
    if walked is None:
        walked = _walk_tool(root)
    sources, key, newest = walked
    # A file written in the last seconds could be written again within the same tick of the
    # file system's clock, at the same size, and keep its stamp: a walk (for the command) and
    # the hash of a stamp (here, and on disk for later processes) are kept only once every
    # file has settled, as git treats an index entry that may be "racily clean".
    settled = time.time_ns() - newest > SETTLED_NS  # now: before the files are read
    if _WALKS is not None and settled:
        _WALKS[str(root)] = walked
    known = _TOOL_HASHES.get(key)
    if known is None:
        known = _tool_hash(key, sources, keep=settled)
        if settled:
            _TOOL_HASHES[key] = known
    digest.add("tool", known[0])
    digest.size += known[1]
    for entry in sys.path:
        if not entry.endswith(("site-packages", "dist-packages")):
            continue  # the script's own folder, the standard library (sys.version says which)
        try:
            digest.add(f"sys.path:{entry}", str(os.stat(entry or ".").st_mtime_ns))
        except OSError:
            digest.add(f"sys.path:{entry}", "absent")


_Walked = tuple[list[tuple[str, str]], tuple[str, tuple[object, ...]], int]


def _walk_tool(root: Path) -> _Walked:
    """The tool's source files below `root` as (label, path) (path "" when unreadable), the
    stamp of them all (with the root), and the newest modification or change time of one."""
    sources: list[tuple[str, str]] = []  # (label, path), or (label, "") for an unreadable one
    stamp: list[object] = []
    newest = 0  # the newest modification or change time of a file
    for package in TOOL_PACKAGES:
        try:
            found = files_below(str(root / package), skip=frozenset({"__pycache__"}))
        except (OSError, Uncacheable):
            sources.append((f"tool:{package}", ""))
            stamp.append(package)
            continue
        for rel, source in found:
            if source.endswith(TOOL_SUFFIXES):
                try:
                    st = os.stat(source)
                    stamp.append((source, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                                  st.st_ino))
                    newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
                except OSError:
                    stamp.append(source)
                sources.append((f"tool:{package}/{rel}", source))
    return sources, (str(root), tuple(stamp)), newest


TOOL_FORMAT = b"policy-tool-1"
SETTLED_NS = 3_000_000_000  # older files keep their stamp (the coarsest clocks tick by 2 s)


def _tool_hash(key: tuple[str, tuple[object, ...]], sources: list[tuple[str, str]], *,
               keep: bool) -> tuple[str, int]:
    """The hash and size of the tool's sources. A process after the first reads it from the
    cache folder when the caches are on, by the same stamp (every file's size, modification
    and change times and inode: a write changes the change time, which nobody can set); it is
    written there when `keep`."""
    from .hashing import key_hash

    stamp = key_hash(repr(key).encode()).hexdigest() if caches_on() else None
    if stamp is not None:
        kept = read_private_pickle(cache_folder("tool"), stamp, TOOL_FORMAT)
        if (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], str)
                and isinstance(kept[1], int)):
            return kept[0], kept[1]
    tool = Digest("tool")
    for label, source in sources:
        if not source:
            tool.add(label, "unreadable")
            continue
        try:
            with open(source, "rb") as fh:
                tool.add(label, fh.read())
        except OSError:
            tool.add(f"tool:{source}", "unreadable")
    known = (tool.hexdigest(), tool.size)
    if stamp is not None and keep:
        write_private_pickle(cache_folder("tool"), stamp, TOOL_FORMAT, known, 8)
    return known


def add_pyprojects(digest: Digest, start: Path) -> None:
    """Every pyproject.toml from `start` upwards (present or absent): `[tool.policy]` settings
    such as the severities are read from the nearest one that has them."""
    for up in (start, *start.parents):
        digest.path(up / "pyproject.toml", f"pyproject:{up}")


CACHE_ENV = "POLICY_CACHE_SOURCES"  # set by the console script (engine/cli/cached.py)

# Work nothing in a command's answer depends on: the check that nothing a command read changed
# while it ran and the store of its result, the removal of the folder a build replaced. It
# runs at once, except in a process that runs one command (`begin_command`: the console
# script, engine/cli/client.py, and a command the resident server runs, engine/resident.py):
# there it runs once the command has said everything (in the server, after the client has
# the output and exit code, so that the legal team does not wait for a cache to be written;
# a build's old folder, `.<out>.old-<pid>` beside it, is then still there for a moment; the
# console script hands it to a process of its own, `hand_off_removals`).
_LATER: list[Callable[[], object]] | None = None


MAX_LATER = 32  # a command that runs long (the preview) holds no more than this


# The folders whose git refs kept work reads (by their real path), and the refs of each being
# read after the command's work (`start_git_state`'s answer to come), by real path and what
# of the environment git reads.
_REFS_LATER: dict[str, Path] = {}
_AHEAD: dict[tuple[str, str], Callable[[], str]] = {}


def refs_ahead(folder: Path) -> None:
    """In a process that runs one command (`begin_command`), start reading `folder`'s refs now
    for the first key that reads them (`start_git_state`): git answers while the command reads
    its files (a build's first key comes after the policy is loaded). Elsewhere nothing: a
    started git nobody asks for would hold a pipe open in a long-lived process."""
    if _WALKS is None or _AFTER_STATES is not None:
        return
    at = (os.path.realpath(folder), git_environment())
    if at not in _AHEAD:
        _AHEAD[at] = start_git_state(folder)


def later(work: Callable[[], object], refs: Path | None = None) -> None:
    """Run `work` now, or after the answer when deferring: work nothing in the answer depends
    on (it fills a cache, or removes a folder a build replaced). `refs`: the folder whose git
    refs the work reads (a key that checks nothing changed while the command ran): when the
    kept work begins, git is started for it at once, and answers while the work before it
    runs (a cache's store waits for git no more)."""
    if _LATER is None:
        work()
        return
    _LATER.append(work)
    if refs is not None:
        _REFS_LATER.setdefault(os.path.realpath(refs), refs)
    while len(_LATER) > MAX_LATER:
        _run(_LATER.pop(0))


def hand_off_removals() -> None:
    """Hand the folders that builds replaced (engine/atomic.py `FolderRemoval`, kept by
    `later`) to one process of their own (`rm -rf`, `start_apart`), which removes them after
    this process has ended: the console script calls this once the command has said
    everything. Removing a site (some 65 files in 25 folders) costs a file system a few
    milliseconds or, on a disk that syncs its journal, more than the build itself, and nothing
    reads the old folder any more: the new site was swapped in before the answer. Where that
    process cannot be started, they stay for `run_cache_work`."""
    if not _LATER:
        return
    from .atomic import FolderRemoval

    away = [work for work in _LATER if isinstance(work, FolderRemoval)]
    if away and start_apart(["rm", "-rf", "--", *(os.path.abspath(w.folder) for w in away)]):
        _LATER[:] = [work for work in _LATER if not isinstance(work, FolderRemoval)]


# The console script runs its kept work in a process of its own, forked once the command has
# said everything (`run_cache_work_apart`), unless this is set (to anything but "" or "0"):
# then it runs it before it ends, as before. Whoever reads the caches right after a command
# (the tests, a script that archives the cache folder) sets it, or waits (`wait_for_kept_work`).
WAIT_ENV = "POLICY_WAIT_FOR_CACHES"
# A file in the cache folder that each such process holds a shared lock on while it works
# (`wait_for_kept_work` takes it exclusively).
KEPT_WORK_LOCK = "kept-work.lock"


def run_cache_work_apart() -> bool:
    """Run the kept work (`run_cache_work`, a build's old folder included) in a child process
    that goes on after this one has ended: True in this process when the child took it, and
    then this process can end at once. The child runs in a session of its own (a Ctrl-C or a
    closed terminal does not stop it), reads and writes nothing of the command's (its standard
    streams on /dev/null) and holds a shared lock on `KEPT_WORK_LOCK` until it is done, taken
    before the fork (so the lock is held from the moment this process could end).

    False, and nothing done, where that cannot be done safely: nothing kept; POLICY_WAIT_FOR_
    CACHES set; no fork (Windows); a thread of this process still running (a fork would copy
    it stopped, holding whatever lock it held); the cache folder not writable."""
    if not _LATER or os.environ.get(WAIT_ENV, "0") not in ("", "0") or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    import fcntl

    folder = cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock = os.open(folder / KEPT_WORK_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_SH)
        for stream in (sys.stdout, sys.stderr):  # nothing the command said is written twice
            if stream is not None:
                stream.flush()
        pid = os.fork()
    except (OSError, ValueError):
        os.close(lock)
        return False
    if pid:
        os.close(lock)  # the child's copy holds the lock until it ends
        assert _LATER is not None
        _LATER.clear()  # the child's now: never run twice
        _REFS_LATER.clear()
        return True
    try:  # the child: never returns into the command
        os.setsid()
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        run_cache_work()
    finally:
        os._exit(0)


def wait_for_kept_work(timeout: float = 60.0, folder: Path | None = None) -> bool:
    """Wait until no process is running kept work for the cache folder `folder` (by default
    this user's, `cache_folder()`; `run_cache_work_apart`): True once none is, False after
    `timeout` seconds. For whoever reads the caches right after a command: the tests, the
    benchmark (so that no timed run shares the machine with the last one's kept work)."""
    import fcntl

    try:
        lock = os.open((folder if folder is not None else cache_folder()) / KEPT_WORK_LOCK,
                       os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return True  # no lock file: no such process has run here
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.002)
    finally:
        os.close(lock)


def deferring() -> bool:
    """Whether `later` keeps its work for `run_cache_work` (a process that runs one command)."""
    return _LATER is not None


def defer_cache_work() -> None:
    """From now on `later` keeps its work for `run_cache_work`."""
    global _LATER
    _LATER = []


# A process that runs one command (the console script, a server's command process) reads
# what does not change within a phase of it once: the tool's files are walked once before
# the command's work (every key taken before it stands for the tool as the command found
# it) and once after it, in `run_cache_work` (the checks that nothing changed while the
# command ran then walk them again, once); git's refs are read once after it too (before
# it, the console script's key reads them and the check's key takes them, `command_refs`).
# None: walked or read at every call (a library, the tests, the server itself).
_WALKS: dict[str, _Walked] | None = None
_AFTER_STATES: dict[tuple[str, str], str] | None = None
# The input files the keys name, likewise: read and hashed once before the command's work,
# whichever key names them first, and once after it (a build's three caches each check that
# the policy folder did not change while it ran: one fresh read of each file for the three).
_READS: dict[str, tuple[bytes, int]] | None = None


def begin_command() -> None:
    """This process runs one command from now on: `later` keeps its work for
    `run_cache_work`, and the tool's files are walked once until then."""
    global _WALKS, _AFTER_STATES, _READS
    defer_cache_work()
    _WALKS, _AFTER_STATES, _READS = {}, None, {}
    _AHEAD.clear()
    _REFS_LATER.clear()


def run_cache_work() -> None:
    """Run the kept work in order, work it adds included; a cache that cannot be kept only
    costs the next run its speed, so a failure stops nothing. After `begin_command`, the
    work's keys walk the tool's files and read git's refs afresh, once each."""
    global _WALKS, _AFTER_STATES, _READS
    if _WALKS is not None:
        _WALKS, _AFTER_STATES, _READS = {}, {}, {}
        _AHEAD.clear()  # refs read before the work and never taken: not the refs after it
        if _LATER:
            for folder in _REFS_LATER.values():
                _AHEAD[(os.path.realpath(folder), git_environment())] = start_git_state(folder)
    _REFS_LATER.clear()
    while _LATER:
        _run(_LATER.pop(0))


def _run(work: Callable[[], object]) -> None:
    try:
        work()
    except Exception:
        pass


def caches_on(cache: bool | None = None) -> bool:
    """`cache` if given, else whether the console script turned the caches on
    (POLICY_CACHE_SOURCES=1) and POLICY_NO_CACHE does not turn them off."""
    if cache is None:
        return os.environ.get(CACHE_ENV) == "1" and not os.environ.get("POLICY_NO_CACHE")
    return cache


def _pickling() -> Any:
    """The C pickler that `pickle` re-exports (the very same loads, dumps and errors), without
    the rest of `pickle` (its Python pickler, struct): 0.5 ms to import, not 2.2 ms, in every
    command that reads or writes a cache entry."""
    import importlib

    try:
        return importlib.import_module("_pickle")
    except ImportError:  # pragma: no cover - an interpreter without the C pickler
        return importlib.import_module("pickle")


def read_private_bytes(entry: Path) -> bytes | None:
    """The bytes of a cache entry, or None when it is missing or could have been written by
    anyone else than this user (its folder or itself writable by others)."""
    try:
        for path in (entry.parent, entry):
            st = path.stat()
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return None
        return entry.read_bytes()
    except (OSError, ValueError):  # ValueError: a name no file can have (a NUL in it)
        return None


def read_private_pickle(folder: Path, key: str, fmt: bytes) -> object | None:
    """The object stored by `write_private_pickle` under `key` in `folder`, or None when it is
    missing, damaged, of another format or key, or could have been written by anyone else."""
    # A pickle runs code when loaded: only the user's own entries, in a folder and a file
    # nobody else can write, are read.
    raw = read_private_bytes(folder / f"{key}.pickle")
    head = fmt + b" " + key.encode() + b"\n"
    if raw is None or not raw.startswith(head):
        return None
    try:
        found: object = _pickling().loads(raw[len(head):])
    except Exception:  # any damage to the entry (truncated, another format): load afresh
        return None
    return found


def read_private_text_map(folder: Path, key: str, fmt: bytes) -> dict[str, str] | None:
    """`read_private_pickle` of an entry that must be a mapping of text to text (None if not)."""
    found = read_private_pickle(folder, key, fmt)
    if not isinstance(found, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
        return None
    return found


def write_private_bytes(entry: Path, data: bytes) -> bool:
    """Store `data` atomically as `entry`, readable and writable by the user only, in the
    user's own folder (created 0700); False when it cannot be written (a cache that cannot be
    written only costs speed)."""
    from .atomic import write_bytes_atomic

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # not flushed to the disk: a damaged entry is refused and written again; 0600 even
        # over an entry others could write (refused when read, it would never be read again)
        write_bytes_atomic(entry, data, durable=False, mode=0o600)
    except OSError:
        return False
    return True


def write_private_pickle(folder: Path, key: str, fmt: bytes, value: object,
                         keep: int) -> None:
    """Store `value` atomically in the user's own `folder` (created 0700), keeping the `keep`
    newest entries; a cache that cannot be written only costs speed."""
    pickling = _pickling()
    try:
        data = pickling.dumps(value, protocol=-1)  # the highest
    except pickling.PicklingError:
        return
    if not write_private_bytes(folder / f"{key}.pickle",
                               fmt + b" " + key.encode() + b"\n" + data):
        return
    keep_newest(folder, ".pickle", keep)


def keep_newest(folder: Path, suffix: str, keep: int) -> None:
    """Remove all but the `keep` most recently written (or used) entries ending in `suffix`
    from a cache folder. The folder is listed at each store and its entries' times are read
    only when there are more than `keep` (no glob: its pattern would be compiled in every
    process that stores); an entry another process removed first is no matter."""
    try:
        with os.scandir(folder) as listed:
            entries = [entry.path for entry in listed if entry.name.endswith(suffix)]
        if len(entries) <= keep:
            return
        entries.sort(key=os.path.getmtime)
    except OSError:
        return
    for old in entries[:-keep]:
        try:
            os.unlink(old)
        except OSError:
            pass
