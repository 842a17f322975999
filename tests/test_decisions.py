"""Runs the YAML decision cases in tests/cases/ against the policy each file names.

Every case is one test, named `file:line:name`, so a failure points at the case in its file.
Beyond the cases themselves: every rule of each policy must be exercised by some case, every
case's named clause must exist and be cited, and every explanation names the deciding clauses
in every language of the policy.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from engine import CompiledPolicy, Decision, load
from engine.citation import label

from .conftest import ROOT

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASE_KEYS = {"name", "clause", "query", "context", "expect"}
EXPECT_KEYS = {"allowed", "reason", "clauses", "obligations", "failed", "denied_members"}


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    policy: str
    name: str
    clause: str
    action: str
    data: str
    purpose: str
    context: dict[str, bool]
    expect: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.name}"


def _plain(node: Any) -> Any:
    """ruamel's round-trip containers to plain dicts and lists."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
        assert set(doc) == {"policy", "cases"}, f"{path.name}: top-level keys"
        for node in doc["cases"]:
            line = node.lc.line + 1
            where = f"{path.name}:{line}"
            assert set(node) <= CASE_KEYS, f"{where}: unknown keys {set(node) - CASE_KEYS}"
            assert set(node["expect"]) <= EXPECT_KEYS, f"{where}: unknown expect keys"
            q = node["query"]
            cases.append(Case(
                file=path.name, line=line, policy=str(doc["policy"]), name=str(node["name"]),
                clause=str(node["clause"]), action=str(q["action"]), data=str(q["data"]),
                purpose=str(q["purpose"]), context=_plain(node.get("context") or {}),
                expect=_plain(node["expect"]),
            ))
    return cases


CASES = load_cases()


@functools.cache
def policy_for(folder: str) -> CompiledPolicy:
    return load(ROOT / folder)


def ask(case: Case) -> Decision:
    return policy_for(case.policy).allows(case.action, case.data, case.purpose, **case.context)


def test_case_files_exist_and_names_are_unique() -> None:
    assert len(CASES) >= 60
    ids = [(c.file, c.name) for c in CASES]
    assert len(ids) == len(set(ids))
    assert any(c.policy == "policy" for c in CASES)
    assert any(c.policy == "tests/fixtures/mini" for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case: Case) -> None:
    d = ask(case)
    exp = case.expect
    assert d.allowed is exp["allowed"]
    assert bool(d) is exp["allowed"]
    if "reason" in exp:
        assert d.reason == exp["reason"]
    assert sorted(c.number for c in d.clauses) == sorted(exp["clauses"])
    assert sorted((o.id, o.clause.number) for o in d.obligations) == sorted(
        (o["id"], str(o["clause"])) for o in exp.get("obligations", []))
    if "failed" in exp:
        assert sorted((c.flag, c.required, c.clause.number) for c in d.failed_conditions) == \
            sorted((f["flag"], f["required"], str(f["clause"])) for f in exp["failed"])
    if "denied_members" in exp:
        assert sorted(d.denied_members) == sorted(tuple(m) for m in exp["denied_members"])
    assert d.policy_version == policy_for(case.policy).version
    # The query is echoed back with every flag of the policy, missing ones False.
    assert d.query.action == case.action
    assert dict(d.query.context) == {f: case.context.get(f, False)
                                     for f in policy_for(case.policy).flags}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_names_a_cited_clause(case: Case) -> None:
    """The clause a case says it exercises exists in the policy and decides the case."""
    pol = policy_for(case.policy)
    numbers = {c["number"] for c in pol.bundle["clauses"].values()}
    assert case.clause in numbers
    assert case.clause in exp_clauses(case)


def exp_clauses(case: Case) -> list[str]:
    return [str(n) for n in case.expect["clauses"]]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_explained_in_every_language(case: Case) -> None:
    d = ask(case)
    pol = policy_for(case.policy)
    for lang in pol.languages:
        text = d.explain(lang)
        assert text.strip()
        for ref in d.clauses:  # cited in the language's own form: 4.2.6, 第4項第2号⑥
            assert label(ref.number, lang) in text, (lang, ref.number, text)
        for o in d.obligations:
            assert pol.label("obligations", o.id, lang) in text


def members(pol: CompiledPolicy, kind: str, term: str) -> list[str]:
    return list(pol.vocabulary[kind][term].get("members") or [term])


@pytest.mark.parametrize("folder", sorted({c.policy for c in CASES} - {"policy"}))
def test_every_rule_is_exercised_by_a_case(folder: str) -> None:
    """For each rule of a fixture policy, some case asks a question the rule covers and expects
    the rule's clause among the deciding clauses. (The shipped policy's rules are covered by the
    legal team's own tables: `policy test`, tests/test_policy_tests.py.)"""
    pol = policy_for(folder)
    clauses = pol.bundle["clauses"]
    mine = [c for c in CASES if c.policy == folder]
    missing = []
    for index, rule in enumerate(pol.bundle["rules"]):
        number = clauses[rule["clause"]]["number"]

        def covers(c: Case, rule: dict[str, Any] = rule) -> bool:
            leaves = [(a, d, p)
                      for a in members(pol, "actions", c.action)
                      for d in members(pol, "data", c.data)
                      for p in members(pol, "purposes", c.purpose)]
            return any(a in rule["actions"] and d in rule["data"] and p in rule["purposes"]
                       for a, d, p in leaves)

        if rule["effect"] == "oblige":  # a duty decides nothing; it adds obligations
            if not any(covers(c) and any(str(o["clause"]) == number
                                         for o in c.expect.get("obligations", []))
                       for c in mine):
                missing.append(f"rule #{index} of clause {number} (oblige)")
            continue
        if not any(covers(c) and number in exp_clauses(c) for c in mine):
            missing.append(f"rule #{index} of clause {number} ({rule['effect']})")
    assert not missing, "rules no case exercises: " + "; ".join(missing)


@pytest.mark.parametrize("folder", sorted({c.policy for c in CASES}))
def test_cases_see_both_outcomes_and_every_reason(folder: str) -> None:
    mine = [c for c in CASES if c.policy == folder]
    assert {c.expect["allowed"] for c in mine} == {True, False}
    reasons = {c.expect.get("reason") for c in mine}
    assert {"permitted", "forbidden", "condition_failed"} <= reasons
