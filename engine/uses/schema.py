"""The JSON Schema of declaration files: generated from engine.uses.model, committed as
schemas/uses.schema.json (a test keeps it in step), and used to check each file's shape.

Checking reads the committed file when the source tree has it, so a check does not pay for
importing pydantic and generating the schema; an installed package generates it from the models.
Each file is first checked by `fits`, a small compiler of the keywords this schema uses;
only a file it rejects goes through jsonschema, whose errors are mapped to positioned
diagnostics. `fits` exists for speed: a check of 1,000 declared uses must finish in 0.3 s as a
process, and importing jsonschema alone costs about 35 ms of that (fastjsonschema, tried,
costs ~60 ms to import and compile). It refuses any keyword it does not know, so it can only
be stricter than jsonschema, never looser; a property test holds the two to the same verdicts.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_NAME = "uses.schema.json"
SOURCE_SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / SCHEMA_NAME


def generate() -> dict[str, Any]:
    """The schema (draft 2020-12) generated from the pydantic models."""
    from .model import Declaration

    schema = Declaration.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_NAME,
        **{k: v for k, v in schema.items() if k != "title"},
        "title": "Cafetalk privacy policy — declared data uses of one system",
    }


def schema_text() -> str:
    """The committed form: sorted keys, two-space indent, final newline."""
    return json.dumps(generate(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@cache
def json_schema() -> dict[str, Any]:
    if os.path.isfile(SOURCE_SCHEMA):
        loaded: dict[str, Any] = json.loads(SOURCE_SCHEMA.read_text("utf-8"))
        return loaded
    return generate()


# Keywords that only describe; they never change a verdict.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "default"})


Check = Callable[[Any], bool]
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _never(_value: Any) -> bool:
    return False


def _always(_value: Any) -> bool:
    return True


def compile_schema(schema: dict[str, Any], root: dict[str, Any]) -> Check:
    """A predicate for `schema`, built once: one closure per keyword, all of which must hold.
    An unknown keyword (or type) compiles to a predicate that is never satisfied."""
    checks: list[Check] = []
    for key, want in schema.items():
        if key in _ANNOTATIONS:
            continue
        checks.append(_keyword(key, want, schema, root))
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(c(v) for c in checks)


def _keyword(key: str, want: Any, schema: dict[str, Any], root: dict[str, Any]) -> Check:
    if key == "$ref":
        name = want[len("#/$defs/"):] if isinstance(want, str) and want.startswith(
            "#/$defs/") else None
        target = root.get("$defs", {}).get(name) if name else None
        if not isinstance(target, dict):
            return _never
        cell: list[Check] = []  # resolved on first use: definitions may refer to themselves

        def ref(v: Any) -> bool:
            if not cell:
                cell.append(compile_schema(target, root))
            return cell[0](v)

        return ref
    if key == "type":
        return _TYPES.get(want, _never) if isinstance(want, str) else _never
    if key == "anyOf":
        options = [compile_schema(o, root) for o in want]
        return lambda v: any(o(v) for o in options)
    if key == "properties":
        subs = {k: compile_schema(sub, root) for k, sub in want.items()}
        return lambda v: not isinstance(v, dict) or all(
            c(v[k]) for k, c in subs.items() if k in v)
    if key == "required":
        names = tuple(want)
        return lambda v: not isinstance(v, dict) or all(k in v for k in names)
    if key == "minProperties":
        return lambda v: not isinstance(v, dict) or len(v) >= want
    if key == "propertyNames":
        names_ok = compile_schema(want, root)
        return lambda v: not isinstance(v, dict) or all(names_ok(k) for k in v)
    if key == "patternProperties":
        pairs = [(re.compile(p), compile_schema(sub, root)) for p, sub in want.items()]
        return lambda v: not isinstance(v, dict) or all(
            c(x) for k, x in v.items() for p, c in pairs if p.search(k))
    if key == "additionalProperties":
        named = frozenset(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        rest: Check = _never if want is False else _always if want is True \
            else compile_schema(want, root)
        return lambda v: not isinstance(v, dict) or all(
            rest(x) for k, x in v.items()
            if k not in named and not any(p.search(k) for p in patterns))
    if key == "items":
        item = compile_schema(want, root)
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)
    if key == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= want
    if key == "pattern":
        pattern = re.compile(want)
        return lambda v: not isinstance(v, str) or pattern.search(v) is not None
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= want
    if key == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= want
    return _never  # a keyword this interpreter does not know: let jsonschema judge


@cache
def _fits() -> Check:
    schema = json_schema()
    return compile_schema(schema, schema)


def fits(data: Any) -> bool:
    """Whether `data` is valid against the declaration schema. Knows the keywords pydantic
    generates for the models; any other keyword makes it answer False, so the caller asks
    jsonschema, which explains."""
    return _fits()(data)


@cache
def validator() -> Any:
    import jsonschema

    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)
