"""The cache of check results (engine/checkcache.py) never changes an answer.

A result answered from the cache equals a fresh run; changing any input the checks read (an
edition, parity.toml, a severity in pyproject.toml, a commit, the tool itself) is a miss. To tell
a hit from a recomputation, every stored entry gets a planted finding: a run that returns the
planted finding was answered from the cache, one that does not was run afresh.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import checkcache, inputs
from engine.check import CheckResult, check_sources
from engine.findings import Diagnostic, make
from engine.loader import load_folder
from engine.values import replace
from render.buildcache import sites_cache_dir

from .conftest import ROOT, git, hanging_git, no_command_yet, pending_repo

PLANTED = make("CHECK001", "planted in the cache by the test", "planted.toml", 1, 1)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository with a copy of the shipped policy and one pending master change
    (so drift findings read the git history), and its own cache folder."""
    root = pending_repo(tmp_path, monkeypatch)
    return root


def canon(value: object) -> object:
    """A value by its contents: the parity settings hold sets (in no fixed order) and
    records and dataclasses, whose fields are compared one by one."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(canon(getattr(value, f.name))
                                        for f in dataclasses.fields(value)))
    names = getattr(type(value), "__value_names__", None)  # an engine.values record
    if names is not None:
        return (type(value).__name__, *(canon(getattr(value, name)) for name in names))
    if isinstance(value, dict):
        return sorted((repr(k), canon(v)) for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(repr(canon(v)) for v in value)
    if isinstance(value, (list, tuple)):
        return [canon(v) for v in value]
    return value


def fields(result: CheckResult) -> tuple[list[Diagnostic], dict[str, dict[str, str]], object]:
    return result.diagnostics, result.states, canon(result.config)


def fresh(folder: Path) -> CheckResult:
    return check_sources(load_folder(folder, cache=False), cache=False)


def cached(folder: Path) -> CheckResult:
    return check_sources(load_folder(folder, cache=False), cache=True)


def plant() -> int:
    """Add PLANTED to every stored result; the number of entries."""
    entries = sorted(checkcache.checks_cache_dir().glob("*.pickle"))
    for entry in entries:
        stored = checkcache.lookup(entry.stem)
        assert stored is not None
        checkcache.store(entry.stem, replace(stored, diagnostics=(*stored.diagnostics, PLANTED)))
    return len(entries)


def test_a_reused_result_equals_a_fresh_one(repo: Path) -> None:
    first = cached(repo / "policy")
    assert first.diagnostics and any(d.code == "DRIFT001" for d in first.diagnostics)
    assert fields(first) == fields(fresh(repo / "policy"))
    again = cached(repo / "policy")
    assert fields(again) == fields(first)
    assert again.sources is not first.sources  # the caller's sources, not stored ones
    assert plant() == 1
    assert PLANTED in cached(repo / "policy").diagnostics  # it was a hit


def test_the_cache_is_off_unless_asked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached(repo / "policy")
    plant()
    src = load_folder(repo / "policy", cache=False)
    monkeypatch.delenv("POLICY_CACHE_SOURCES", raising=False)
    assert PLANTED not in check_sources(src).diagnostics  # a library call: no cache
    monkeypatch.setenv("POLICY_CACHE_SOURCES", "1")  # as the console script sets it
    assert PLANTED in check_sources(src).diagnostics
    monkeypatch.setenv("POLICY_NO_CACHE", "1")  # --no-cache / POLICY_NO_CACHE=1 win
    assert PLANTED not in check_sources(src).diagnostics


def test_a_previous_copy_or_a_subset_of_checks_is_never_answered_from_the_cache(
        repo: Path) -> None:
    from engine.checks import CHECKS

    cached(repo / "policy")
    plant()
    src = load_folder(repo / "policy", cache=False)
    assert PLANTED not in check_sources(src, previous=repo / "policy" / "ja.yaml",
                                        cache=True).diagnostics
    assert PLANTED not in check_sources(src, checks=list(CHECKS), cache=True).diagnostics
    assert PLANTED not in check_sources(src, previous_lookup=lambda fp: None,
                                        cache=True).diagnostics


def _edit_edition(root: Path) -> None:
    ru = root / "policy" / "ru.yaml"
    ru.write_text(ru.read_text("utf-8").replace("Cafetalk", "Cafetalk ", 1), "utf-8")


def _edit_parity(root: Path) -> None:
    toml = root / "policy" / "parity.toml"
    toml.write_text(toml.read_text("utf-8").replace("min_letters = 8", "min_letters = 2"),
                    "utf-8")


def _edit_severity(root: Path) -> None:
    toml = root / "pyproject.toml"
    toml.write_text(toml.read_text("utf-8").replace('REVIEW001 = "note"', 'REVIEW001 = "off"'),
                    "utf-8")


def _commit(root: Path) -> None:
    git(root, "commit", "-qam", "the pending change")  # the master's history moves on


def _new_file(root: Path) -> None:
    (root / "policy" / "notes.txt").write_text("anything in the folder\n", "utf-8")


@pytest.mark.parametrize("change", [_edit_edition, _edit_parity, _edit_severity, _commit,
                                    _new_file])
def test_any_change_of_an_input_misses(repo: Path, change: object) -> None:
    cached(repo / "policy")
    assert plant() == 1
    assert callable(change)
    change(repo)
    after = cached(repo / "policy")
    assert PLANTED not in after.diagnostics
    assert fields(after) == fields(fresh(repo / "policy"))
    assert len(list(checkcache.checks_cache_dir().glob("*.pickle"))) == 2


def test_a_severity_change_gives_the_new_severities(repo: Path) -> None:
    assert any(d.code == "REVIEW001" for d in cached(repo / "policy").diagnostics)
    _edit_severity(repo)
    assert not any(d.code == "REVIEW001" for d in cached(repo / "policy").diagnostics)


def test_the_tools_own_source_and_the_working_folder_are_part_of_the_key(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = load_folder(repo / "policy", cache=False)
    tool = tmp_path / "tool"
    for package in ("engine", "render"):
        shutil.copytree(ROOT / package, tool / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(inputs, "TOOL_ROOT", tool)
    before = checkcache.check_key(src)
    assert before is not None and checkcache.check_key(src) == before
    with open(tool / "engine" / "checks" / "drift.py", "a", encoding="utf-8") as fh:
        fh.write("\n")  # a subfolder of engine/
    changed = checkcache.check_key(src)
    assert changed != before
    with open(tool / "render" / "site.py", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert checkcache.check_key(src) not in (before, changed)
    monkeypatch.chdir(repo / "policy")  # findings name files relative to the working folder
    assert checkcache.check_key(src) not in (before, changed)


def test_loaded_sources_that_differ_from_the_files_miss(repo: Path) -> None:
    """Sources loaded before an edit are keyed by their own text too: a result found for them
    is never stored for the edited files, nor the other way round."""
    old = load_folder(repo / "policy", cache=False)
    _edit_edition(repo)
    new = load_folder(repo / "policy", cache=False)
    assert checkcache.check_key(old) != checkcache.check_key(new)


def test_a_damaged_or_foreign_entry_is_ignored(repo: Path) -> None:
    first = cached(repo / "policy")
    [entry] = checkcache.checks_cache_dir().glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:-20])  # truncated
    assert fields(cached(repo / "policy")) == fields(first)
    plant()
    entry.chmod(0o666)  # another user could have written it: a pickle runs code when loaded
    assert checkcache.lookup(entry.stem) is None
    assert PLANTED not in cached(repo / "policy").diagnostics
    stored = checkcache.lookup(entry.stem)  # written again, the user's own (0600)
    assert stored is not None and PLANTED not in stored.diagnostics
    assert entry.stat().st_mode & 0o777 == 0o600


POLICY_BIN = Path(sys.executable).with_name("policy")


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in ("POLICY_NO_CACHE",
                                                             "POLICY_CACHE_SOURCES")}
    return subprocess.run([str(POLICY_BIN), *args], cwd=cwd, capture_output=True,
                          env={**full, **env}, check=False)


def test_a_build_after_a_check_reuses_its_findings_and_builds_the_same_site(
        repo: Path, tmp_path: Path) -> None:
    assert run(["check"], repo).returncode == 1  # the pending change needs translating
    assert plant() == 1  # the check stored its result; the build's parity gate reads it
    build = ["build", "--allow-drift", "--out"]
    planted = run([*build, str(tmp_path / "planted")], repo)
    # The planted error is read from the cache, and --allow-drift does not publish over it.
    assert planted.returncode == 1 and not (tmp_path / "planted").exists(), planted.stderr
    assert b"planted in the cache by the test" in planted.stderr
    assert b"[CHECK001]. Fix it first." in planted.stderr.splitlines()[-1]
    shutil.rmtree(checkcache.checks_cache_dir())
    assert not sites_cache_dir().exists()  # a refused build keeps no site
    first = run([*build, str(tmp_path / "first")], repo)  # runs the checks, stores them
    second = run([*build, str(tmp_path / "second")], repo)  # answered from the cache
    plain = run(["--no-cache", *build, str(tmp_path / "plain")], repo)
    assert first.returncode == second.returncode == plain.returncode == 0

    def said(done: subprocess.CompletedProcess[bytes], name: str) -> bytes:
        return (done.stdout + done.stderr).replace(str(tmp_path / name).encode(), b"OUT")

    assert said(first, "first") == said(second, "second") == said(plain, "plain")
    assert b"planted" not in plain.stderr
    assert len(list(checkcache.checks_cache_dir().glob("*.pickle"))) == 1
    assert len(list(sites_cache_dir().glob("*.pickle"))) == 1  # the second build was a hit

    def site(name: str) -> dict[str, bytes]:
        root = tmp_path / name
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file()}

    assert site("first") == site("second") == site("plain")


def test_a_later_process_reads_the_tools_hash_from_the_cache_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tool's hash is kept on disk by every source file's stamp, so a fresh process does
    not read the ~200 files; a rewrite that keeps the size and the modification time (as
    `cp -p` or an editor could) still changes the change time, and the bytes are read again."""
    import os

    tool = tmp_path / "tool"
    for package in ("engine", "render"):
        shutil.copytree(ROOT / package, tool / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(inputs, "TOOL_ROOT", tool)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICY_CACHE_SOURCES", "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    read: list[str] = []
    real_open = open

    def counting_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).startswith(str(tool)):
            read.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def tool_hash() -> str:
        monkeypatch.setattr(inputs, "_TOOL_HASHES", {})  # a fresh process
        digest = inputs.Digest("t")
        with monkeypatch.context() as m:
            m.setattr("builtins.open", counting_open)
            inputs.add_tool(digest)
        return digest.hexdigest()

    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns)
                 for p in tool.rglob("*") if p.is_file())
    with monkeypatch.context() as m:  # a second after the copy, however slow the machine
        m.setattr(inputs.time, "time_ns", lambda: newest + 1_000_000_000)
        first = tool_hash()
        assert len(read) > 100, "the first process reads every source file"
        read.clear()
        assert tool_hash() == first and read, "files copied just now have not settled: read again"
    read.clear()
    later = time.time_ns() + 2 * inputs.SETTLED_NS
    monkeypatch.setattr(inputs.time, "time_ns", lambda: later)  # the files have settled
    assert tool_hash() == first and read, "read once more, and kept on disk"
    read.clear()
    assert tool_hash() == first and read == [], "a later one finds the hash on disk"
    drift = tool / "engine" / "checks" / "drift.py"
    st = drift.stat()
    text = drift.read_bytes()
    drift.write_bytes(text.replace(b"Drift:", b"DRIFT:", 1))  # same size
    os.utime(drift, ns=(st.st_atime_ns, st.st_mtime_ns))  # same modification time
    changed = tool_hash()
    assert changed != first and read, "the changed file is read: a new hash"
    with monkeypatch.context() as m:
        m.setenv("POLICY_NO_CACHE", "1")
        read.clear()
        assert tool_hash() == changed and read, "caches off: read again"


