"""The OPA export: golden files, the bundle's layout, and regopy agreeing with the engine.

regopy (the Rego interpreter on PyPI) evaluates the exported bundle on every leaf question of
the shipped policy, each in the contexts that can tell a right export from a wrong one
(tests/export/runners.py `leaf_questions`): every combination of the flags that the rules
whose scope holds the question name, with every other flag false, with every other flag true,
and with only the true flags given (a missing flag must read as false), plus two contexts drawn
at random (seeded) over every flag. For the 9 flags and 3,105 leaf questions of policy 2.2.0
that is 29,054 decisions instead of the 1,589,760 of every context, and it grows with the flags
one question's rules name, not with the policy's flags. At about 1.5 ms a decision they are
spread over one worker process per core (`rego_agreement`). It also answers every group
question (no flag, every flag), invalid queries, and every question in every context of the
generated policies of the property tests. Every decision must equal the engine's
`Decision.to_json()` (outcome, reason, deciding clauses, obligations, failed conditions,
denied members).

The check must catch a broken export (`test_a_broken_export_is_caught`). Each mutant of
tests/export/mutants.py is the export with one bug written in: a rule that also needs a flag
no rule of its question names (true, or false); a missing flag read as true; every rule
needing the flags it does not name false; a forbid left out of the index; the procedure
ignoring conditions, forbids or obligations. The test runs the same comparison on the leaf
questions of the smallest rule where the engine sees the bug change an answer. The whole
check (every leaf question of `leaf_questions`, in worker processes) must catch every mutant
too: `.venv/bin/python -m tests.export.mutants rego` (a few minutes; exit 1 if one survives).

Regenerate the golden files after an intended change with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_rego.py` and review their diff.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given

from engine import CompiledPolicy, load
from engine.cli import main
from engine.export import rego

from .conftest import FIXTURES, POLICY
from .export.mutants import REGO_MUTANTS, Mutant, rego_mutants
from .export.runners import (
    Rego,
    engine_json,
    leaf_questions,
    questions,
    rego_agreement,
    rego_disagreements,
    rego_query,
)
from .test_engine_properties import RULES, SETTINGS, make_bundle

pytest.importorskip("regopy")

GOLDEN = Path(__file__).resolve().parent / "golden" / "export" / "rego"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def shipped() -> CompiledPolicy:
    return load(POLICY)


@pytest.fixture(scope="module")
def shipped_rego(shipped: CompiledPolicy) -> Rego:
    return Rego(shipped.bundle)


@pytest.mark.parametrize("name", [rego.MANIFEST_PATH, rego.DATA_PATH, rego.MODULE_PATH])
def test_golden_files_of_the_fixture_policy(name: str) -> None:
    files = rego.read_opa_bundle(rego.opa_bundle(load(FIXTURES / "mini").bundle_dict()))
    golden = GOLDEN / name.replace("/", "__")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(files[name])
    assert files[name].decode() == golden.read_text("utf-8")


def test_bundle_is_deterministic_and_laid_out_for_opa(shipped: CompiledPolicy) -> None:
    bundle = shipped.bundle_dict()
    first, second = rego.opa_bundle(bundle), rego.opa_bundle(bundle)
    assert first == second
    files = rego.read_opa_bundle(first)
    assert sorted(files) == sorted([".manifest", "cafetalk/privacy/data.json",
                                    "cafetalk/privacy/policy.rego"])
    manifest = json.loads(files[".manifest"])
    assert manifest["revision"] == f"{shipped.version}+{shipped.hash}"
    assert manifest["roots"] == ["cafetalk/privacy"] and manifest["rego_version"] == 1
    module = files["cafetalk/privacy/policy.rego"].decode()
    assert "package cafetalk.privacy\n" in module and "\ndecision := " in module
    data = json.loads(files["cafetalk/privacy/data.json"])
    # Every clause has its label and citation in every language of the policy.
    for path, clause in shipped.bundle["clauses"].items():
        assert set(data["clauses"][path]["cite"]) == set(shipped.languages)
        assert data["clauses"][path]["number"] == clause["number"]
    assert set(data["vocabulary"]["data"]) == set(shipped.terms("data"))


def test_rego_agrees_with_the_engine_on_every_leaf_question(shipped: CompiledPolicy) -> None:
    qs = leaf_questions(shipped)
    found = rego_agreement(shipped.bundle, qs)
    assert found.seen == len(qs) > 0
    assert found.wrong == 0, f"{found.wrong} disagreement(s), first: {found.first_wrong}"
    # Each worker's memory stays bounded however many queries it answers (about 120 MB).
    assert max(found.worker_peak_mb.values()) < 1024, found.worker_peak_mb


@pytest.fixture(scope="module")
def mutants(shipped: CompiledPolicy) -> dict[str, Mutant]:
    return rego_mutants(shipped)


@pytest.mark.parametrize("name", REGO_MUTANTS)
def test_a_broken_export_is_caught(shipped: CompiledPolicy, mutants: dict[str, Mutant],
                                   name: str) -> None:
    """The comparison the agreement check's workers make (`rego_disagreements`), with the bug
    in the export, on the questions `leaf_questions` asks at the leaves of the rule the mutant
    shows itself on (in this process, about a second): it must find disagreements."""
    mutant = mutants[name]
    qs = mutant.questions(shipped)
    seen, wrong = rego_disagreements(shipped, Rego(shipped.bundle, mutant.files), iter(qs))
    assert seen == len(qs) > 0
    assert wrong, f"{mutant.bug}: not caught on {seen} questions"


def test_rego_agrees_on_every_group_question(shipped: CompiledPolicy,
                                             shipped_rego: Rego) -> None:
    """Every question naming a group, with no flag and with every flag set (a group question
    costs one evaluation per member; the generated policies cover groups in every context)."""
    flags = shipped.flags
    contexts = [dict.fromkeys(flags, False), dict.fromkeys(flags, True)]
    kinds = ("actions", "data", "purposes")
    terms = [shipped.terms(k) for k in kinds]
    groups = [(a, d, p) for a, d, p in itertools.product(*terms)
              if any(t not in shipped.terms(k, groups=False)
                     for t, k in zip((a, d, p), kinds, strict=True))]
    qs = [(a, d, p, ctx) for a, d, p in groups for ctx in contexts]
    seen, wrong = rego_disagreements(shipped, shipped_rego, iter(qs))
    assert seen == len(qs) > 0
    assert wrong == [], f"{len(wrong)} disagreement(s), first: {wrong[0]}"


@pytest.mark.parametrize("query, message", [
    ({"action": "sell", "data": "contact", "purpose": "newsletter"}, "unknown action 'sell'"),
    ({"action": "use", "data": "contacts", "purpose": "newsletter"},
     "unknown data category 'contacts'"),
    ({"action": "use", "data": "contact", "purpose": 3}, "unknown purpose '3'"),
    ({"action": "use", "data": "contact", "purpose": "newsletter",
      "context": {"concent": True}}, "unknown context flag 'concent'"),
    ({"action": "use", "data": "contact", "purpose": "newsletter",
      "context": {"consent": "yes"}}, "context flag 'consent' must be true or false"),
    ({"action": "use", "data": "contact", "purpose": "newsletter", "context": []},
     "the context must be an object of flags"),
    ({"data": "contact", "purpose": "newsletter"}, "unknown action 'null'"),
])
def test_invalid_queries_are_refused_as_the_engine_refuses_them(
        shipped: CompiledPolicy, shipped_rego: Rego, query: dict[str, Any], message: str,
) -> None:
    from engine import InvalidQueryError

    with pytest.raises(InvalidQueryError):
        shipped.decide(query.get("action"), query.get("data"), query.get("purpose"),  # type: ignore[arg-type]
                       query.get("context"))
    got = shipped_rego.decide(query)
    assert (got["allowed"], got["reason"]) == (False, "invalid_query")
    assert message in got["errors"]


@pytest.mark.parametrize("query, message", [
    ({"action": "use", "data": "contact", "purpose": "newsletter", "opted_out": True},
     "'opted_out' is a context flag: put it under context"),
    ({"action": "use", "data": "contact", "purpose": "newsletter",
      "contxt": {"opted_out": True}},
     "unknown field 'contxt' (a query has action, data, purpose and context)"),
])
def test_a_flag_beside_the_query_is_refused_never_read_as_false(
        shipped_rego: Rego, query: dict[str, Any], message: str) -> None:
    """An opted-out user written as a field of the query, not under `context`: the engine's
    Python API cannot take it (an unknown keyword raises), and the export must not answer
    "allowed" as if the user had not opted out."""
    got = shipped_rego.decide(query)
    assert (got["allowed"], got["reason"]) == (False, "invalid_query")
    assert got["errors"] == [message]


@pytest.mark.parametrize("given", ["null", "absent"])
def test_a_null_or_absent_context_gives_no_flag_as_in_the_engine(
        shipped: CompiledPolicy, shipped_rego: Rego, given: str) -> None:
    """A Go service's nil map marshals to `"context": null`: every question (leaf and group)
    asked with a null context, or none, gets the engine's answer to `decide(action, data,
    purpose, None)`, never a refusal."""
    no_flags = dict.fromkeys(shipped.flags, False)
    asked = [(a, d, p) for a, d, p, ctx in questions(shipped) if ctx == no_flags]
    queries = [{"action": a, "data": d, "purpose": p, "context": None} for a, d, p in asked]
    if given == "absent":
        queries = [{k: v for k, v in q.items() if k != "context"} for q in queries]
    got = shipped_rego.decide_many(queries)
    wrong = [(q, r) for q, r in zip(asked, got, strict=True)
             if r != engine_json(shipped, (*q, None))]
    assert len(asked) > 3000 and wrong == [], f"{len(wrong)} wrong, first: {wrong[:1]}"


def test_a_single_decision_through_the_decision_entry_point(shipped: CompiledPolicy,
                                                            shipped_rego: Rego) -> None:
    q = ("use", "contact", "newsletter", {"opted_out": True})
    assert shipped_rego.decide(rego_query(q)) == engine_json(shipped, q)


@SETTINGS
@given(RULES)
def test_rego_agrees_on_generated_policies(rules: list[dict[str, Any]]) -> None:
    pol = CompiledPolicy(make_bundle(rules))
    seen, wrong = rego_disagreements(pol, Rego(pol.bundle), questions(pol))
    assert seen and wrong == [], wrong[:1]


def test_cli_writes_the_bundle_atomically(tmp_path: Path) -> None:
    out = tmp_path / "bundle.tar.gz"
    result = CliRunner().invoke(main, ["export", "rego", "--policy", str(FIXTURES / "mini"),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    pol = load(FIXTURES / "mini")
    assert out.read_bytes() == rego.opa_bundle(pol.bundle_dict())
    assert f"revision {pol.version}+{pol.hash}" in result.output


def test_cli_reports_a_missing_policy_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "rego", "--policy", str(tmp_path / "none"),
                                       "--out", str(tmp_path / "b.tar.gz")])
    assert result.exit_code == 2 and "IO001" in result.output
    assert not (tmp_path / "b.tar.gz").exists()


def test_a_group_mixing_no_permission_and_a_failed_condition_says_no_permission(
        mini_copy: Path) -> None:
    """A group question one member of which a clause allows on consent and another no clause
    allows at all is denied for want of a permission, in the engine and in Rego alike: with the
    first denied member's reason it said "condition_failed", as if consent were enough."""
    ja = mini_copy / "ja.yaml"
    text = ja.read_text("utf-8")
    text = text.replace("    health: {label: 健康}\n",
                        "    health: {label: 健康}\n    address: {label: 住所}\n", 1)
    text = text.replace("members: [contact]}", "members: [contact, address]}", 1)
    text = text.replace("            data: [personal]\n", "            data: [contact]\n", 1)
    ja.write_text(text, "utf-8")
    pol = load(mini_copy)
    members = {d.query.data: d.reason for d in pol.member_decisions(
        pol.allows("collect", "personal", "newsletter").query)}
    assert members == {"contact": "condition_failed", "address": "no_permission"}
    decided = pol.allows("collect", "personal", "newsletter")
    assert not decided and decided.reason == "no_permission"
    q = ("collect", "personal", "newsletter", dict.fromkeys(pol.flags, False))
    seen, wrong = rego_disagreements(pol, Rego(pol.bundle), iter([q]))
    assert seen == 1 and wrong == [], wrong
