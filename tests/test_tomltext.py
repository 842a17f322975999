"""TOML settings are parsed once and, with the console script's caches on, kept by their text (engine/tomltext.py): the tables from the cache are tomllib's, a damaged entry is parsed again, a syntax error is said as tomllib says it, and a later process reads the settings without importing tomllib."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from engine import tomltext
from engine.inputs import cache_folder, write_private_pickle

from .conftest import POLICY

TEXT = (POLICY / "parity.toml").read_text("utf-8")


@pytest.fixture
def caches_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICY_CACHE_SOURCES", "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    tomltext.parse_toml.cache_clear()  # each parse below as in a fresh process
    return cache_folder("toml")


def _fresh(text: str) -> object:
    tomltext.parse_toml.cache_clear()
    return tomltext.parse_toml(text)


def test_the_kept_tables_are_tomllibs(caches_on: Path) -> None:
    assert _fresh(TEXT) == tomllib.loads(TEXT)
    [entry] = caches_on.glob("*.pickle")
    assert _fresh(TEXT) == tomllib.loads(TEXT)
    key = entry.stem
    write_private_pickle(caches_on, key, tomltext.FORMAT, {"planted": True}, 16)
    assert _fresh(TEXT) == {"planted": True}, "a later process reads the kept tables"
    entry.write_bytes(entry.read_bytes()[:40])
    assert _fresh(TEXT) == tomllib.loads(TEXT), "a damaged entry is parsed again"


def test_nothing_is_kept_with_the_caches_off(caches_on: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    assert _fresh(TEXT) == tomllib.loads(TEXT)
    assert not caches_on.exists()


@pytest.mark.parametrize("cache", [True, False])
def test_a_syntax_error_is_said_as_tomllib_says_it(
        caches_on: Path, monkeypatch: pytest.MonkeyPatch, cache: bool) -> None:
    if not cache:
        monkeypatch.setenv("POLICY_NO_CACHE", "1")
    bad = TEXT + "\n[negation.ja\n"
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(bad)
    for _ in range(2):
        with pytest.raises(tomltext.TomlSyntaxError) as said:
            _fresh(bad)
        assert str(said.value) == str(expected.value)
    assert not list(caches_on.glob("*.pickle"))


def test_a_later_check_reads_its_settings_without_tomllib(tmp_path: Path) -> None:
    """After an edit of the master, a check runs again (no result of it is kept): it reads
    parity.toml's tables from the cache, as the first check kept them."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(POLICY, repo / "policy", ignore=shutil.ignore_patterns("__pycache__"))
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: sys.stderr.write("
             "f\"\\ntomllib: {'tomllib' in sys.modules}\\n\"))\n"
             "from engine.cli.cached import main\n"
             "sys.argv = ['policy', 'check']\n"
             "main()\n")
    env = {**os.environ, "POLICY_NO_SERVER": "1", "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(POLICY.parent)}
    ja = repo / "policy" / "ja.yaml"
    said = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", probe], cwd=repo, capture_output=True,
                              text=True, env=env, timeout=180)
        assert done.returncode in (0, 1), done.stderr[-2000:]
        said.append(done.stderr.strip().rsplit("\n", 1)[-1])
        text = ja.read_text("utf-8")
        at = text.index("\n    title: ") + len("\n    title: ")
        end = text.index("\n", at)
        ja.write_text(text[:end] + "等" + text[end:], "utf-8")  # the next check runs again
    assert said == ["tomllib: True", "tomllib: False"]
