"""The cache of old master texts (engine/history.py) never changes a drift finding.

With the caches on, the texts of a committed master are kept by its git blob id: a lookup after
an edit of the master gives what a lookup without the cache gives, a planted entry shows the
texts were served from the cache, a damaged entry is ignored, and a commit the log names no
blob for (a merge) is read from git as without the cache.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from engine import history, loader
from engine.gitio import LOG
from engine.history import History, _commits_and_blobs
from engine.inputs import write_private_pickle
from engine.loader import load_folder
from engine.model import fingerprint, master_units, normalize

from .test_parity_drift import NEW, OLD, _edit_master, _git, _repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed copy of the shipped policy with one master sentence edited since, and the
    caches on in a cache folder of the test's own."""
    repo = _repo(tmp_path)
    _edit_master(repo / "policy")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICY_CACHE_SOURCES", "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    return repo / "policy"


def old_fingerprint(folder: Path) -> str:
    """The fingerprint of the edited unit's committed text."""
    master = load_folder(folder, cache=False).master
    assert master is not None
    [unit] = [u for u in master_units(master) if NEW in (u.text or "")]
    return fingerprint(unit.source_text().replace(NEW, OLD))


def entries() -> list[Path]:
    return sorted(history.texts_cache_dir().glob("*.pickle"))


def lookup(folder: Path) -> tuple[str, str] | None:
    return History(folder / "ja.yaml")(old_fingerprint(folder))


def fresh(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str] | None:
    with monkeypatch.context() as m:
        m.setenv("POLICY_NO_CACHE", "1")
        return lookup(folder)


