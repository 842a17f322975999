"""engine/jsonfit.py's predicate (the shape check's shortcut) never accepts a file jsonschema
rejects: every YAML file of the repository, as each kind, and hypothesis's mutations of the
legal team's test tables, judged by both. A file it accepts skips jsonschema, so this is what
keeps `policy test`'s and every loader's findings as they were."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.jsonfit import compile_schema
from engine.readfile import read_file
from engine.schema import Kind, _fits, check_shape, validation_schema

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted({*ROOT.glob("policy/**/*.yaml"), *ROOT.glob("tests/**/*.yaml"),
                *ROOT.glob("examples/**/*.yaml")})
DATA = [doc.data for p in FILES if (doc := read_file(p).document) is not None]
KINDS: tuple[Kind, ...] = ("master", "translation", "tests")


def _valid(kind: Kind, data: Any) -> bool:
    schema = validation_schema(kind)
    return not any(True for _ in jsonschema.Draft202012Validator(schema).iter_errors(data))


@pytest.mark.parametrize("kind", KINDS)
def test_every_file_fits_only_if_jsonschema_accepts_it(kind: Kind) -> None:
    verdicts = [(_fits(kind)(d), _valid(kind, d)) for d in DATA]
    assert all(valid for fits, valid in verdicts if fits)
    if kind == "tests":  # the kind checked shape-first: the shortcut is taken for valid files
        assert [fits for fits, valid in verdicts if valid] == [True for _, v in verdicts if v]
        assert any(valid for _, valid in verdicts)


def test_the_shipped_tables_fit_and_a_broken_one_is_explained() -> None:
    doc = read_file(ROOT / "policy" / "tests" / "opt_out.yaml").document
    assert doc is not None and _fits("tests")(doc.data)
    broken = copy.deepcopy(doc)
    broken.data["cases"][0]["expect"] = "maybe"
    assert not _fits("tests")(broken.data)
    assert [d.code for d in check_shape(broken, "tests")] == ["SCHEMA004"]


def test_an_enum_of_other_values_than_texts_is_left_to_jsonschema() -> None:
    schema = {"enum": [1, True]}
    assert not compile_schema(schema, schema)(1)


TABLES = [d for p, d in zip(FILES, DATA, strict=False) if "tests" in p.parts and
          isinstance(d, dict) and "cases" in d]
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                   st.sampled_from(["", "allow", "deny", "use contact newsletter", "opted_out",
                                    "4.2", "Bad Id", "x" * 70, "*"]),
                   st.lists(st.sampled_from(["opted_out", "*", "", "Bad"]), max_size=2),
                   st.dictionaries(st.sampled_from(["purposes", "data", "x"]),
                                   st.sampled_from(["newsletter", 1, "Bad"]), max_size=2))


def _nodes(node: Any) -> list[Any]:
    out = [node] if isinstance(node, (dict, list)) else []
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        out.extend(_nodes(child))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(draw(st.sampled_from(TABLES)))
    for _ in range(draw(st.integers(1, 3))):
        node = draw(st.sampled_from(_nodes(doc)))
        if isinstance(node, dict):
            key = draw(st.sampled_from([*node.keys(), "extra", "for", "except", "scope"]))
            if draw(st.booleans()) and key in node:
                del node[key]
            else:
                node[key] = draw(VALUES)
        elif node:
            node[draw(st.integers(0, len(node) - 1))] = draw(VALUES)
        else:
            node.append(draw(VALUES))
    return doc


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated())
def test_a_mutated_table_fits_exactly_when_jsonschema_accepts_it(doc: Any) -> None:
    assert _fits("tests")(doc) == _valid("tests", doc), doc


STRING_SCHEMAS = st.fixed_dictionaries({"type": st.just("string")}, optional={
    "minLength": st.integers(0, 4), "maxLength": st.integers(0, 6),
    "pattern": st.sampled_from(["^[a-z]+$", "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "x", "^$"]),
    "description": st.just("annotations never change a verdict")})


@given(STRING_SCHEMAS, st.one_of(VALUES, st.text(alphabet="ax-1Z \n", max_size=7)))
def test_a_bounded_string_schema_is_one_check_with_jsonschemas_verdict(
        schema: dict[str, Any], value: Any) -> None:
    check = compile_schema(schema, schema)
    assert check.__name__ == "string"  # the one-call form, not a check per keyword
    valid = not any(True for _ in jsonschema.Draft202012Validator(schema).iter_errors(value))
    assert check(value) == valid
    # rust_end: a final `$` does not match before a final line break (pydantic's reading)
    rust = compile_schema(schema, schema, rust_end=True)
    assert rust.__name__ == "string"
    assert rust(value) == (valid and not (str(schema.get("pattern", "")).endswith("$")
                                          and isinstance(value, str) and value.endswith("\n")))


@given(STRING_SCHEMAS, st.lists(st.one_of(VALUES, st.text(alphabet="ax-1Z \n", max_size=7)),
                                max_size=8))
def test_a_string_check_asked_again_gives_jsonschemas_verdict_again(
        schema: dict[str, Any], values: list[Any]) -> None:
    """The texts a string check remembers as fitting (ids and terms repeat) change no verdict,
    whatever was asked before."""
    check = compile_schema(schema, schema)
    validator = jsonschema.Draft202012Validator(schema)
    for value in values + values[::-1]:
        assert check(value) == (not any(True for _ in validator.iter_errors(value)))
