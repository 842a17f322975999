"""The `policy` command run in this process (engine/cli/client.py, when no server takes it): replays a read-only command's output when nothing it reads changed.

`policy validate`, `check`, `status`, `test` and `diff` (of the merge-base and the working
tree, or of two folders or bundles) only read;
what they print and their exit code are a function of what they read. This entry point hashes
everything such a command can read, before importing click or the engine:

* every file of the policy folder (its editions, `tests/`, `parity.toml`, ...) and every file
  or folder named on the command line (`--previous`, diff's two sides, `--uses`), and `uses/`;
* every `pyproject.toml` from the working folder up (`[tool.policy.severity]`);
* the git repository's refs (`git show-ref --head`: the history drift findings read, and the
  base of a diff);
* the arguments, the working folder, the day, whether each output is a terminal and its
  encoding, the environment variables that change output (NO_COLOR, ...);
* the tool itself: the bytes of every source file of `engine/` and `render/`, the Python
  executable and version, and the modification times of the site-packages folders on `sys.path`
  (installing or upgrading a library changes them).

A hit writes the stored output, stream by stream in the original order, and exits with the
stored code. A miss runs the command: without click when engine/cli/plain.py reads its
command line (check, status, test, validate, diff typed plainly; the output is kept until the
command ends, then written; on any error click runs it again from the start; a build typed
plainly, and a command run afresh with --no-cache or POLICY_NO_CACHE=1, also run so, never
from the cache), else through click, passing its output through
while recording it; and stores the result atomically (engine/atomic.py) if it exited 0 or 1
and nothing it read changed during the run. An unreadable or corrupt entry is ignored and rewritten. The cache
lives in `$XDG_CACHE_HOME/cafetalk-policy/results/` (default `~/.cache`) beside the
compiled-bundle cache; `policy --no-cache ...` or `POLICY_NO_CACHE=1` bypasses it, and
commands that write anything (stamp, build, revise, check's step summary, diff --out) never
use it. tests/test_cli_cache.py holds the cached output byte-identical to a fresh run.

The console script also turns on engine/loader.py's cache of loaded, validated folders
(POLICY_CACHE_SOURCES=1), which every command that reads the policy uses, writers included,
and with it the cache of check results (engine/checkcache.py: a build or status after a check
of the same files skips the checks) and of rendered sites (render/buildcache.py: a second
build only writes the files). The hashing of inputs is shared with them (engine/inputs.py).
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from .. import inputs
from ..inputs import (
    Digest,
    Uncacheable,
    add_pyprojects,
    add_tool,
    files_below,
    start_git_state,
)

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, TextIO

CACHE_ENV = "POLICY_NO_CACHE"
SOURCES_ENV = "POLICY_CACHE_SOURCES"  # engine/loader.py's CACHE_ENV
NO_CACHE_FLAG = "--no-cache"
FORMAT = "policy-results-1"
MAX_ENTRIES = 256
MAX_INPUT_BYTES = 64 << 20  # a folder bigger than this is not worth hashing on every run
SAFE_EXITS = (0, 1)  # 2 is a usage or load error, or INTERNAL: always run again

# Options that take a value, per command (the value is not a positional argument).
_VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "validate": frozenset({"--policy", "--format", "--lang"}),
    "check": frozenset({"--policy", "--format", "--previous", "--summary", "--lang"}),
    "status": frozenset({"--policy", "--format", "--lang"}),
    "test": frozenset({"--policy", "--format", "--lang"}),
    "diff": frozenset({"--policy", "--format", "--lang", "--out", "--branch", "--uses"}),
}
# How many positional arguments each command may have to be cached: diff of the merge-base
# and the working tree (the refs are in the key), or of two paths.
_POSITIONALS = {"validate": (0,), "check": (0,), "status": (0,), "test": (0,), "diff": (0, 2)}
# Present in the arguments, these make the run write something: never cached.
_WRITES = ("--summary", "--out")
ENV_KEYS = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM", "COLUMNS",
            "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "POLICY_LANG",
            "PYTHONIOENCODING",
            "PYTHONUTF8", "CAFETALK_POLICY", "GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS", "CI",
            "GIT_DIR", "GIT_WORK_TREE", "HOME", "XDG_CACHE_HOME", "PATH")


def cache_dir() -> Path:
    return inputs.cache_folder("results")


def _split(argv: list[str]) -> tuple[list[str], list[str]]:
    """(options before the command, the rest)."""
    for i, arg in enumerate(argv):
        if not arg.startswith("-"):
            return argv[:i], argv[i:]
    return argv, []


def _fresh_command(argv: list[str]) -> list[str] | None:
    """The command and its arguments when nothing but --no-cache comes before the command
    (which only keeps the result from the cache, as not calling `lookup` does), else None."""
    before, rest = _split(argv)
    return rest if rest and all(a == NO_CACHE_FLAG for a in before) else None


def _positionals(command: str, args: list[str]) -> list[str] | None:
    """The positional arguments, or None when the arguments cannot be read simply."""
    takes = _VALUE_OPTIONS[command]
    out: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return None
        if arg.startswith("-"):
            name = arg.split("=", 1)[0]
            if name in takes and "=" not in arg:
                i += 1
        else:
            out.append(arg)
        i += 1
    return out


def plan(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> list[str] | None:
    """The command's arguments (after `--no-cache` is taken out) if its result may come from the
    cache, else None."""
    before, rest = _split(argv)
    if environ.get(CACHE_ENV) or NO_CACHE_FLAG in before or not rest or before:
        return None
    command, args = rest[0], rest[1:]
    if command not in _VALUE_OPTIONS or any(a in ("-h", "--help") for a in args):
        return None
    if any(a.split("=", 1)[0] in _WRITES for a in args):
        return None
    if command == "check" and environ.get("GITHUB_STEP_SUMMARY"):
        return None
    positional = _positionals(command, args)
    if positional is None or len(positional) not in _POSITIONALS[command]:
        return None
    if command == "diff" and not all(os.path.exists(p) for p in positional):
        return None  # git revisions: their meaning is not a file we can hash
    return rest


class _Digest(Digest):
    def __init__(self) -> None:
        super().__init__(FORMAT)


_files = files_below  # kept under its old name (tests/test_cli_cache.py)


def _policy_folder(command: str, args: list[str]) -> Path | None:
    for i, arg in enumerate(args):
        if arg == "--policy" and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--policy="):
            return Path(arg.split("=", 1)[1])
    from ..locate import find_policy_folder

    return find_policy_folder().folder


TOOL_ROOT = inputs.TOOL_ROOT  # holds engine/ and render/ (a test points it at a copy)


def _tool(digest: _Digest) -> None:
    add_tool(digest, TOOL_ROOT)


def _stream_facts(stream: TextIO | None) -> str:
    if stream is None:
        return "none"
    isatty = getattr(stream, "isatty", None)
    tty = bool(isatty and isatty())
    return f"{tty} {getattr(stream, 'encoding', None)} {getattr(stream, 'errors', None)}"


def streams_facts() -> str:
    """Whether stdout and stderr are terminals, and their encodings: part of the key."""
    return f"{_stream_facts(sys.stdout)}\n{_stream_facts(sys.stderr)}"


def cache_key(args: list[str], streams: str | None = None) -> str | None:
    """The hash of everything the command `args` can read; None when it cannot be cached.
    `streams`: the streams' facts as the command had them (default: as they are now)."""
    try:
        return _cache_key(args, streams_facts() if streams is None else streams)
    except Uncacheable:
        return None


