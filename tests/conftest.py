"""Shared fixtures: paths to the shipped policy, the fixtures and the published seed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Every `policy` process a test starts runs the command itself, whatever server the machine
# has running (tests/test_resident.py starts its own and takes this out).
os.environ.setdefault("POLICY_NO_SERVER", "1")
# A command writes its caches before it ends, so that a test reads them, or runs the next
# command, without waiting for the process the console script otherwise leaves that work to
# (engine/inputs.py `run_cache_work_apart`; tests/test_kept_work_apart.py takes this out).
os.environ.setdefault("POLICY_WAIT_FOR_CACHES", "1")
# The tool speaks the reader's language (POLICY_LANG, else the locale): the tests hear its
# default, English, on a machine of any locale; a test that wants a language sets it itself.
os.environ["LANG"] = "C.UTF-8"
for _name in ("LC_ALL", "LC_MESSAGES", "POLICY_LANG"):
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "policy"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed" / "ru-published.txt"


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped policy folder."""
    target = tmp_path / "policy"
    shutil.copytree(POLICY, target)
    return target


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture policy."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture
def stale_followons_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """`policy check` telling also what the comparisons find on a stale translation (which
    engine/check.py `without_stale_followons` holds back): for the tests of the pair checks'
    kept findings, whose edits of the master make the units they edit stale, and whose point
    is that a kept finding the edit should have replaced is never told."""
    import engine.check

    monkeypatch.setattr(engine.check, "without_stale_followons", lambda found: found)


GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def fake_git(folder: Path, script: str) -> Path:
    """`folder` holding an executable `git` that runs the shell `script` (put it first on
    PATH to stand in for git: one that hangs, fails or says something of its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "git").write_text(f"#!/bin/sh\n{script}\n")
    (folder / "git").chmod(0o755)
    return folder


def hanging_git(folder: Path) -> Path:
    """`fake_git` that answers nothing for 30 seconds."""
    return fake_git(folder, f"exec {shutil.which('sleep')} 30")


def committed_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository (the working folder) with a copy of the shipped policy and
    pyproject.toml, committed; its own cache folder, with POLICY_NO_CACHE unset."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(POLICY, root / "policy")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    monkeypatch.chdir(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


def pending_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`committed_repo` with one pending master change (so drift findings read the git
    history)."""
    root = committed_repo(tmp_path, monkeypatch)
    ja = root / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    at = text.index("\n    title: ") + len("\n    title: ")
    end = text.index("\n", at)
    ja.write_text(text[:end] + "等" + text[end:], "utf-8")
    return root


def no_command_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """engine/inputs.py as in a process that has run no command (a library, the tests), put
    back after the test: nothing kept for later, nothing walked, read or started ahead."""
    from engine import inputs

    for name, value in (("_LATER", None), ("_WALKS", None), ("_AFTER_STATES", None),
                        ("_READS", None), ("_REFS_LATER", {}), ("_AHEAD", {})):
        monkeypatch.setattr(inputs, name, value)
