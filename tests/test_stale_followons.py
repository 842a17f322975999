"""A translation left stale by an edit of the master (DRIFT001) is not compared with the new master text: what the comparisons find there only repeats the edit DRIFT001 shows, and is told once the translation is stamped against the new text (engine/check.py `without_stale_followons`).

Nothing a build decides changes: an error on a unit that is not stale is still told, and still
stops the build even with --allow-drift; the stale unit still stops a build without it, and is
bannered with it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.check import FOLLOW_FROM_STALE, check_sources, unit_states
from engine.checks import CHECKS
from engine.cli import main
from engine.diagnostics import Diagnostic, Severity
from engine.loader import load_folder
from engine.values import replace
from render.site import build_site

from .conftest import POLICY, git
from .test_parity_cases import NO_PYPROJECT

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

LAWFUL = "collection.collection-lawful"  # clause 3.1
# a restriction the master adds to clause 3.1 (のみ, "only")
JA_OLD = "        text: 当社は、適法かつ公正な手段により個人情報を取得します。"
JA_NEW = "        text: 当社は、適法かつ公正な手段によってのみ個人情報を取得します。"
EN_OLD = "        text: We collect personal information by lawful and fair means."
EN_NEW = "        text: We collect personal information only by lawful and fair means."
RU_OLD = "        text: Мы собираем персональную информацию законными"
RU_NEW = "        text: Мы собираем персональную информацию только законными"
# a number the master changes in clause 1 (the article of the act it cites)
DEFINITION = "definition"
ACT_OLD, ACT_NEW = "個人情報保護法第2条", "個人情報保護法第3条"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _repo(tmp_path: Path) -> Path:
    """The shipped policy, committed in a scratch repository (the history knows the old master
    text), and the folder returned."""
    root = tmp_path / "repo"
    shutil.copytree(POLICY, root / "policy")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "as translated")
    return root / "policy"


def _check(folder: Path) -> list[Diagnostic]:
    return check_sources(load_folder(folder, cache=False), pyproject=NO_PYPROJECT,
                         cache=False).diagnostics


def _on(found: list[Diagnostic], lang: str, unit: str) -> set[str]:
    return {d.code for d in found if d.lang == lang and d.unit == unit}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@needs_git
def test_a_stale_translation_is_compared_again_only_once_stamped(tmp_path: Path) -> None:
    folder = _repo(tmp_path)
    _replace(folder / "ja.yaml", JA_OLD, JA_NEW)
    _replace(folder / "ja.yaml", ACT_OLD, ACT_NEW)
    found = _check(folder)
    for lang in ("en", "ru"):
        # stale: told once, with the change, and not again as a dropped restriction (NEG001)
        # or a number that differs (INV001)
        assert _on(found, lang, LAWFUL) == {"DRIFT001"}
        assert _on(found, lang, DEFINITION) == {"DRIFT001"}
    drift = next(d for d in found if d.code == "DRIFT001" and d.unit == LAWFUL)
    assert drift.detail[-1].endswith("手段によ{-り-}{+ってのみ+}個人情報を取得します。")
    told = {d.code for d in found if d.severity is not Severity.NOTE}  # not the waived ones
    assert not told & {"NEG001", "INV001"}

    # The translator updates the English text, not yet stamped: still stale, still only that.
    _replace(folder / "en.yaml", EN_OLD, EN_NEW)
    assert _on(_check(folder), "en", LAWFUL) == {"DRIFT001"}

    # Stamped against the new text, the translations are compared with it: the Russian, which
    # says «только», agrees; the English, its old text stamped as still right after all, lacks
    # the restriction, and that is told again.
    _replace(folder / "ru.yaml", RU_OLD, RU_NEW)
    _replace(folder / "en.yaml", EN_NEW, EN_OLD)
    for stamp in (["ru", "3.1"], ["en", "3.1", "--unchanged-ok"]):
        code, out = _run("stamp", *stamp, "--policy", str(folder))
        assert code == 0, out
    found = _check(folder)
    assert _on(found, "en", LAWFUL) == {"NEG001"}
    assert _on(found, "ru", LAWFUL) == set()
    assert _on(found, "en", DEFINITION) == _on(found, "ru", DEFINITION) == {"DRIFT001"}
    states = unit_states(load_folder(folder, cache=False))
    for lang in ("en", "ru"):  # by the unit's key
        assert states[lang][f"clause:{LAWFUL}"] == "current"
        assert states[lang][f"clause:{DEFINITION}"] == "stale"

    # `policy check` says the same in every format: one problem to fix (the NEG001), and the
    # change of clause 1 awaiting translation.
    code, out = _run("check", "--policy", str(folder), "--format", "json")
    listed = json.loads(out)["diagnostics"]
    errors = [(d["code"], d["unit"]) for d in listed if d["severity"] == "error"]
    assert sorted(errors) == [("DRIFT001", DEFINITION), ("DRIFT001", DEFINITION),
                              ("NEG001", LAWFUL)]
    code, out = _run("check", "--policy", str(folder))
    assert code == 1
    assert out.splitlines()[-1].startswith(
        "Not ready to publish: 1 problem to fix, 1 master change needs translating (en, ru)")


@needs_git
def test_an_error_on_a_unit_that_is_not_stale_is_still_told_and_blocks_the_build(
        tmp_path: Path) -> None:
    folder = _repo(tmp_path)
    _replace(folder / "ja.yaml", JA_OLD, JA_NEW)  # clause 3.1 stale in en and ru
    en = folder / "en.yaml"
    _replace(en, "Article 2). However", "Article 3). However")
    found = _check(folder)
    assert _on(found, "en", DEFINITION) == {"INV001"}  # clause 1 is up to date: told
    assert _on(found, "en", LAWFUL) == {"DRIFT001"}
    for allow in (False, True):
        refused = build_site(folder, tmp_path / "site", allow_drift=allow)
        assert not refused.written and not (tmp_path / "site").exists()
        assert [d.code for d in refused.not_drift] == ["INV001"]

    # Without it, the stale clause alone still stops a build, and --allow-drift publishes it
    # with its banner in both translations.
    _replace(en, "Article 3). However", "Article 2). However")
    refused = build_site(folder, tmp_path / "site")
    assert not refused.written and not refused.not_drift
    assert "RENDER002" in {d.code for d in refused.diagnostics}
    published = build_site(folder, tmp_path / "site", allow_drift=True)
    assert published.written, [str(d) for d in published.diagnostics]
    for lang in ("en", "ru"):
        html = (tmp_path / "site" / lang / "index.html").read_text("utf-8")
        stale = re.findall(r'<p class="drift" role="note" data-state="stale">.*?'
                           r'<a href="[^"#]*#([^"]+)"', html, re.S)
        assert stale == ["collection-lawful"]


def test_a_drift_that_is_no_error_holds_nothing_back(policy_copy: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a project made DRIFT001 a warning, a stale unit no longer stops a build by
    itself: what its comparisons find is told, as it stops the build it stopped before."""
    _replace(policy_copy / "ja.yaml", JA_OLD, JA_NEW)
    held = _check(policy_copy)
    assert _on(held, "en", LAWFUL) == {"DRIFT001"}
    (tmp_path / "pyproject.toml").write_text('[tool.policy.severity]\nDRIFT001 = "warning"\n',
                                             "utf-8")
    found = check_sources(load_folder(policy_copy, cache=False),
                          pyproject=tmp_path / "pyproject.toml", cache=False).diagnostics
    assert _on(found, "en", LAWFUL) == {"DRIFT001", "NEG001"}


