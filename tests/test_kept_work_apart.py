"""The console script leaves the work it kept for after its answer (the caches, a build's old site folder) to a child process of its own, which goes on after the command has ended (engine/inputs.py `run_cache_work_apart`).

* The kept work runs once, in another process in a session of its own, and not in this one.
* `wait_for_kept_work` waits while such a process holds its lock, and no longer.
* Nothing is forked with POLICY_WAIT_FOR_CACHES set, with nothing kept, or while another
  thread runs: then the work stays for `run_cache_work`, as before.
* As a process: once the child is done the caches hold the build's site and no old site
  folder is left, and the next build says the same.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import inputs

from .conftest import no_command_yet
from .test_old_site_removal import FIX, SCRIPT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")


@pytest.fixture
def apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This test's own cache folder, POLICY_WAIT_FOR_CACHES taken out, a command's phase
    begun (`later` keeps its work) and ended again afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(inputs.WAIT_ENV, raising=False)
    no_command_yet(monkeypatch)
    inputs.begin_command()
    yield tmp_path
    inputs.run_cache_work()


def _record(out: Path) -> None:
    out.write_text(f"{os.getpid()} {os.getsid(0)}", "utf-8")


def test_kept_work_runs_once_in_a_process_of_its_own(apart: Path) -> None:
    out = apart / "ran"
    inputs.later(lambda: _record(out))
    assert inputs.run_cache_work_apart() is True
    assert inputs.wait_for_kept_work(30)
    pid, sid = (int(x) for x in out.read_text("utf-8").split())
    assert pid != os.getpid()
    assert sid == pid != os.getsid(0)  # a session of its own: a Ctrl-C does not reach it
    out.unlink()
    inputs.run_cache_work()  # nothing left here: the work was the child's
    assert not out.exists()


def test_waiting_lasts_while_the_lock_is_held(apart: Path) -> None:
    assert inputs.wait_for_kept_work(0.01)  # no lock file yet: nothing to wait for
    folder = inputs.cache_folder()
    folder.mkdir(parents=True)
    held = os.open(folder / inputs.KEPT_WORK_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(held, fcntl.LOCK_SH)
        assert not inputs.wait_for_kept_work(0.05)
        fcntl.flock(held, fcntl.LOCK_UN)
        assert inputs.wait_for_kept_work(0.05)
    finally:
        os.close(held)


def test_nothing_is_forked_when_asked_to_wait(apart: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = apart / "ran"
    inputs.later(lambda: _record(out))
    monkeypatch.setenv(inputs.WAIT_ENV, "1")
    assert inputs.run_cache_work_apart() is False
    assert not out.exists()
    inputs.run_cache_work()
    assert int(out.read_text("utf-8").split()[0]) == os.getpid()


def test_nothing_is_forked_with_nothing_kept(apart: Path) -> None:
    assert inputs.run_cache_work_apart() is False
    assert not (inputs.cache_folder() / inputs.KEPT_WORK_LOCK).exists()


def test_nothing_is_forked_while_another_thread_runs(apart: Path) -> None:
    out = apart / "ran"
    inputs.later(lambda: _record(out))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert inputs.run_cache_work_apart() is False
    finally:
        stop.set()
        thread.join()
    inputs.run_cache_work()
    assert int(out.read_text("utf-8").split()[0]) == os.getpid()


def _build(tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != inputs.WAIT_ENV}
    env.update({"POLICY_NO_SERVER": "1", "XDG_CACHE_HOME": str(tmp / "cache")})
    env.pop("POLICY_NO_CACHE", None)
    return subprocess.run([sys.executable, "-c", SCRIPT, "build", "--policy", str(FIX),
                           "--out", str(tmp / "site")], cwd=tmp, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_build_keeps_its_caches_in_a_process_of_its_own(tmp_path: Path) -> None:
    first = _build(tmp_path)  # returns once the command has said everything
    assert first.returncode == 0, first.stderr
    cache = tmp_path / "cache" / "cafetalk-policy"
    assert inputs.wait_for_kept_work(60, cache)
    assert any((cache / "sites").iterdir()), "the rendered site was not kept"
    second = _build(tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stderr == first.stderr
    assert inputs.wait_for_kept_work(60, cache)
    assert not list(tmp_path.glob(".site.old-*")), "the replaced site folder was left"
    assert (tmp_path / "site" / "index.html").is_file()