def _cache_key(args: list[str], streams: str) -> str | None:
    import datetime as dt

    command = args[0]
    folder = _policy_folder(command, args[1:])
    if folder is None:
        return None
    git = start_git_state(folder)  # git runs while the files are hashed
    try:
        cwd = Path.cwd()
        digest = _Digest()
        digest.add("argv", "\0".join(args))
        digest.add("cwd", str(cwd))
        digest.add("day", dt.date.today().isoformat())
        digest.add("streams", streams)
        digest.add("env", "\0".join(f"{k}={os.environ.get(k)}" for k in ENV_KEYS))
        _tool(digest)
        digest.path(folder, "policy")
        for arg in args[1:]:
            for value in (arg, arg.split("=", 1)[-1]):
                if value and not value.startswith("-") and os.path.exists(value):
                    digest.path(Path(value), f"arg:{value}")
        digest.path(Path("uses"), "uses")
        try:
            here = cwd.resolve()
        except OSError:
            return None
        add_pyprojects(digest, here)
    finally:
        answer = git()
    digest.add("git", answer)
    if digest.size > MAX_INPUT_BYTES:
        return None
    return digest.hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / f"{key}.json"


def lookup(key: str) -> tuple[int, list[tuple[str, str]]] | None:
    """The stored exit code and output chunks, or None (missing, unreadable or corrupt)."""
    import json

    try:
        data = json.loads(_entry(key).read_bytes())
        if data.get("key") != key or data.get("format") != FORMAT:
            return None
        code = data["exit"]
        chunks = [(str(s), str(t)) for s, t in data["output"] if s in ("out", "err")]
        if code not in SAFE_EXITS or not all(isinstance(t, str) for _, t in data["output"]):
            return None
        return int(code), chunks
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(key: str, code: int, chunks: list[tuple[str, str]]) -> None:
    """Write one entry atomically; a cache that cannot be written only costs speed."""
    import json

    from ..atomic import write_bytes_atomic

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(_entry(key), json.dumps(
            {"format": FORMAT, "key": key, "exit": code, "output": chunks},
            ensure_ascii=False).encode("utf-8"), durable=False,  # a damaged entry is refused
            mode=0o600)  # a cache entry: the owner's only
    except OSError:
        return
    inputs.keep_newest(folder, ".json", MAX_ENTRIES)


