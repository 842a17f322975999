"""The lists of codes `policy check`, its report and `policy build` treat alike are built from the checks' own declarations (`Check.untranslated`, `left_untranslated`, `follows_untranslated`, `lagging`, `follows_master`), and equal what the hand-written lists held."""

from __future__ import annotations

import pytest

from engine import humane
from engine.check import FOLLOW_FROM_UNTRANSLATED, LEFT_UNTRANSLATED, UNTRANSLATED_CODES
from engine.checks import CHECKS, Check, Scope
from engine.diagnostics import CODES
from engine.findings import Code, Severity
from render import site

# What each list held when it was written out by hand (engine/check.py, render/site.py,
# engine/humane.py). A change to a check's declarations that changes one of these shows here.
WAS_UNTRANSLATED = frozenset({"L10N001", "L10N002", "L10N003"})
WAS_LEFT_UNTRANSLATED = frozenset({"L10N001", "L10N002"})
WAS_FOLLOW_FROM_UNTRANSLATED = ("L10N003", "TERM001", "TERM002", "SENT", "NEG", "LEN", "TYPO")
WAS_DRIFT = frozenset({"DRIFT001", "DRIFT002", "PARITY001", "L10N001", "L10N002", "L10N003"})
WAS_DERIVED_FAMILIES = ("PARITY", "DRIFT", "L10N", "INV", "LANG", "SENT", "NEG", "LEN", "TERM")


def test_untranslated_codes_are_what_the_hand_list_held() -> None:
    assert UNTRANSLATED_CODES == WAS_UNTRANSLATED
    assert LEFT_UNTRANSLATED == WAS_LEFT_UNTRANSLATED


def test_follow_from_untranslated_matches_the_prefixes_it_was() -> None:
    # the hand list was code prefixes: the declared codes are every registered code they match
    assert FOLLOW_FROM_UNTRANSLATED == frozenset(
        code for code in CODES if code.startswith(WAS_FOLLOW_FROM_UNTRANSLATED))
    assert FOLLOW_FROM_UNTRANSLATED == frozenset({
        "L10N003", "TERM001", "TERM002", "SENT001", "NEG001", "NEG002", "LEN001", "TYPO001",
        "TYPO002", "TYPO003", "TYPO004", "TYPO005", "TYPO006", "TYPO007", "TYPO008",
        "TYPO009"})


def test_drift_codes_are_what_the_hand_list_held() -> None:
    assert site.DRIFT_CODES == WAS_DRIFT


def test_derived_codes_match_the_families_they_were() -> None:
    assert humane.DERIVED_CODES == frozenset(
        code for code in CODES if code.startswith(WAS_DERIVED_FAMILIES))
    # typography compares TYPO002, TYPO007 and TYPO008 with the master but was never among
    # them: left so, for the maintainers to decide
    assert not any(code.startswith("TYPO") for code in humane.DERIVED_CODES)
    assert {check.name for check in CHECKS if check.follows_master} == {
        "structure", "ids", "drift", "scripts", "invariants", "prevailing", "sentences",
        "length", "negation", "terminology", "names"}


def _run(*_: object) -> list[object]:
    return []


A = Code("ZZZ001", Severity.ERROR, "a")
B = Code("ZZZ002", Severity.ERROR, "b")
OTHER = Code("ZZZ003", Severity.ERROR, "c")


@pytest.mark.parametrize(("extra", "says"), [
    ({"untranslated": (OTHER,)}, "`untranslated` codes it does not declare"),
    ({"follows_untranslated": (OTHER,)}, "`follows_untranslated` codes it does not declare"),
    ({"lagging": (OTHER,)}, "`lagging` codes it does not declare"),
    ({"untranslated": (A,), "left_untranslated": (B,)}, "does not list in `untranslated`"),
    ({"untranslated": (A,), "lagging": (A,)}, "both in `lagging` and in `untranslated`"),
])
def test_a_check_declares_only_its_own_codes(extra: dict[str, object], says: str) -> None:
    with pytest.raises(ValueError, match=says):
        Check(name="x", scope=Scope.PAIR, codes=(A, B), run=_run, **extra)  # type: ignore[arg-type]
