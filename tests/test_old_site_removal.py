"""A build run by the console script leaves the site folder it replaced to a process of its own (engine/inputs.py `hand_off_removals`), which goes on after the command has ended.

* That process is `rm -rf -- FOLDER`, given the old folder's absolute path, and nothing else:
  with an `rm` on PATH that only writes down what it was given, the old folder (the last
  build's files) is still there after the command, and the new site is whole.
* With no `rm` on PATH, the command removes the old folder itself, before it ends.
* With the system's `rm`, no old folder is left once it has run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIX = Path(__file__).resolve().parent / "fixtures" / "render" / "clean"
SCRIPT = ("import sys\n"
          "from engine.cli.client import main\n"
          "sys.argv = ['policy', *sys.argv[1:]]\n"
          "main()\n")

pytestmark = pytest.mark.skipif(not hasattr(os, "posix_spawnp"), reason="no posix_spawnp here")


def _build(tmp: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path, "POLICY_NO_SERVER": "1",
           "XDG_CACHE_HOME": str(tmp / "cache")}
    return subprocess.run([sys.executable, "-c", SCRIPT, "build", "--policy", str(FIX),
                           "--out", str(tmp / "site")], cwd=tmp, env=env, capture_output=True,
                          text=True, timeout=300)


def _old(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(".site.old-*"))


def _bin(tmp: Path, rm: str | None) -> str:
    """A folder for PATH holding git (when there is one) and, when given, `rm` as a script."""
    folder = tmp / "bin"
    folder.mkdir()
    git = shutil.which("git")
    if git is not None:
        (folder / "git").symlink_to(git)
    if rm is not None:
        (folder / "rm").write_text(rm, "utf-8")
        (folder / "rm").chmod(0o755)
    return str(folder)


def _wait(condition: object, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_the_old_folder_is_handed_to_rm_and_not_removed_by_the_command(tmp_path: Path
                                                                        ) -> None:
    said = tmp_path / "rm-was-given"
    mv = shutil.which("mv") or "/bin/mv"  # PATH holds git and this rm only
    path = _bin(tmp_path, f"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{said}.part'\n"
                          f"'{mv}' '{said}.part' '{said}'\n")
    first = _build(tmp_path, path)
    assert first.returncode == 0, first.stderr
    index = (tmp_path / "site" / "index.html").read_bytes()
    second = _build(tmp_path, path)
    assert second.returncode == 0, second.stderr
    assert _wait(said.exists), "rm was not started"
    [old] = _old(tmp_path)
    assert said.read_text("utf-8").splitlines() == ["-rf", "--", str(old)]
    assert (old / "index.html").read_bytes() == index  # the command did not remove it
    assert (tmp_path / "site" / "index.html").read_bytes() == index


def test_without_rm_the_command_removes_the_old_folder_itself(tmp_path: Path) -> None:
    path = _bin(tmp_path, None)
    for _ in range(2):
        done = _build(tmp_path, path)
        assert done.returncode == 0, done.stderr
    assert _old(tmp_path) == []
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.skipif(shutil.which("rm") is None, reason="no rm on PATH")
def test_with_the_systems_rm_no_old_folder_is_left(tmp_path: Path) -> None:
    for _ in range(3):
        done = _build(tmp_path, os.environ["PATH"])
        assert done.returncode == 0, done.stderr
    assert _wait(lambda: not _old(tmp_path)), _old(tmp_path)
    assert (tmp_path / "site" / "index.html").is_file()
