"""Export the compiled bundle's decision rules to Cedar: policies, entities, schema and requests.

A pure function of the bundle (standard library only); nothing is restated by hand. The
encoding goes through Cedar's entity hierarchy, which Cedar evaluates about twice as fast as
literal lists in `when` clauses (measured by bench/bench_engine.py):

* every bundle rule `i` gets one group per dimension: `Action::"rule-i"`, `DataSet::"rule-i"`
  and `PurposeSet::"rule-i"`; each leaf term is a member (parent link) of the groups of the
  rules that cover it. Group ids cannot collide with terms: terms are snake_case, groups
  contain a hyphen;
* rule `i` becomes `permit`/`forbid (principal, action in Action::"rule-i", resource in
  DataSet::"rule-i") when { context.purpose in PurposeSet::"rule-i" && <flags> };` with
  annotations naming its rule (`@id`) and its clause (`@clause`); a flag the rule needs true
  is `(context has flag && context.flag)`, one it needs false the negation of that, so a flag
  a request leaves out reads as false, as in the engine, even when the request is not
  validated against the schema (a failed attribute read would make Cedar skip the policy: a
  forbid skipped is an answer wrongly allowed);
* a request carries the purpose as an entity and every context flag of the policy as a
  boolean.

Cedar's semantics are the engine's: deny unless a permit applies, a forbid beats every permit.
What Cedar cannot say is left out and documented here: obligations (an allowed answer's duties
come from `oblige` rules and from every permit that applies; no single Cedar policy holds them,
so none is annotated with a partial list: read them from the engine, the OPA decision or the
table) and group questions (the engine answers a group as the conjunction of its members; ask
Cedar each member).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

RULE_GROUP = "rule-{}"
PRINCIPAL = {"type": "User", "id": "service"}


def _flags(bundle: Mapping[str, Any]) -> list[str]:
    return sorted(bundle["vocabulary"]["context"])


def _leaves(bundle: Mapping[str, Any], kind: str) -> list[str]:
    return [t for t, e in bundle["vocabulary"][kind].items() if "members" not in e]


def deciding_rules(bundle: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    """The rules that can decide (permit and forbid), with their index in the bundle."""
    return [(i, r) for i, r in enumerate(bundle["rules"]) if r["effect"] != "oblige"]


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def cedar_policies(bundle: Mapping[str, Any]) -> str:
    """The bundle's permit and forbid rules as Cedar policies, one per rule, in bundle order."""
    out = []
    for i, rule in deciding_rules(bundle):
        group = RULE_GROUP.format(i)
        conds = [f"context.purpose in PurposeSet::{_quote(group)}"]
        conds += [(f"(context has {flag} && context.{flag})" if value
                   else f"!(context has {flag} && context.{flag})")
                  for flag, value in sorted(rule["when"].items())]
        notes = [f"@id({_quote(group)})", f"@clause({_quote(rule['clause'])})"]
        out.append("\n".join(notes) + "\n"
                   f"{rule['effect']} (principal, action in Action::{_quote(group)}, "
                   f"resource in DataSet::{_quote(group)})\n"
                   f"when {{ {' && '.join(conds)} }};")
    return "\n\n".join(out) + "\n"


def cedar_entities(bundle: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The entity hierarchy: leaf terms with their rule groups as parents, and the groups."""
    parents: dict[tuple[str, str], list[dict[str, str]]] = {}
    kinds = (("actions", "Action", "Action"), ("data", "Data", "DataSet"),
             ("purposes", "Purpose", "PurposeSet"))
    for kind, leaf_type, _group_type in kinds:
        for term in _leaves(bundle, kind):
            parents[leaf_type, term] = []
    groups: list[dict[str, Any]] = []
    for i, rule in deciding_rules(bundle):
        group = RULE_GROUP.format(i)
        for kind, leaf_type, group_type in kinds:
            groups.append({"uid": {"type": group_type, "id": group}, "attrs": {},
                           "parents": []})
            for term in rule[kind]:
                parents[leaf_type, term].append({"type": group_type, "id": group})
    leaves = [{"uid": {"type": t, "id": term}, "attrs": {}, "parents": ps}
              for (t, term), ps in parents.items()]
    return [*leaves, *groups, {"uid": dict(PRINCIPAL), "attrs": {}, "parents": []}]


def cedar_schema(bundle: Mapping[str, Any]) -> dict[str, Any]:
    """A Cedar schema (JSON form) the policies validate against: entity types, the leaf actions
    with the rule groups they belong to, and the context record (purpose and every flag)."""
    context = {"type": "Record", "attributes": {
        "purpose": {"type": "Entity", "name": "Purpose", "required": True},
        **{f: {"type": "Boolean", "required": True} for f in _flags(bundle)}}}
    member_of: dict[str, list[dict[str, str]]] = {a: [] for a in _leaves(bundle, "actions")}
    actions: dict[str, Any] = {}
    for i, rule in deciding_rules(bundle):
        group = RULE_GROUP.format(i)
        actions[group] = {}
        for a in rule["actions"]:
            member_of[a].append({"id": group})
    for a, groups in member_of.items():
        actions[a] = {"memberOf": groups, "appliesTo": {
            "principalTypes": ["User"], "resourceTypes": ["Data"], "context": context}}
    return {"": {
        "entityTypes": {
            "User": {}, "DataSet": {}, "PurposeSet": {},
            "Data": {"memberOfTypes": ["DataSet"]},
            "Purpose": {"memberOfTypes": ["PurposeSet"]},
        },
        "actions": actions,
    }}


def cedar_request(bundle: Mapping[str, Any], action: str, data: str, purpose: str,
                  context: Mapping[str, bool] | None = None) -> dict[str, Any]:
    """The Cedar request for one leaf question (flags not given are false)."""
    ctx: dict[str, Any] = {"purpose": {"__entity": {"type": "Purpose", "id": purpose}}}
    given = context or {}
    ctx.update({f: bool(given.get(f, False)) for f in _flags(bundle)})
    return {"principal": 'User::"service"', "action": f"Action::{_quote(action)}",
            "resource": f"Data::{_quote(data)}", "context": ctx}
