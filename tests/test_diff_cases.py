"""Fixtures of real kinds of change: each head folder against the shared base, with the expected
classification, required bump, statements, structure, vocabulary and text changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from engine.diff import PolicyDiff, diff_sides, required_level, side_from_folder

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
CASES = sorted(p.stem for p in (FIXTURES / "cases").glob("*.yaml"))


def load_case(name: str) -> tuple[PolicyDiff, dict[str, Any]]:
    spec = YAML(typ="safe").load((FIXTURES / "cases" / f"{name}.yaml").read_text("utf-8"))
    base = side_from_folder(FIXTURES / "base")
    head = side_from_folder(FIXTURES / "cases" / name)
    return diff_sides(base, head), spec["expect"]


def statement_view(diff: PolicyDiff) -> list[dict[str, Any]]:
    out = []
    for s in diff.decisions.statements:
        when: Any = "any" if s.when == ((),) else [dict(c) for c in s.when]
        out.append({"change": s.change, "action": s.action, "data": list(s.data),
                    "purposes": list(s.purposes), "when": when,
                    "clauses": [n for _i, n in s.clauses], "was": [n for _i, n in s.was],
                    "reason": s.reason})
    return out


def test_every_kind_of_change_has_a_case() -> None:
    assert set(CASES) >= {"purpose-added", "ground-removed", "prohibition-added",
                          "clause-reworded", "russian-only", "clause-moved"}


@pytest.mark.parametrize("name", CASES)
def test_case(name: str) -> None:
    diff, expect = load_case(name)
    assert diff.classification == expect["classification"]
    assert required_level(diff)[0] == expect["level"]
    assert statement_view(diff) == expect["statements"]
    assert diff.text is not None
    structure = [{"change": s.change, "key": s.key,
                  "number": (s.head or s.base).number}  # type: ignore[union-attr]
                 for s in diff.text.structure]
    assert structure == expect["structure"]
    vocab = [{"kind": v.kind, "term": v.term, "change": v.change} for v in diff.vocabulary]
    assert vocab == expect["vocabulary"]
    text = sorted([c.lang, c.key, c.field] for c in diff.text.changes)
    assert text == sorted(expect["text"])
    if "master_changed" in expect:
        assert diff.text.master_changed is expect["master_changed"]


@pytest.mark.parametrize("name", CASES)
def test_statements_count_their_questions(name: str) -> None:
    diff, _expect = load_case(name)
    d = diff.decisions
    allowed = sum(s.questions for s in d.statements if s.change == "allowed" and not s.group)
    denied = sum(s.questions for s in d.statements if s.change == "denied" and not s.group)
    assert allowed == len(d.newly_allowed)
    assert denied == len(d.newly_denied)


@pytest.mark.parametrize("name", CASES)
def test_reverse_swaps_allowed_and_denied(name: str) -> None:
    forward, _ = load_case(name)
    back = diff_sides(forward.head, forward.base)
    assert {(q.action, q.data, q.purpose, q.flags) for q in back.decisions.newly_allowed} == {
        (q.action, q.data, q.purpose, q.flags) for q in forward.decisions.newly_denied}
    assert {(q.action, q.data, q.purpose, q.flags) for q in back.decisions.newly_denied} == {
        (q.action, q.data, q.purpose, q.flags) for q in forward.decisions.newly_allowed}
