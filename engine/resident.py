"""The resident process: `policy server start` keeps the tool imported, and each command runs in a fresh fork of it.

A first `policy check` spends most of its time importing (click, ruamel.yaml, pydantic, the
engine) before it reads a byte of the policy. `policy server start` starts one background
process per user, Python and installation that imports all of it once and then waits on a
Unix socket. The console script (engine/cli/client.py) connects, sends its arguments, working
folder, environment, umask, the encodings of its streams and the signals it ignores, and
passes its own stdin, stdout and stderr as file descriptors. The server forks a watcher; the
watcher takes the client's folder and streams, says it is ready, and once the client says go
(a client that gave up in between never has its command run) forks the command's process,
which takes the client's environment, umask and signals and runs the command exactly as the
console script would (engine/cli/cached.py `main`). The watcher passes the client's signals
on (Ctrl-C, Ctrl-Z as a stop, `fg`, termination), kills the command if the client goes away
(as the command would have died with the client's process), and sends back how it ended: an
exit code, or the signal that ended it, with which the client then ends itself.

Why this gives the same answers as a fresh process:

* the child is a copy of a process that has only *imported* modules: nothing it could have
  read from a policy, a cache or the environment is in it before the fork, and every command
  reads its inputs anew, as a fresh process does;
* the client and the server must agree on everything fixed when Python starts (the executable
  and its version, `sys.path`, `sys.flags`, warning options, the file-system and locale
  encodings, PYTHONHASHSEED); otherwise the server refuses and the client runs the command
  itself;
* before each command the server compares the modification time and size of every module file
  it imported with what they were when it started; after an upgrade or an edit of the tool it
  refuses, stops, and the client runs the command itself;
* what the imports did to the environment (app.py's PYDANTIC_DISABLE_PLUGINS) is done again
  after the child takes the client's environment, as the imports would have done it.

Safety: the socket lives in a folder only its user may enter (`$XDG_RUNTIME_DIR` or `/tmp`,
`cafetalk-policy-<uid>`, mode 0700; a folder with other rights or owner is never used), and the
server serves only connections from its own user (SO_PEERCRED). One server per folder and
installation holds an exclusive lock; it stops after `idle` minutes without a command, when
its socket is removed, on `policy server stop`, or when the tool changes.

A command that finds no server starts one in the background for the commands after it when a
person runs it at a terminal (`starts_a_server`: never when stdin, stdout or stderr is not a
terminal, as for pipes, cron and most scripts, nor in CI or with POLICY_AUTO_SERVER=0), and
says so. `POLICY_NO_SERVER=1` makes the console script run every
command itself. The client's side is
standard library only and imports nothing but built-in modules: it runs before anything else.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from typing import Any

PROTOCOL = 2
NO_SERVER_ENV = "POLICY_NO_SERVER"
AUTO_ENV = "POLICY_AUTO_SERVER"  # "0": a command in a terminal does not start a server
DIR_ENV = "POLICY_SERVER_DIR"  # the folder of the socket (tests; default below)
DEFAULT_IDLE_MINUTES = 120
_HEADER = 8  # bytes of the request's length
# Unix sockets, descriptor passing and fork: Linux and the BSDs (macOS). Elsewhere every
# command runs in its own process, as without a server.
SUPPORTED = os.name == "posix" and hasattr(os, "fork")
STALE = 2  # the refusal when the tool changed since the server started
ANSWER_S = 10  # seconds the client waits for the server to take its command (then runs it)


def server_folder(environ: Mapping[str, str]) -> str:
    """The folder of this user's sockets: POLICY_SERVER_DIR, else $XDG_RUNTIME_DIR/cafetalk-policy,
    else /tmp/cafetalk-policy-<uid>."""
    chosen = environ.get(DIR_ENV)
    if chosen:
        return chosen
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "cafetalk-policy")
    return os.path.join("/tmp", f"cafetalk-policy-{os.getuid()}")


def identity() -> tuple[object, ...]:
    """Everything fixed for a process before its first line runs that can change what a
    command does: the interpreter, its search path, flags, options and encodings, the locale,
    the PYTHON* variables read at start-up, the user, groups, resource limits and priority."""
    import _locale
    import resource

    getencoding = getattr(_locale, "getencoding", None)
    limits = tuple(resource.getrlimit(getattr(resource, name)) for name in sorted(dir(resource))
                   if name.startswith("RLIMIT_"))
    try:
        nice: int | None = os.getpriority(os.PRIO_PROCESS, 0)
    except OSError:
        nice = None
    return (PROTOCOL, sys.executable, sys.version, tuple(sys.path), tuple(sys.flags),
            tuple(sys.warnoptions), tuple(sorted(sys._xoptions.items())),
            sys.getfilesystemencoding(), sys.getfilesystemencodeerrors(),
            getencoding() if getencoding is not None else None,
            _locale.setlocale(_locale.LC_CTYPE), sys.pycache_prefix,
            tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("PYTHON"))),
            os.geteuid(), os.getegid(), tuple(sorted(os.getgroups())), limits, nice)


def socket_path(environ: Mapping[str, str]) -> str:
    """The socket of the server for this Python and this installation of the tool."""
    import zlib

    here = os.path.dirname(os.path.abspath(__file__))
    name = "\0".join((sys.executable, sys.version, here))
    return os.path.join(server_folder(environ), f"server-{zlib.crc32(name.encode()):08x}.sock")


# A Unix socket's path has room for 107 bytes on Linux (108 with its NUL), 103 on the BSDs
# and macOS: a server whose path is longer cannot listen.
_SOCKET_ROOM = 103 if sys.platform == "darwin" or "bsd" in sys.platform else 107


def socket_fits(path: str) -> bool:
    """Whether a server can listen on `path` (it is short enough for a Unix socket)."""
    return len(os.fsencode(path)) <= _SOCKET_ROOM


class SocketPathTooLong(OSError):
    """The server's socket would be at a path longer than a Unix socket allows."""


def beside(path: str, kind: str) -> str:
    """The server's file of `kind` (lock, log, pages, failed) beside its socket `path`."""
    return f"{path[: -len('.sock')]}.{kind}"