def test_the_checks_key_takes_the_refs_the_console_script_read_once(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The console script's result key reads the refs just before the command runs and keeps
    them (inputs.keep_command_refs); the check's key takes them instead of asking git again,
    once; any other key (the check that nothing changed while the checks ran) asks git."""
    folder = repo / "policy"
    src = load_folder(folder, cache=False)
    asked: list[Path] = []
    real = checkcache.start_git_state

    def counted(where: Path) -> object:
        asked.append(where)
        return real(where)

    monkeypatch.setattr(checkcache, "start_git_state", counted)
    inputs.git_state(folder)  # as the result key reads them
    inputs.keep_command_refs(folder)
    key = checkcache.check_key(src, refs_read=True)
    assert key is not None and asked == []
    assert checkcache.check_key(src) == key and len(asked) == 1, "the same refs, from git"
    inputs.keep_command_refs(folder)
    _commit(repo)  # after the key read the refs: the command runs on the refs it read
    assert checkcache.check_key(src, refs_read=True) == key and len(asked) == 1
    assert checkcache.check_key(src, refs_read=True) != key, "taken once: then git is asked"
    assert checkcache.check_key(src) != key and len(asked) == 3


def _show_refs_started(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders `git show-ref` is started in from now on (inputs.spawn still runs it)."""
    gits: list[Path] = []
    real_spawn = inputs.spawn

    def spawn(args: list[str], cwd: Path | None, **options: object) -> object:
        if args[:2] == ["git", "show-ref"]:
            gits.append(Path(str(cwd)))
        return real_spawn(args, cwd, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(inputs, "spawn", spawn)
    return gits


def test_a_command_walks_the_tool_once_before_its_work_and_once_after_it(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a process that runs one command (inputs.begin_command: the console script, a
    server's command process), every key taken before the command's work walks the tool's
    files once; the work kept for after it (`later`, run by `run_cache_work`) walks them
    once more and reads git's refs once, so a change of either while the command ran is
    still seen, by one walk and one git process instead of one each per key."""
    folder = repo / "policy"
    src = load_folder(folder, cache=False)
    walks: list[Path] = []
    real_walk = inputs._walk_tool

    def walk(root: Path) -> object:
        walks.append(root)
        return real_walk(root)

    monkeypatch.setattr(inputs, "_walk_tool", walk)
    gits = _show_refs_started(monkeypatch)
    monkeypatch.setattr(inputs, "SETTLED_NS", 0)  # the tool's files as old as need be
    no_command_yet(monkeypatch)
    before = checkcache.check_key(src)
    assert checkcache.check_key(src) == before and len(walks) == 2, "no command: every time"
    walks.clear()
    inputs.begin_command()
    assert checkcache.check_key(src) == before
    assert checkcache.check_key(src) == before and len(walks) == 1, "once before the work"
    gits.clear()
    seen: list[str | None] = []
    inputs.later(lambda: seen.append(checkcache.check_key(src)))
    inputs.later(lambda: seen.append(checkcache.check_key(src)))
    assert seen == [], "kept for after the command"
    _commit(repo)  # the refs move while the command runs
    inputs.run_cache_work()
    assert len(seen) == 2 and seen[0] == seen[1] != before, "the moved refs are seen"
    assert len(walks) == 2 and len(gits) == 1, "after the work: one walk, one git process"
    walks.clear()
    inputs.later(lambda: seen.append(checkcache.check_key(src)))
    inputs.run_cache_work()
    assert len(walks) == 1 and len(gits) == 2, "each time the kept work runs: afresh, once"
    walks.clear()
    monkeypatch.setattr(inputs, "SETTLED_NS", 10**30)  # a tool file written just now
    inputs.begin_command()
    checkcache.check_key(src)
    checkcache.check_key(src)
    assert len(walks) == 2, "a walk with a file not settled is not kept: it may change again"


def test_kept_work_that_reads_the_refs_has_git_started_before_the_work_before_it(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`later(work, refs=folder)`: when the kept work begins, `git show-ref` is started for
    the folder at once, and the work's key takes its answer (git ran while the work before
    it did): one git process, the refs as they are after the command's work; with no such
    work, no git after it at all."""
    folder = repo / "policy"
    src = load_folder(folder, cache=False)
    gits = _show_refs_started(monkeypatch)
    no_command_yet(monkeypatch)
    inputs.begin_command()
    before = checkcache.check_key(src)
    gits.clear()
    order: list[str] = []
    inputs.later(lambda: order.append(f"first, git started {len(gits)}"))
    inputs.later(lambda: order.append(checkcache.check_key(src) or ""), refs=folder)
    _commit(repo)  # the refs move while the command runs
    inputs.run_cache_work()
    assert order[0] == "first, git started 1"
    assert order[1] not in ("", before), "the refs as they are after the work"
    assert len(gits) == 1 and gits[0].resolve() == folder.resolve()
    gits.clear()
    inputs.later(lambda: order.append("no refs read"))
    inputs.run_cache_work()
    assert gits == [] and inputs._AHEAD == {}


def test_refs_read_ahead_are_the_first_key_s_refs(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`refs_ahead(folder)` in a command's process starts `git show-ref` at once, and the
    first key that reads the folder's refs takes its answer (no second git); outside a
    command it starts nothing (nobody might ever read it)."""
    folder = repo / "policy"
    src = load_folder(folder, cache=False)
    gits = _show_refs_started(monkeypatch)
    no_command_yet(monkeypatch)
    inputs.refs_ahead(folder)
    assert gits == [] and inputs._AHEAD == {}, "no command: nothing started"
    expected = checkcache.check_key(src)
    gits.clear()
    inputs.begin_command()
    inputs.refs_ahead(folder)
    assert len(gits) == 1, "started at once"
    assert checkcache.check_key(src) == expected and len(gits) == 1, "its answer taken"
    assert inputs._AHEAD == {}


def test_refs_read_ahead_and_not_taken_are_never_the_refs_after_the_work(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refs read ahead that no key took before the work (the build stopped early) are
    dropped when the kept work begins: the work's key reads the refs as they are then, so a
    commit made while the command ran is seen."""
    no_command_yet(monkeypatch)
    folder = repo / "policy"
    inputs.begin_command()
    inputs.refs_ahead(folder)
    seen: list[str] = []
    inputs.later(lambda: seen.append(inputs.git_state(folder)), refs=folder)
    _commit(repo)  # while the command runs
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                          text=True, check=True).stdout.strip()
    inputs.run_cache_work()
    assert seen and seen[0].split("\n")[1].startswith(f"{head} HEAD")


def test_a_command_reads_each_input_file_once_before_its_work_and_once_after_it(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The keys a command takes before its work read each input file once, whichever key
    names it first, and stand for the files as first read; the work kept for after it
    reads them once more, afresh, so an edit while the command ran is still seen (the
    check's result is then not kept). Outside a command, every key reads every file."""
    import builtins

    folder = repo / "policy"
    src = load_folder(folder, cache=False)
    opened: list[str] = []

    def counting_open(file: str, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return builtins.open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(inputs, "open", counting_open, raising=False)
    no_command_yet(monkeypatch)
    master = str(folder / "ja.yaml")
    before = checkcache.check_key(src)
    assert checkcache.check_key(src) == before and opened.count(master) == 2, "no command"
    opened.clear()
    inputs.begin_command()
    assert checkcache.check_key(src) == before and opened.count(master) == 1
    text = (folder / "ja.yaml").read_text("utf-8")
    (folder / "ja.yaml").write_text(text + "# edited while the command ran\n", "utf-8")
    assert checkcache.check_key(src) == before and opened.count(master) == 1, (
        "before the work, every key stands for the files as the command first read them")
    seen: list[str | None] = []
    inputs.later(lambda: seen.append(checkcache.check_key(src)))
    inputs.later(lambda: seen.append(checkcache.check_key(src)))
    inputs.run_cache_work()
    assert seen[0] == seen[1] != before, "after the work, the edit is seen"
    assert opened.count(master) == 2, "after the work: read once more, for every key"


def test_a_key_counts_the_bytes_of_the_files_it_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file enters a key by its hash, but the key's size (the limit above which nothing
    is cached) still counts the file's bytes."""
    monkeypatch.setattr(inputs, "_READS", None)  # no command: every key reads afresh
    (tmp_path / "a.yaml").write_bytes(b"x" * 1000)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yaml").write_bytes(b"y" * 24)
    digest = inputs.Digest("test")
    digest.path(tmp_path, "policy")
    assert digest.size == 1000 + 24 + len("folder")
    other = inputs.Digest("test")
    (tmp_path / "sub" / "b.yaml").write_bytes(b"z" * 24)
    other.path(tmp_path, "policy")
    assert other.hexdigest() != digest.hexdigest(), "the bytes, not only their number"


def test_the_refs_are_read_as_git_says_them_without_subprocess(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`git show-ref --head` started without the subprocess module (os.posix_spawnp): the same
    text as through subprocess, in the folder given; no git on PATH, and a git that does not
    answer within the time allowed, said as subprocess names them."""
    folder = repo / "policy"
    said = subprocess.run(["git", "show-ref", "--head"], cwd=folder, capture_output=True)
    assert inputs.git_state(folder) == f"0\n{said.stdout.decode()}"
    with monkeypatch.context() as m:
        m.setenv("PATH", str(tmp_path / "nowhere"))
        assert inputs.git_state(folder) == "no git: FileNotFoundError"
    with monkeypatch.context() as m:
        m.setenv("PATH", str(hanging_git(tmp_path / "bin")))
        m.setattr(inputs, "GIT_TIMEOUT_S", 0.2)
        started = time.monotonic()
        assert inputs.git_state(folder) == "no git: TimeoutExpired"
        assert time.monotonic() - started < 10
