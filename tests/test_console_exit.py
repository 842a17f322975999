"""The console script ends as soon as its work is done (engine/cli/client.py `end_now`).

Everything a normal exit does that anyone can see still happens, in its order: threads that
are not daemons are waited for, exit handlers run, the output is flushed and the exit code is
the command's. What is skipped is Python's teardown of every object: a `__del__` left for it
does not run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PROGRAM = """
import atexit, sys, threading, time
from pathlib import Path
from engine.cli.client import end_now

out = Path(sys.argv[1])

class Left:
    def __del__(self):
        sys.stderr.write("torn down\\n")

kept = Left()
atexit.register(lambda: (out / "atexit").write_text("ran"))

def late():
    time.sleep(0.2)
    (out / "thread").write_text("done")

threading.Thread(target=late).start()
threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
sys.stdout.write("no newline at the end")  # still in the buffer
end_now(SystemExit(int(sys.argv[2]) if sys.argv[2].lstrip("-").isdigit() else sys.argv[2]))
sys.stderr.write("returned\\n")
raise SystemExit(sys.argv[2])
"""


def _run(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROGRAM, str(tmp_path), code],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_a_numbered_exit_skips_only_the_teardown(tmp_path: Path) -> None:
    done = _run(tmp_path, "3")
    assert done.returncode == 3
    assert done.stdout == "no newline at the end", "the output is flushed"
    assert (tmp_path / "thread").read_text() == "done", "a thread that is not a daemon ends"
    assert (tmp_path / "atexit").read_text() == "ran", "the exit handlers run"
    assert "torn down" not in done.stderr, "the objects are left to the operating system"
    assert "returned" not in done.stderr


def test_exit_codes_are_the_operating_systems(tmp_path: Path) -> None:
    assert _run(tmp_path, "0").returncode == 0
    assert _run(tmp_path, "141").returncode == 141
    assert _run(tmp_path, "-1").returncode == 255
    assert _run(tmp_path, "256").returncode == 0


def test_an_exit_with_a_message_ends_the_usual_way(tmp_path: Path) -> None:
    done = _run(tmp_path, "stopped: see above")
    assert done.returncode == 1
    assert "returned" in done.stderr and "stopped: see above" in done.stderr
    assert "torn down" in done.stderr, "the usual exit tears the objects down"
    assert (tmp_path / "atexit").read_text() == "ran"


def test_the_console_script_says_everything_and_exits_with_the_commands_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real console script, without a server: the whole report, then the exit code a
    check with findings gives (1), the same as the command run in-process by click."""
    from click.testing import CliRunner

    from engine.cli import main

    bad = tmp_path / "policy"
    bad.mkdir()
    (bad / "ja.yaml").write_text("policy: [\n", "utf-8")
    env = {"POLICY_NO_SERVER": "1", "POLICY_NO_CACHE": "1", "PYTHONPATH": str(ROOT),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    script = ("import sys\nsys.argv = ['policy', 'check', '--policy', sys.argv[1]]\n"
              "from engine.cli.client import main\nmain()\n")
    done = subprocess.run([sys.executable, "-c", script, "policy"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)
    monkeypatch.chdir(tmp_path)
    here = CliRunner().invoke(main, ["check", "--policy", "policy"], env=env)
    assert done.returncode == here.exit_code == 1
    assert done.stdout + done.stderr == here.output


def test_under_a_profiler_the_exit_is_the_usual_one(tmp_path: Path) -> None:
    """`python -m cProfile` writes its numbers after the script: the usual exit lets it."""
    done = subprocess.run([sys.executable, "-c", "import sys; sys.setprofile(lambda *a: None)\n"
                           + PROGRAM, str(tmp_path), "3"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "returned" in done.stderr, "end_now left the exit to the usual way"


def test_a_thread_pool_left_open_ends_as_at_a_normal_exit(tmp_path: Path) -> None:
    """A pool's idle workers (concurrent.futures) are not daemons: a normal exit first tells
    them to stop (threading's own exit handlers), then waits for them. end_now does the same,
    so it does not wait for them forever."""
    program = ("import concurrent.futures, sys\n"
               "from engine.cli.client import end_now\n"
               "pool = concurrent.futures.ThreadPoolExecutor(1)\n"
               "pool.submit(sys.stdout.write, 'done').result()\n"
               "end_now(SystemExit(4))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          cwd=ROOT, timeout=30)
    assert (done.returncode, done.stdout) == (4, "done")


COUNTED = """
import atexit, gc, shutil, sys
from pathlib import Path
counted = [0]
gc.callbacks.append(lambda phase, info: counted.__setitem__(0, counted[0] + (phase == "stop")))
out = Path(sys.argv[1])
atexit.register(lambda: out.write_text(str(counted[0])))
shutil.copytree(sys.argv[2], "policy")
sys.argv = ["policy", "build", "--out", "site"]
from engine.cli.client import main
main()
"""


def test_a_command_run_here_does_not_stop_to_collect_cycles(tmp_path: Path) -> None:
    """The console script's `quiet_collector`: the build of the shipped policy (every phase,
    from the read to the site written) without one run of the cyclic garbage collector,
    which with Python's own threshold would run some seventy times."""
    env = {"POLICY_NO_SERVER": "1", "POLICY_NO_CACHE": "1", "PYTHONPATH": str(ROOT),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    done = subprocess.run([sys.executable, "-c", COUNTED, str(tmp_path / "count"),
                           str(ROOT / "policy")], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "ja" / "index.html").is_file()
    assert (tmp_path / "count").read_text() == "0"


def test_the_quiet_collector_still_frees_cycles() -> None:
    """A long command (many mutants, the preview) still has its cycles freed, only later."""
    program = ("import gc, weakref\n"
               "from engine.cli.client import COLLECT_AFTER, quiet_collector\n"
               "quiet_collector()\n"
               "class Node: pass\n"
               "def cycle():\n"
               "    a, b = Node(), Node(); a.b, b.a = b, a\n"
               "    return weakref.ref(a)\n"
               "first = cycle()\n"
               "for _ in range(COLLECT_AFTER): cycle()\n"
               "print(gc.get_threshold()[0] == COLLECT_AFTER, first() is None)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_a_ctrl_c_after_the_answer_keeps_the_commands_exit_code(tmp_path: Path) -> None:
    """The work kept for after the answer (the caches, a build's old folder) is stopped by a
    Ctrl-C quietly: the command has said everything, and ends with its own code."""
    program = ("import sys\n"
               "from engine import inputs\n"
               "from engine.cli import cached, client\n"
               "def command():\n"
               "    sys.stdout.write('the answer\\n')\n"
               "    def interrupted():\n"
               "        raise KeyboardInterrupt\n"
               "    inputs.later(interrupted)\n"
               "    inputs.later(lambda: sys.stdout.write('not reached\\n'))\n"
               "    sys.exit(3)\n"
               "cached.main = command\n"
               "sys.argv = ['policy', 'check']\n"
               "client.main()\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env={"POLICY_NO_SERVER": "1",
                                                     "PATH": "/usr/bin:/bin",
                                                     "HOME": str(tmp_path)})
    assert (done.returncode, done.stdout) == (3, "the answer\n"), done.stderr
    assert "Traceback" not in done.stderr


def test_run_as_a_module_the_client_runs_the_command(policy_copy: Path) -> None:
    """`python -m engine.cli.client test` is the console script: a failing row fails it (the
    module used to define `main` and end at once, saying nothing, with exit 0)."""
    (policy_copy / "tests" / "zz_wrong.yaml").write_text(
        "about: a wrong row\ncases:\n  - ask: use contact newsletter\n    given: [opted_out]\n"
        "    expect: allow\n", "utf-8")
    env = {**os.environ, "POLICY_NO_SERVER": "1"}
    done = subprocess.run([sys.executable, "-m", "engine.cli.client", "test", "--policy",
                           str(policy_copy), "--lang", "en"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "FAIL" in done.stdout and "use contact newsletter" in done.stdout
