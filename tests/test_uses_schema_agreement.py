"""`engine.uses.schema.fits` (the fast shape check) never accepts a declaration jsonschema
rejects, and accepts what it accepts: hypothesis mutates valid declarations (dropped and added
fields, wrong types, bad ids, empty lists) and both validators judge each."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.uses.schema import compile_schema, fits, json_schema

VALID: dict[str, Any] = {
    "system": "lesson-mailer", "name": {"ja": "案内", "en": "Mailer"}, "owner": "growth",
    "example": True,
    "uses": [{"id": "weekly-digest", "action": "use", "data": ["contact", "identity"],
              "purpose": "newsletter", "when": {"opted_out": False},
              "obligations": ["supervise_contractor"], "note": "n"}],
}
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                   st.sampled_from(["", "Bad Id", "a-b", "a_b", "x" * 70, "ok\n"]),
                   st.lists(st.text(max_size=3), max_size=2),
                   st.dictionaries(st.text(max_size=4), st.booleans(), max_size=2))
PATHS = [(), ("name",), ("uses",), ("uses", 0), ("uses", 0, "data"), ("uses", 0, "when"),
         ("uses", 0, "obligations")]


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        node: Any = doc
        for step in path:
            node = _child(node, step)
        if isinstance(node, dict):
            key = draw(st.sampled_from([*node.keys(), "extra", "When", "notes"]))
            if draw(st.booleans()) and key in node:
                del node[key]
            else:
                node[key] = draw(VALUES)
        elif isinstance(node, list):
            if node and draw(st.booleans()):
                node[draw(st.integers(0, len(node) - 1))] = draw(VALUES)
            else:
                node.clear()
    return doc


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict) and step in node:
        return node[step]
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return node[step]
    return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated())
def test_fast_check_agrees_with_jsonschema(doc: Any) -> None:
    valid = not any(True for _ in jsonschema.Draft202012Validator(json_schema()).iter_errors(doc))
    assert fits(doc) == valid, doc


def test_the_valid_declaration_fits_and_mutations_can_break_it() -> None:
    assert fits(VALID)
    broken = copy.deepcopy(VALID)
    broken["uses"][0]["data"] = []
    assert not fits(broken)
    broken = copy.deepcopy(VALID)
    broken["uses"][0]["when"]["opted_out"] = "no"
    assert not fits(broken)


def test_an_unknown_keyword_never_fits() -> None:
    schema = {"type": "object", "dependentRequired": {"a": ["b"]}}
    assert not compile_schema(schema, schema)({})
