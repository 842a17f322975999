"""`policy server`: a command run in the resident server says and does exactly what it does without it.

Each test starts a real server (engine/resident.py) in a folder of its own and runs the
installed console script as a process, once through the server and once with
POLICY_NO_SERVER=1, and compares the bytes of stdout and stderr, the exit code and the files
written. The server's count of commands shows that the command really ran in it.
"""

from __future__ import annotations

import mmap
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import resident

from .conftest import POLICY, ROOT, git

POLICY_BIN = Path(sys.executable).with_name("policy")
pytestmark = pytest.mark.skipif(not POLICY_BIN.exists(), reason="the console script is not installed")


class Served:
    def __init__(self, repo: Path, env: dict[str, str]) -> None:
        self.repo = repo
        self.env = env

    def run(self, *args: str, server: bool = True, cwd: Path | None = None,
            env: dict[str, str] | None = None, umask: int | None = None) -> subprocess.CompletedProcess[bytes]:
        environ = {**self.env, **(env or {})}
        if not server:
            environ[resident.NO_SERVER_ENV] = "1"
        return subprocess.run([str(POLICY_BIN), *args], cwd=cwd or self.repo, env=environ,
                              capture_output=True, timeout=120,
                              preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)

    def status(self) -> dict[str, object] | None:
        return resident.ask("status", self.env)

    def served(self) -> int:
        answer = self.status()
        assert answer is not None, "the server is not running"
        served = answer["served"]
        assert isinstance(served, int)
        return served

    def same(self, *args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
        """Run `policy args` with and without the server: the same bytes and exit code, and
        the server ran it."""
        before = self.served()
        with_server = self.run(*args, **options)  # type: ignore[arg-type]
        assert self.served() == before + 1, (args, with_server.stderr.decode())
        without = self.run(*args, server=False, **options)  # type: ignore[arg-type]
        assert with_server.stdout == without.stdout, args
        assert with_server.stderr == without.stderr, args
        assert with_server.returncode == without.returncode, args
        return with_server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    repo = tmp_path / "repo"
    shutil.copytree(POLICY, repo / "policy")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    shutil.copy(ROOT / "CHANGELOG.md", repo / "CHANGELOG.md")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "policy")
    # A short folder of its own for the socket (a Unix socket's path has at most 107 bytes).
    folder = tempfile.mkdtemp(prefix="ps-")
    env = {k: v for k, v in os.environ.items() if k != resident.NO_SERVER_ENV}
    env.update({resident.DIR_ENV: os.path.join(folder, "s"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
                "POLICY_LANG": "en"})
    started = subprocess.run([str(POLICY_BIN), "server", "start", "--idle-minutes", "2"], cwd=repo,
                             env=env, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout
    try:
        yield Served(repo, env)
    finally:
        subprocess.run([str(POLICY_BIN), "server", "stop"], cwd=repo, env=env, capture_output=True,
                       timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def test_commands_say_the_same_through_the_server(served: Served) -> None:
    assert served.same("check").returncode in (0, 1)
    served.same("check", "--lang", "ja")
    served.same("check", "--format", "github")
    served.same("status", "--lang", "ru")
    served.same("test")
    assert served.same("ask", "use", "contact", "newsletter", "--opted-out").returncode == 1
    served.same("ask", "use", "contact", "newsletter")
    served.same("terms", "purposes", "--lang", "ru")
    served.same("diff", "policy", "policy")
    served.same("--version")
    served.same("--help")
    served.same("check", "--help", "--lang", "ja")  # a help page in the reader's language
    served.same("chek")  # a mistyped command: click's usage error, exit 2
    assert served.same("validate", "--policy", "nowhere").returncode == 2


def test_the_clients_environment_folder_and_language_are_used(served: Served) -> None:
    sub = served.repo / "policy" / "tests"  # the policy folder is found from the client's folder
    served.same("check", cwd=sub, env={"POLICY_LANG": "ja"})
    ja = served.same("status", env={"POLICY_LANG": "ja"}).stdout.decode()
    en = served.same("status", env={"POLICY_LANG": "en"}).stdout.decode()
    assert ja != en


def test_broken_policy_is_said_the_same(served: Served) -> None:
    ja = served.repo / "policy" / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("facts:", "facts:\n  facts: [", 1), "utf-8")
    result = served.same("check", "--lang", "ru")
    assert result.returncode != 0


def test_edited_editions_are_read_afresh_and_caches_are_kept_after_the_answer(
        served: Served, tmp_path: Path) -> None:
    # The server keeps what its warm-up read (engine/loader.py): an edit of any edition, the
    # master or a translation, must be what the next command reads.
    before = served.same("check").stdout
    results = tmp_path / "cache" / "cafetalk-policy" / "results"
    # The command's result is stored by its process after the client had its answer
    # (engine/inputs.py `later`): it appears, and the next run replays it.
    deadline = time.monotonic() + 30
    while not (results.is_dir() and any(results.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert results.is_dir() and any(results.iterdir())
    for name, old, new in (("ru.yaml", "\n    title: ", "\n    titel: "),  # a mistake
                           ("ja.yaml", "\n    title: ", "\n    title: X")):  # a new wording
        path = served.repo / "policy" / name
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
        after = served.same("check").stdout
        assert after != before, name
        served.same("status")
        served.same("diff")
        before = after


def test_files_written_are_the_same_with_the_clients_umask(served: Served, tmp_path: Path) -> None:
    served.same("bundle", "--out", str(tmp_path / "a.json"), umask=0o077)
    made = tmp_path / "a.json"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    first = made.read_bytes()
    made.unlink()
    served.run("bundle", "--out", str(made), server=False, umask=0o077)
    assert made.read_bytes() == first
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_a_site_built_through_the_server_is_byte_identical(served: Served, tmp_path: Path) -> None:
    before = served.served()
    one = served.run("build", "--out", str(tmp_path / "one"), "--allow-drift",
                     env={"POLICY_NO_CACHE": "1"})
    assert served.served() == before + 1
    two = served.run("build", "--out", str(tmp_path / "two"), "--allow-drift", server=False,
                     env={"POLICY_NO_CACHE": "1"})
    assert one.returncode == two.returncode == 0, one.stderr.decode()
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*")
                   if p.is_file())
    assert files
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*")
                           if p.is_file())
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_server_status_and_stop_in_every_language(served: Served) -> None:
    said = served.run("server", "status", "--lang", "ja")
    assert "既に動いています" in said.stdout.decode()
    again = served.run("server", "start", "--lang", "ru")
    assert again.returncode == 0 and "уже работает" in again.stdout.decode()
    stopped = served.run("server", "stop")
    assert "stopped" in stopped.stdout.decode()
    assert served.status() is None
    none = served.run("server", "status", "--lang", "ru")
    assert "не запущен" in none.stdout.decode()
    # With no server, commands run on their own and still answer.
    assert served.run("check").returncode in (0, 1)


def test_a_changed_tool_is_never_served_by_the_old_server(served: Served) -> None:
    """After the tool's files change, the old server refuses, the client runs the command
    itself, and a new server (with the old one's idle time) takes over."""
    old = served.status()
    assert old is not None
    module = Path(resident.__file__)
    seen = module.stat()
    try:
        os.utime(module, ns=(seen.st_atime_ns, seen.st_mtime_ns + 1_000_000_000))
        result = served.run("check")
        assert result.returncode in (0, 1)
        deadline = time.monotonic() + 60
        new = None
        while time.monotonic() < deadline:
            new = served.status()
            if new is not None and new["pid"] != old["pid"]:
                break
            time.sleep(0.1)
        assert new is not None and new["pid"] != old["pid"], "no new server took over"
        assert new["idle_minutes"] == 2
        assert not new["stale"]
        served.same("check")
    finally:  # (the server is then out of date again: the fixture stops it)
        os.utime(module, ns=(seen.st_atime_ns, seen.st_mtime_ns))


def _wait_serving(client: subprocess.Popen[bytes]) -> None:
    """Wait until `policy preview` says it serves (its first line)."""
    import select

    assert client.stdout is not None
    said = b""
    deadline = time.monotonic() + 60
    while b"Serving" not in said and time.monotonic() < deadline and client.poll() is None:
        ready, _, _ = select.select([client.stdout], [], [], 1)
        if ready:
            said += client.stdout.read1(4096)
    assert b"Serving" in said, said


def _foreground(ignore: int | None) -> None:
    """In the child before exec: the signals a shell leaves at their default for a command in
    the foreground, whatever this test run inherited (pytest started in the background, as
    `make test &` or `nohup`, ignores SIGINT, SIGQUIT and SIGHUP, and so would the preview),
    then `ignore` set to SIG_IGN."""
    for signum in resident.forwarded():
        signal.signal(signum, signal.SIG_DFL)
    if ignore is not None:
        signal.signal(ignore, signal.SIG_IGN)


def _preview(served: Served, server: bool, ignore: int | None = None) -> subprocess.Popen[bytes]:
    """`policy preview` started (through the server or not, `ignore` set to SIG_IGN from the
    start, as nohup does) and serving."""
    before = served.served()
    env = dict(served.env)
    if not server:
        env[resident.NO_SERVER_ENV] = "1"
    client = subprocess.Popen(
        [str(POLICY_BIN), "preview", "--port", "0"], cwd=served.repo, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: _foreground(ignore))
    try:
        if server:
            deadline = time.monotonic() + 30
            while served.served() == before and time.monotonic() < deadline:
                time.sleep(0.05)
            assert served.served() == before + 1
        _wait_serving(client)
    except BaseException:
        _end(client)
        raise
    return client


def _end(client: subprocess.Popen[bytes]) -> None:
    """The preview stopped (if it still runs) and its pipes closed."""
    if client.poll() is None:
        client.kill()
    client.wait(timeout=30)
    for pipe in (client.stdout, client.stderr):
        if pipe is not None:
            pipe.close()


def _interrupted(served: Served, server: bool) -> tuple[int, bytes]:
    """`policy preview` interrupted with Ctrl-C after it started: its exit code and stderr."""
    client = _preview(served, server)
    try:
        client.send_signal(signal.SIGINT)
        _out, err = client.communicate(timeout=30)  # times out if Ctrl-C did not reach it
    finally:
        _end(client)
    return client.returncode, err


def _said(err: bytes) -> list[bytes]:
    """What the preview said on stderr but its build log ("Built the pages (build 1). ..."),
    which its watcher thread prints when the first build is done: before or after the Ctrl-C,
    by timing."""
    return [line for line in err.splitlines() if not line.startswith(b"Built the pages (build ")]


def test_ctrl_c_reaches_the_command(served: Served) -> None:
    code, err = _interrupted(served, server=True)
    assert b"Traceback" not in err
    alone_code, alone_err = _interrupted(served, server=False)
    assert (code, _said(err)) == (alone_code, _said(alone_err))


def test_a_folder_others_may_enter_is_never_used(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o755)
    env = {**os.environ, resident.DIR_ENV: str(folder)}
    env.pop(resident.NO_SERVER_ENV, None)
    said = subprocess.run([str(POLICY_BIN), "server", "start"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert said.returncode == 2
    assert "other users" in said.stderr
    assert resident.connect(env) is None
    assert not list(folder.iterdir())


def test_a_served_client_imports_nothing_of_the_tool(served: Served) -> None:
    """With a server, the console script's process imports neither click nor the libraries
    nor the engine's modules beyond the client: that is where its time goes without one."""
    code = (f"import sys\nsys.path[0] = {str(POLICY_BIN.parent)!r}\nsys.argv = ['policy', 'check']\n"
            "from engine.cli.client import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "mods = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('engine', 'render', 'click', 'ruamel', 'pydantic', 'jsonschema', 'markdown_it'))\n"
            "open(sys.argv[0] + '.mods', 'w').write(' '.join(mods))\n")
    before = served.served()
    subprocess.run([sys.executable, "-c", code], cwd=served.repo, env=served.env,
                   capture_output=True, timeout=120, check=True)
    assert served.served() == before + 1
    imported = (served.repo / "policy.mods").read_text().split()
    assert imported == ["engine", "engine.cli", "engine.cli.client", "engine.resident"]


def test_module_files_changed_is_seen(tmp_path: Path) -> None:
    one = tmp_path / "m.py"
    one.write_text("x = 1\n")
    seen = resident.module_files({str(one): resident._stat(str(one))})
    assert resident.changed(seen) is None
    one.write_text("x = 22\n")
    assert resident.changed(seen) == str(one)
    one.unlink()
    assert resident.changed(seen) == str(one)


def _server_pid(served: Served) -> int:
    answer = served.status()
    assert answer is not None
    pid = answer["pid"]
    assert isinstance(pid, int)
    return pid


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry.name))
    return found


def _open_fds(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/fd").iterdir()))


def _leaving_client(served: Served, argv: list[str], *, wait_ready: bool) -> str:
    """A client with the console script's identity (so the server takes its command) that
    sends `policy argv` and leaves, right away or once told the command is ready ("P"),
    never saying go: what it heard."""
    code = (f"import os, sys; sys.path[0] = {str(POLICY_BIN.parent)!r}\n"
            "from engine import resident\n"
            "conn = resident.connect(os.environ)\n"
            "resident.send_request(conn, {'kind': 'run', 'identity': resident.identity(), "
            f"'argv': ['policy', *{argv!r}], 'cwd': os.getcwd(), 'env': dict(os.environ), "
            "'umask': 0o022, 'streams': (('utf-8', 'strict', False, False, True),) * 3, "
            "'ignored': []}, (0, 1, 2))\n"
            + ("print(conn.recv(9)[:1].decode())\n" if wait_ready else ""))
    said = subprocess.run([sys.executable, "-c", code], cwd=served.repo, env=served.env,
                          capture_output=True, text=True, timeout=60)
    assert said.returncode == 0, said.stderr
    return said.stdout


def test_a_client_that_leaves_before_go_runs_nothing_and_harms_nobody(served: Served) -> None:
    """A client that sends a command with its descriptors and leaves (Ctrl-C right away): the
    command never runs, the server keeps its socket, leaks no descriptor and serves on."""
    pid = _server_pid(served)
    _ahead(pid)
    fds_before = _open_fds(pid)
    served_before = served.served()
    for _ in range(3):
        _leaving_client(served, ["build", "--out", "never"], wait_ready=False)
    assert served.served() == served_before + 3  # taken, each by a spare, and never run
    half = resident.connect(served.env)  # a request cut off after its descriptors came
    assert half is not None
    import _socket

    half.sendmsg([b"\0\0"], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS,
                                b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2)))])
    half.close()
    time.sleep(1)
    assert not (served.repo / "never").exists()
    assert _server_pid(served) == pid
    assert _open_fds(pid) == fds_before
    served.same("check")