class _Tee:
    """A text stream that records what is written and writes it through to the real one, or
    (`through=False`) keeps it for later (`replay`); every other question (encoding, isatty,
    fileno, ...) is answered by the real one."""

    def __init__(self, real: TextIO, name: str, record: list[tuple[str, str]], *,
                 through: bool = True) -> None:
        self._real = real
        self._name = name
        self._record = record
        self._through = through

    def write(self, text: str) -> int:
        if self._through:
            written = self._real.write(text)  # raises for bytes, as the real stream does
        elif isinstance(text, str):
            written = len(text)
        else:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._record.append((self._name, text))
        return written

    def flush(self) -> None:
        if self._through:
            self._real.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def run_recorded(args: list[str]) -> tuple[SystemExit, list[tuple[str, str]]]:
    """Run the command in this process with its output passed through and recorded."""
    from . import main as click_main

    record: list[tuple[str, str]] = []
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout = _Tee(real_out, "out", record)
    sys.stderr = _Tee(real_err, "err", record)
    ended = SystemExit(0)
    try:
        click_main(args, prog_name="policy")
    except SystemExit as exc:
        ended = exc
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = real_out, real_err
    return ended, record


def run_without_click(args: list[str]) -> tuple[SystemExit, list[tuple[str, str]]] | None:
    """Run a command whose command line engine/cli/plain.py reads itself (`planned`), without
    importing click: its output is kept until it ends with an exit code, then written. None,
    with nothing written, when its command line is click's to read, or when it ended any other
    way (an error: click then runs it from the start and says what happened; the command only
    reads, or publishes a whole site, so running it again changes nothing)."""
    from .plain import plain_streams, planned

    work = planned(args) if plain_streams() else None
    if work is None:
        return None
    record: list[tuple[str, str]] = []
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout = _Tee(real_out, "out", record, through=False)
    sys.stderr = _Tee(real_err, "err", record, through=False)
    try:
        work()
        ended = SystemExit(0)
    except SystemExit as exc:
        ended = exc
    except KeyboardInterrupt:  # as engine/cli/app.py says it
        sys.stdout, sys.stderr = real_out, real_err
        said = [("err", "interrupted\n")]
        replay(said)
        return SystemExit(130), said
    except Exception:
        return None
    finally:
        sys.stdout, sys.stderr = real_out, real_err
    replay(record)
    return ended, record


