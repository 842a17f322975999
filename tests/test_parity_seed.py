"""The published Russian edition as a fixture: clauses 7–9 and the revision line in English must be flagged, and nothing else."""

from __future__ import annotations

from pathlib import Path

from engine.check import CheckResult, check_sources, unit_states
from engine.diagnostics import Severity
from engine.loader import load_folder

from .conftest import FIXTURES, POLICY
from .fixtures.parity.make_seed import SEED_CLAUSES, SEED_REVISION, build
from .test_parity_cases import NO_PYPROJECT, line_of

SEED_FOLDER = FIXTURES / "parity" / "seed"
SEED_UNITS = {*SEED_CLAUSES, f"footer.revisions.{SEED_REVISION}"}


def _expected_identical(folder: Path) -> set[tuple[str, str, int]]:
    """L10N002 at each replaced title and at the first content line of each replaced text."""
    want = set()
    for clause in SEED_CLAUSES:
        want.add(("L10N002", clause, line_of(folder, "ru.yaml", [f"id: {clause}", "title:"])))
        text_line = line_of(folder, "ru.yaml", [f"id: {clause}", "text:"])
        want.add(("L10N002", clause, text_line + 1))  # block scalars: content on the next line
    note = line_of(folder, "ru.yaml", [f"{SEED_REVISION}:", "text:"])
    want.add(("L10N002", f"footer.revisions.{SEED_REVISION}", note + 1))
    return want


def _without_review(result: CheckResult) -> CheckResult:
    """The seed is about translation; legal review (REVIEW, see test_review.py) is left out."""
    result.diagnostics = [d for d in result.diagnostics if not d.code.startswith("REVIEW")]
    return result


def test_seed_fixture_flags_exactly_the_english_units_at_their_lines() -> None:
    result = _without_review(check_sources(load_folder(SEED_FOLDER), pyproject=NO_PYPROJECT))
    # Every error is on a unit left in English (the prose checks see them too: no Russian
    # terms, no Russian negations); the rest are the shipped editions' waived notes.
    errors = [d for d in result.diagnostics if d.severity is not Severity.NOTE]
    assert {(d.lang, d.unit) for d in errors} == {("ru", u) for u in SEED_UNITS}
    assert {(d.lang, d.unit) for d in errors if d.code.startswith("L10N")} == {
        ("ru", u) for u in SEED_UNITS}
    assert all(d.hint and d.hint.startswith("waived: ") for d in result.diagnostics
               if d.severity is Severity.NOTE)
    identical = {(d.code, d.unit, d.line) for d in result.diagnostics if d.code == "L10N002"}
    assert identical == _expected_identical(SEED_FOLDER)
    # Each wrong-script finding sits on a line of the text it names.
    text = (SEED_FOLDER / "ru.yaml").read_text("utf-8").split("\n")
    for d in result.diagnostics:
        if d.code == "L10N003":
            assert d.unit in SEED_UNITS
            quoted = d.message.split("“", 1)[1][:20]
            assert quoted.split()[0] in text[d.line - 1]


def test_seed_units_are_untranslated_in_the_status() -> None:
    states = unit_states(load_folder(SEED_FOLDER))
    ru = states["ru"]
    assert {k for k, v in ru.items() if v == "untranslated"} == {
        f"clause:{c}" for c in SEED_CLAUSES} | {f"footer.revisions.{SEED_REVISION}"}
    assert set(ru.values()) == {"current", "untranslated"}
    assert set(states["en"].values()) == {"current"}


def test_seed_rebuilt_from_the_shipped_policy_is_flagged_the_same(tmp_path: Path) -> None:
    build(POLICY, tmp_path / "seed")
    result = _without_review(check_sources(load_folder(tmp_path / "seed"),
                                           pyproject=NO_PYPROJECT))
    errors = [d for d in result.diagnostics if d.severity is not Severity.NOTE]
    assert {(d.lang, d.unit) for d in errors} == {("ru", u) for u in SEED_UNITS}
    # Each English text is the English edition's word for word: one finding says so (L10N002),
    # and its letters, which only follow from that, are not a second one (L10N003).
    assert {d.code for d in errors if d.code.startswith("L10N")} == {"L10N002"}
    identical = {(d.code, d.unit, d.line) for d in result.diagnostics if d.code == "L10N002"}
    assert identical == _expected_identical(tmp_path / "seed")