def private_folder(folder: str) -> bool:
    """Whether `folder` is a real folder of this user that nobody else may enter."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    import stat

    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


# -- the client's side ---------------------------------------------------------------------------

def _stream(stream: Any) -> tuple[object, ...] | None:
    """How the child should open this stream again: (encoding, errors, line_buffering,
    write_through, buffered: whether a buffer sits under the text, as without
    PYTHONUNBUFFERED), or None when it is not an ordinary text stream."""
    try:
        return (stream.encoding, stream.errors, bool(stream.line_buffering),
                bool(getattr(stream, "write_through", False)),
                hasattr(stream.buffer, "raw"))
    except AttributeError:
        return None


def _frames(conn: Any) -> Iterator[tuple[bytes, int]]:
    """The server's replies: (tag, number) pairs of 1 + 8 bytes."""
    buffer = b""
    while True:
        while len(buffer) >= 9:
            yield buffer[:1], int.from_bytes(buffer[1:9], "big", signed=True)
            buffer = buffer[9:]
        try:
            chunk = conn.recv(4096)
        except InterruptedError:  # pragma: no cover - PEP 475 retries this
            continue
        if not chunk:
            return
        buffer += chunk


def connect(environ: Mapping[str, str]) -> Any | None:
    """A connection to this user's running server, or None (none running, not safe, or a
    system without Unix sockets and fork)."""
    if not SUPPORTED:
        return None
    import _socket

    path = socket_path(environ)
    if not private_folder(os.path.dirname(path)):
        return None
    conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        return None
    return conn


def send_request(conn: Any, request: dict[str, Any], fds: tuple[int, ...] = ()) -> None:
    import _socket

    payload = marshal.dumps(request)
    header = len(payload).to_bytes(_HEADER, "big")
    rights = b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in fds)
    ancillary = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, rights)] if fds else []
    conn.sendmsg([header], ancillary)
    conn.sendall(payload)


def command_of(argv: list[str]) -> str | None:
    """The command named in `argv`: the first word that is not an option, nor the value of a
    `--lang` before it (`policy --help --lang ja`, a help page, names no command)."""
    value = False
    for arg in argv:
        if not value and not arg.startswith("-"):
            return arg
        value = arg == "--lang" and not value
    return None


def run_in_server(argv: list[str]) -> int | None:
    """Run `policy argv` in the resident server, if one is running and will take it: the exit
    code, or None when the caller must run the command itself (no server, it refused, or it
    did not answer in time; the command then has not run there: it runs only after the client
    said go)."""
    environ = os.environ
    if environ.get(NO_SERVER_ENV) or command_of(argv) == "server" or not SUPPORTED:
        return None  # `policy server stop` must not renew a server that the tool outdated
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
        streams = (_stream(sys.stdin), _stream(sys.stdout), _stream(sys.stderr))
        if None in streams:
            return None
        cwd = os.getcwd()
    except (OSError, ValueError):
        return None
    conn = connect(environ)
    if conn is None:
        if starts_a_server(argv, environ):
            _renew(DEFAULT_IDLE_MINUTES)
            from .commandwords import say
            from .saying import language_from_env

            sys.stderr.write(say("server_auto", language_from_env(environ),
                                 minutes=DEFAULT_IDLE_MINUTES) + "\n")
            sys.stderr.flush()
        return None
    signal = _signals()
    ignored = [int(s) for s in forwarded() if signal.getsignal(s) == signal.SIG_IGN]
    mask = os.umask(0o022)
    os.umask(mask)
    request = {"kind": "run", "identity": identity(), "argv": [sys.argv[0], *argv], "cwd": cwd,
               "env": dict(environ), "umask": mask, "streams": streams, "ignored": ignored}
    running = False
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        conn.settimeout(ANSWER_S)
        send_request(conn, request, (0, 1, 2))
        idle = DEFAULT_IDLE_MINUTES
        for tag, number in _frames(conn):
            if tag == b"I":  # how long the server waited for commands (for its successor)
                idle = number
            elif tag == b"P":  # ready: the command runs once the client says go
                conn.settimeout(None)
                conn.sendall(b"G" + bytes(8))
                running = True
                _forward_signals(conn, ignored)
            elif tag == b"X":
                return number
            elif tag == b"K":  # the command was ended by this signal: end the same way
                _end_by_signal(number)
                return 128 + number
            else:  # b"R": refused (another Python, or the tool changed): run it here
                if number == STALE:
                    _renew(idle)
                return None
    except OSError:
        if not running:
            return None
    finally:
        conn.close()
    if not running:
        return None
    # The command's process ended without an exit code: the server was killed.
    from .saying import language_from_env

    sys.stderr.write(_ENDED[language_from_env(environ)] + "\n")
    return 2


def starts_a_server(argv: list[str], environ: Mapping[str, str],
                    terminal: Callable[[int], bool] = os.isatty) -> bool:
    """Whether `policy argv`, finding no server, starts one in the background for the commands
    after it: when a person runs a command (stdin, stdout and stderr are a terminal), not in CI
    (CI set), not with POLICY_AUTO_SERVER=0, and not where no server could start (the socket's
    folder not this user's alone). Pipes, redirections, cron, tests and this repository's
    `make` (POLICY_AUTO_SERVER=0) run without one unless they start it (`policy server
    start`); a script run at a terminal starts one as a person would."""
    if environ.get(AUTO_ENV, "").strip().lower() in ("0", "no", "off", "false"):
        return False
    if environ.get("CI") or command_of(argv) is None:
        return False
    try:
        if not all(terminal(fd) for fd in (0, 1, 2)):
            return False
    except OSError:
        return False
    path = socket_path(environ)
    folder = os.path.dirname(path)
    if not socket_fits(path) or (os.path.lexists(folder) and not private_folder(folder)):
        return False  # no server can start there (spawn refuses): nothing to say each time
    return not _starting(environ) and not failed_to_start(environ)


def _starting(environ: Mapping[str, str]) -> bool:
    """Whether a server holds the lock of this socket (it is warming up, and listens soon)."""
    import fcntl

    try:
        lock = os.open(beside(socket_path(environ), "lock"), os.O_RDONLY)
    except OSError:
        return False  # none ever started here
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(lock)  # closing lets go of a lock taken here
    return False


