"""The Cedar export: golden files, the policies validate against the exported schema, and cedarpy
agrees with the engine on the outcome of every leaf question, for the shipped policy and for the
generated policies of the property tests.

On the shipped policy each leaf question is asked in the contexts of tests/export/runners.py
`leaf_questions`: every combination of the flags that the rules whose scope holds it name, with
every other flag false and with every other flag true (checked against the schema too: cedarpy
validates each request of a batch when given it), and with only the true flags given, sent
without the schema (a service that skips it; a forbid that needs a flag false, consent not
given, must still apply to a request that leaves the flag out), plus two contexts drawn at
random (seeded). The generated policies are asked every leaf question in every context.

The check must catch a broken export (`test_a_broken_export_is_caught`). Each mutant of
tests/export/mutants.py is the export with one bug written in: a rule that also needs a flag
no rule of its question names (true, or false); a missing flag read as true; every rule
needing the flags it does not name false; a forbid left out. The test runs the same comparison
on the leaf questions of the smallest rule where the engine sees the bug change an outcome.
The whole check must catch every mutant too:
`.venv/bin/python -m tests.export.mutants cedar` (exit 1 if one survives).

Cedar answers leaf questions: a group question is the conjunction of its members (ask each).
Regenerate the golden files with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_cedar.py`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given

from engine import CompiledPolicy, load
from engine.cli import main
from engine.export.files import cedar_files

from .conftest import FIXTURES, POLICY
from .export.mutants import CEDAR_MUTANTS, Mutant, cedar_mutants
from .export.runners import Cedar, cedar_disagreements, leaf_questions, questions
from .test_engine_properties import RULES, SETTINGS, make_bundle

pytest.importorskip("cedarpy")

GOLDEN = Path(__file__).resolve().parent / "golden" / "export" / "cedar"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
NAMES = sorted(cedar_files(load(FIXTURES / "mini").bundle))


@pytest.mark.parametrize("name", NAMES)
def test_golden_files_of_the_fixture_policy(name: str) -> None:
    text = cedar_files(load(FIXTURES / "mini").bundle_dict())[name]
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_policies_validate_against_the_schema() -> None:
    result = Cedar(load(POLICY).bundle).validate()
    assert result.validation_passed, [str(e) for e in result.errors]


def test_every_rule_that_decides_is_one_annotated_policy() -> None:
    pol = load(POLICY)
    text = cedar_files(pol.bundle)["policies.cedar"]
    deciding = [r for r in pol.bundle["rules"] if r["effect"] != "oblige"]
    assert text.count("@id(") == len(deciding)
    for rule in deciding:
        assert f'@clause("{rule["clause"]}")' in text
    assert "@obligations" not in text  # never a partial list


def test_the_file_says_its_duties_are_left_out_and_names_them() -> None:
    """A reader of policies.cedar alone must not take an allow for the whole answer: the header
    says that obligations come with it from elsewhere, and names every duty rule left out (the
    gaps in the @id numbers), never a rule that decides."""
    bundle = load(POLICY).bundle
    header = cedar_files(bundle)["policies.cedar"].split("\n\n")[0]
    assert "obligations" in header and "`policy ask`" in header
    comment = " ".join(line.removeprefix("//").strip() for line in header.splitlines())
    named = set(re.findall(r"\brule-\d+\b", comment))
    duties = {f"rule-{i}" for i, r in enumerate(bundle["rules"]) if r["effect"] == "oblige"}
    assert duties and named == duties
    assert all(len(line) <= 95 for line in header.splitlines()[2:])


@pytest.fixture(scope="module")
def shipped() -> CompiledPolicy:
    return load(POLICY)


def test_cedar_agrees_with_the_engine_on_every_leaf_question(shipped: CompiledPolicy) -> None:
    qs = leaf_questions(shipped)
    seen, wrong = cedar_disagreements(shipped, Cedar(shipped.bundle), iter(qs))
    assert seen == len(qs) > 0
    assert wrong == [], f"{len(wrong)} disagreement(s), first: {wrong[0]}"


@pytest.fixture(scope="module")
def mutants(shipped: CompiledPolicy) -> dict[str, Mutant]:
    return cedar_mutants(shipped)


@pytest.mark.parametrize("name", CEDAR_MUTANTS)
def test_a_broken_export_is_caught(shipped: CompiledPolicy, mutants: dict[str, Mutant],
                                   name: str) -> None:
    """The comparison of the agreement check (`cedar_disagreements`), with the bug in the
    export, on the questions `leaf_questions` asks at the leaves of the rule the mutant shows
    itself on: it must find disagreements."""
    mutant = mutants[name]
    qs = mutant.questions(shipped)
    seen, wrong = cedar_disagreements(shipped, Cedar(shipped.bundle, mutant.files), iter(qs))
    assert seen == len(qs) > 0
    assert wrong, f"{mutant.bug}: not caught on {seen} questions"


def test_a_request_without_its_context_record_is_denied_never_allowed() -> None:
    """The purpose travels in the context, so a request with no context record (or an empty
    one) has no question to answer: every policy fails on `context.purpose` and Cedar denies,
    for every leaf action and data category, even those a permit with no condition allows;
    with the schema the request is refused. (Flags left out of a context that has the purpose
    read as false: the test above.)"""
    import cedarpy

    from engine.export.cedar import cedar_request

    pol = load(POLICY)
    runner = Cedar(pol.bundle)
    leaves = [pol.terms(k, groups=False) for k in ("actions", "data")]
    requests = []
    for a in leaves[0]:
        for d in leaves[1]:
            request = cedar_request(pol.bundle, a, d, pol.terms("purposes", groups=False)[0])
            del request["context"]
            requests.append(request)
    bare = cedarpy.is_authorized_batch(requests, runner.policies, runner.entities)
    assert len(bare) > 100 and not any(r.allowed for r in bare)
    assert all(r.diagnostics.errors and all("`purpose`" in str(e) for e in r.diagnostics.errors)
               for r in bare)
    checked = cedarpy.is_authorized_batch(requests[:1], runner.policies, runner.entities,
                                          runner.schema)
    assert not checked[0].allowed and "is not valid" in str(checked[0].diagnostics.errors[0])


@SETTINGS
@given(RULES)
def test_cedar_agrees_on_generated_policies(rules: list[dict[str, Any]]) -> None:
    pol = CompiledPolicy(make_bundle(rules))
    seen, wrong = cedar_disagreements(pol, Cedar(pol.bundle), questions(pol, groups=False))
    assert seen and wrong == [], wrong[:1]


def test_cli_writes_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "cedar"
    out.mkdir()
    (out / "policies.cedar").write_text("// left from an older export", "utf-8")
    result = CliRunner().invoke(main, ["export", "cedar", "--policy", str(FIXTURES / "mini"),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == NAMES  # replaced whole
    assert "older export" not in (out / "policies.cedar").read_text("utf-8")
    # a file it did not write is never deleted (tests/test_export_cli.py)
    entities = json.loads((out / "entities.json").read_text("utf-8"))
    assert any(e["uid"] == {"type": "Data", "id": "contact"} for e in entities)
