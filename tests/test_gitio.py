"""engine/gitio.py asks git through engine/inputs.py `spawn` (os.posix_spawnp), not subprocess:
the same answers and the same findings as `git` itself gives, input fed and errors read
without a deadlock, and git missing or hanging said in plain words (GIT002)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from engine import gitio, inputs

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "repo"
    (root / "policy").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    for n in range(3):
        (root / "policy" / "ja.yaml").write_text(f"facts:\n  version: 1.0.{n}\n", "utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-qm", f"version {n}")
    return root


def test_answers_are_git_s_own(repo: Path) -> None:
    assert gitio.toplevel(repo / "policy") == Path(git(repo, "rev-parse", "--show-toplevel")
                                                   .decode().strip())
    assert gitio.log(repo, "policy") == git(repo, "log", "--format=%H", "--", "policy").decode(
        ).split()
    head = git(repo, "rev-parse", "HEAD").decode().strip()
    assert gitio.resolve(repo, "HEAD~1") == git(repo, "rev-parse", "HEAD~1").decode().strip()
    assert gitio.show(repo, "HEAD", "policy/ja.yaml") == git(repo, "show", "HEAD:policy/ja.yaml")
    assert gitio.read_folder(repo, head, "policy") == {
        "ja.yaml": git(repo, "show", "HEAD:policy/ja.yaml")}


def test_a_large_input_and_output_are_exchanged_without_a_deadlock(repo: Path) -> None:
    """`git cat-file --batch` fed far more than a pipe holds (64 KiB) while it prints far more:
    the input is written as git reads it, the output read as git writes it."""
    commits = gitio.log(repo, "policy")
    specs = [f"{commits[n % 3]}:policy/ja.yaml" for n in range(6000)]  # about 300 KiB in
    blobs = gitio.show_many(repo, specs)
    assert len(blobs) == 6000
    assert blobs[:3] == [git(repo, "show", f"{c}:policy/ja.yaml") for c in commits]


def test_git_s_own_error_becomes_the_finding(repo: Path) -> None:
    with pytest.raises(gitio.GitError) as raised:
        gitio.resolve(repo, "no-such-branch")
    assert raised.value.diagnostic.code == "GIT001"
    assert "unknown revision 'no-such-branch'" in raised.value.diagnostic.message
    with pytest.raises(gitio.GitError) as raised:
        gitio.toplevel(repo.parent)  # not a repository: git's own first line says so
    said = subprocess.run(["git", "-C", str(repo.parent), "rev-parse", "--show-toplevel"],
                          capture_output=True, text=True).stderr.splitlines()[0]
    assert raised.value.diagnostic.code == "GIT001"
    assert raised.value.diagnostic.message == said


def test_git_missing_or_hanging_is_said_in_plain_words(repo: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setenv("PATH", str(tmp_path / "nowhere"))
        with pytest.raises(gitio.GitError) as raised:
            gitio.toplevel(repo)
    assert raised.value.diagnostic.code == "GIT002"
    assert raised.value.diagnostic.message == "git is not installed"
    slow = tmp_path / "bin"
    slow.mkdir()
    (slow / "git").write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    (slow / "git").chmod(0o755)
    with monkeypatch.context() as m:
        m.setenv("PATH", str(slow))
        m.setattr(gitio, "GIT_TIMEOUT_S", 0.2)
        started = time.monotonic()
        with pytest.raises(gitio.GitError) as raised:
            gitio.log(repo, "policy")
        assert time.monotonic() - started < 10
    assert raised.value.diagnostic.code == "GIT002"
    assert raised.value.diagnostic.message == "git log timed out"


def test_a_process_that_stops_reading_its_input_still_answers(tmp_path: Path) -> None:
    """A process that exits without reading what it is fed: its answer and exit code, no
    broken-pipe error."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\necho said; echo oops >&2; exit 3\n")
    (fake / "git").chmod(0o755)
    old = os.environ["PATH"]
    os.environ["PATH"] = str(fake)
    try:
        done = inputs.spawn(["git", "x"], None, feed=b"y" * 1_000_000, errors=True)()
    finally:
        os.environ["PATH"] = old
    assert done == (3, b"said\n", b"oops\n")


def test_an_interrupted_wait_kills_and_reaps_git(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """As subprocess does: when waiting for git is interrupted (Ctrl-C, a failed read), git
    is killed and reaped, not left running or as a zombie."""
    fake = tmp_path / "bin"
    fake.mkdir()
    pid_file = tmp_path / "pid"
    (fake / "git").write_text(f"#!/bin/sh\necho $$ > {pid_file}\necho started\n"
                              f"exec {shutil.which('sleep')} 30\n")
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    wait = inputs.spawn(["git", "x"], None)
    deadline = time.monotonic() + 10
    while not pid_file.is_file() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    pid = int(pid_file.read_text())

    def interrupted(fd: int, size: int) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "read", interrupted)
    with pytest.raises(KeyboardInterrupt):
        wait()
    monkeypatch.undo()
    with pytest.raises(ProcessLookupError):  # gone: killed, and reaped (no zombie left)
        os.kill(pid, 0)