def failed_to_start(environ: Mapping[str, str]) -> bool:
    """Whether the last server of this socket stopped before it was ready, loading the tool or
    unable to listen (it left `failed` beside the socket), and nothing has changed since: the
    same interpreter and settings, the tool's files as they were. A command at a terminal then starts no server
    (each would stop the same way, and say so each time); `policy server start` tries again,
    and `policy server status` says what happened."""
    try:
        with open(beside(socket_path(environ), "failed"), "rb") as f:
            seen = marshal.loads(f.read())
        same, files = seen["identity"] == identity(), seen["files"]
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return False
    return bool(same) and isinstance(files, dict) and changed(files) is None


def _record_failure(path: str, files: Mapping[str, _Stat]) -> None:
    """Say beside the socket `path` that a server stopped before it was ready, loading the
    tool or unable to listen (see failed_to_start): the interpreter and settings, the tool's
    files as it found them, and the folders its libraries are installed in (a library
    installed, upgraded or removed since, as `make install` does, changes its folder: the
    next command tries again)."""
    temporary = f"{beside(path, 'failed')}.{os.getpid()}"
    seen = dict(files)
    for folder in sys.path:
        if os.path.basename(folder) in ("site-packages", "dist-packages"):
            try:
                seen[folder] = _stat(folder)
            except OSError:
                continue
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as f:
            f.write(marshal.dumps({"identity": identity(), "files": seen}))
        os.replace(temporary, beside(path, "failed"))
    except (OSError, ValueError):
        _remove(temporary)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


_ENDED = {
    "en": "policy: the command was stopped before it finished (its process in `policy server` "
          "ended). Run it again; if it happens again, run `policy server stop` and try once more.",
    "ja": "policy：コマンドが途中で止まりました（`policy server` の中のプロセスが終了しました）。"
          "もう一度実行してください。再び止まる場合は `policy server stop` を実行してから、"
          "もう一度試してください。",
    "ru": "policy: команда остановилась, не закончив работу (её процесс в `policy server` "
          "завершился). Запустите её ещё раз; если это повторится, выполните `policy server "
          "stop` и попробуйте снова.",
}


def _renew(idle_minutes: int) -> None:
    """Start a server in the background for the next command (this one runs without it):
    when the tool changed under a running server, which stopped, or when a command at a
    terminal found none (starts_a_server). Started through a child that
    ends at once, so the server is never this process's child (a zombie if it ended while a
    long command runs here)."""
    try:
        pid = os.fork()
    except OSError:
        return
    if pid == 0:  # pragma: no cover - the short-lived middle process
        try:
            spawn(idle_minutes)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def spawn(idle_minutes: float) -> Any:
    """Start a server in the background (its own session, no terminal, in `/`), warmed up on
    the policy folder found from here: the subprocess.Popen. Its output goes to a log beside
    the socket."""
    import subprocess

    from .locate import find_policy_folder

    found = find_policy_folder().folder

    path = socket_path(os.environ)
    if not socket_fits(path):
        raise SocketPathTooLong(f"{path} is longer than a Unix socket's path may be")
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not private_folder(folder):
        raise PermissionError(f"{folder} is not a private folder of this user")
    with open(beside(path, "log"), "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "engine.resident", path, str(idle_minutes),
             str(found.resolve()) if found is not None else "", *sys.path],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd="/", start_new_session=True,
            close_fds=True)


def _signals() -> Any:
    """The built-in module under `signal`, for the client: importing `signal` imports `enum`,
    a tenth of the client's whole start (about 10 ms)."""
    return __import__("_signal")


def forwarded() -> tuple[int, ...]:
    """What the client passes on to the command (SIGTSTP as a stop)."""
    signal = _signals()
    return (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGTSTP,
            signal.SIGCONT)




def _forward_signals(conn: Any, ignored: list[int]) -> None:
    """Ctrl-C, Ctrl-Z, `fg` and termination of the client reach the command in the server (its
    watcher passes them on); a signal the client was started ignoring (nohup, `&`) stays
    ignored."""
    signal = _signals()

    def forward(signum: int, _frame: object) -> None:
        try:
            conn.sendall(b"S" + signum.to_bytes(8, "big"))
        except OSError:
            pass
        if signum == signal.SIGTSTP:  # stop this process too, as Ctrl-Z does
            signal.signal(signal.SIGTSTP, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTSTP)
            signal.signal(signal.SIGTSTP, forward)

    for signum in forwarded():
        if signum not in ignored:
            signal.signal(signum, forward)


def _end_by_signal(signum: int) -> None:
    """End this process by `signum`, as the command's process was (what a shell then sees)."""
    signal = _signals()

    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def ask(kind: str, environ: Mapping[str, str]) -> dict[str, Any] | None:
    """Ask the running server for its `status` or to `stop`: its answer, or None when no
    server answers."""
    conn = connect(environ)
    if conn is None:
        return None
    try:
        conn.settimeout(10)
        send_request(conn, {"kind": kind, "identity": identity()})
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
        answer = marshal.loads(data) if data else None
        return answer if isinstance(answer, dict) else None
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        conn.close()


# -- the server's side ---------------------------------------------------------------------------

# Imported before the server waits: every module of the tool and the libraries its commands
# import when they need them. WeasyPrint (PDFs only) is left to the commands that need it.
LIBRARIES = ("click", "ruamel.yaml", "pydantic", "jsonschema", "markdown_it", "json",
             "subprocess", "hashlib", "tomllib", "datetime", "difflib", "unicodedata",
             "tempfile", "shutil", "zipfile", "xml.etree.ElementTree", "xml.dom.minidom",
             "html", "argparse", "importlib.metadata", "concurrent.futures", "locale",
             "pickle", "gettext", "textwrap", "string", "secrets", "urllib.parse")


