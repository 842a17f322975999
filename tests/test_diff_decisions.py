"""The decision diff against the engine itself: the fast per-leaf table must agree with
`CompiledPolicy.allows` on every question (in the contexts that can change its answer), and the diff of random rule sets must equal the
brute-force difference of their answers. Also the law `diff(p, p)` is empty."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.decide import CompiledPolicy
from engine.diff import diff_policies, diff_sides, side_from_folder
from engine.diff.decisions import Table, _cube_bits, minimise, union_flags

from .export.runners import group_questions, leaf_questions

ROOT = Path(__file__).parent.parent
BASE = ROOT / "tests" / "fixtures" / "diff" / "base"
FOLDERS = [BASE, ROOT / "tests" / "fixtures" / "mini", ROOT / "policy"]


def _policy(folder: Path) -> CompiledPolicy:
    return side_from_folder(folder).policy


def _flag_masks(flags: tuple[str, ...]) -> list[tuple[int, dict[str, bool]]]:
    return [(m, {f: bool(m >> i & 1) for i, f in enumerate(flags)}) for m in range(1 << len(flags))]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_table_agrees_with_allows_on_every_question(folder: Path) -> None:
    """Every question (groups too), in the contexts that can change its answer
    (tests/export/runners.py: every combination of the flags its rules name, the other flags
    false, true or left out, and two contexts drawn at random), not in all 2^flags of them."""
    policy = _policy(folder)
    flags = union_flags(policy, policy)
    table = Table(policy, flags)
    questions = leaf_questions(policy) + group_questions(policy)
    terms = [policy.terms(k) for k in ("actions", "data", "purposes")]  # groups included
    assert len({q[:3] for q in questions}) == len(terms[0]) * len(terms[1]) * len(terms[2])
    for a, d, p, context in questions:
        m = sum(1 << i for i, f in enumerate(flags) if context.get(f))
        assert bool(table.answer(a, d, p) >> m & 1) == policy.allows(a, d, p, **context).allowed, (
            a, d, p, context)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_diff_of_a_policy_with_itself_is_empty(folder: Path) -> None:
    side = side_from_folder(folder)
    diff = diff_sides(side, side)
    assert diff.empty
    assert diff.classification == "none"
    assert diff.decisions.questions_compared > 0


# ------------------------------------------------------------ random rule sets (property)

BASE_BUNDLE: dict[str, Any] = _policy(BASE).bundle_dict()
FLAGS = sorted(BASE_BUNDLE["vocabulary"]["context"])


def _leaves(kind: str) -> list[str]:
    return sorted(t for t, e in BASE_BUNDLE["vocabulary"][kind].items() if "members" not in e)


CLAUSES = sorted(BASE_BUNDLE["clauses"])

rules_strategy = st.lists(
    st.fixed_dictionaries({
        "clause": st.sampled_from(CLAUSES),
        "effect": st.sampled_from(["permit", "forbid"]),
        "actions": st.lists(st.sampled_from(_leaves("actions")), min_size=1, max_size=2,
                            unique=True),
        "data": st.lists(st.sampled_from(_leaves("data")), min_size=1, max_size=3, unique=True),
        "purposes": st.lists(st.sampled_from(_leaves("purposes")), min_size=1, max_size=3,
                             unique=True),
        "when": st.dictionaries(st.sampled_from(FLAGS), st.booleans(), max_size=2),
        "obligations": st.just([]),
    }),
    max_size=8,
)


def _with_rules(rules: list[dict[str, Any]]) -> CompiledPolicy:
    bundle = copy.deepcopy(BASE_BUNDLE)
    bundle["rules"] = rules
    return CompiledPolicy(bundle)


def _answers(policy: CompiledPolicy) -> set[tuple[str, str, str, tuple[str, ...]]]:
    out = set()
    for a, d, p in itertools.product(_leaves("actions"), _leaves("data"), _leaves("purposes")):
        for _m, context in _flag_masks(tuple(FLAGS)):
            if policy.allows(a, d, p, **context).allowed:
                out.add((a, d, p, tuple(f for f, v in context.items() if v)))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules_strategy, rules_strategy)
def test_diff_equals_brute_force_difference(old: list[dict[str, Any]],
                                            new: list[dict[str, Any]]) -> None:
    a, b = _with_rules(old), _with_rules(new)
    diff = diff_policies(a, b)
    before, after = _answers(a), _answers(b)
    allowed = {(q.action, q.data, q.purpose, q.flags) for q in diff.decisions.newly_allowed}
    denied = {(q.action, q.data, q.purpose, q.flags) for q in diff.decisions.newly_denied}
    assert allowed == after - before
    assert denied == before - after
    assert sum(s.questions for s in diff.decisions.statements if s.change == "allowed") == len(
        after - before)
    # Each statement's reason and clauses are those the engine gives for its questions.
    for s in diff.decisions.statements:
        for d, p in itertools.product(s.data, s.purposes):
            for _m, context in _flag_masks(tuple(FLAGS)):
                if not any(all(context[f] == v for f, v in cube) for cube in s.when):
                    continue
                decision = b.allows(s.action, d, p, **context)
                assert decision.reason == s.reason
                if s.reason != "no_permission":  # else the engine cites the nearest clauses
                    assert [c.id for c in decision.clauses] == [i for i, _n in s.clauses]


@settings(max_examples=40, deadline=None)
@given(rules_strategy)
def test_diff_with_itself_is_empty_for_any_rules(rules: list[dict[str, Any]]) -> None:
    p = _with_rules(rules)
    assert diff_policies(p, p).empty
    assert diff_policies(p, _with_rules(copy.deepcopy(rules))).empty


@given(st.integers(min_value=0, max_value=(1 << 16) - 1), st.integers(min_value=0, max_value=4))
def test_minimised_condition_covers_exactly_the_changed_contexts(bits: int, nflags: int) -> None:
    flags = [f"f{i}" for i in range(nflags)]
    bits &= (1 << (1 << nflags)) - 1
    cubes = minimise(bits, flags)
    assert _cube_bits(cubes, flags) == bits
    if bits == (1 << (1 << nflags)) - 1:
        assert cubes == ((),)


def test_a_new_context_flag_does_not_read_as_newly_allowed() -> None:
    """A flag known to one side only changes nothing on the other: adding a `minor` flag with a
    prohibition narrows; it does not make the questions with `minor` 'newly allowed'."""
    base = _policy(BASE)
    bundle = copy.deepcopy(BASE_BUNDLE)
    bundle["vocabulary"]["context"]["minor"] = {"labels": {"ja": "未成年", "en": "minor"}}
    bundle["rules"].append({"clause": "collection", "effect": "forbid", "actions": ["collect"],
                            "data": ["contact"], "purposes": ["newsletter"],
                            "when": {"minor": True}, "obligations": []})
    diff = diff_policies(base, CompiledPolicy(bundle))
    assert diff.classification == "narrows"
    assert not diff.decisions.newly_allowed
    assert {q.flags for q in diff.decisions.newly_denied} == {("consent", "minor"),
                                                             ("consent", "consent_impractical",
                                                              "minor"),
                                                             ("consent", "minor", "opted_out"),
                                                             ("consent", "consent_impractical",
                                                              "minor", "opted_out")}
    assert [(v.kind, v.term, v.change) for v in diff.vocabulary] == [("context", "minor", "added")]


def test_a_term_known_to_one_side_only_is_denied_on_the_other() -> None:
    base = _policy(BASE)
    bundle = copy.deepcopy(BASE_BUNDLE)
    bundle["vocabulary"]["purposes"]["research"] = {"labels": {"ja": "研究"}}
    bundle["rules"].append({"clause": "purposes", "effect": "permit", "actions": ["use"],
                            "data": ["identity"], "purposes": ["research"], "when": {},
                            "obligations": []})
    forward = diff_policies(base, CompiledPolicy(bundle))
    assert {(q.action, q.data, q.purpose) for q in forward.decisions.newly_allowed} == {
        ("use", "identity", "research")}
    assert len(forward.decisions.newly_allowed) == 8  # every flag combination
    back = diff_policies(CompiledPolicy(bundle), base)
    assert back.classification == "narrows"
    assert len(back.decisions.newly_denied) == 8


def test_a_condition_with_a_negated_flag_reads_one_way() -> None:
    """`policy diff`'s condition (its text and the JSON `condition`) said "when consent, not
    erasure_requested, opted_out", which reads as if "not" took both flags after it: each flag
    is now joined by "and", those that must hold first."""
    from engine.diff import condition_text

    cube = (("consent", True), ("erasure_requested", False), ("opted_out", True))
    assert condition_text((cube, (("consent_impractical", True),))) == (
        "when consent and opted_out and not erasure_requested; or when consent_impractical")
    assert condition_text(((),)) == "in any context" and condition_text(()) == "never"
