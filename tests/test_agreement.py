"""Every implementation of the decision rules agrees on every leaf question.

The implementations: the engine (`CompiledPolicy.allows`, its first ask and the memo), the
decision table read one question at a time (`DecisionTable.allows`) and over every context at
once (`DecisionTable.leaves`, which the decision diff reads), and the Cedar export evaluated by
cedarpy. They are asked every action × data × purpose of leaf terms, for the shipped policy and
for generated rule sets (hypothesis), and must give the same allow or deny.

A small domain (the generated rule sets) is asked in every context. The shipped policy's 9
flags make 512 contexts per leaf question, so there each leaf question is asked in the contexts
of tests/export/runners.py `leaf_questions`: every combination of the flags that the rules
whose scope holds it name, with every other flag false, with every other flag true, and with
only the true flags given, plus two contexts drawn at random (seeded). An implementation with
a condition on one flag that no such rule names, or that reads a flag left out as true,
answers one of them wrongly (the test of `leaf_questions` below pins them; the mutants of
tests/export/mutants.py are such bugs, caught in the exports).
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
from .export.runners import Question, contexts, leaf_questions
from .test_engine_properties import RULES, SETTINGS, make_bundle

cedarpy = pytest.importorskip("cedarpy")

EVERY_CONTEXT = 50_000  # questions; above this, leaf_questions picks the contexts


def questions(pol: CompiledPolicy) -> list[Question]:
    """Every leaf question in every context on a small domain, else `leaf_questions`."""
    leaves = list(itertools.product(*(pol.terms(k, groups=False)
                                      for k in ("actions", "data", "purposes"))))
    if len(leaves) << len(pol.flags) > EVERY_CONTEXT:
        return leaf_questions(pol)
    return [(a, d, p, c) for (a, d, p), c in itertools.product(leaves, contexts(pol.flags))]


def answers(bundle: dict[str, Any]) -> dict[str, list[bool]]:
    """Each implementation's allow/deny on `questions`, in the same order."""
    pol = CompiledPolicy(bundle)
    qs = questions(pol)
    table = pol.table
    over_contexts = table.leaves()
    diff_table = Table(pol, pol.flags)
    results = cedarpy.is_authorized_batch(
        [cedar_request(bundle, *q) for q in qs],
        cedarpy.PolicySet.from_str(cedar_policies(bundle)),
        cedarpy.Entities.from_json_str(json.dumps(cedar_entities(bundle))))
    first = [bool(pol.allows(a, d, p, **c)) for a, d, p, c in qs]
    return {
        "engine (first ask)": first,
        "engine (memo)": [bool(pol.allows(a, d, p, **c)) for a, d, p, c in qs],
        "engine (mapping)": [bool(pol.decide(a, d, p, c)) for a, d, p, c in qs],
        "table": [table.allows(a, d, p, table.mask(c)) for a, d, p, c in qs],
        "table over contexts": [bool(over_contexts.allowed((a, d, p)) >> table.mask(c) & 1)
                                for a, d, p, c in qs],
        "diff table": [bool(diff_table.answer(a, d, p) >> table.mask(c) & 1)
                       for a, d, p, c in qs],
        "cedar export": [bool(r.allowed) for r in results],
    }


def assert_agree(bundle: dict[str, Any]) -> dict[str, list[bool]]:
    found = answers(bundle)
    qs = questions(CompiledPolicy(bundle))
    reference = found["engine (first ask)"]
    assert len(reference) == len(qs)
    for name, got in found.items():
        wrong = [(q, r, g) for q, r, g in zip(qs, reference, got, strict=True) if r != g]
        assert not wrong, f"{name} disagrees with the engine on {len(wrong)}: {wrong[:3]}"
    return found


def test_cedar_export_validates_against_its_schema() -> None:
    bundle = load(POLICY).bundle_dict()
    result = cedarpy.validate_policies(cedar_policies(bundle), json.dumps(cedar_schema(bundle)))
    assert result.validation_passed, [str(e) for e in result.errors]


def test_shipped_policy_every_implementation_agrees() -> None:
    pol = load(POLICY)
    found = assert_agree(pol.bundle_dict())
    qs = questions(pol)
    # every leaf question is asked, and both outcomes occur
    assert len({q[:3] for q in qs}) == (len(pol.terms("actions", groups=False))
                                        * len(pol.terms("data", groups=False))
                                        * len(pol.terms("purposes", groups=False)))
    assert set(found["engine (first ask)"]) == {True, False}


def test_leaf_questions_are_every_named_combination_three_ways_and_random_ones() -> None:
    """On 12 flags, two of them named by a permit and one by a duty: every leaf question is
    asked in every combination of the flags its rules name, each with the other flags all
    false, with them all true, and with only the true flags given; then in two contexts drawn
    at random over every flag, the same on every run."""
    flags = tuple(f"f{i}" for i in range(12))
    rules = [{"effect": "permit", "actions": ["a0"], "data": ["d0"], "purposes": ["p0"],
              "when": {"f0": True, "f1": False}, "obligations": []},
             {"effect": "oblige", "actions": ["a0"], "data": ["d0"], "purposes": ["p0"],
              "when": {"f5": True}, "obligations": ["o0"]}]
    pol = CompiledPolicy(make_bundle(rules, flags=flags))
    qs = leaf_questions(pol)
    leaves = set(itertools.product(*(pol.terms(k, groups=False)
                                     for k in ("actions", "data", "purposes"))))
    assert {q[:3] for q in qs} == leaves
    named = ("f0", "f1", "f5")
    for leaf, names in ((("a0", "d0", "p0"), named), (("a1", "d0", "p0"), ())):
        got = [q[3] for q in qs if q[:3] == leaf]
        assert len(got) == len({tuple(c.items()) for c in got})  # no context twice
        chosen = []
        for bits in itertools.product((False, True), repeat=len(names)):
            given = dict(zip(names, bits, strict=True))
            chosen += [{f: given.get(f, False) for f in flags},
                       {f: given.get(f, True) for f in flags},
                       {f: True for f in names if given[f]}]
        assert got[:len(chosen)] == chosen
        drawn = got[len(chosen):]
        assert len(drawn) == 2 and all(set(c) == set(flags) for c in drawn)
    assert leaf_questions(pol) == qs  # the same random contexts on every run


@SETTINGS
@given(RULES)
def test_generated_policies_every_implementation_agrees(rules: list[dict[str, Any]]) -> None:
    assert_agree(make_bundle(rules))