def preimport() -> list[str]:
    """Import the whole tool and its libraries; the names that failed to import."""
    import importlib
    import pkgutil

    failed: list[str] = []
    importlib.import_module("engine.cli.app")  # first: it sets PYDANTIC_DISABLE_PLUGINS
    names = list(LIBRARIES)
    for package in ("engine", "render"):
        module = importlib.import_module(package)
        names.extend(info.name for info in pkgutil.walk_packages(module.__path__, package + ".")
                     if not info.name.endswith("__main__"))
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # an optional library: the command imports it itself
            failed.append(name)
    return failed


# Run once in the server, on the policy folder it was started from, so that what every
# command computes the same way each time (compiled patterns, a text's scripts and sentences,
# compiled schemas: caches keyed by their whole input) is there before the first fork.
WARM_UP: tuple[tuple[str, ...], ...] = (
    ("validate",), ("check",), ("status",), ("test",), ("diff", "{policy}", "{policy}"),
    ("diff",), ("build", "--out", "{site}", "--allow-drift"),
)


def warm_up(policy: str | None) -> list[str]:
    """Run the usual commands once on `policy`, their caches in a throwaway folder and their
    output thrown away; the commands that did not end with 0 or 1. Nothing of the environment, the
    working folder or the streams is kept; no thread may outlive it (a fork copies only the
    thread that forks)."""
    import contextlib
    import io
    import shutil
    import tempfile
    import threading

    if policy is None:
        return []
    from .cli import main as click_main

    environ, cwd = dict(os.environ), os.getcwd()
    failed: list[str] = []
    site = tempfile.mkdtemp(prefix="policy-warm-up-")
    try:
        # The caches on, in a folder of the warm-up's own (nothing of the user's is read or
        # written): what the commands keep in memory (engine/loader.py) is then there.
        os.environ.pop("POLICY_NO_CACHE", None)
        os.environ["POLICY_CACHE_SOURCES"] = "1"
        os.environ["XDG_CACHE_HOME"] = os.path.join(site, "cache")
        full = os.path.abspath(policy)
        os.chdir(os.path.dirname(full))
        # named as a command run beside it finds it ("policy"), so that what is kept under
        # the names it prints (the test tables' findings) is found under the same names
        policy = os.path.basename(full) or full
        for command in WARM_UP:
            args = [a.format(policy=policy, site=os.path.join(site, "site")) for a in command]
            sink = io.StringIO()
            try:
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                    click_main([*args[:1], "--policy", policy, *args[1:]]
                               if args[0] != "diff" else args, prog_name="policy")
            except SystemExit as ended:
                if ended.code not in (None, 0, 1):
                    failed.append(command[0])
            except Exception:  # a warm-up only saves time; the command will say it
                failed.append(command[0])
        _read_master_log(policy)
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        shutil.rmtree(site, ignore_errors=True)
    # The tool's own hash, kept by each source file's size, time and inode (engine/inputs.py):
    # the caches' keys then stat the files instead of reading them.
    from .inputs import Digest, add_tool

    add_tool(Digest("tool"))
    if threading.active_count() != 1:
        raise RuntimeError("a thread outlived the warm-up")
    return failed


def _read_master_log(policy: str) -> None:
    """The master's git log, kept for the repository's state the warm-up's check read (its
    drift check asks for it only when a translation is stale): a command after an edit that
    makes one stale then finds it (engine/history.py)."""
    from pathlib import Path

    from .history import History
    from .loader import kept, load_folder

    try:
        src = load_folder(policy)
        if src.master_doc is not None:
            History(Path(src.master_doc.file), memory=kept).read_log()
    except Exception:  # a warm-up only saves time
        pass


_Stat = tuple[int, int, int, int]


def _stat(path: str) -> _Stat:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)