def test_a_lookup_from_the_cache_equals_a_fresh_one(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = lookup(folder)
    assert found is not None and found[0].endswith(normalize(OLD)) and found[1].startswith("git ")
    [entry] = entries()
    assert lookup(folder) == found == fresh(folder, monkeypatch)
    texts = history._cached_texts(entry.stem)
    assert texts is not None
    planted = {fp: "planted" for fp in texts}
    write_private_pickle(history.texts_cache_dir(), entry.stem, history.TEXTS_FORMAT.encode(),
                         planted, 8)
    assert lookup(folder) == ("planted", found[1])  # served from the cache
    assert fresh(folder, monkeypatch) == found


def test_a_damaged_or_foreign_entry_is_ignored(folder: Path) -> None:
    found = lookup(folder)
    [entry] = entries()
    entry.write_bytes(entry.read_bytes()[:-20])  # truncated
    assert lookup(folder) == found
    entry.chmod(0o666)  # another user could have written it: a pickle runs code when loaded
    assert history._cached_texts(entry.stem) is None
    assert lookup(folder) == found


def test_no_cache_keeps_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert fresh(folder, monkeypatch) is not None
    assert not history.texts_cache_dir().exists()


def test_a_merge_is_read_from_git(folder: Path) -> None:
    """A commit the log names no blob for is shown by git, cache or not."""
    repo = folder.parent
    _git(repo, "checkout", "-q", "-b", "side")
    _git(repo, "commit", "-q", "-am", "the edit, on a side branch")
    _git(repo, "checkout", "-q", "-")
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    at = text.index("\n    title: ") + len("\n    title: ")  # the first clause, far from it
    end = text.index("\n", at)
    ja.write_text(text[:end] + "等" + text[end:], "utf-8")
    _git(repo, "commit", "-q", "-am", "another edit")
    _git(repo, "merge", "-q", "--no-ff", "--no-commit", "side")
    merged_text = NEW.replace("法令", "法令等")  # a text only the merge commit holds
    ja.write_text(ja.read_text("utf-8").replace(NEW, merged_text), "utf-8")
    _git(repo, "commit", "-q", "-am", "merge, with an edit of its own")
    ja.write_text(ja.read_text("utf-8") + "\n", "utf-8")
    master = load_folder(folder, cache=False).master
    assert master is not None
    merged = [u for u in master_units(master) if merged_text in (u.text or "")]
    assert len(merged) == 1
    walk = History(ja)
    assert walk(fingerprint(merged[0].source_text())) is not None
    assert walk._commits is not None and walk._commits[0] not in walk._blobs  # the merge


def test_the_log_names_each_commits_blob() -> None:
    a, b, c = "a" * 40, "b" * 40, "c" * 40
    log = (f"{a}\n\n:100644 100644 {'1' * 40} {'2' * 40} M\tja.yaml\n"
           f"{b}\n"  # a merge: no raw line
           f"{c}\n\n:100644 000000 {'2' * 40} {'0' * 40} D\tja.yaml\n")
    assert _commits_and_blobs(log) == ([a, b, c], {a: "2" * 40, c: "0" * 40})


@pytest.fixture
def in_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory kept as the resident server keeps it (engine/loader.py keep_reads)."""
    monkeypatch.setattr(loader, "_KEEP", False)
    monkeypatch.setattr(loader, "_KEPT", {})
    loader.keep_reads()


def test_the_server_keeps_a_blobs_texts_in_memory_and_asks_again_after_a_failure(
        folder: Path, in_the_server: None, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = History._texts_of_blob

    def counted(self: History, commit: str, blob: str | None) -> dict[str, str] | None:
        asked.append(commit)
        return None if len(asked) == 1 else real(self, commit, blob)  # git fails once

    monkeypatch.setattr(History, "_texts_of_blob", counted)

    def in_memory() -> tuple[str, str] | None:  # as engine/check.py asks in the server
        return History(folder / "ja.yaml", memory=loader.kept)(old_fingerprint(folder))

    assert in_memory() is None, "git could not show the commit"
    found = in_memory()
    assert len(asked) == 2, "a failure is not kept; the texts are asked for again"
    assert in_memory() == found and len(asked) == 2, "then they come from memory"
    assert lookup(folder) == found and len(asked) == 3, "without memory, read again"
    assert found is not None and found == fresh(folder, monkeypatch)


def _logs_asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Every `git log` History asks for from now on."""
    asked: list[tuple[str, ...]] = []
    real = history._git

    def counted(cwd: Path, *args: str) -> bytes | None:
        if args[:len(LOG)] == LOG:
            asked.append(args)
        return real(cwd, *args)

    monkeypatch.setattr(history, "_git", counted)
    return asked


def test_the_server_keeps_the_log_while_the_repository_is_as_it_was(
        folder: Path, in_the_server: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the server, with the repository's state read first (as the check's cache key reads
    it), the log is asked once per state: a new commit, another process or another
    environment asks git again, and every lookup equals one without memory."""
    from engine import inputs

    asked = _logs_asked(monkeypatch)

    wanted = [old_fingerprint(folder)]

    def in_memory() -> tuple[str, str] | None:
        inputs.git_state(folder)  # as the check's key does before the checks run
        return History(folder / "ja.yaml", memory=loader.kept)(wanted[0])

    def fresh_lookup() -> tuple[str, str] | None:
        with monkeypatch.context() as m:
            m.setenv("POLICY_NO_CACHE", "1")
            return History(folder / "ja.yaml")(wanted[0])

    found = in_memory()
    assert found is not None and len(asked) == 1
    assert in_memory() == found and len(asked) == 1, "the same state: the log from memory"
    assert found == fresh_lookup() and len(asked) == 2, "no memory: git again"

    # a commit: the state changes, and the log with it (the edit is now in the history)
    repo = folder.parent
    master = load_folder(folder, cache=False).master
    assert master is not None
    [unit] = [u for u in master_units(master) if NEW in (u.text or "")]
    wanted[0] = fingerprint(unit.source_text())  # the edit's text, once committed
    assert in_memory() is None and len(asked) == 2, "not committed yet"
    _git(repo, "commit", "-q", "-am", "the edit")
    after = in_memory()
    assert len(asked) == 3, "a new commit: the log is asked again"
    assert after is not None and after[1] != found[1], "and names the new commit"
    assert after == fresh_lookup() and len(asked) == 4

    # another environment for git: asked again
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    assert in_memory() == after and len(asked) == 5
    # a state read by another process (the server's, in a command's child) is not used
    key = str(Path(folder).resolve())
    pid, env, state = inputs._SEEN_STATES[key]
    monkeypatch.setitem(inputs._SEEN_STATES, key, (pid + 1, env, state))
    assert History(folder / "ja.yaml", memory=loader.kept)(wanted[0]) == after
    assert len(asked) == 6


def test_without_a_state_read_or_outside_git_the_log_is_asked_each_time(
        folder: Path, tmp_path: Path, in_the_server: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import inputs

    asked = _logs_asked(monkeypatch)
    monkeypatch.setattr(inputs, "_SEEN_STATES", {})
    for _ in range(2):
        History(folder / "ja.yaml", memory=loader.kept)(old_fingerprint(folder))
    assert len(asked) == 2, "no state read in this process: nothing to key the log by"
    outside = tmp_path / "outside"
    shutil.copytree(folder, outside)
    for _ in range(2):
        inputs.git_state(outside)
        assert History(outside / "ja.yaml", memory=loader.kept)(old_fingerprint(folder)) is None
    assert len(asked) == 4, "not a repository (git failed): not kept"


def test_a_fresh_process_finds_the_log_on_disk_while_the_repository_is_as_it_was(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the server, with the caches on and the repository's state read first (as the
    check's cache key reads it), the log comes from the cache folder: a lookup equals one
    without the cache; a new commit, a deepened shallow clone and a damaged entry ask git."""
    from engine import inputs

    asked = _logs_asked(monkeypatch)

    def from_disk() -> tuple[str, str] | None:
        monkeypatch.setattr(inputs, "_SEEN_STATES", {})  # a fresh process
        inputs.git_state(folder)
        return lookup(folder)

    found = from_disk()
    assert found is not None and len(asked) == 1
    logs = [p for p in entries() if p.read_bytes().startswith(b"policy-history-log-1 ")]
    assert len(logs) == 1, "the log is kept on disk"
    assert from_disk() == found and len(asked) == 1, "the same state: the log from disk"
    assert found == fresh(folder, monkeypatch) and len(asked) == 2, "caches off: git again"

    # what rewrites history without moving a ref: a shallow clone's boundary
    git_dir = folder.parent / ".git"
    (git_dir / "shallow").write_text("")
    assert from_disk() == found and len(asked) == 3, "a shallow boundary: asked again"
    (git_dir / "shallow").unlink()

    # a damaged entry is ignored and written again
    logs[0].write_bytes(logs[0].read_bytes()[:-40])
    assert from_disk() == found and len(asked) == 4
    assert from_disk() == found and len(asked) == 4

    # a commit: the state changes, and the log with it
    _git(folder.parent, "commit", "-q", "-am", "the edit")
    after = from_disk()
    assert len(asked) == 5 and after == found, "the old text is still in the history"
    monkeypatch.setattr(inputs, "_SEEN_STATES", {})
    assert lookup(folder) == found and len(asked) == 6, "no state read: git is asked"


def test_history_rewriters_follow_a_worktree_to_its_common_folder(tmp_path: Path) -> None:
    from engine.inputs import history_rewriters

    repo = _repo(tmp_path)
    before = history_rewriters(repo / "policy")
    assert "shallow absent" in before and "info/grafts absent" in before
    _git(repo, "worktree", "add", "-q", str(tmp_path / "other"))
    assert history_rewriters(tmp_path / "other" / "policy") == before
    (repo / ".git" / "shallow").write_text("")
    changed = history_rewriters(tmp_path / "other" / "policy")
    assert changed != before
    with pytest.MonkeyPatch.context() as m:  # GIT_DIR naming the worktree's own folder
        own = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=tmp_path / "other",
                             capture_output=True, text=True, check=True).stdout.strip()
        m.setenv("GIT_DIR", own)
        assert history_rewriters(tmp_path / "other" / "policy") == changed
    assert history_rewriters(tmp_path / "outside").startswith("unknown")
    assert history_rewriters(tmp_path / "outside") != history_rewriters(tmp_path / "outside")


