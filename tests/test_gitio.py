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

from .conftest import fake_git, git, hanging_git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

def git_says(repo: Path, *args: str) -> bytes:
    """What `git args` prints in `repo`, by subprocess: what gitio must give."""
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                          check=True).stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "policy").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    for n in range(3):
        (root / "policy" / "ja.yaml").write_text(f"facts:\n  version: 1.0.{n}\n", "utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-qm", f"version {n}")
    return root


def test_answers_are_git_s_own(repo: Path) -> None:
    def text(*args: str) -> str:
        return git_says(repo, *args).decode().strip()

    assert gitio.toplevel(repo / "policy") == Path(text("rev-parse", "--show-toplevel"))
    assert gitio.log(repo, "policy") == text("log", "--format=%H", "--", "policy").split()
    assert gitio.resolve(repo, "HEAD~1") == text("rev-parse", "HEAD~1")
    ja = git_says(repo, "show", "HEAD:policy/ja.yaml")
    assert gitio.show(repo, "HEAD", "policy/ja.yaml") == ja
    assert gitio.read_folder(repo, text("rev-parse", "HEAD"), "policy") == {"ja.yaml": ja}


def test_a_large_input_and_output_are_exchanged_without_a_deadlock(repo: Path) -> None:
    """`git cat-file --batch` fed far more than a pipe holds (64 KiB) while it prints far more:
    the input is written as git reads it, the output read as git writes it."""
    commits = gitio.log(repo, "policy")
    specs = [f"{commits[n % 3]}:policy/ja.yaml" for n in range(6000)]  # about 300 KiB in
    blobs = gitio.show_many(repo, specs)
    assert len(blobs) == 6000
    assert blobs[:3] == [git_says(repo, "show", f"{c}:policy/ja.yaml") for c in commits]


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
    with monkeypatch.context() as m:
        m.setenv("PATH", str(hanging_git(tmp_path / "bin")))
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
    fake = fake_git(tmp_path / "bin", "echo said; echo oops >&2; exit 3")
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
    pid_file = tmp_path / "pid"
    fake = fake_git(tmp_path / "bin", f"echo $$ > {pid_file}\necho started\n"
                                      f"exec {shutil.which('sleep')} 30")
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


def test_several_versions_of_a_folder_are_read_in_one_batch(repo: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """`read_folders` gives each revision what `read_folder` gives it, with one `git ls-tree`
    per revision and a single `git cat-file` for every file; the commits `log` gave are not
    resolved again; a revision without the folder, or with a file over the limit, gets its
    own error and the others are still read."""
    commits = gitio.log(repo, "policy")
    (repo / "other").mkdir()
    (repo / "other" / "x.yaml").write_text("a: 1\n", "utf-8")
    (repo / "policy" / "big.yaml").write_text("b: 2\n" * 40, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "big")
    big = git_says(repo, "rev-parse", "HEAD").decode().strip()
    asked: list[str] = []
    spawn = inputs.spawn

    def counted(argv: list[str], *args: object, **kwargs: object) -> object:
        asked.append(argv[1])
        return spawn(argv, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(inputs, "spawn", counted)
    monkeypatch.setattr(gitio, "MAX_BLOB_BYTES", 100)
    found = gitio.read_folders(repo, [*commits, "HEAD~9", big], "policy")
    # log's commits are listed at once; HEAD~9 and `big` (not from log) are resolved first
    assert asked == ["ls-tree"] * 3 + ["rev-parse"] * 2 + ["ls-tree", "cat-file"]
    for commit, files in zip(commits, found, strict=False):
        assert files == {"ja.yaml": git_says(repo, "show", f"{commit}:policy/ja.yaml")}
    missing, too_big = found[3], found[4]
    assert isinstance(missing, gitio.GitError) and missing.diagnostic.code == "GIT001"
    assert "HEAD~9" in missing.diagnostic.message
    assert missing.__traceback__ is None  # no frame: none keeps the files read alive
    assert isinstance(too_big, gitio.GitError) and too_big.diagnostic.code == "IO003"
    assert "big.yaml is 200 bytes; the limit is 100" in too_big.diagnostic.message
    with pytest.raises(gitio.GitError) as caught:
        gitio.read_folder(repo, big, "policy")
    assert caught.value.diagnostic.code == "IO003"


def test_a_large_output_is_the_same_whether_the_pipe_can_be_widened_or_not(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`git cat-file --batch` is read through a pipe of LARGE_PIPE_BYTES where Linux allows
    it; where it refuses (the user's pipe quota used up), the pipe keeps its size and the
    answer is the same, read in more turns."""
    import fcntl

    commits = gitio.log(repo, "policy")
    specs = [f"{commits[n % 3]}:policy/ja.yaml" for n in range(3000)]
    asked: list[int] = []  # the sizes asked for (the kernel may grant less, or refuse)
    real = fcntl.fcntl

    def watched(fd: int, cmd: int, arg: int = 0) -> int:
        if cmd == getattr(fcntl, "F_SETPIPE_SZ", -1):
            asked.append(arg)
        return real(fd, cmd, arg)

    monkeypatch.setattr(fcntl, "fcntl", watched)
    wide = gitio.show_many(repo, specs)
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        assert asked == [inputs.LARGE_PIPE_BYTES]

    def refused(fd: int, cmd: int, arg: int = 0) -> int:
        if cmd == getattr(fcntl, "F_SETPIPE_SZ", -1):
            raise PermissionError(1, "Operation not permitted")
        return real(fd, cmd, arg)

    monkeypatch.setattr(fcntl, "fcntl", refused)
    assert gitio.show_many(repo, specs) == wide
    assert wide[:3] == [git_says(repo, "show", f"{c}:policy/ja.yaml") for c in commits]


def test_a_file_named_besides_the_folder_is_refused_for_its_own_revision_once_read(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file `also` names is refused by its size once read (git lists no size for it
    first): the error names the revision where it is too large, and the other revision is
    read."""
    small = git_says(repo, "rev-parse", "HEAD").decode().strip()
    (repo / "notes.md").write_text("x" * 200, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "notes")
    git(repo, "tag", "later")
    monkeypatch.setattr(gitio, "MAX_BLOB_BYTES", 100)
    (early, late) = gitio.read_folders(repo, [small, "later"], "policy", also=("notes.md",))
    assert early == {"ja.yaml": git_says(repo, "show", f"{small}:policy/ja.yaml")}
    assert isinstance(late, gitio.GitError) and late.diagnostic.code == "IO003"
    assert late.diagnostic.message.startswith("later:notes.md is 200 bytes")