def tool_files() -> dict[str, _Stat]:
    """The tool's own files, before anything of it is imported: every module of engine/ and
    render/ and the committed schemas the validation reads (policy/schema.*.json,
    schemas/*.json beside them)."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    found: dict[str, _Stat] = {}
    folders = [here, os.path.join(root, "render"), os.path.join(root, "schemas")]
    for top in folders:
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = [d for d in subfolders if d != "__pycache__"]
            for name in names:
                if name.endswith((".py", ".json")):
                    path = os.path.join(folder, name)
                    try:
                        found[path] = _stat(path)
                    except OSError:
                        continue
    try:
        for name in os.listdir(os.path.join(root, "policy")):
            if name.startswith("schema.") and name.endswith(".json"):
                path = os.path.join(root, "policy", name)
                found[path] = _stat(path)
    except OSError:
        pass
    return found


def module_files(before: Mapping[str, _Stat]) -> dict[str, _Stat]:
    """Every module file imported and every file of `before`, as `before` saw it where it has
    it: a file edited while the server was importing is then seen as changed at the first
    command, never taken for what the server runs."""
    found = dict(before)
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or path in found:
            continue
        try:
            found[path] = _stat(path)
        except OSError:
            continue
    return found


def changed(files: Mapping[str, _Stat]) -> str | None:
    """The first file that changed (or went) since `files` was taken, or None."""
    for path, seen in files.items():
        try:
            if _stat(path) != seen:
                return path
        except OSError:
            return path
    return None


class Server:
    """The server's state: what it imported and what it served."""

    def __init__(self, path: str, idle_minutes: float, policy: str | None,
                 before: Mapping[str, _Stat]) -> None:
        import gc
        import time

        environ = dict(os.environ)
        self.path = path
        self.idle = idle_minutes * 60
        self.started = time.time()
        self.served = 0
        self.failed = preimport()
        from .loader import keep_reads

        keep_reads()  # what the warm-up reads stays for every command (engine/loader.py)
        self.cold = warm_up(policy)
        gc.collect()
        gc.freeze()  # what is here stays: a child's collections need not walk it
        global _PAGES_FILE
        _PAGES_FILE = beside(path, "pages")  # a new server's memory: learnt anew
        _forget_pages(_PAGES_FILE)
        self.files = module_files(before)
        self.identity = identity()
        # What the imports did to the environment, done again in each child.
        self.env_defaults = {k: v for k, v in os.environ.items() if environ.get(k) != v}
        self.inode = 0
        self.spare: Any = None  # the server's end of the spare's channel (_spare_ready)

    def serve(self, listener: Any) -> None:
        import select
        import signal
        import time

        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        last = time.monotonic()
        while True:
            self._spare_ready()  # while no client waits
            ready, _, _ = select.select([listener], [], [], 30)
            if not ready:
                if time.monotonic() - last > self.idle or not self._still_ours():
                    return
                continue
            conn, _ = listener.accept()
            try:
                conn.settimeout(5)  # a client that sends nothing holds nobody up for long
                outcome = self._handle(conn, listener)
            except (OSError, ValueError, EOFError, TypeError, KeyError):
                outcome = None
            finally:
                conn.close()
            if outcome == "stop":
                return
            if outcome == "ran":
                last = time.monotonic()

    def _spare_ready(self) -> Any:
        """The spare (forked now if there is none): a process forked ahead of the next client,
        with the command's process forked ahead too, so that no fork stands between a client
        and its command. The server's end of the spare's channel."""
        import socket

        if self.spare is not None:
            return self.spare
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns to the server's code
            code = 70
            try:
                ours.close()
                code = _spare(theirs, self.env_defaults)
            except BaseException:  # nothing may run on in the server's loop
                code = 70
            finally:
                os._exit(code)
        theirs.close()
        self.spare = ours
        return ours

    def _hand_over(self, conn: Any, fds: list[int], request: dict[str, Any]) -> None:
        """Give the client (its connection, descriptors and request) to the spare, which
        becomes its command's watcher; a spare that is gone is replaced once."""
        for attempt in (1, 2):
            spare = self._spare_ready()
            self.spare = None
            try:
                send_request(spare, request, (conn.fileno(), *fds))
                return
            except OSError:
                if attempt == 2:
                    raise
            finally:
                spare.close()

    def _still_ours(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False

    def _handle(self, conn: Any, listener: Any) -> str | None:
        import socket
        import struct

        peercred = getattr(socket, "SO_PEERCRED", None)  # Linux; elsewhere the folder's 0700
        if peercred is not None:
            creds = conn.getsockopt(socket.SOL_SOCKET, peercred, struct.calcsize("3i"))
            if struct.unpack("3i", creds)[1] != os.getuid():
                return None
        request, fds = _receive(conn)
        try:
            kind = request.get("kind")
            if kind == "status":
                conn.sendall(marshal.dumps(self.status(request.get("identity"))))
                return None
            if kind == "stop":
                conn.sendall(marshal.dumps({"stopped": os.getpid()}))
                return "stop"
            if kind != "run" or len(fds) != 3:
                conn.sendall(b"R" + (0).to_bytes(8, "big"))
                return None
            if request.get("identity") != self.identity:
                conn.sendall(b"R" + (1).to_bytes(8, "big"))
                return None
            if changed(self.files) is not None:
                conn.sendall(b"I" + round(self.idle / 60).to_bytes(8, "big")
                             + b"R" + STALE.to_bytes(8, "big"))
                return "stop"  # the tool changed: a new server must import it again
            self._hand_over(conn, fds, request)
            self.served += 1
            return "ran"
        finally:
            for fd in fds:
                os.close(fd)

    def status(self, asking: object = None) -> dict[str, Any]:
        learnt = read_pages(_PAGES_FILE) or []
        return {"pid": os.getpid(), "started": self.started, "served": self.served,
                "learnt_pages": sum(count for _first, count in learnt),
                "not_imported": self.failed, "not_warmed": self.cold,
                "idle_minutes": self.idle / 60,
                "stale": changed(self.files) is not None, "socket": self.path,
                "same": asking == self.identity}


def _receive(conn: Any, count: int = 3) -> tuple[dict[str, Any], list[int]]:
    """The request and the (at most `count`) descriptors that came with it; on any failure
    the descriptors are closed before the error goes up."""
    import array
    import socket

    fds = array.array("i")
    try:
        data, ancillary, _flags, _addr = conn.recvmsg(_HEADER,
                                                      socket.CMSG_SPACE(count * fds.itemsize))
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
        while len(data) < _HEADER:
            more = conn.recv(_HEADER - len(data))
            if not more:
                raise EOFError
            data += more
        size = int.from_bytes(data, "big")
        if size > 64 << 20:
            raise ValueError("request too large")
        body = b""
        while len(body) < size:
            more = conn.recv(min(1 << 20, size - len(body)))
            if not more:
                raise EOFError
            body += more
        request = marshal.loads(body)
        if not isinstance(request, dict):
            raise ValueError("not a request")
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    return request, list(fds)


def _spare(channel: Any, env_defaults: Mapping[str, str]) -> int:  # pragma: no cover - child
    """A spare, in the server's child: forks the command's process ahead, waits for the
    server to hand it a client, then watches that client's command (_watch). When the
    server ends, its end of the channel closes: the spare ends, and with it the command's
    process that never got a command."""
    import signal
    import socket

    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    keep = channel.fileno()
    os.closerange(3, keep)  # the lock, the listener, the last client's descriptors
    os.closerange(keep + 1, 1 << 16)
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            channel.close()
            ours.close()
            code = _await_command(theirs, env_defaults)
        finally:
            os._exit(code)
    theirs.close()
    try:
        request, fds = _receive(channel, 4)
    except (OSError, EOFError, ValueError, TypeError):
        _end_ahead(pid, ours)  # the server is gone or stopped: nothing to watch
        return 0
    finally:
        channel.close()
    conn = socket.socket(fileno=fds[0])
    return _watch(conn, fds[1:], request, pid, ours, env_defaults)


def _end_ahead(pid: int, command: Any) -> None:  # pragma: no cover - in the spare
    """The command's process forked ahead, which never got a command, ended and reaped
    (closing its channel ends it): no process is left to init."""
    command.close()
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _await_command(channel: Any, env_defaults: Mapping[str, str]) -> int:  # pragma: no cover
    """The command's process, forked ahead: copies the pages of the server's memory earlier
    commands wrote while nobody waits (own_pages; none before the first command has learnt
    them, learn_pages), waits for its watcher to send the client's request, streams and
    the pipe its exit code goes to, then runs the command (_command). Ends at once, having
    run nothing, when the watcher ends first."""
    own_pages(channel.fileno(), read_pages(_PAGES_FILE) or [])
    try:
        request, fds = _receive(channel, 4)
    except (OSError, EOFError, ValueError, TypeError):
        return 0
    finally:
        channel.close()
    for fd, target in zip(fds[:3], (0, 1, 2), strict=True):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])  # the watcher could enter it
    # The exit code's pipe is the command's own: git, started without closing what it
    # inherits (engine/inputs.py `spawn`), must not hold it open.
    os.set_inheritable(fds[3], False)
    return _command(request, env_defaults, fds[3])


