"""The console script's result cache (engine/cli/cached.py) never changes an answer.

* Every cached command prints byte for byte what a fresh run prints, on both streams, with the
  same exit code, and a second run really is served from the cache.
* Changing anything the command reads (an edition, a table in tests/, parity.toml, a
  pyproject.toml above, a folder named on the command line, uses/, a git commit, the tool's own
  source) changes the key; a changed input gives the fresh answer even over a planted entry.
* A corrupt or unreadable entry is ignored and rewritten; a cache that cannot be written costs
  only speed; entries are written atomically (engine/atomic.py).
* Commands that write anything are never cached.
No timings here: bench/bench_cli.py measures the cache.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import cached

from .conftest import FIXTURES, POLICY

POLICY_BIN = Path(sys.executable).with_name("policy")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository holding a copy of the shipped policy, with its own cache folder."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(POLICY, root / "policy")
    shutil.copytree(FIXTURES / "mini", root / "mini")
    (root / "pyproject.toml").write_text("[tool.policy]\n", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cached.CACHE_ENV, raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(root)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                       env={**os.environ, **GIT_ENV})
    return root


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if k != cached.CACHE_ENV}
    return subprocess.run([str(POLICY_BIN), *args], cwd=cwd, capture_output=True,
                          env={**full, **env}, check=False)


def entries() -> list[Path]:
    folder = cached.cache_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def plant(text: str) -> None:
    """Overwrite every stored entry's output: a run that replays it is a cache hit."""
    for entry in entries():
        data = json.loads(entry.read_text("utf-8"))
        data["output"] = [["out", text]]
        entry.write_text(json.dumps(data), "utf-8")


def _edit_master(repo: Path) -> None:
    ja = repo / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    at = text.index("\n    title: ") + len("\n    title: ")
    end = text.index("\n", at)
    ja.write_text(text[:end] + "等" + text[end:], "utf-8")


