"""Every implementation of the decision rules agrees on every leaf question.

The implementations: the engine (`CompiledPolicy.allows`, its first ask and the memo), the
decision table read one question at a time (`DecisionTable.allows`) and over every context at
once (`DecisionTable.leaves`, which the decision diff reads), and the Cedar export evaluated by
cedarpy. They are asked every action × data × purpose of leaf terms in every context, for the
shipped policy and for generated rule sets (hypothesis), and must give the same allow or deny.

Cedar costs tens of microseconds a question, and 8 flags make 256 contexts per leaf, so on a
large domain Cedar is asked, per leaf, every combination of the flags that the rules covering
that leaf name (read from the bundle, not from the table), with every other flag all false and
all true: a flag no covering rule names cannot change a Cedar answer, since a policy whose scope
does not match is never evaluated further.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given

from engine import CompiledPolicy, load
from engine.diff.decisions import Table
from engine.export.cedar import cedar_entities, cedar_policies, cedar_request, cedar_schema

from .conftest import POLICY
from .test_engine_properties import RULES, SETTINGS, make_bundle

cedarpy = pytest.importorskip("cedarpy")

Question = tuple[str, str, str, dict[str, bool]]


def questions(pol: CompiledPolicy) -> list[Question]:
    contexts = [dict(zip(pol.flags, bits, strict=True))
                for bits in itertools.product((False, True), repeat=len(pol.flags))]
    leaves = [pol.terms(k, groups=False) for k in ("actions", "data", "purposes")]
    return [(a, d, p, c) for (a, d, p), c in itertools.product(itertools.product(*leaves),
                                                              contexts)]


CEDAR_EVERY_CONTEXT = 50_000  # questions; above this, Cedar gets the pruned contexts


def cedar_questions(bundle: dict[str, Any], qs: list[Question]) -> list[int]:
    """Which of `qs` Cedar is asked (indices): all of them on a small domain; else per leaf,
    the contexts that differ only in the flags its covering rules name, plus those with every
    other flag true."""
    if len(qs) <= CEDAR_EVERY_CONTEXT:
        return list(range(len(qs)))
    named: dict[tuple[str, str, str], set[str]] = {}
    for rule in bundle["rules"]:
        for leaf in itertools.product(rule["actions"], rule["data"], rule["purposes"]):
            named.setdefault(leaf, set()).update(rule["when"])
    picked = []
    for i, (a, d, p, c) in enumerate(qs):
        others = {v for f, v in c.items() if f not in named.get((a, d, p), set())}
        if len(others) <= 1:  # every other flag all false, or all true
            picked.append(i)
    return picked


def answers(bundle: dict[str, Any]) -> dict[str, list[bool | None]]:
    """Each implementation's allow/deny on every leaf question, in the same order (None where
    Cedar was not asked)."""
    pol = CompiledPolicy(bundle)
    qs = questions(pol)
    table = pol.table
    over_contexts = table.leaves()
    diff_table = Table(pol, pol.flags)
    asked = cedar_questions(bundle, qs)
    cedar: list[bool | None] = [None] * len(qs)
    results = cedarpy.is_authorized_batch(
        [cedar_request(bundle, *qs[i]) for i in asked],
        cedarpy.PolicySet.from_str(cedar_policies(bundle)),
        cedarpy.Entities.from_json_str(json.dumps(cedar_entities(bundle))))
    for i, r in zip(asked, results, strict=True):
        cedar[i] = r.allowed
    first: list[bool | None] = [bool(pol.allows(a, d, p, **c)) for a, d, p, c in qs]
    return {
        "engine (first ask)": first,
        "engine (memo)": [bool(pol.allows(a, d, p, **c)) for a, d, p, c in qs],
        "engine (mapping)": [bool(pol.decide(a, d, p, c)) for a, d, p, c in qs],
        "table": [table.allows(a, d, p, table.mask(c)) for a, d, p, c in qs],
        "table over contexts": [bool(over_contexts.allowed((a, d, p)) >> table.mask(c) & 1)
                                for a, d, p, c in qs],
        "diff table": [bool(diff_table.answer(a, d, p) >> table.mask(c) & 1)
                       for a, d, p, c in qs],
        "cedar export": cedar,
    }


def assert_agree(bundle: dict[str, Any]) -> dict[str, list[bool | None]]:
    found = answers(bundle)
    qs = questions(CompiledPolicy(bundle))
    reference = found["engine (first ask)"]
    assert len(reference) == len(qs)
    for name, got in found.items():
        wrong = [(q, r, g) for q, r, g in zip(qs, reference, got, strict=True)
                 if g is not None and r != g]
        assert not wrong, f"{name} disagrees with the engine on {len(wrong)}: {wrong[:3]}"
    return found


def test_cedar_export_validates_against_its_schema() -> None:
    bundle = load(POLICY).bundle_dict()
    result = cedarpy.validate_policies(cedar_policies(bundle), json.dumps(cedar_schema(bundle)))
    assert result.validation_passed, [str(e) for e in result.errors]


def test_shipped_policy_every_implementation_agrees() -> None:
    pol = load(POLICY)
    found = assert_agree(pol.bundle_dict())
    # the domain is the whole product, and both outcomes occur in it
    assert len(questions(pol)) == (len(pol.terms("actions", groups=False))
                                   * len(pol.terms("data", groups=False))
                                   * len(pol.terms("purposes", groups=False))
                                   * 2 ** len(pol.flags))
    assert {bool(pol.allows(*q[:3], **q[3])) for q in questions(pol)} == {True, False}
    assert sum(a is not None for a in found["cedar export"]) >= min(
        len(questions(pol)), CEDAR_EVERY_CONTEXT) // 10


def test_pruned_cedar_contexts_cover_every_leaf_and_every_named_flag() -> None:
    """On a large domain every leaf is still asked, in every combination of the flags its
    rules name."""
    rules = [{"effect": "permit", "actions": ["a0"], "data": ["d0"], "purposes": ["p0"],
              "when": {"f0": True, "f1": False}, "obligations": []}]
    flags = tuple(f"f{i}" for i in range(12))
    bundle = make_bundle(rules, flags=flags)
    qs = questions(CompiledPolicy(bundle))
    picked = [qs[i] for i in cedar_questions(bundle, qs)]
    leaves = {q[:3] for q in qs}
    assert {q[:3] for q in picked} == leaves
    assert len([q for q in picked if q[:3] == ("a0", "d0", "p0")]) == 4 * 2
    assert len([q for q in picked if q[:3] == ("a1", "d0", "p0")]) == 2


@SETTINGS
@given(RULES)
def test_generated_policies_every_implementation_agrees(rules: list[dict[str, Any]]) -> None:
    assert_agree(make_bundle(rules))
