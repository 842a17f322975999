"""The pair checks' findings kept on disk per pair (engine/checkcache.py `pair_findings`, used by
engine/checks/unit.py `run_checks` in a process of its own with the caches on): never a
different answer.

After an edit the whole run's cached result is a miss; the findings of the pair checks that
declare what they `reads` are then taken per pair from files an earlier process wrote. These
tests count the calls of each such check's `run` (the registered checks, wrapped) to tell a
pair answered from disk from one checked afresh, and hold every run equal to a run that keeps
nothing.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from engine import checkcache, inputs
from engine.check import check_sources
from engine.checks import CHECKS, Check, Scope
from engine.findings import Diagnostic
from engine.loader import load_folder
from engine.model import Unit
from engine.parity.context import Context, Pair
from engine.values import replace

from .conftest import ROOT, pending_repo
from .test_kept_in_memory import EDITS, _edit

KEPT = [c for c in CHECKS if c.reads is not None]  # the checks whose findings are kept
PER_UNIT = [c for c in CHECKS if c.per_master_unit is not None]  # and those kept per master unit
UNITS = 76  # the master units of the shipped policy, 2.2.0 (a test below holds this)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository with the shipped policy and one pending master change, its own
    cache folder, and the whole run's result never answered from nor stored in the cache of
    check results (so each run below reaches the pair checks)."""
    root = pending_repo(tmp_path, monkeypatch)
    monkeypatch.delenv(inputs.CACHE_ENV, raising=False)
    monkeypatch.setattr(checkcache, "lookup", lambda key: None)
    monkeypatch.setattr(checkcache, "store", lambda key, found: None)
    return root