def replay(chunks: list[tuple[str, str]]) -> None:
    """Write the output as the command wrote it, stream by stream in its order; into a pipe
    its reader closed (`policy check | head -0`), end quietly as the command would have."""
    last = None
    try:
        for name, text in chunks:
            stream = sys.stdout if name == "out" else sys.stderr
            if last is not None and last is not stream:
                last.flush()
            stream.write(text)
            last = stream
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        from .cmdline import stop_on_closed_output

        stop_on_closed_output()
    except OSError as exc:  # a full disk: said as every command says it (app.py), exit 2
        try:
            sys.stderr.write(f"policy: IO005 {exc.strerror or exc}\n")
            sys.stderr.flush()
        except OSError:
            pass
        sys.stdout = open(os.devnull, "w")  # nothing more to flush at exit
        sys.exit(2)


def main() -> None:
    """The console script `policy`."""
    argv = sys.argv[1:]
    if argv == ["--version"]:  # answered without click (engine/cli/app.py gives the same)
        from .version import version_lines

        try:
            sys.stdout.write("".join(line + "\n" for line in version_lines()))
            sys.stdout.flush()
        except BrokenPipeError:  # `policy --version | head -0`: ends quietly, as app.py does
            from .cmdline import stop_on_closed_output

            stop_on_closed_output()
        except OSError as exc:  # said as every command says it (app.py), no traceback
            sys.stderr.write(f"policy: IO005 {exc.strerror or exc}\n")
            sys.stdout = open(os.devnull, "w")  # nothing more to flush at exit
            sys.exit(2)
        sys.exit(0)
    # As engine/cli/app.py does on import, for a command run without click too: the tool uses
    # no pydantic plugins (pydantic would scan every installed package's entry points).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if not os.environ.get(CACHE_ENV) and NO_CACHE_FLAG not in _split(argv)[0]:
        os.environ[SOURCES_ENV] = "1"  # engine/loader.py: keep loaded folders too
    args = plan(argv, os.environ)
    streams = streams_facts() if args is not None else ""
    key = cache_key(args, streams) if args is not None else None
    if args is None or key is None:
        # Nothing comes from the cache (the build writes; --no-cache or POLICY_NO_CACHE=1 asks
        # for a fresh run): a command line plain.py reads runs without click all the same.
        plainly = _fresh_command(argv)
        ran = run_without_click(plainly) if plainly is not None else None
        if ran is not None:
            raise ran[0]
        from . import main as click_main

        click_main(argv, prog_name="policy")
        return
    hit = lookup(key)
    if hit is not None:
        code, chunks = hit
        replay(chunks)
        sys.exit(code)
    folder = _policy_folder(args[0], args[1:])
    if folder is not None:
        inputs.keep_command_refs(folder)  # the check's key takes the refs the key just read
    ran = run_without_click(args)
    ended, chunks = ran if ran is not None else run_recorded(args)
    status = 0 if ended.code is None else ended.code
    if isinstance(status, int) and status in SAFE_EXITS:
        inputs.later(partial(_store_unchanged, args, key, status, chunks, streams),
                     refs=folder)
    raise ended


def _store_unchanged(args: list[str], key: str, code: int, chunks: list[tuple[str, str]],
                     streams: str) -> None:
    """Keep the run's output when nothing it read changed while it ran (the streams as the
    run had them: in the resident server they are let go before this runs)."""
    if cache_key(args, streams) == key:
        store(key, code, chunks)