# madvise(2) advice: fault the range in writable, copying each page shared copy-on-write
# (Linux 5.14). Elsewhere (another system, an older kernel) madvise fails and nothing is copied.
MADV_POPULATE_WRITE = 23
OWN_CHUNK_PAGES = 256  # pages looked at between two looks for a client (1 MB; about 1 ms)


def own_pages(waiting: int | None = None, only: Sequence[tuple[int, int]] | None = None) -> int:
    """Copy now every page of memory this process still shares with the process it was forked
    from (or, with `only`, those of its runs of pages (first page number, count) that it still
    shares, where it has private writable memory), and return how many were copied.

    A forked child shares its parent's memory until either writes to a page; the first write
    then traps and the kernel copies the page (copy-on-write). In CPython every object a
    command merely reads is written (its reference count), so a command in the server's child
    took some 3,000 such traps after an edit of the master, each several microseconds on a
    virtual machine. The command's process is forked ahead of its client (_spare) and idles
    until the client comes: it copies those pages then, in one call per run of pages, so that
    the command pays for none of them. Only pages present and shared are copied (what the
    server holds: some 40 to 45 MB, which this process then holds on its own for as long as
    it waits, the server's idle hours included; not the untouched reserve of a mapping). The
    process forked ahead for the next client copies while the command just handed over
    runs, on another core if there is one. The server passes `only`: the pages earlier commands
    wrote (learn_pages), a third of what it holds. It stops early when
    `waiting`, a descriptor, becomes readable (the client came). Best effort: where the system
    does not allow it, nothing is copied and the command takes the traps as before."""
    import errno
    import select

    try:
        import ctypes

        madvise = ctypes.CDLL(None, use_errno=True).madvise
        madvise.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
        page = os.sysconf("SC_PAGE_SIZE")
        regions = _writable_regions()
        if only is not None:  # those runs, where this process has private writable memory
            regions = _overlap(regions, [(first * page, (first + count) * page)
                                         for first, count in only])
    except (ImportError, OSError, AttributeError, ValueError):
        return 0
    copied = 0
    try:
        with open("/proc/self/pagemap", "rb", buffering=0) as pagemap:
            for start, end in _chunks(regions, OWN_CHUNK_PAGES * page):
                if waiting is not None and select.select([waiting], [], [], 0)[0]:
                    break  # the client came: the command goes first
                for first, count in _page_runs(pagemap, start, end, page, _SHARED):
                    if madvise(first * page, count * page, MADV_POPULATE_WRITE):
                        if ctypes.get_errno() == errno.EINVAL:
                            return copied  # not this kernel's advice
                    else:  # else (a page gone meanwhile) the command copies it itself
                        copied += count
    except (OSError, ValueError, TypeError):
        pass
    return copied


def _writable_regions() -> list[tuple[int, int]]:
    """The (start, end) addresses of this process's private writable mappings."""
    with open("/proc/self/maps", "rb") as maps:
        return [(int(start, 16), int(end, 16))
                for fields in map(bytes.split, maps)
                if len(fields) >= 2 and fields[1] == b"rw-p"
                for start, end in (fields[0].split(b"-"),)]


# A pagemap entry's byte that holds both flags (bit 63, present; bit 56, mapped by this
# process alone), and each value of that byte mapped to 1 when the page is wanted, else 0.
_FLAGS_BYTE = 7 if sys.byteorder == "little" else 0
_SHARED = bytes(int(b & 0x81 == 0x80) for b in range(256))  # present, not its own: shared
_OWN = bytes(int(b & 0x81 == 0x81) for b in range(256))  # present and its own