class Counted:
    """The registered checks, each kept check's `run` counting its calls as (check, edition's
    language, master unit's key), and each `per_master_unit` its calls as (check, master
    unit's key)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.master_calls: list[tuple[str, str]] = []
        self.checks = [self._counted(c) for c in CHECKS]

    def _counted(self, check: Check) -> Check:
        if check.reads is not None:
            check = replace(check, run=self._counting(check))
        if check.per_master_unit is not None:
            check = replace(check, per_master_unit=self._counting_master(check))
        return check

    def _counting(self, check: Check) -> object:
        real = check.run

        def run(pair: Pair, ctx: object) -> Iterable[Diagnostic]:
            self.calls.append((check.name, pair.edition.lang, pair.master.key))
            return real(pair, ctx)

        return run

    def _counting_master(self, check: Check) -> object:
        real = check.per_master_unit
        assert real is not None

        def per_master_unit(unit: Unit, ctx: Context) -> Iterable[Diagnostic]:
            self.master_calls.append((check.name, unit.key))
            return real(unit, ctx)

        return per_master_unit

    def check(self, root: Path, *, cache: bool = True) -> list[Diagnostic]:
        self.calls.clear()
        self.master_calls.clear()
        src = load_folder(root / "policy", cache=False)
        return check_sources(src, checks=self.checks, cache=cache).diagnostics


def fresh(root: Path) -> list[Diagnostic]:
    return check_sources(load_folder(root / "policy", cache=False), cache=False).diagnostics


def stored() -> list[Path]:
    return sorted(checkcache.pairs_cache_dir().glob("*.pickle"))


def stored_master() -> list[Path]:
    return sorted(checkcache.master_units_cache_dir().glob("*.pickle"))


def _same(found: list[Diagnostic], want: list[Diagnostic]) -> None:
    """Equal, and byte for byte the same written out (as `policy check` prints them)."""
    from engine.report import format_json, format_sarif, format_text

    assert found == want
    assert [repr(d) for d in found] == [repr(d) for d in want]
    for written in (format_text, format_json, format_sarif):
        assert written(found) == written(want)


def test_an_unchanged_run_checks_no_pair_again_and_finds_the_same(repo: Path) -> None:
    counted = Counted()
    first = counted.check(repo)
    assert len(counted.calls) == len(KEPT) * 2 * UNITS  # every pair of both editions
    assert len(counted.master_calls) == len(PER_UNIT) * UNITS  # every master unit
    assert len(stored()) == 2  # one file per edition
    assert len(stored_master()) == 1  # and one of the master units found clean
    again = counted.check(repo)
    assert counted.calls == [] and counted.master_calls == []
    _same(again, first)
    _same(again, fresh(repo))


# Each edit (the server's tests use the same ones) changes what some kept check finds (the test
# asserts it), so a kept finding the edit should have replaced would show as a difference from a
# run that keeps nothing.
def _kept_findings(found: list[Diagnostic]) -> list[Diagnostic]:
    codes = {c.code for check in KEPT for c in check.codes}
    return [d for d in found if d.code in codes]


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.usefixtures("stale_followons_told")  # a master edit makes its unit stale
def test_reused_findings_after_an_edit_equal_a_fresh_run(repo: Path, edit: str) -> None:
    counted = Counted()
    before = counted.check(repo)
    name, old, new = EDITS[edit]
    path = repo / "policy" / name
    if old:
        _edit(path, old, new)
    else:
        path.write_text(new + path.read_text("utf-8"), "utf-8")
    want = fresh(repo)
    assert _kept_findings(want) != _kept_findings(before) or edit == "master line", \
        "the edit changes what a kept check finds"
    _same(counted.check(repo), want)
    _same(counted.check(repo), want)  # and from the files the edited run wrote
    assert counted.calls == [] and counted.master_calls == []


def test_an_edit_of_one_master_unit_checks_only_that_unit_in_every_edition(repo: Path) -> None:
    counted = Counted()
    counted.check(repo)
    _edit(repo / "policy" / "ja.yaml", "2010年4月20日制定", "2011年4月20日制定")
    found = counted.check(repo)
    assert sorted(counted.calls) == sorted((c.name, lang, "footer.established")
                                           for c in KEPT for lang in ("en", "ru"))
    assert counted.master_calls == [("scripts", "footer.established")]
    _same(found, fresh(repo))


def test_an_edit_of_a_translation_checks_that_editions_pairs(repo: Path) -> None:
    counted = Counted()
    counted.check(repo)
    _edit(repo / "policy" / "ru.yaml", "с 20 апреля 2010 года", "с 21 апреля 2010 года")
    found = counted.check(repo)
    by_check: dict[tuple[str, str], int] = {}
    for name, lang, _unit in counted.calls:
        by_check[(name, lang)] = by_check.get((name, lang), 0) + 1
    want = {(c.name, "ru"): UNITS for c in KEPT}
    # the terminology check reads every edition's vocabulary (`glossaries`) and the scripts
    # check the same unit in every edition (`editions`): every pair
    want[("terminology", "en")] = want[("scripts", "en")] = UNITS
    assert by_check == want
    assert counted.master_calls == []  # the master's own texts: not a translation's
    _same(found, fresh(repo))


def test_a_text_the_same_as_another_editions_is_found_again_when_that_edition_changes(
        repo: Path) -> None:
    """The scripts check reads the same unit in the other editions (L10N002): an edit of the
    Russian edition checks the English pairs again, and the English finding goes with it."""
    russian = "Утверждено и действительно с 20 апреля 2010 года"
    _edit(repo / "policy" / "en.yaml", "Established and effective as of April 20, 2010",
          russian)
    counted = Counted()
    before = counted.check(repo)
    assert any(d.code == "L10N002" and d.lang == "en" for d in before)
    _edit(repo / "policy" / "ru.yaml", russian, "Утверждено и вступило в силу 20 апреля 2010 года")
    found = counted.check(repo)
    assert ("scripts", "en", "footer.established") in counted.calls
    assert not any(d.code == "L10N002" and d.lang == "en" for d in found)
    _same(found, fresh(repo))


def test_the_policy_has_the_units_these_tests_count(repo: Path) -> None:
    from engine.parity.config import load_config
    from engine.parity.context import build_context

    ctx = build_context(load_folder(repo / "policy", cache=False),
                        load_config(repo / "policy")[0])
    assert ctx is not None and len(ctx.master_units) == UNITS
    assert {c.scope for c in KEPT} == {Scope.PAIR} and len(KEPT) == 7
    assert [c.name for c in PER_UNIT] == ["scripts"]


def test_a_changed_settings_file_or_tool_is_a_miss(repo: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tool = tmp_path / "tool"
    for package in ("engine", "render"):
        shutil.copytree(ROOT / package, tool / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(inputs, "TOOL_ROOT", tool)
    counted = Counted()
    counted.check(repo)
    counted.check(repo)
    assert counted.calls == []
    # the settings file: a change no kept check reads still changes its text
    with open(repo / "policy" / "parity.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# a note\n")
    counted.check(repo)
    assert len(counted.calls) == len(KEPT) * 2 * UNITS
    assert len(counted.master_calls) == len(PER_UNIT) * UNITS
    counted.check(repo)
    assert counted.calls == [] and counted.master_calls == []
    # the tool: one of its source files
    with open(tool / "engine" / "checks" / "sentences.py", "a", encoding="utf-8") as fh:
        fh.write("\n")
    found = counted.check(repo)
    assert len(counted.calls) == len(KEPT) * 2 * UNITS
    assert len(counted.master_calls) == len(PER_UNIT) * UNITS
    _same(found, fresh(repo))


def test_findings_are_not_stored_when_the_tool_changed_while_the_checks_ran(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    digests = iter(["before", "after"])
    monkeypatch.setattr(checkcache, "tool_digest", lambda: next(digests))
    Counted().check(repo)
    assert stored() == [] and stored_master() == []


def test_a_damaged_or_foreign_file_is_ignored(repo: Path) -> None:
    counted = Counted()
    want = counted.check(repo)
    first, second = stored()
    first.write_bytes(first.read_bytes()[:-20])  # truncated
    second.write_bytes(second.read_bytes().replace(b"policy-pairs-1", b"policy-pairs-0", 1))
    found = counted.check(repo)
    assert len(counted.calls) == len(KEPT) * 2 * UNITS
    _same(found, want)
    # a file holding another's entry (its header names the other key)
    first, second = stored()
    shutil.copy(first, second)
    found = counted.check(repo)
    assert len(counted.calls) == len(KEPT) * UNITS  # that edition only
    _same(found, want)
    # the right header, but not what the cache writes
    first, second = stored()
    head = first.read_bytes().split(b"\n", 1)[0] + b"\n"
    first.write_bytes(head + pickle.dumps({"sentences": ("x", {b"unit": ("not a finding",)})}))
    found = counted.check(repo)
    assert len(counted.calls) == len(KEPT) * UNITS
    _same(found, want)
    # written by anyone else: a pickle runs code when loaded
    for path in stored():
        path.chmod(0o666)
    found = counted.check(repo)
    assert len(counted.calls) == len(KEPT) * 2 * UNITS
    _same(found, want)


def test_a_damaged_or_foreign_master_units_file_is_ignored(repo: Path) -> None:
    counted = Counted()
    want = counted.check(repo)
    [path] = stored_master()
    path.write_bytes(path.read_bytes()[:-20])  # truncated
    _same(counted.check(repo), want)
    assert len(counted.master_calls) == len(PER_UNIT) * UNITS
    counted.check(repo)
    assert counted.master_calls == []  # written again whole
    # the right header, but not what the cache writes
    head = path.read_bytes().split(b"\n", 1)[0] + b"\n"
    path.write_bytes(head + pickle.dumps({"scripts": None}))
    _same(counted.check(repo), want)
    assert len(counted.master_calls) == len(PER_UNIT) * UNITS
    # written by anyone else
    path.chmod(0o666)
    _same(counted.check(repo), want)
    assert len(counted.master_calls) == len(PER_UNIT) * UNITS


def test_the_caches_off_keep_nothing_on_disk(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = load_folder(repo / "policy", cache=False)
    check_sources(src, checks=list(CHECKS))  # a library call: the caches are off
    check_sources(src, checks=list(CHECKS), cache=False)
    monkeypatch.setenv(inputs.CACHE_ENV, "1")  # as the console script sets it
    monkeypatch.setenv("POLICY_NO_CACHE", "1")  # --no-cache / POLICY_NO_CACHE=1 win
    check_sources(src, checks=list(CHECKS))
    assert stored() == [] and stored_master() == []
    monkeypatch.delenv("POLICY_NO_CACHE")
    check_sources(src, checks=list(CHECKS))
    assert len(stored()) == 2 and len(stored_master()) == 1


def test_the_server_keeps_them_in_memory_not_on_disk(repo: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import loader
    from engine.checks import unit

    monkeypatch.setenv(inputs.CACHE_ENV, "1")
    monkeypatch.setattr(loader, "_KEEP", True)
    monkeypatch.setattr(unit, "_KEPT", {})
    monkeypatch.setattr(unit, "_KEPT_CLEAN", {})
    Counted().check(repo)
    assert stored() == [] and unit._KEPT
    assert stored_master() == [] and unit._KEPT_CLEAN


def test_the_files_are_bounded(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkcache, "MAX_CACHED_PAIR_FILES", 3)
    counted = Counted()
    for mark in "абвг":
        _edit(repo / "policy" / "ru.yaml", "с 20 апреля", f"с 20 апреля{mark}")
        counted.check(repo)
        assert len(stored()) <= 3
    assert len(stored()) == 3


def test_the_keys_are_the_same_in_every_process(repo: Path) -> None:
    """Python's hash() of a text is different in every process (PYTHONHASHSEED): the keys on
    disk are not made from it."""
    script = """