def test_an_unreviewed_translation_is_compared_with_the_master(policy_copy: Path) -> None:
    """A unit with no fingerprint (DRIFT002) was never held against any master text: what its
    comparisons find is what its reviewer reads before stamping it."""
    _replace(policy_copy / "ja.yaml", JA_OLD, JA_NEW)
    en = policy_copy / "en.yaml"
    _replace(en, "        source: c9d863ccba\n", "")
    found = _check(policy_copy)
    assert _on(found, "en", LAWFUL) == {"DRIFT002", "NEG001"}
    assert _on(found, "ru", LAWFUL) == {"DRIFT001"}


def test_a_waiver_of_a_finding_held_back_is_still_in_use(policy_copy: Path) -> None:
    """Clause 4.2 of the English edition waives its final colon (TYPO002); while the master's
    edit leaves it stale, the waived finding is held back with the others, and its waiver is
    not told as one that waives nothing (PARITY010)."""
    _replace(policy_copy / "ja.yaml", "取得した個人情報を主に次の目的のために",
             "取得した個人情報を主に次に掲げる目的のために")
    found = _check(policy_copy)
    assert _on(found, "en", "purposes.purposes-list") == {"DRIFT001"}
    assert "PARITY010" not in {d.code for d in found}


def test_the_codes_held_back_are_those_of_the_comparisons_with_the_master() -> None:
    """engine/check.py names them beside the rule; each check declares its own
    (`Check.compares`). What is wrong in a translation whatever its master says is not
    among them."""
    assert FOLLOW_FROM_STALE == {
        "INV001", "INV002", "INV003", "INV004", "INV005", "INV006", "INV007", "INV008",
        "INV009", "SENT001", "NEG001", "NEG002", "LEN001", "TERM001", "TERM002", "TYPO002",
        "TYPO007", "TYPO008", "PARITY005"}
    codes = {c.code for check in CHECKS for c in check.codes}
    assert FOLLOW_FROM_STALE <= codes
    for kept in ("DRIFT001", "DRIFT002", "L10N001", "L10N002", "L10N003", "TYPO001", "TYPO003",
                 "TYPO009", "PARITY001", "PARITY004", "PARITY009", "PARITY012", "REVIEW001",
                 "REVIEW002", "TERM003", "LANG002", "NOTE001"):
        assert kept not in FOLLOW_FROM_STALE
    # a check lists only codes of its own
    negation = next(c for c in CHECKS if c.name == "negation")
    with pytest.raises(ValueError, match="compares"):
        replace(negation, compares=(*negation.codes, *CHECKS[0].codes))
