"""engine/patterns.py: regular expressions built from the lists kept in the user's cache are the
very patterns `re.compile` makes, and anything wrong with the entry falls back to compiling."""

from __future__ import annotations

import importlib
import marshal
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
    yield patterns._entry_path()
    inputs.run_cache_work()


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module as a new process finds it: nothing built, nothing read, nothing to store."""
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_kept", None)
    monkeypatch.setattr(patterns, "_fresh", {})
    monkeypatch.setattr(patterns, "_used", set())
    monkeypatch.setattr(patterns, "_queued", False)


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


def _with_parts(table: dict[Any, Any], change: Any) -> dict[Any, Any]:
    return {key: change(parts) for key, parts in table.items()}


@pytest.mark.parametrize("damage", ["truncated", "garbage", "a letter changed", "other python",
                                    "not a table", "code refused", "groups disagree",
                                    "group names swapped"])
def test_a_damaged_entry_gives_the_same_patterns(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                 damage: str) -> None:
    """Damage the digest catches (the first four), and lists whose digest is right but whose
    shape is not (written as an entry would be): each is refused, the patterns are those
    `re.compile` makes, and the entry is written again whole."""
    compile_samples()
    inputs.run_cache_work()
    raw = cache.read_bytes()
    table = patterns.decode(raw)
    assert table is not None and len(table) == len(SAMPLES)
    # one letter of one pattern changed (x to z), under the head the entry had: the C engine
    # would take the list, and the pattern would match other texts
    verbose = ("x  y # a comment", int(re.VERBOSE))
    code = list(table[verbose][1])
    code[code.index(ord("x"))] = ord("z")
    flipped = raw[:raw.index(b"\n") + 1] + marshal.dumps(
        {**table, verbose: (table[verbose][0], code, *table[verbose][2:])})
    other = patterns.encode(table).replace(sys.version.encode(), b"3.99.0 (other)", 1)
    damaged = {
        "truncated": raw[: len(raw) // 2],
        "garbage": raw[:raw.index(b"\n") + 1] + b"\x00not marshal",
        "a letter changed": flipped,
        "other python": other,
        "not a table": patterns.encode([1, 2, 3]),  # type: ignore[arg-type]
        # right digests, wrong lists: the C engine refuses the code; the groups do not agree
        # with the names (one more group than named slots); two names swapped
        "code refused": patterns.encode(_with_parts(table, lambda v: (v[0], [999_999] * 5,
                                                                       *v[2:]))),
        "groups disagree": patterns.encode(_with_parts(table, lambda v: (*v[:2], v[2] + 3,
                                                                          *v[3:]))),
        "group names swapped": patterns.encode(_with_parts(table, lambda v: (
            *v[:3], {name: len(v[4]) - number for name, number in v[3].items()}, v[4]))),
    }[damage]
    cache.write_bytes(damaged)
    fresh_process(monkeypatch)
    inputs.begin_command()
    for (pattern, flags), made in zip(SAMPLES, compile_samples(), strict=True):
        want = re.compile(pattern, flags)
        assert made == want and made.groupindex == want.groupindex
        assert made.groups == want.groups
    inputs.run_cache_work()
    assert cache.read_bytes() != damaged  # written again, whole
    assert patterns.decode(cache.read_bytes()) == table
    fresh_process(monkeypatch)
    monkeypatch.setattr(re, "compile", _refuse)
    compile_samples()


def test_each_interpreter_has_an_entry_of_its_own(cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Two Pythons that share the cache (two virtual environments) do not overwrite each
    other's entry: each keeps reading its own."""
    compile_samples()
    inputs.run_cache_work()
    mine = cache.read_bytes()
    fresh_process(monkeypatch)
    inputs.begin_command()
    monkeypatch.setattr(patterns, "_interpreter", lambda: b"3.99.0 (another build)|1|4")
    compile_samples()
    inputs.run_cache_work()
    theirs = patterns._entry_path()
    assert theirs != cache and theirs.is_file() and cache.read_bytes() == mine
    assert sorted(p.name for p in cache.parent.iterdir()) == sorted([cache.name, theirs.name])