import json, sys
from pathlib import Path
from engine.checkcache import stable_digest
from engine.checks.terminology import glossaries
from engine.loader import load_folder
from engine.parity.config import load_config
from engine.parity.context import build_context
ctx = build_context(load_folder(Path("policy"), cache=False), load_config(Path("policy"))[0])
print(json.dumps({"hash": hash("policy"),
                  "units": [stable_digest(u).hex() for u in ctx.master_units],
                  "reads": stable_digest(glossaries(ctx)).hex(),
                  "settings": stable_digest(ctx.config.made_from).hex(),
                  "set": stable_digest({"a": frozenset({"b", "c", "d", "e"})}).hex()}))
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    runs = [json.loads(subprocess.run([sys.executable, "-c", script], cwd=repo, check=True,
                                      capture_output=True, text=True,
                                      env={**env, "PYTHONHASHSEED": seed,
                                           "PYTHONPATH": str(ROOT)}).stdout)
            for seed in ("1", "2")]
    assert runs[0]["hash"] != runs[1]["hash"], "the two processes hash texts differently"
    for run in runs:
        del run["hash"]
    assert runs[0] == runs[1]
    assert len(set(runs[0]["units"])) == UNITS


POLICY_BIN = Path(sys.executable).with_name("policy")


def test_a_fresh_process_after_an_edit_takes_what_the_console_script_stored(
        repo: Path) -> None:
    """`policy check` as the legal team runs it stores the findings; a later process (this
    one: another hash seed) after an edit of one master unit checks only that unit."""
    env = {k: v for k, v in os.environ.items() if k not in ("POLICY_NO_CACHE", inputs.CACHE_ENV)}
    done = subprocess.run([str(POLICY_BIN), "check"], cwd=repo, capture_output=True, env=env,
                          check=False)
    assert done.returncode == 1, done.stderr  # the pending change needs translating
    assert len(stored()) == 2
    _edit(repo / "policy" / "ja.yaml", "2010年4月20日制定", "2011年4月20日制定")
    counted = Counted()  # in the repository (pending_repo), as the console script ran
    found = check_sources(load_folder(Path("policy"), cache=False), checks=counted.checks,
                          cache=True).diagnostics
    assert sorted(counted.calls) == sorted((c.name, lang, "footer.established")
                                           for c in KEPT for lang in ("en", "ru"))
    assert counted.master_calls == [("scripts", "footer.established")]
    assert found == check_sources(load_folder(Path("policy"), cache=False),
                                  cache=False).diagnostics