def test_a_silent_connection_holds_nobody_up(served: Served) -> None:
    conn = resident.connect(served.env)  # connects and says nothing
    try:
        started = time.monotonic()
        result = served.run("check")
        assert result.returncode in (0, 1)
        assert time.monotonic() - started < 30
    finally:
        conn.close()
    served.same("check")


def _alive(pid: int) -> bool:
    """Whether the process runs (wherever it was moved: a zombie or no process is not)."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def _grandchildren(pid: int) -> set[int]:
    return {g for c in _children(pid) for g in _children(c)}


def test_a_client_killed_takes_its_command_with_it(served: Served) -> None:
    """The server always has a spare process (with a command's process forked ahead); the
    spare that took the client, and the command it ran, go when the client is killed."""
    pid = _server_pid(served)
    spare = set(_children(pid))
    assert len(spare) == 1, "no spare ready"
    client = _preview(served, True)
    try:
        watcher = spare & set(_children(pid))
        assert watcher, "the command is not running in the server"
        command = _grandchildren(pid) & {g for w in watcher for g in _children(w)}
        assert command
        client.kill()
        client.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(map(_alive, watcher | command)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, watcher | command)), "the command outlived its client"
        assert len(_children(pid)) == 1, "no new spare, or a spare too many"
    finally:
        _end(client)


def _ended_by(served: Served, server: bool, signum: int, ignore: int | None = None) -> int | None:
    """`policy preview` sent `signum` once it is up: its exit status (negative: the signal
    that ended it), or None if it was still running three seconds later."""
    client = _preview(served, server, ignore)
    try:
        client.send_signal(signum)
        try:
            return client.wait(timeout=3)
        except subprocess.TimeoutExpired:
            return None
    finally:
        _end(client)


def test_a_command_ended_by_a_signal_ends_the_client_the_same_way(served: Served) -> None:
    assert _ended_by(served, True, signal.SIGTERM) == _ended_by(served, False, signal.SIGTERM)


def test_nohup_still_protects_the_command(served: Served) -> None:
    assert _ended_by(served, False, signal.SIGHUP, ignore=signal.SIGHUP) is None
    assert _ended_by(served, True, signal.SIGHUP, ignore=signal.SIGHUP) is None


def test_other_limits_are_never_served(served: Served) -> None:
    """A client whose resource limits differ from the server's runs the command itself."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    lower = max(64, soft // 2)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (lower, hard))

    before = served.served()
    env = dict(served.env)
    one = subprocess.run([str(POLICY_BIN), "check"], cwd=served.repo, env=env,
                         capture_output=True, preexec_fn=limit, timeout=120)
    assert served.served() == before
    two = served.run("check", server=False)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)