def _page_runs(pagemap: Any, start: int, end: int, page: int,
               wanted: bytes) -> Iterator[tuple[int, int]]:
    """The runs (first page number, count) of the pages from `start` to `end` (addresses)
    whose pagemap entries `wanted` (_SHARED, _OWN) picks."""
    import re

    pagemap.seek(start // page * 8)
    picked = pagemap.read((end - start) // page * 8)[_FLAGS_BYTE::8].translate(wanted)
    first = start // page
    for run in re.finditer(b"\x01+", picked):
        yield first + run.start(), run.end() - run.start()


def written_pages() -> list[tuple[int, int]]:
    """The runs (first page number, count) of the pages of this process's private writable
    mappings that are present and its own (written since the fork, or new), in order; []
    where /proc cannot tell."""
    try:
        page = os.sysconf("SC_PAGE_SIZE")
        with open("/proc/self/pagemap", "rb", buffering=0) as pagemap:
            return [run for start, end in _writable_regions()
                    for run in _page_runs(pagemap, start, end, page, _OWN)]
    except (OSError, ValueError, TypeError):
        return []


# The pages commands wrote, learnt from each command's process (learn_pages) and copied ahead
# by the next ones (own_pages): a file beside the socket, kept for one server (its memory's
# layout), removed when it starts and ends. Set in the server (Server), read in its children.
_PAGES_FILE: str | None = None
_PAGES_MAGIC = b"policy-pages-1\n"


def read_pages(path: str | None) -> list[tuple[int, int]] | None:
    """The runs of pages (first page number, count) in `path`; None when there is no such file
    or it is not one (the caller then copies nothing: better a few traps than wrong pages)."""
    import array

    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if not data.startswith(_PAGES_MAGIC) or (len(data) - len(_PAGES_MAGIC)) % 16:
        return None
    numbers = array.array("Q", data[len(_PAGES_MAGIC):])
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def merge_runs(runs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of pages (first page number, count), overlapping or touching ones joined, in order."""
    merged: list[tuple[int, int]] = []
    for first, count in sorted(runs):
        if merged and first <= merged[-1][0] + merged[-1][1]:
            last_first, last_count = merged[-1]
            merged[-1] = (last_first, max(last_count, first + count - last_first))
        elif count > 0:
            merged.append((first, count))
    return merged


def learn_pages(path: str | None, written: Iterable[tuple[int, int]]) -> int:
    """Add the runs of pages `written` to those of `path` (the file replaced whole, never half
    written); how many pages it holds now (0 when it could not be written). Two commands
    ending at once may each miss the other's pages: the next one adds them again."""
    import array

    if path is None:
        return 0
    known = read_pages(path)
    runs = merge_runs([*(known or ()), *written])
    if runs != known:
        numbers = array.array("Q", [n for run in runs for n in run])
        temporary = f"{path}.{os.getpid()}"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(fd, "wb") as f:
                f.write(_PAGES_MAGIC + numbers.tobytes())
            os.replace(temporary, path)
        except OSError:
            _remove(temporary)
            return 0
    return sum(count for _first, count in runs)


def _forget_pages(path: str | None) -> None:
    """The pages file gone, with what a command killed while writing it left (`path.PID`)."""
    if path is None:
        return
    _remove(path)
    folder, name = os.path.split(path)
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        if entry.startswith(f"{name}.") and entry[len(name) + 1:].isdigit():
            _remove(os.path.join(folder, entry))


def _overlap(regions: list[tuple[int, int]],
             runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `runs` (start, end) inside `regions` (start, end), in order. A run learnt
    in another process may lie where this one maps something else since (the server's layout
    moved): madvise then fails with EINVAL on a mapping that is not writable, which own_pages
    takes for a kernel without the advice and stops copying; what is outside any mapping
    (a file that is not this server's) is not even looked at."""
    regions, runs = sorted(regions), sorted(runs)
    found: list[tuple[int, int]] = []
    i = j = 0
    while i < len(regions) and j < len(runs):
        start, end = max(regions[i][0], runs[j][0]), min(regions[i][1], runs[j][1])
        if start < end:
            found.append((start, end))
        if regions[i][1] < runs[j][1]:
            i += 1
        else:
            j += 1
    return found


def _chunks(regions: list[tuple[int, int]], size: int) -> Iterator[tuple[int, int]]:
    """Each region (start, end) in pieces of at most `size` bytes."""
    for first, last in regions:
        for start in range(first, last, size):
            yield start, min(start + size, last)


def _watch(conn: Any, fds: list[int], request: dict[str, Any], pid: int, command: Any,
           env_defaults: Mapping[str, str]) -> int:  # pragma: no cover - in the forked child
    """The command's watcher (the spare the client was handed to): takes the client's
    folder and streams, says it is ready, waits for the client's go, gives the command to
    its process `pid` (over `command`), passes the client's signals on, kills the command if
    the client goes away (as the command would die with the client's process), and sends
    how the command ended: its exit code as soon as the command says it, before the command
    does its cache work."""
    import select
    import signal

    try:
        os.chdir(request["cwd"])
    except OSError:
        conn.sendall(b"R" + (3).to_bytes(8, "big"))
        _end_ahead(pid, command)
        return 0
    for fd, target in zip(fds, (0, 1, 2), strict=True):
        os.dup2(fd, target)
        os.close(fd)
    go = b""
    try:
        conn.settimeout(ANSWER_S)
        conn.sendall(b"P" + bytes(8))
        while len(go) < 9:
            more = conn.recv(9 - len(go))
            if not more:
                break
            go += more
    except OSError:  # gone, or silent for ANSWER_S
        pass
    if len(go) < 9:  # the client gave up before saying go: the command never runs
        _end_ahead(pid, command)
        return 0
    conn.settimeout(None)
    report, reported = os.pipe()  # the command's exit code, said before its cache work
    try:
        send_request(command, request, (0, 1, 2, reported))
        command.close()
    except OSError:  # the process forked ahead is gone (killed): the command runs in a new one
        _end_ahead(pid, command)
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                conn.close()
                os.close(report)
                code = _command(request, env_defaults, reported)
            finally:
                os._exit(code)
    os.close(reported)
    try:
        pidfd: int | None = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    buffer = b""
    status = 0
    said: int | None = report
    while True:
        watched = [conn, *(() if said is None else (said,)), *(() if pidfd is None else (pidfd,))]
        ready, _, _ = select.select(watched, [], [], 0.05 if pidfd is None else None)
        if said is not None and said in ready:
            answer = os.read(said, 8)
            os.close(said)
            said = None
            if len(answer) == 8:  # the command is done; what is left of it only keeps caches
                _let_go()
                conn.sendall(b"X" + answer)
                conn.close()
                os.waitpid(pid, 0)
                return 0
            # ended without saying (killed, or Ctrl-C): its exit status says how
        if pidfd is None or pidfd in ready:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        if conn in ready:
            more = conn.recv(4096)
            if not more:  # the client is gone (killed): its command goes with it
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return 0
            buffer += more
            while len(buffer) >= 9:
                tag, sent = buffer[:1], int.from_bytes(buffer[1:9], "big")
                buffer = buffer[9:]
                if tag == b"S":
                    # A process of the server's group ignores a stop sent to it by kill
                    # (its group is orphaned): Ctrl-Z stops the command with SIGSTOP.
                    os.kill(pid, signal.SIGSTOP if sent == signal.SIGTSTP else sent)
    if os.WIFSIGNALED(status):
        conn.sendall(b"K" + os.WTERMSIG(status).to_bytes(8, "big"))
    else:
        conn.sendall(b"X" + os.WEXITSTATUS(status).to_bytes(8, "big", signed=True))
    return 0


def _let_go() -> None:  # pragma: no cover - in the watcher
    """The client's stdin, stdout and stderr, let go: a pipe after them (`policy check | less`)
    ends when the client does, not when the command's cache work does."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _forget_paths() -> None:  # pragma: no cover - in the command's process
    """What the warm-up left that is kept by a path rather than by its whole input: forgotten,
    so that the command finds it again as a new process would."""
    import tempfile

    from . import gitio, patterns

    tempfile.tempdir = None  # TMPDIR as the client has it
    gitio._VERIFIED.clear()  # commits known to exist, per repository path
    patterns.forget()  # the compiled patterns' entry read from the warm-up's cache folder


def _command(request: dict[str, Any], env_defaults: Mapping[str, str],
             report: int | None = None) -> int:  # pragma: no cover
    """The command's process: the client's signals, environment, umask, arguments and
    streams, then the console script's main; its exit code, also written to `report` as soon
    as the output is out, before the work that only keeps caches (engine/inputs.py)."""
    import signal
    import time

    ignored = set(request.get("ignored", ()))
    for signum in forwarded():
        default = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
        signal.signal(signum, signal.SIG_IGN if signum in ignored else default)
    os.environ.clear()
    os.environ.update(request["env"])
    for key, value in env_defaults.items():
        os.environ.setdefault(key, value)
    time.tzset()
    os.umask(request["umask"])
    _forget_paths()
    sys.argv = list(request["argv"])
    _reopen(request["streams"])
    from .inputs import begin_command

    begin_command()
    code = _run_command(report=report)
    learn_pages(_PAGES_FILE, written_pages())  # after the answer: for the commands to come
    return code


def _reopen(streams: tuple[Any, ...]) -> None:  # pragma: no cover - in the forked child
    """stdin, stdout and stderr on the client's descriptors, as the interpreter opens them."""
    import io

    opened = []
    for fd, name, (encoding, errors, line_buffering, write_through, buffered) in zip(
            (0, 1, 2), ("<stdin>", "<stdout>", "<stderr>"), streams, strict=True):
        raw = io.FileIO(fd, "rb" if fd == 0 else "wb", closefd=False)
        raw.name = name  # as the interpreter names them
        size = max(os.fstat(fd).st_blksize, 1) if buffered else 0
        binary: Any = raw  # a FileIO under the text, as with PYTHONUNBUFFERED
        if buffered:
            binary = (io.BufferedReader(raw, size) if fd == 0 else io.BufferedWriter(raw, size))
        opened.append(io.TextIOWrapper(binary, encoding=encoding, errors=errors, newline="\n",
                                       line_buffering=line_buffering,
                                       write_through=write_through))
    sys.stdin, sys.stdout, sys.stderr = opened
    for name, stream in zip(("__stdin__", "__stdout__", "__stderr__"), opened, strict=True):
        setattr(sys, name, stream)  # what the interpreter had opened (e.g. click's fallback)


def _run_command(main: Callable[[], object] | None = None,
                 report: int | None = None) -> int:  # pragma: no cover - child
    """Run the console script's main as the interpreter would, and end as it would: the exit
    code from SystemExit (a message printed), non-daemon threads joined, atexit run, streams
    flushed ("Exception ignored" and 120 when they cannot be), and an uncaught Ctrl-C ends
    the process by SIGINT. With `report`, the exit code is written there once the streams
    are let go, and the cache work kept by engine/inputs.py runs after it."""
    import atexit
    import signal
    import threading

    if main is None:
        from .cli.cached import main as console_script

        main = console_script
    code = 0
    interrupted = False
    try:
        main()
    except SystemExit as ended:
        code = _exit_code(ended.code)
    except BaseException as exc:  # as the interpreter: the traceback, then exit 1
        sys.excepthook(type(exc), exc, exc.__traceback__)
        code = 1
        interrupted = isinstance(exc, KeyboardInterrupt)
    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is not None:
        shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError) as exc:
            _unraisable(stream, exc)
            code = code or 120
    if interrupted:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    if report is not None:
        from .inputs import run_cache_work

        _let_go()
        try:
            os.write(report, code.to_bytes(8, "big", signed=True))
            os.close(report)
        except OSError:  # the watcher is gone: nobody waits for the answer
            pass
        run_cache_work()
    return code


def _unraisable(stream: object, exc: BaseException) -> None:  # pragma: no cover - child
    """What the interpreter prints when a stream cannot be flushed at exit."""
    import traceback

    try:
        sys.stderr.write(f"Exception ignored in: {stream!r}\n"
                         + "".join(traceback.format_exception_only(type(exc), exc)))
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _exit_code(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    try:
        sys.stderr.write(f"{value}\n")
    except (OSError, ValueError):
        pass
    return 1


def serve_forever(path: str, idle_minutes: float, policy: str | None = None) -> int:
    """Run a server on `path` until it is idle, stopped or out of date: 0, or 3 when another
    server already holds the socket."""
    import socket

    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not private_folder(folder):
        return 4
    lock = os.open(beside(path, "lock"), os.O_RDWR | os.O_CREAT, 0o600)
    if not _take_lock(lock):
        os.close(lock)
        return 3
    before = tool_files()
    try:
        server = Server(path, idle_minutes, policy, before)
    except BaseException as exc:  # its traceback goes to the log, as the exception goes up
        if isinstance(exc, Exception):  # not a server stopped from outside (kill -INT)
            _record_failure(path, before)
        os.close(lock)
        raise
    _remove(beside(path, "failed"))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        try:
            listener.bind(path)
        except OSError:  # it warmed up, and cannot listen: it would fail the same way again
            _record_failure(path, before)
            raise
        listener.listen(64)
        server.inode = os.stat(path).st_ino
        server.serve(listener)
    finally:
        listener.close()
        if server._still_ours():
            os.unlink(path)
        _forget_pages(_PAGES_FILE)
        os.close(lock)
    return 0


def _take_lock(lock: int, tries: int = 50) -> bool:
    """The server's lock, taken; False when another server holds it. A command that looks
    whether a server is warming up (_starting) holds it for an instant: it is tried again
    for half a second before another server is taken to hold it."""
    import fcntl
    import time

    for attempt in range(tries):
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if attempt + 1 < tries:
                time.sleep(0.01)
    return False


def main(argv: list[str]) -> int:
    """`python -m engine.resident PATH IDLE_MINUTES POLICY SYS_PATH...`: the server process
    (POLICY is the policy folder to warm up on, or "")."""
    path, idle, policy, *search = argv
    sys.path[:] = search
    return serve_forever(path, float(idle), policy or None)


if __name__ == "__main__":  # pragma: no cover - the server process
    sys.exit(main(sys.argv[1:]))