COMMANDS = [["validate"], ["check"], ["check", "--format", "json"], ["status"],
            ["check", "--lang", "ja"], ["status", "--lang", "ru"], ["validate", "--lang", "ja"],
            ["test", "--lang", "ru"], ["diff", "mini", "policy", "--format", "json"], ["diff"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_a_cached_run_prints_exactly_what_a_fresh_run_prints(repo: Path,
                                                             args: list[str]) -> None:
    _edit_master(repo)  # a pending change, so check and status have something to say
    fresh = run(args, repo, **{cached.CACHE_ENV: "1"})
    assert fresh.returncode in cached.SAFE_EXITS, fresh.stderr.decode()
    assert not entries()
    first = run(args, repo)  # fills the cache
    assert len(entries()) == 1
    second = run(args, repo)  # served from it
    for got in (first, second):
        assert (got.stdout, got.stderr, got.returncode) == (
            fresh.stdout, fresh.stderr, fresh.returncode)
    plant("planted\n")
    assert run(args, repo).stdout == b"planted\n"  # the second run was indeed a hit
    assert run(["--no-cache", *args], repo).stdout == fresh.stdout


def test_editing_an_input_gives_the_fresh_answer_over_a_stored_one(repo: Path) -> None:
    before = run(["check"], repo)
    plant("planted\n")
    _edit_master(repo)
    after = run(["check"], repo)
    fresh = run(["check"], repo, **{cached.CACHE_ENV: "1"})
    assert after.stdout != b"planted\n"
    assert (after.stdout, after.returncode) == (fresh.stdout, fresh.returncode)
    assert after.stdout != before.stdout


def test_a_corrupt_entry_is_ignored_and_rewritten(repo: Path) -> None:
    fresh = run(["validate"], repo, **{cached.CACHE_ENV: "1"})
    run(["validate"], repo)
    (entry,) = entries()
    for garbage in (b"", b"{not json", b'{"format": "policy-results-1"}', b"\xff\xfe",
                    json.dumps({"format": cached.FORMAT, "key": "other", "exit": 0,
                                "output": [["out", "x"]]}).encode()):
        entry.write_bytes(garbage)
        got = run(["validate"], repo)
        assert (got.stdout, got.stderr, got.returncode) == (
            fresh.stdout, fresh.stderr, fresh.returncode)
        assert json.loads(entry.read_bytes())["key"] == entry.stem  # rewritten whole
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary left


def test_a_cache_that_cannot_be_written_costs_only_speed(repo: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", "utf-8")
    fresh = run(["validate"], repo, **{cached.CACHE_ENV: "1"})
    got = run(["validate"], repo, XDG_CACHE_HOME=str(blocked))
    assert (got.stdout, got.stderr, got.returncode) == (
        fresh.stdout, fresh.stderr, fresh.returncode)


def test_store_writes_atomically(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import engine.atomic

    calls: list[Path] = []
    real = engine.atomic.write_bytes_atomic

    def spy(target: Path, data: bytes, *, durable: bool = True, mode: int | None = None) -> None:
        calls.append(target)
        assert mode == 0o600  # a cache entry: its owner's only
        real(target, data, durable=durable, mode=mode)

    monkeypatch.setattr(engine.atomic, "write_bytes_atomic", spy)
    cached.store("k" * 64, 0, [("out", "text")])
    assert calls == [cached.cache_dir() / f"{'k' * 64}.json"]
    assert cached.lookup("k" * 64) == (0, [("out", "text")])


@pytest.mark.parametrize("argv", [
    ["stamp", "ru", "title"], ["build"], ["revise", "--date", "2099-01-01", "--dry-run"],
    ["check", "--summary", "s.md"], ["check", "--summary=s.md"], ["diff", "--out", "d.txt"],
    ["diff", "main"], ["diff", "main", "policy"], ["check", "--help"], ["--no-cache", "check"],
    ["--version"], ["ask", "use", "contact", "newsletter"], ["check", "extra"],
])
def test_commands_that_write_or_read_beyond_files_are_never_cached(argv: list[str]) -> None:
    assert cached.plan(argv, {}) is None
    assert cached.plan(["check"], {cached.CACHE_ENV: "1"}) is None
    assert cached.plan(["check", "--format", "github"], {"GITHUB_STEP_SUMMARY": "x"}) is None


def test_the_key_covers_every_input(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                    tmp_path: Path) -> None:
    keys: list[str | None] = []

    def key(*args: str) -> str | None:
        got = cached.cache_key(list(args))
        keys.append(got)
        return got

    base = key("check")
    assert base is not None and base == key("check")
    changes = [
        lambda: _edit_master(repo),
        lambda: (repo / "policy" / "tests" / "purposes.yaml").write_text(
            (repo / "policy" / "tests" / "purposes.yaml").read_text("utf-8") + "\n", "utf-8"),
        lambda: (repo / "policy" / "parity.toml").write_text("# x\n", "utf-8"),
        lambda: (repo / "policy" / "new.txt").write_text("x", "utf-8"),
        lambda: (repo / "pyproject.toml").write_text("[tool.policy.severity]\n", "utf-8"),
        lambda: (repo / "uses").mkdir(),
        lambda: subprocess.run(["git", "commit", "-qam", "next", "--allow-empty"], cwd=repo,
                               check=True, env={**os.environ, **GIT_ENV}),
        lambda: monkeypatch.setenv("NO_COLOR", "1"),
        lambda: monkeypatch.setenv("POLICY_LANG", "ja"),  # the language the report speaks
        lambda: monkeypatch.setenv("LC_MESSAGES", "ru_RU.UTF-8"),
        lambda: monkeypatch.setattr(sys, "stdout", _Tty()),
    ]
    for change in changes:
        change()
        assert key("check") not in keys[:-1]
    assert key("check", "--format", "json") not in keys[:-1]
    assert key("check", "--lang", "en") not in keys[:-1]
    assert key("check", "--previous", "mini/ja.yaml") not in keys[:-1]
    before = key("diff", "mini", "policy")
    (repo / "mini" / "en.yaml").write_text(
        (repo / "mini" / "en.yaml").read_text("utf-8") + "\n", "utf-8")
    assert key("diff", "mini", "policy") != before
    monkeypatch.chdir(repo / "policy")  # paths print relative to the working folder
    assert key("check") not in keys[:-1]


def test_the_tools_own_source_is_part_of_the_key(repo: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tool = tmp_path / "tool"
    shutil.copytree(Path(cached.__file__).parent.parent, tool / "engine",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tool / "render").mkdir()
    monkeypatch.setattr(cached, "TOOL_ROOT", tool)
    before = cached.cache_key(["validate"])
    with open(tool / "engine" / "validate.py", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert cached.cache_key(["validate"]) != before


class _Tty:
    encoding = "utf-8"
    errors = "strict"

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


# ------------------------------------------------ engine/loader.py: loaded, validated folders


@pytest.fixture
def sources_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from engine import loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cached.CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    return loader.sources_cache_dir()


def _broken(policy_copy: Path) -> Path:
    """The shipped policy with a mistake in each phase: YAML, shape, cross-reference."""
    ru = policy_copy / "ru.yaml"
    ru.write_text(ru.read_text("utf-8").replace("\ntitle:", "\ntitel:", 1), "utf-8")
    en = policy_copy / "en.yaml"
    en.write_text(en.read_text("utf-8") + "\n  bad: [\n", "utf-8")
    return policy_copy


@pytest.mark.parametrize("broken", [False, True], ids=["shipped", "with mistakes"])
def test_a_folder_from_the_sources_cache_equals_a_fresh_load(
        sources_cache: Path, policy_copy: Path, broken: bool) -> None:
    from engine.loader import load_folder

    folder = _broken(policy_copy) if broken else policy_copy
    fresh = load_folder(folder, cache=False)
    assert not sources_cache.exists()
    first = load_folder(folder, cache=True)
    assert len(list(sources_cache.iterdir())) == 1
    second = load_folder(folder, cache=True)
    for got in (first, second):
        assert got == fresh
        assert [str(d) for d in got.diagnostics] == [str(d) for d in fresh.diagnostics]
    assert second is not first
    assert bool(fresh.diagnostics) == broken


def test_the_sources_cache_is_used_and_invalidated(sources_cache: Path,
                                                   policy_copy: Path) -> None:
    import pickle

    from engine.loader import SOURCES_FORMAT, Sources, load_folder

    load_folder(policy_copy, cache=True)
    (entry,) = sources_cache.iterdir()
    planted = Sources(Path("planted"))
    entry.write_bytes(SOURCES_FORMAT + b" " + entry.stem.encode() + b"\n"
                      + pickle.dumps(planted))
    assert load_folder(policy_copy, cache=True).folder == Path("planted")  # a hit
    _edit_master(policy_copy.parent)
    edited = load_folder(policy_copy, cache=True)
    assert edited == load_folder(policy_copy, cache=False)
    assert edited.folder == policy_copy
    (policy_copy / "fr.yaml").write_text("lang: fr\n", "utf-8")  # a new edition
    assert load_folder(policy_copy, cache=True) == load_folder(policy_copy, cache=False)


def test_a_corrupt_sources_entry_is_ignored_and_rewritten(sources_cache: Path,
                                                          policy_copy: Path) -> None:
    from engine.loader import SOURCES_FORMAT, load_folder

    fresh = load_folder(policy_copy, cache=False)
    load_folder(policy_copy, cache=True)
    (entry,) = sources_cache.iterdir()
    head = SOURCES_FORMAT + b" " + entry.stem.encode() + b"\n"
    for garbage in (b"", b"garbage", head, head + b"\x80\x05not a pickle", head + b"\x80"):
        entry.write_bytes(garbage)
        assert load_folder(policy_copy, cache=True) == fresh
        assert entry.read_bytes().startswith(head) and len(entry.read_bytes()) > len(head) + 100
    assert [p.name for p in sources_cache.iterdir()] == [entry.name]  # no temporary left


def test_the_sources_cache_is_off_unless_the_console_script_turns_it_on(
        sources_cache: Path, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.loader import CACHE_ENV, load_folder

    monkeypatch.delenv(CACHE_ENV, raising=False)
    load_folder(policy_copy)
    assert not sources_cache.exists()
    monkeypatch.setenv(CACHE_ENV, "1")
    monkeypatch.setenv(cached.CACHE_ENV, "1")  # POLICY_NO_CACHE wins
    load_folder(policy_copy)
    assert not sources_cache.exists()
    monkeypatch.delenv(cached.CACHE_ENV)
    load_folder(policy_copy)
    assert len(list(sources_cache.iterdir())) == 1


def test_the_stamp_of_a_cached_folder_writes_what_a_fresh_one_writes(
        tmp_path: Path, policy_copy: Path) -> None:
    """A writer (stamp) reads through the sources cache: same files, same output."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    _edit_master(policy_copy.parent)
    twin = tmp_path / "twin"
    shutil.copytree(policy_copy, twin / "policy")
    args = ["stamp", "ru", "--all", "--unchanged-ok", "--policy"]
    run(["validate", "--policy", "policy"], policy_copy.parent, **env)  # fills the cache
    assert (tmp_path / "cache" / "cafetalk-policy" / "sources").is_dir()
    got = run([*args, "policy"], policy_copy.parent, **env)
    fresh = run([*args, "policy"], twin, **env, **{cached.CACHE_ENV: "1"})
    assert (got.stdout, got.stderr, got.returncode) == (fresh.stdout, fresh.stderr,
                                                        fresh.returncode)
    for name in ("ja.yaml", "ru.yaml", "en.yaml"):
        assert (policy_copy / name).read_bytes() == (twin / "policy" / name).read_bytes()


def test_editions_given_as_bytes_come_from_the_cache_as_they_were_read(
        sources_cache: Path, policy_copy: Path) -> None:
    from engine.loader import load_texts

    files = {p.name: p.read_bytes() for p in policy_copy.glob("*.yaml")}
    fresh = load_texts(files, "abc1234567:policy", cache=False)
    assert load_texts(files, "abc1234567:policy", cache=True) == fresh
    assert load_texts(files, "abc1234567:policy", cache=True) == fresh  # a hit
    assert len(list(sources_cache.iterdir())) == 1
    other = load_texts(files, "0000000000:policy", cache=True)  # named after another revision
    assert other == load_texts(files, "0000000000:policy", cache=False) != fresh
    files["ru.yaml"] += b"\n  oops: [\n"
    assert load_texts(files, "abc1234567:policy", cache=True) == load_texts(
        files, "abc1234567:policy", cache=False) != fresh


def test_a_sources_entry_others_could_write_is_never_loaded(sources_cache: Path,
                                                            policy_copy: Path) -> None:
    import pickle

    from engine.loader import SOURCES_FORMAT, Sources, load_folder

    load_folder(policy_copy, cache=True)
    (entry,) = sources_cache.iterdir()
    assert sources_cache.stat().st_mode & 0o077 == 0 and entry.stat().st_mode & 0o077 == 0
    planted = SOURCES_FORMAT + b" " + entry.stem.encode() + b"\n" + pickle.dumps(
        Sources(Path("planted")))
    entry.write_bytes(planted)
    for path in (entry, sources_cache):
        path.chmod(path.stat().st_mode | 0o022)
        assert load_folder(policy_copy, cache=True).folder == policy_copy  # not the planted one
        path.chmod(path.stat().st_mode & ~0o022)
        entry.write_bytes(planted)
    assert load_folder(policy_copy, cache=True).folder == Path("planted")


def test_a_folder_is_walked_in_path_order_with_a_fifo_refused(tmp_path: Path) -> None:
    """The key reads a folder's files in Path.rglob's sorted order, without Path objects."""
    root = tmp_path / "t"
    for name in ("a/b.txt", "a-b/x.txt", "a.b", "a/c/d.yaml", "z/__pycache__/m.pyc"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, "utf-8")
    (root / "link").symlink_to(root / "a", target_is_directory=True)
    for folder in (root, POLICY, FIXTURES):
        assert [rel for rel, _ in cached._files(str(folder))] == [
            p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()]
    assert "z/__pycache__/m.pyc" not in dict(cached._files(str(root), frozenset({"__pycache__"})))
    os.mkfifo(root / "a" / "fifo")
    with pytest.raises(cached.Uncacheable):
        cached._files(str(root))


@pytest.mark.parametrize("first", ["en", "ja"])
def test_a_table_not_run_is_counted_once_however_often_policy_test_runs(repo: Path,
                                                                        first: str) -> None:
    """A row naming what the policy lacks (a misspelt data category) keeps its table from
    running: said once, with its 23 rows, on every run and in every language, not once more
    per run (the cached tables were stored with the table the run had added to them)."""
    table = repo / "policy" / "tests" / "collection.yaml"
    text = table.read_text("utf-8")
    old = "  - ask: collect contact service_operation\n    expect: deny"
    assert text.count(old) == 1
    table.write_text(text.replace(old, old.replace("contact", "contacts", 1)), "utf-8")
    rows = len(re.findall(r"^  - ask: ", text, re.M))
    said = {"en": "more in tables not run", "ja": "実行していない表の事例が"}
    for lang in (first, "ja", "en", "ja"):
        done = run(["test", "--lang", lang], repo)
        err = (done.stdout + done.stderr).decode()
        assert done.returncode == 2, err
        assert err.count("collection.yaml") == 2, err  # the finding, then "not run" once
        line = next(ln for ln in err.splitlines() if said[lang] in ln)
        assert str(rows) in line and str(2 * rows) not in line, line