def test_a_store_that_fails_keeps_what_was_compiled(cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "write_private_bytes", lambda path, data: False)
    compile_samples()
    inputs.run_cache_work()
    assert not cache.exists() and len(patterns._fresh) == len(SAMPLES)
    assert patterns._queued is False  # the next compile queues another store
    monkeypatch.undo()


def test_the_servers_command_forgets_what_its_warm_up_read(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server warms up with a cache folder of its own, then forks each command: the
    command reads the user's entry, as a new process would (engine/resident.py)."""
    from engine import resident

    compile_samples()
    inputs.run_cache_work()
    monkeypatch.setattr(patterns, "_kept", {})  # what the warm-up read elsewhere
    monkeypatch.setattr(patterns, "_queued", True)
    resident._forget_paths()
    assert patterns._kept is None and patterns._queued is False
    assert len(patterns._read()) == len(SAMPLES)


def test_a_pattern_of_a_text_subclass_is_never_kept(cache: Path) -> None:
    class Text(str):
        pass

    made = patterns.compile(Text(r"sub(\w+)class"))
    assert made.match("subxclass") is not None and patterns._fresh == {}


def test_an_entry_others_can_write_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_samples()
    inputs.run_cache_work()
    cache.chmod(0o666)
    fresh_process(monkeypatch)
    inputs.begin_command()
    assert patterns._read() == {}
    compile_samples()
    inputs.run_cache_work()  # written again, the user's own (0600), not as it was
    assert cache.stat().st_mode & 0o777 == 0o600
    fresh_process(monkeypatch)
    assert len(patterns._read()) == len(SAMPLES)
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
    monkeypatch.setattr(patterns, "_remember", _refuse)  # nothing is made ready to store
    assert patterns.compile(r"library (\w+)").match("library use") is not None
    assert patterns._fresh == {} and not patterns._queued
    assert not (tmp_path / "cafetalk-policy" / "patterns").exists()


def test_the_entry_holds_at_most_max_kept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The newest first: what this process compiled, then what it used, then the others."""
    monkeypatch.setattr(patterns, "MAX_KEPT", 5)
    for n in range(8):
        patterns.compile(f"first{n}")
    inputs.run_cache_work()
    fresh_process(monkeypatch)
    assert list(patterns._read()) == [(f"first{n}", 0) for n in range(5)]
    inputs.begin_command()
    patterns.compile("first3")  # used
    patterns.compile("first7")  # compiled again
    patterns.compile("second")  # new
    inputs.run_cache_work()
    fresh_process(monkeypatch)
    assert list(patterns._read()) == [("first7", 0), ("second", 0), ("first3", 0),
                                      ("first0", 0), ("first1", 0)]


def test_the_console_script_keeps_every_pattern_it_compiles(tmp_path: Path) -> None:
    """`policy check` twice: the first stores its patterns, the second builds all of them
    from the entry (and stores nothing), and both say what a run without caches says."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "policy", repo / "policy")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "POLICY_NO_SERVER": "1"}
    env.pop("POLICY_NO_CACHE", None)
    folder = tmp_path / "cache" / "cafetalk-policy" / "patterns"

    def check(**extra: str) -> tuple[int, str]:
        done = subprocess.run([str(POLICY), "check"], cwd=repo, env={**env, **extra},
                              capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr

    plain = check(POLICY_NO_CACHE="1")
    assert not folder.exists()
    assert check() == plain
    (entry,) = folder.iterdir()
    stored = entry.stat()
    shutil.rmtree(tmp_path / "cache" / "cafetalk-policy" / "results")  # the check runs again
    assert check() == plain
    assert entry.stat().st_mtime_ns == stored.st_mtime_ns  # nothing new to store
    table = patterns.decode(entry.read_bytes())
    assert table is not None and len(table) >= 40
    for (pattern, flags), parts in table.items():
        assert SRE.compile(pattern, *parts) == re.compile(pattern, flags), pattern
