"""The decision table export: every leaf question, and a lookup in it equals the engine's answer
(a reader in another language finds the same outcome and clauses).

The table lists each leaf question's answers over the flags its rules name only, and claims the
answer is the same in every other context. The lookup is checked in the contexts of
tests/export/runners.py `leaf_questions`: every combination of those flags with every other
flag false, with every other flag true and with only the true flags given, and two contexts
drawn at random (seeded), not in all 2^flags contexts of each question."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from engine import load
from engine.cli import main
from engine.export.table import TABLE_FORMAT, decision_table, lookup, table_text

from .conftest import FIXTURES, POLICY
from .export.runners import leaf_questions


def test_table_answers_every_leaf_question_as_the_engine() -> None:
    pol = load(POLICY)
    table = decision_table(pol.bundle)
    leaves = [pol.terms(k, groups=False) for k in ("actions", "data", "purposes")]
    assert len(table["questions"]) == len(leaves[0]) * len(leaves[1]) * len(leaves[2])
    index = {(q["action"], q["data"], q["purpose"]): q for q in table["questions"]}
    wrong = 0
    for a, d, p, ctx in leaf_questions(pol):
        want = pol.allows(a, d, p, **ctx).to_json()
        got = lookup({"questions": [index[(a, d, p)]]}, a, d, p, ctx)
        assert got is not None
        wrong += (got["allowed"], got["reason"], got["clauses"], got["obligations"],
                  got["failed_conditions"]) != (want["allowed"], want["reason"],
                                                want["clauses"], want["obligations"],
                                                want["failed_conditions"])
    assert wrong == 0


def test_table_names_its_policy_and_flags_and_is_deterministic() -> None:
    pol = load(FIXTURES / "mini")
    table = decision_table(pol.bundle)
    assert (table["format"], table["policy_version"], table["policy_hash"]) == (
        TABLE_FORMAT, pol.version, pol.hash)
    assert table["flags"] == list(pol.flags)
    assert table_text(pol.bundle) == table_text(pol.bundle_dict())


def test_cli_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "table.json"
    result = CliRunner().invoke(main, ["export", "table", "--policy", str(FIXTURES / "mini"),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8")) == decision_table(load(FIXTURES / "mini").bundle)