def test_exit_codes_as_the_interpreter_gives_them() -> None:
    assert resident._exit_code(None) == 0
    assert resident._exit_code(3) == 3
    assert resident._exit_code(256 + 2) == 2


def test_without_unix_sockets_every_command_runs_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from engine.cli import main

    monkeypatch.setattr(resident, "SUPPORTED", False)
    monkeypatch.delenv(resident.NO_SERVER_ENV, raising=False)
    assert resident.run_in_server(["check"]) is None
    assert resident.connect(os.environ) is None
    said = CliRunner().invoke(main, ["server", "start", "--lang", "ru"])
    assert said.exit_code == 2
    assert "недоступен" in said.output


def _ahead(pid: int) -> tuple[int, int]:
    """The server's spare and the command's process it forked ahead (waited for: the spare
    forks it just after it was forked itself)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        spares = _children(pid)
        below = [g for s in spares for g in _children(s)]
        if len(spares) == 1 and len(below) == 1:
            return spares[0], below[0]
        time.sleep(0.02)
    raise AssertionError(f"not one spare with one command's process: {spares}, {below}")


def _gone(pids: set[int]) -> bool:
    """No such process any more (a zombie still counts as there)."""
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{p}").exists() for p in pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not any(Path(f"/proc/{p}").exists() for p in pids)


def test_the_spare_and_its_command_process_end_with_the_server(served: Served) -> None:
    pid = _server_pid(served)
    ahead = set(_ahead(pid))
    stopped = subprocess.run([str(POLICY_BIN), "server", "stop"], cwd=served.repo,
                             env=served.env, capture_output=True, timeout=60)
    assert stopped.returncode == 0
    deadline = time.monotonic() + 30
    while any(map(_alive, ahead | {pid})) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, ahead | {pid})), "a process of the server outlived it"
    assert _gone(ahead), "a process forked ahead outlived the server"


def test_a_command_process_forked_ahead_that_died_costs_nothing(served: Served) -> None:
    """Killed while it waited (out of memory, a kill -9): the next command runs all the same,
    in a process forked for it, and says what it says without the server."""
    spare, ahead = _ahead(_server_pid(served))
    os.kill(ahead, signal.SIGKILL)
    served.same("check")
    assert _gone({ahead, spare})


def test_a_client_that_gives_up_leaves_no_process_behind(served: Served) -> None:
    spare, ahead = _ahead(_server_pid(served))
    assert _leaving_client(served, ["check"], wait_ready=True) == "P\n"  # the spare took it
    assert _gone({spare, ahead}), "the spare or its command's process outlived the client"
    served.same("check")


def _in_terminal(served: Served, *args: str) -> bytes:
    """`policy args` run with a terminal as its streams (a pty): what it said."""
    return _at_terminal(served.repo, served.env, *args)


def test_a_result_in_a_terminal_is_kept_after_the_answer_too(served: Served, tmp_path: Path) -> None:
    """The command's process lets the client's streams go before its cache work: the result
    is still kept under the key of the streams it ran with (a terminal), and replayed."""
    results = tmp_path / "cache" / "cafetalk-policy" / "results"
    before = served.served()
    first = _in_terminal(served, "check")
    assert served.served() == before + 1
    deadline = time.monotonic() + 30
    while not (results.is_dir() and any(results.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert results.is_dir() and any(results.iterdir()), "the result was not kept"
    assert _in_terminal(served, "check") == first


# -- the command's process copies the server's pages while it waits (own_pages) ---------------

def _in_child(work: Callable[[], object]) -> Any:
    """`work()` run in a forked child of this process, which shares this process's memory
    with it copy-on-write; what it returned (through JSON)."""
    import json

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - in the child
        try:
            os.close(read)
            os.write(write, json.dumps(work()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        said = fh.read()
    os.waitpid(pid, 0)
    return json.loads(said)


def _write_every_page(own: bool) -> dict[str, int]:
    """In the child: own_pages first when `own`, then one write to each page of `_SHARED`;
    the pages copied, the traps the writes took, and what the child then reads."""
    import resource

    out = {"copied": resident.own_pages()} if own else {}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for at in range(0, len(_SHARED), _PAGE):
        _SHARED[at] = (_SHARED[at] + 1) % 256
    out["faults"] = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    out["sum"] = sum(_SHARED[::_PAGE])
    return out


def _with_a_client_waiting() -> dict[str, int]:
    """In the child: own_pages with a client already come (its descriptor readable)."""
    ready_r, ready_w = os.pipe()
    os.write(ready_w, b"go")
    return {"copied": resident.own_pages(ready_r)}


_PAGE = mmap.PAGESIZE  # 4 KB on x86-64; 16 or 64 KB on some arm64 systems
_PAGES = (8 << 20) // _PAGE  # 8 MB, shared with each child of the test
_SHARED = bytearray(os.urandom(_PAGES * _PAGE))


def _kernel() -> tuple[int, ...]:
    import re

    found = re.match(r"(\d+)\.(\d+)", os.uname().release)
    return tuple(int(x) for x in found.groups()) if found else (0,)


@pytest.mark.skipif(not sys.platform.startswith("linux") or _kernel() < (5, 14),
                    reason="MADV_POPULATE_WRITE: Linux 5.14")
def test_a_process_forked_ahead_copies_what_it_shares_before_its_command() -> None:
    """Without own_pages, a child writing once to each page of memory it shares with its
    parent takes a trap per page (copy-on-write); after it, almost none, and what the child
    reads and writes is unchanged. The parent's memory is its own throughout."""
    before = bytes(_SHARED)
    plain = _in_child(lambda: _write_every_page(own=False))
    owned = _in_child(lambda: _write_every_page(own=True))
    assert plain["faults"] >= _PAGES * 0.9, plain
    assert owned["copied"] >= _PAGES, owned
    assert owned["faults"] <= _PAGES * 0.05, owned
    expected = sum((b + 1) % 256 for b in before[::_PAGE])
    assert plain["sum"] == owned["sum"] == expected
    assert bytes(_SHARED) == before  # the children's writes stayed theirs