# A Latin sentence left in the Japanese master (L10N003, the scripts check's `per_master_unit`),
# and a line added above it (its finding's line moves; no pair's finding changes).
LATIN = ("ja.yaml", "2010年4月20日制定・施行", "2010年4月20日制定・施行。Privacy Office Tokyo")
ABOVE = ("ja.yaml", "\nfooter:\n", "\n# a note\nfooter:\n")


def _master_script(found: list[Diagnostic]) -> list[tuple[str, int, int, str | None]]:
    return [(d.file, d.line, d.col, d.unit) for d in found
            if d.code == "L10N003" and d.lang == "ja"]


def test_a_master_unit_in_the_wrong_script_is_found_where_it_now_is(repo: Path) -> None:
    """A unit the check found something in is checked every run: an edit above it moves its
    finding, which a kept finding would not follow."""
    _edit(repo / "policy" / LATIN[0], LATIN[1], LATIN[2])
    counted = Counted()
    before = counted.check(repo)
    [(file, line, _, unit)] = _master_script(before)
    assert (file, unit) == ("policy/ja.yaml", "footer.established")
    _same(before, fresh(repo))
    _same(counted.check(repo), before)
    assert counted.master_calls == [("scripts", "footer.established")]  # the one found
    _edit(repo / "policy" / ABOVE[0], ABOVE[1], ABOVE[2])
    found = counted.check(repo)
    assert [where[1] for where in _master_script(found)] == [line + 1]
    assert counted.master_calls == [("scripts", "footer.established")]
    _same(found, fresh(repo))


