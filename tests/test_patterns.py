"""engine/patterns.py: regular expressions built from the lists kept in the user's cache are the
very patterns `re.compile` makes, and anything wrong with the entry falls back to compiling."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import inputs, patterns

ROOT = Path(__file__).resolve().parent.parent
POLICY = Path(sys.executable).with_name("policy")
SRE: Any = importlib.import_module("_sre")
RE_COMPILE = re.compile

SAMPLES: list[tuple[str | bytes, int]] = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)-(\d\d)", 0),
    (r"[«»„“\(\)]", 0),
    (r"(?i)(?<![\w-])([^\W\d_]+)(\s+)(\1)(?![\w-])", 0),
    (r"^\s*#.*$", re.MULTILINE),
    (r"[^.!?。！？\n]+[.!?。！？]*", 0),
    (b"^facts:\\s*\\n", re.MULTILINE),
    (r"x  y # a comment", re.VERBOSE),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Caches on, in a folder of this test's own, and a process that runs one command (the
    store is kept for `run_cache_work`); the module's memory emptied before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(inputs.CACHE_ENV, "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    fresh_process(monkeypatch)
    for state in ("_LATER", "_WALKS", "_READS", "_AFTER_STATES"):  # given back as they were
        monkeypatch.setattr(inputs, state, getattr(inputs, state))
    inputs.begin_command()
    yield tmp_path / "cache" / "cafetalk-policy" / "patterns" / "patterns.marshal"
    inputs.run_cache_work()


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module as a new process finds it: nothing built, nothing read, nothing to store."""
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_kept", None)
    monkeypatch.setattr(patterns, "_fresh", {})
    monkeypatch.setattr(patterns, "_used", set())


def compile_samples() -> list[re.Pattern[Any]]:
    return [patterns.compile(p, f) for p, f in SAMPLES]


def test_kept_patterns_equal_what_re_compiles(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = compile_samples()
    assert not cache.exists()  # stored after the answer, not while the command runs
    inputs.run_cache_work()
    assert cache.is_file() and cache.stat().st_mode & 0o077 == 0
    fresh_process(monkeypatch)
    monkeypatch.setattr(re, "compile", _refuse)  # a kept pattern is never compiled again
    again = compile_samples()
    monkeypatch.setattr(re, "compile", RE_COMPILE)
    for (pattern, flags), one, other in zip(SAMPLES, first, again, strict=True):
        want = re.compile(pattern, flags)
        assert one == want and other == want  # equal pattern, flags and code
        assert (other.groups, other.groupindex, other.flags) == (want.groups, want.groupindex,
                                                                 want.flags)
    date = patterns.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(\d\d)")
    match = date.search("on 2026-12-05.")
    assert match is not None and match.group("month") == "12"
    assert patterns._fresh == {} and len(patterns._used) == len(SAMPLES)


def _refuse(*args: object) -> None:
    raise AssertionError(f"compiled again: {args}")


def test_a_process_builds_each_pattern_once(cache: Path) -> None:
    assert patterns.compile(r"\d+") is patterns.compile(r"\d+")
    assert patterns.compile(r"\d+") is not patterns.compile(r"\d+", re.ASCII)
    assert patterns.compile(r"\d+").pattern == r"\d+"
    assert patterns.compile(b"\\d+").pattern == b"\\d+"


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other python", "not a table",
                                    "code refused"])
def test_a_damaged_entry_gives_the_same_patterns(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                 damage: str) -> None:
    compile_samples()
    inputs.run_cache_work()
    raw = cache.read_bytes()
    head = raw[:raw.index(b"\n") + 1]
    import marshal

    table = marshal.loads(raw[len(head):])
    damaged = {
        "truncated": raw[: len(raw) // 2],
        "garbage": head + b"\x00not marshal",
        "other python": raw.replace(sys.version.encode(), b"2.7.18", 1),
        "not a table": head + marshal.dumps([1, 2, 3]),
        # lists the C engine refuses (it validates every list it is given)
        "code refused": head + marshal.dumps({k: (v[0], [999_999] * 5, *v[2:])
                                             for k, v in table.items()}),
    }[damage]
    cache.write_bytes(damaged)
    fresh_process(monkeypatch)
    inputs.begin_command()
    for (pattern, flags), made in zip(SAMPLES, compile_samples(), strict=True):
        assert made == re.compile(pattern, flags)
    inputs.run_cache_work()
    assert cache.read_bytes() != damaged  # written again, whole
    fresh_process(monkeypatch)
    monkeypatch.setattr(re, "compile", _refuse)
    compile_samples()


def test_an_entry_others_can_write_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_samples()
    inputs.run_cache_work()
    cache.chmod(0o666)
    fresh_process(monkeypatch)
    inputs.begin_command()
    assert patterns._read() == {}
    os.chmod(cache, 0o600)
    cache.parent.chmod(0o777)
    fresh_process(monkeypatch)
    assert patterns._read() == {}
    cache.parent.chmod(0o700)


def test_without_caches_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv(inputs.CACHE_ENV, "1")
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    fresh_process(monkeypatch)
    assert all(p == re.compile(s, f) for p, (s, f) in zip(compile_samples(), SAMPLES, strict=True))
    assert patterns._fresh == {} and patterns._kept is None
    monkeypatch.delenv("POLICY_NO_CACHE")
    monkeypatch.setattr(inputs, "_LATER", None)  # a library: caches on, no command to wait for
    fresh_process(monkeypatch)
    patterns.compile(r"library (\w+)")
    assert patterns._fresh  # kept in memory, and stored by nobody: no store mid-import
    assert not (tmp_path / "cafetalk-policy" / "patterns").exists()


def test_the_entry_holds_at_most_max_kept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_KEPT", 5)
    for n in range(8):
        patterns.compile(f"first{n}")
    inputs.run_cache_work()
    fresh_process(monkeypatch)
    assert len(patterns._read()) == 8  # what one process compiled is kept whole
    inputs.begin_command()
    patterns.compile("first7")
    patterns.compile("second")
    inputs.run_cache_work()
    fresh_process(monkeypatch)
    kept = patterns._read()
    assert len(kept) == 5 and ("second", 0) in kept and ("first7", 0) in kept


def test_the_console_script_keeps_every_pattern_it_compiles(tmp_path: Path) -> None:
    """`policy check` twice: the first stores its patterns, the second builds all of them
    from the entry (and stores nothing), and both say what a run without caches says."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "policy", repo / "policy")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "POLICY_NO_SERVER": "1"}
    env.pop("POLICY_NO_CACHE", None)
    entry = tmp_path / "cache" / "cafetalk-policy" / "patterns" / "patterns.marshal"

    def check(**extra: str) -> tuple[int, str]:
        done = subprocess.run([str(POLICY), "check"], cwd=repo, env={**env, **extra},
                              capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr

    plain = check(POLICY_NO_CACHE="1")
    assert not entry.exists()
    assert check() == plain
    stored = entry.stat()
    shutil.rmtree(tmp_path / "cache" / "cafetalk-policy" / "results")  # the check runs again
    assert check() == plain
    assert entry.stat().st_mtime_ns == stored.st_mtime_ns  # nothing new to store
    import marshal

    raw = entry.read_bytes()
    table = marshal.loads(raw[raw.index(b"\n") + 1:])
    assert len(table) >= 40
    for (pattern, flags), parts in table.items():
        assert SRE.compile(pattern, *parts) == re.compile(pattern, flags), pattern
