"""`policy export table`: every leaf question with its outcome and clauses, as JSON any language loads.

A leaf question is (action, data category, purpose) on leaf terms. Its answer depends only on the
flags named by the `when:` of the rules whose scope holds it (`depends_on`), so each question
lists one answer per assignment of those flags, not of every flag: a reader picks the answer
whose `context` matches its own flags (a flag it does not give is false). The same question in
any other context gets the same answer, so the table is exact and stays small as flags grow.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from typing import Any

from ..decide import CompiledPolicy

TABLE_FORMAT = "cafetalk-decision-table/1"


def decision_table(bundle: Mapping[str, Any]) -> dict[str, Any]:
    pol = CompiledPolicy(bundle)
    leaves = [pol.terms(k, groups=False) for k in ("actions", "data", "purposes")]
    questions = []
    for a, d, p in itertools.product(*leaves):
        flags = list(pol.depends_on(a, d, p))
        answers = []
        for bits in itertools.product((False, True), repeat=len(flags)):
            ctx = dict(zip(flags, bits, strict=True))
            dec = pol.allows(a, d, p, **ctx).to_json()
            answers.append({
                "context": ctx,
                "allowed": dec["allowed"],
                "reason": dec["reason"],
                "clauses": dec["clauses"],
                "obligations": dec["obligations"],
                "failed_conditions": dec["failed_conditions"],
            })
        questions.append({"action": a, "data": d, "purpose": p, "depends_on": flags,
                          "answers": answers})
    return {
        "format": TABLE_FORMAT,
        "policy_version": bundle["version"],
        "policy_hash": bundle["hash"],
        "flags": list(pol.flags),
        "questions": questions,
    }


def table_text(bundle: Mapping[str, Any]) -> str:
    return json.dumps(decision_table(bundle), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def lookup(table: Mapping[str, Any], action: str, data: str, purpose: str,
           context: Mapping[str, bool]) -> Mapping[str, Any] | None:
    """The answer the table gives (as a reader in another language would find it)."""
    for q in table["questions"]:
        if (q["action"], q["data"], q["purpose"]) == (action, data, purpose):
            want = {f: bool(context.get(f, False)) for f in q["depends_on"]}
            for answer in q["answers"]:
                if answer["context"] == want:
                    return answer  # type: ignore[no-any-return]
    return None
