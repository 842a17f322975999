"""Every implementation of the decision rules agrees on every leaf question.

The implementations: the engine (`CompiledPolicy.allows`, its first ask and the memo), the
decision table read one question at a time (`DecisionTable.allows`) and over every context at
once (`DecisionTable.leaves`, which the decision diff reads), and the Cedar export evaluated by
cedarpy. They are asked every action × data × purpose of leaf terms in every context, for the
shipped policy and for generated rule sets (hypothesis), and must give the same allow or deny.
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


def answers(bundle: dict[str, Any]) -> dict[str, list[bool]]:
    """Each implementation's allow/deny on every leaf question, in the same order."""
    pol = CompiledPolicy(bundle)
    qs = questions(pol)
    table = pol.table
    over_contexts = table.leaves()
    diff_table = Table(pol, pol.flags)
    cedar = cedarpy.is_authorized_batch(
        [cedar_request(bundle, a, d, p, c) for a, d, p, c in qs],
        cedarpy.PolicySet.from_str(cedar_policies(bundle)),
        cedarpy.Entities.from_json_str(json.dumps(cedar_entities(bundle))))
    first = [bool(pol.allows(a, d, p, **c)) for a, d, p, c in qs]
    return {
        "engine (first ask)": first,
        "engine (memo)": [bool(pol.allows(a, d, p, **c)) for a, d, p, c in qs],
        "engine (mapping)": [bool(pol.decide(a, d, p, c)) for a, d, p, c in qs],
        "table": [table.allows(a, d, p, table.mask(c)) for a, d, p, c in qs],
        "table over contexts": [
            bool(over_contexts[a, d, p].allowed >> table.mask(c) & 1)
            if (a, d, p) in over_contexts else False for a, d, p, c in qs],
        "diff table": [bool(diff_table.answer(a, d, p) >> table.mask(c) & 1)
                       for a, d, p, c in qs],
        "cedar export": [r.allowed for r in cedar],
    }


def assert_agree(bundle: dict[str, Any]) -> None:
    found = answers(bundle)
    qs = questions(CompiledPolicy(bundle))
    reference = found["engine (first ask)"]
    assert len(reference) == len(qs)
    for name, got in found.items():
        wrong = [(q, r, g) for q, r, g in zip(qs, reference, got, strict=True) if r != g]
        assert not wrong, f"{name} disagrees with the engine on {len(wrong)}: {wrong[:3]}"


def test_cedar_export_validates_against_its_schema() -> None:
    bundle = load(POLICY).bundle_dict()
    result = cedarpy.validate_policies(cedar_policies(bundle), json.dumps(cedar_schema(bundle)))
    assert result.validation_passed, [str(e) for e in result.errors]


def test_shipped_policy_every_implementation_agrees() -> None:
    pol = load(POLICY)
    assert_agree(pol.bundle_dict())
    # the domain is the whole product, and both outcomes occur in it
    assert len(questions(pol)) == (len(pol.terms("actions", groups=False))
                                   * len(pol.terms("data", groups=False))
                                   * len(pol.terms("purposes", groups=False))
                                   * 2 ** len(pol.flags))
    assert {bool(pol.allows(*q[:3], **q[3])) for q in questions(pol)} == {True, False}


@SETTINGS
@given(RULES)
def test_generated_policies_every_implementation_agrees(rules: list[dict[str, Any]]) -> None:
    assert_agree(make_bundle(rules))