def test_a_changed_keep_form_checks_the_master_units_again(repo: Path) -> None:
    """A unit found clean under some settings is not clean under others: a kept name taken out
    of parity.toml brings the master's Latin sentence back."""
    settings = repo / "policy" / "parity.toml"
    shipped = settings.read_text("utf-8")
    settings.write_text(shipped + '\n[[keep]]\nname = "Privacy Office Tokyo"\n', "utf-8")
    _edit(repo / "policy" / LATIN[0], LATIN[1], LATIN[2])
    counted = Counted()
    kept_name = counted.check(repo)
    assert _master_script(kept_name) == []
    _same(kept_name, fresh(repo))
    counted.check(repo)
    assert counted.master_calls == []  # found clean, and kept
    settings.write_text(shipped, "utf-8")
    found = counted.check(repo)
    assert len(counted.master_calls) == len(PER_UNIT) * UNITS
    assert [where[3] for where in _master_script(found)] == ["footer.established"]
    _same(found, fresh(repo))


def test_the_findings_come_in_the_same_order_kept_or_not(repo: Path) -> None:
    """`run_checks` itself, before any sorting: the same findings in the same order from a
    run that keeps nothing, one that fills the files, one answered from them and one after an
    edit of one master unit."""
    from engine.checks import run_checks
    from engine.parity.config import load_config
    from engine.parity.context import build_context

    def found(cache: bool) -> list[Diagnostic]:
        folder = repo / "policy"
        ctx = build_context(load_folder(folder, cache=False), load_config(folder)[0])
        assert ctx is not None
        return list(run_checks(CHECKS, ctx, cache=cache))

    _edit(repo / "policy" / LATIN[0], LATIN[1], LATIN[2])
    want = found(False)
    assert _master_script(want)
    assert found(True) == want
    assert found(True) == want
    _edit(repo / "policy" / "ja.yaml", "2010年4月20日制定", "2011年4月20日制定")
    want = found(False)
    assert found(True) == want