@pytest.mark.skipif(not sys.platform.startswith("linux") or _kernel() < (5, 14),
                    reason="MADV_POPULATE_WRITE: Linux 5.14")
def test_what_the_server_never_wrote_is_not_copied() -> None:
    """Only pages present and shared are copied: of a private mapping the parent wrote to
    every other page of, the child then owns the pages written and has none of the others
    (the untouched reserve of a mapping costs no memory in the process forked ahead)."""
    import ctypes

    pages, size = 512, mmap.PAGESIZE
    region = mmap.mmap(-1, pages * size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    if hasattr(mmap, "MADV_NOHUGEPAGE"):  # one write must not fault in a whole huge page
        region.madvise(mmap.MADV_NOHUGEPAGE)
    for at in range(0, pages * size, 2 * size):
        region[at] = 1
    start = ctypes.c_char.from_buffer(region)
    address = ctypes.addressof(start)
    del start

    def pages_after_own_pages() -> list[list[bool]]:  # in the child: (present, its own) each
        resident.own_pages()
        with open("/proc/self/pagemap", "rb") as fh:
            fh.seek(address // size * 8)
            entries = memoryview(fh.read(pages * 8)).cast("Q")
        return [[bool(e >> 63 & 1), bool(e >> 56 & 1)] for e in entries]

    flags = _in_child(pages_after_own_pages)
    region.close()
    assert flags[0::2] == [[True, True]] * (pages // 2)  # written: present, now its own
    assert all(not present for present, _ in flags[1::2])  # never written: still absent


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pagemap and madvise: Linux")
def test_a_client_that_came_is_not_kept_waiting_by_the_copy() -> None:
    assert _in_child(_with_a_client_waiting) == {"copied": 0}


def test_own_pages_where_the_system_has_no_pagemap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Best effort: where /proc cannot be read (another system), nothing is copied and
    nothing is raised."""
    import builtins

    real_open = builtins.open

    def no_proc(path: object, *args: object, **kwargs: object) -> object:
        if str(path).startswith("/proc/"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", no_proc)
    assert resident.own_pages() == 0


# -- only the pages commands wrote are copied (learn_pages, read_pages, written_pages) --------

def _shared_address() -> int:
    import ctypes

    return ctypes.addressof(ctypes.c_char.from_buffer(_SHARED))


def _shared_runs(every: int) -> list[tuple[int, int]]:
    """Runs (first page number, count) of every `every`-th whole page of `_SHARED`."""
    address = _shared_address()
    first = -(-address // _PAGE)  # the first page wholly inside the buffer
    last = (address + len(_SHARED)) // _PAGE
    return [(page, 1) for page in range(first, last, every)]


def _own_some_then_write_every_page(only: list[list[int]]) -> dict[str, int]:
    """In the child: own_pages on the runs `only`, then one write to each page of `_SHARED`."""
    import resource

    copied = resident.own_pages(only=[(first, count) for first, count in only])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for at in range(0, len(_SHARED), _PAGE):
        _SHARED[at] = (_SHARED[at] + 1) % 256
    return {"copied": copied,
            "faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before}


@pytest.mark.skipif(not sys.platform.startswith("linux") or _kernel() < (5, 14),
                    reason="MADV_POPULATE_WRITE: Linux 5.14")
def test_only_the_pages_asked_for_are_copied() -> None:
    """With `only`, the process forked ahead copies those pages and no others: the writes
    then trap on the rest, about half the pages when every other page was asked for."""
    halves = _shared_runs(2)
    owned = _in_child(lambda: _own_some_then_write_every_page([list(r) for r in halves]))
    assert owned["copied"] == len(halves), owned
    assert len(halves) * 0.9 <= owned["faults"] <= len(halves) * 1.2, owned
    none = _in_child(lambda: _own_some_then_write_every_page([]))
    assert none["copied"] == 0 and none["faults"] >= _PAGES * 0.9, none


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pagemap: Linux")
def test_the_pages_a_child_wrote_are_the_ones_it_learns() -> None:
    """A child that writes every fourth page of memory it shares reports those pages as
    written, and none of the pages it only shares."""
    fourth = _shared_runs(4)
    everything = {page for page, _ in _shared_runs(1)}

    def write_every_fourth_page() -> list[list[int]]:
        for page, _count in fourth:
            at = page * _PAGE - _shared_address()
            _SHARED[at] = (_SHARED[at] + 1) % 256
        return [list(run) for run in resident.written_pages()]

    written = _in_child(write_every_fourth_page)
    pages = {first + i for first, count in written for i in range(count)} & everything
    assert pages == {page for page, _ in fourth}


def test_learnt_pages_add_up_and_the_file_is_replaced_whole(tmp_path: Path) -> None:
    """Each command's pages are added to what the file holds (runs joined), the file is
    rewritten only when something is new, and a file that is not one is never read as pages."""
    path = str(tmp_path / "server.pages")
    assert resident.read_pages(path) is None  # no command yet: nothing is copied
    assert resident.learn_pages(path, [(10, 2), (20, 1)]) == 3
    assert resident.read_pages(path) == [(10, 2), (20, 1)]
    assert resident.learn_pages(path, [(12, 3), (5, 1)]) == 7
    assert resident.read_pages(path) == [(5, 1), (10, 5), (20, 1)]
    inode = os.stat(path).st_ino
    assert resident.learn_pages(path, [(11, 2)]) == 7  # nothing new: the file stays
    assert os.stat(path).st_ino == inode
    assert sorted(os.listdir(tmp_path)) == ["server.pages"]  # no temporary file left
    Path(path).write_bytes(b"policy-pages-1\n" + bytes(7))  # cut short: not a pages file
    assert resident.read_pages(path) is None
    Path(path).write_bytes(bytes(32))  # another file
    assert resident.read_pages(path) is None
    assert resident.learn_pages(str(tmp_path / "no" / "such.pages"), [(1, 1)]) == 0


def test_merge_runs_joins_overlapping_and_touching_runs() -> None:
    assert resident.merge_runs([]) == []
    assert resident.merge_runs([(5, 2), (1, 1), (2, 3), (9, 1), (7, 1), (20, 0)]) == [(1, 7), (9, 1)]
    assert resident.merge_runs([(1, 10), (3, 2)]) == [(1, 10)]


def test_a_server_learns_the_pages_its_commands_write_and_forgets_them_when_it_stops(
        served: Served) -> None:
    """After a command, the server knows the pages it wrote (some megabytes, far fewer than
    the server holds); a stopped server leaves no pages file behind."""
    assert served.run("check").returncode in (0, 1)
    deadline = time.monotonic() + 30
    learnt = 0
    while time.monotonic() < deadline:  # the command learns after its answer
        answer = served.status()
        assert answer is not None
        learnt = int(answer["learnt_pages"])  # type: ignore[call-overload]
        if learnt:
            break
        time.sleep(0.05)
    assert 256 < learnt < 25_000, learnt  # more than 1 MB, less than 100 MB
    folder = served.env[resident.DIR_ENV]
    assert any(name.endswith(".pages") for name in os.listdir(folder))
    served.run("server", "stop")
    assert not any(name.endswith(".pages") for name in os.listdir(folder))


# -- a command run in a terminal starts a server for the next ones (starts_a_server) ----------

def test_only_a_person_at_a_terminal_starts_a_server() -> None:
    """A command starts a server when stdin, stdout and stderr are all a terminal, there is a
    command, CI is not set and POLICY_AUTO_SERVER is not turned off; never for a script, a
    pipe or CI."""
    folder = tempfile.mkdtemp(prefix="ps-")
    env = {resident.DIR_ENV: folder}
    try:
        def tty(*ttys: int) -> Callable[[int], bool]:
            return lambda fd: fd in ttys

        assert resident.starts_a_server(["check"], env, tty(0, 1, 2))
        assert resident.starts_a_server(["status", "--lang", "ja"], {**env, "CI": ""}, tty(0, 1, 2))
        assert not resident.starts_a_server(["check"], env, tty(0, 1))  # stderr to a file
        assert not resident.starts_a_server(["check"], env, tty(1, 2))  # input from a pipe
        assert not resident.starts_a_server(["check"], {**env, "CI": "true"}, tty(0, 1, 2))
        for off in ("0", "no", "off", "False"):
            assert not resident.starts_a_server(["check"], {**env, resident.AUTO_ENV: off},
                                                tty(0, 1, 2))
        assert not resident.starts_a_server(["--help"], env, tty(0, 1, 2))  # no command
        assert not resident.starts_a_server(["--help", "--lang", "ja"], env, tty(0, 1, 2))
        os.chmod(folder, 0o755)  # others may enter: no server starts there (spawn refuses)
        assert not resident.starts_a_server(["check"], env, tty(0, 1, 2))
        os.chmod(folder, 0o700)

        def closed(_fd: int) -> bool:
            raise OSError(9, "Bad file descriptor")

        assert not resident.starts_a_server(["check"], env, closed)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_server_warming_up_is_not_started_again() -> None:
    """While a server holds its lock (it is warming up and not yet listening), a command does
    not start another."""
    import fcntl

    folder = tempfile.mkdtemp(prefix="ps-")
    env = {resident.DIR_ENV: folder}
    try:
        lock = os.open(resident.beside(resident.socket_path(env), "lock"),
                       os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert not resident.starts_a_server(["check"], env, lambda _fd: True)
        said = _server_command(env, "status")
        assert "starting" in said and "not running" not in said, said
        os.close(lock)
        assert resident.starts_a_server(["check"], env, lambda _fd: True)
        assert "not running" in _server_command(env, "status")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _server_command(env: dict[str, str], *args: str) -> str:
    """What `policy server args` says (in English) with the socket's folder of `env`."""
    environ = {**os.environ, **env, "POLICY_LANG": "en"}
    environ.pop(resident.NO_SERVER_ENV, None)
    done = subprocess.run([str(POLICY_BIN), "server", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_look_at_the_lock_does_not_turn_a_starting_server_away() -> None:
    """A command looking whether a server warms up holds the lock for an instant: a server
    starting at that instant waits for it rather than taking it for another server's; a lock
    held for good is another server's."""
    import fcntl
    import threading

    folder = tempfile.mkdtemp(prefix="ps-")
    try:
        name = os.path.join(folder, "lock")
        held = os.open(name, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(held, fcntl.LOCK_EX)
        mine = os.open(name, os.O_RDWR)
        timer = threading.Timer(0.1, os.close, (held,))  # closing lets go of the lock
        timer.start()
        assert resident._take_lock(mine)
        timer.join()
        other = os.open(name, os.O_RDWR)
        assert not resident._take_lock(other, tries=3)
        os.close(mine)
        assert resident._take_lock(other, tries=1)
        os.close(other)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_what_a_killed_command_left_of_the_pages_file_goes_with_it(tmp_path: Path) -> None:
    path = str(tmp_path / "s.pages")
    assert resident.learn_pages(path, [(5, 2)]) == 2
    (tmp_path / "s.pages.4242").write_bytes(b"half written")  # its writer was killed
    (tmp_path / "s.pages.notes").write_text("not a writer's")
    (tmp_path / "s.log").write_text("kept")
    resident._forget_pages(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.log", "s.pages.notes"]


def _serve_with_a_warm_up_raising(path: str, exception: str) -> subprocess.CompletedProcess[str]:
    """A server on `path` whose warm-up raises `exception` (Python source), run as the server
    runs: with the search path of the console script that starts it."""
    script = (f"import sys\nsys.path[0] = {str(POLICY_BIN.parent)!r}\n"
              "from engine import resident\n"
              f"def warm_up(policy):\n    raise {exception}\n"
              "resident.warm_up = warm_up\n"
              f"sys.exit(resident.serve_forever({path!r}, 1, {str(POLICY)!r}))\n")
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_a_server_that_stopped_while_loading_is_not_started_again_and_status_says_so(
        tmp_path: Path) -> None:
    """A server whose warm-up fails leaves word of it beside the socket: commands at a
    terminal then start no server (each would fail and print its note again) until the tool
    changes or `policy server start` succeeds; `policy server status` says what happened
    and where the log is."""
    folder = tempfile.mkdtemp(prefix="ps-")
    env = {resident.DIR_ENV: folder}
    path = resident.socket_path(env)
    try:
        done = _serve_with_a_warm_up_raising(path, "RuntimeError('the warm-up failed')")
        assert done.returncode == 1 and "the warm-up failed" in done.stderr
        assert os.path.exists(resident.beside(path, "failed"))
        said = _server_command(env, "status")
        assert "not running" in said and "stopped before it was ready" in said, said
        assert resident.beside(path, "log") in said
        assert "policy server start" in said

        # In this process (another search path, as another virtual environment would have),
        # the word is for another tool: a server is started.
        assert resident.starts_a_server(["check"], env, lambda _fd: True)
        resident._record_failure(path, resident.tool_files())
        assert resident.failed_to_start(env)
        assert not resident.starts_a_server(["check"], env, lambda _fd: True)

        # The tool changed since (one of its files as it was seen is not as it is now): tried again.
        seen = resident.tool_files()
        first = next(iter(seen))
        resident._record_failure(path, {**seen, first: (0, 0, 0, 0)})
        assert not resident.failed_to_start(env)
        assert resident.starts_a_server(["check"], env, lambda _fd: True)

        # A server that starts (`policy server start`) clears it.
        resident._record_failure(path, seen)
        assert "started" in _server_command(env, "start", "--idle-minutes", "1")
        try:
            assert not os.path.exists(resident.beside(path, "failed"))
            assert not resident.failed_to_start(env)
        finally:
            _server_command(env, "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_socket_path_too_long_is_said_plainly_and_tried_no_more(tmp_path: Path) -> None:
    """A socket's folder so deep that its path does not fit a Unix socket: `server start` says
    so and what to set, `status` says why none runs, and no command starts one by itself; a
    server started there anyway warms up, cannot listen, and leaves word of it."""
    folder = tmp_path / ("d" * 120)
    folder.mkdir(mode=0o700)
    env = {resident.DIR_ENV: str(folder)}
    path = resident.socket_path(env)
    assert not resident.socket_fits(path)
    assert not resident.starts_a_server(["check"], env, lambda _fd: True)
    environ = {**os.environ, **env, "POLICY_LANG": "ja"}
    environ.pop(resident.NO_SERVER_ENV, None)
    done = subprocess.run([str(POLICY_BIN), "server", "start"], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "ソケットのパスが" in done.stderr and "POLICY_SERVER_DIR" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not os.path.exists(resident.beside(path, "log"))
    said = _server_command(env, "status")
    assert "not running" in said and "It cannot start here" in said, said
    assert "stopped before it was ready" not in said

    script = (f"import sys\nsys.path[0] = {str(POLICY_BIN.parent)!r}\n"
              "from engine import resident\n"
              "resident.warm_up = lambda policy: []\n"
              f"sys.exit(resident.serve_forever({path!r}, 1, {str(POLICY)!r}))\n")
    served = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert served.returncode != 0 and "AF_UNIX path too long" in served.stderr, served.stderr
    assert os.path.exists(resident.beside(path, "failed"))


def _at_terminal(repo: Path, env: dict[str, str], *args: str) -> bytes:
    """`policy args` with a terminal as its stdin, stdout and stderr (a pty): what it said."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.chdir(repo)
            os.execve(str(POLICY_BIN), [str(POLICY_BIN), *args], env)
        finally:
            os._exit(127)
    said = b""
    try:
        while chunk := os.read(fd, 65536):
            said += chunk
    except OSError:  # the terminal's other side closed (EIO)
        pass
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
    return said


def test_a_command_at_a_terminal_starts_a_server_for_the_next_ones(tmp_path: Path) -> None:
    """With no server, a command run at a terminal says (in the person's language) that it
    starts one and runs on its own; the next command runs in that server and says nothing of
    it. The same command from a script starts nothing."""
    repo = tmp_path / "repo"
    shutil.copytree(POLICY, repo / "policy")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "policy")
    folder = tempfile.mkdtemp(prefix="ps-")
    env = {k: v for k, v in os.environ.items()
           if k not in (resident.NO_SERVER_ENV, resident.AUTO_ENV, "CI")}
    env.update({resident.DIR_ENV: os.path.join(folder, "s"),
                "XDG_CACHE_HOME": str(tmp_path / "cache"), "POLICY_LANG": "ja"})
    try:
        scripted = subprocess.run([str(POLICY_BIN), "status"], cwd=repo, env=env,
                                  capture_output=True, timeout=120)
        assert scripted.returncode == 0 and b"policy server" not in scripted.stderr
        assert not os.path.exists(env[resident.DIR_ENV]), "a script started a server"

        first = _at_terminal(repo, env, "status").decode()
        assert "`policy server` をバックグラウンドで起動します" in first
        assert "POLICY_AUTO_SERVER=0" in first
        deadline = time.monotonic() + 60
        while resident.ask("status", env) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        answer = resident.ask("status", env)
        assert answer is not None, "no server started"
        assert answer["served"] == 0
        second = _at_terminal(repo, env, "status").decode()
        assert "バックグラウンド" not in second
        assert second.replace("\r\n", "\n").strip() in first.replace("\r\n", "\n")
        again = resident.ask("status", env)
        assert again is not None and again["served"] == 1
    finally:
        subprocess.run([str(POLICY_BIN), "server", "stop"], cwd=repo, env=env,
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not sys.platform.startswith("linux") or _kernel() < (5, 14),
                    reason="MADV_POPULATE_WRITE: Linux 5.14")
def test_runs_learnt_where_memory_is_not_writable_now_stop_no_copy() -> None:
    """Runs learnt in another process may lie, here, on memory that is not writable (the
    server's layout moved) or on no memory at all (a file that is not this server's): they
    are passed over, the runs after them are still copied and nothing is raised."""
    import ctypes

    pages, size = 64, mmap.PAGESIZE
    region = mmap.mmap(-1, pages * size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    if hasattr(mmap, "MADV_NOHUGEPAGE"):
        region.madvise(mmap.MADV_NOHUGEPAGE)
    for at in range(0, pages * size, size):
        region[at] = 1
    start = ctypes.c_char.from_buffer(region)
    address = ctypes.addressof(start)
    del start
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mprotect.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
    assert libc.mprotect(address, pages // 2 * size, mmap.PROT_READ) == 0  # first half
    first = address // size
    runs = [[first, pages], [2**52, 2**40]]  # read-only half, writable half; nowhere

    try:
        copied = _in_child(lambda: resident.own_pages(only=[(a, n) for a, n in runs]))
    finally:
        libc.mprotect(address, pages // 2 * size, mmap.PROT_READ | mmap.PROT_WRITE)
        region.close()
    assert copied == pages // 2


def test_a_server_still_warming_up_is_stopped_when_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`policy server stop` right after a command started a server (as its note says) waits
    for the server warming up to listen and stops it, rather than saying none runs and
    leaving it to start after."""
    repo = tmp_path / "repo"
    shutil.copytree(POLICY, repo / "policy")
    folder = tempfile.mkdtemp(prefix="ps-")
    env = {k: v for k, v in os.environ.items() if k != resident.NO_SERVER_ENV}
    env.update({resident.DIR_ENV: os.path.join(folder, "s"), "POLICY_LANG": "en",
                "XDG_CACHE_HOME": str(tmp_path / "cache")})
    monkeypatch.setenv(resident.DIR_ENV, env[resident.DIR_ENV])
    monkeypatch.chdir(repo)
    process = resident.spawn(2)
    try:
        deadline = time.monotonic() + 30
        while not resident._starting(env) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert resident._starting(env) and resident.ask("status", env) is None, "not warming up"
        stopped = subprocess.run([str(POLICY_BIN), "server", "stop"], cwd=repo, env=env,
                                 capture_output=True, text=True, timeout=150)
        assert "stopped" in stopped.stdout, stopped.stdout
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_library_installed_since_a_server_stopped_loading_tries_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that stopped while loading because of a library (a broken upgrade) is tried
    again once a library is installed, upgraded or removed (`make install`, `pip install`),
    though none of the tool's own files changed."""
    site = tmp_path / "lib" / "site-packages"
    site.mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    folder = tempfile.mkdtemp(prefix="ps-")
    env = {resident.DIR_ENV: folder}
    try:
        path = resident.socket_path(env)
        resident._record_failure(path, resident.tool_files())
        assert resident.failed_to_start(env)
        (site / "pydantic-9.9.dist-info").mkdir()  # what pip does
        assert not resident.failed_to_start(env)
        assert resident.starts_a_server(["check"], env, lambda _fd: True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_server_stopped_from_outside_while_loading_leaves_no_word(tmp_path: Path) -> None:
    """A server interrupted while it loads (kill -INT: KeyboardInterrupt in the warm-up) did
    not fail to load the tool: commands at a terminal go on starting one."""
    folder = tempfile.mkdtemp(prefix="ps-")
    env = {resident.DIR_ENV: folder}
    path = resident.socket_path(env)
    try:
        done = _serve_with_a_warm_up_raising(path, "KeyboardInterrupt")
        assert done.returncode != 0 and "KeyboardInterrupt" in done.stderr, done.stderr
        assert not os.path.exists(resident.beside(path, "failed"))
        assert "stopped before it was ready" not in _server_command(env, "status")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