@pytest.mark.parametrize("kept", ["on disk", "in the server"])
def test_a_commit_after_the_state_was_read_is_not_kept_under_that_state(
        folder: Path, kept: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The log kept by a state is the log of the commit that state names: a commit that
    lands between the check's reading of the refs and its `git log` (another terminal, an
    editor) is not kept under the refs as they were, so after a reset to them a check does
    not find old texts in a commit that is no longer in the history."""
    from engine import inputs

    if kept == "in the server":
        monkeypatch.setattr(loader, "_KEEP", False)
        monkeypatch.setattr(loader, "_KEPT", {})
        loader.keep_reads()
    memory = loader.kept if kept == "in the server" else None
    master = load_folder(folder, cache=False).master
    assert master is not None
    [unit] = [u for u in master_units(master) if NEW in (u.text or "")]
    edited = fingerprint(unit.source_text())  # the edit's text, only ever in the commit below
    repo = folder.parent

    def check() -> tuple[str, str] | None:  # a fresh process: the refs first, then the log
        monkeypatch.setattr(inputs, "_SEEN_STATES", {})
        inputs.git_state(folder)
        return History(folder / "ja.yaml", memory=memory)(edited)

    monkeypatch.setattr(inputs, "_SEEN_STATES", {})
    inputs.git_state(folder)  # the check reads the refs...
    _git(repo, "commit", "-q", "-am", "the edit, committed while the check runs")
    History(folder / "ja.yaml", memory=memory)(edited)  # ...then asks for the log
    _git(repo, "reset", "-q", "--soft", "HEAD~1")  # the refs are as that check read them
    with monkeypatch.context() as m:
        m.setenv("POLICY_NO_CACHE", "1")
        assert History(folder / "ja.yaml")(edited) is None, "the edit is in no commit now"
    assert check() is None


@pytest.mark.parametrize("cache", ["0", "1"])
def test_the_history_is_the_same_whatever_gits_configuration_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str) -> None:
    """A master that took its name by a rename: its log, and the old texts found in it, are
    the same with `log.follow` (and `log.showSignature`) set in the repository's
    configuration as without, from the cache or not (git's own `log -- FILE` would follow the
    rename and find the texts the file had under its former name)."""
    from engine.gitio import log

    repo = _repo(tmp_path)
    policy = repo / "policy"
    _git(repo, "mv", "policy/ja.yaml", "policy/ja-draft.yaml")
    _git(repo, "commit", "-q", "--amend", "-m", "the master under another name")
    _git(repo, "mv", "policy/ja-draft.yaml", "policy/ja.yaml")
    _edit_master(policy)
    _git(repo, "commit", "-q", "-am", "renamed, one sentence edited")
    ja = policy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(NEW, NEW + "等"), "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICY_CACHE_SOURCES", cache)
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    master = load_folder(policy, cache=False).master
    assert master is not None
    [unit] = [u for u in master_units(master) if NEW in (u.text or "")]
    old = fingerprint(unit.source_text().replace(NEW + "等", OLD))  # only under the old name

    def asked() -> tuple[list[str], tuple[str, str] | None]:
        return log(repo, "policy/ja.yaml"), History(ja)(old)

    plain = asked()
    assert len(plain[0]) == 1 and plain[1] is None  # the rename ends the file's history
    _git(repo, "config", "log.follow", "true")
    _git(repo, "config", "log.showSignature", "true")
    followed = subprocess.run(["git", "log", "--format=%H", "--", "policy/ja.yaml"], cwd=repo,
                              capture_output=True, text=True, check=True).stdout.split()
    assert len(followed) == 2  # git itself now follows the rename
    assert asked() == plain
