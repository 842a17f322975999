"""The JSON Schema of declaration files: generated from engine.uses.model, committed as
schemas/uses.schema.json (a test keeps it in step), and used to check each file's shape.

Checking reads the committed file when the source tree has it, so a check does not pay for
importing pydantic and generating the schema; an installed package generates it from the models.
Each file is first checked by `fits`, a small compiler of the keywords this schema uses
(engine/jsonfit.py); only a file it rejects goes through jsonschema, whose errors are mapped to positioned
diagnostics. `fits` exists for speed: a check of 1,000 declared uses must finish in 0.3 s as a
process, and importing jsonschema alone costs about 35 ms of that (fastjsonschema, tried,
costs ~60 ms to import and compile). It refuses any keyword it does not know, so it can only
be stricter than jsonschema, never looser; a property test holds the two to the same verdicts.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from ..findings import Diagnostic, make
from ..jsonfit import Check, compile_schema

__all__ = ["Check", "compile_schema", "fits", "generate", "json_schema", "schema_text",
           "stale_schema"]

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


def stale_schema(path: Path) -> list[Diagnostic]:
    """`policy uses schema --check`: SCHEMA000 when the file at `path` is missing or is not the
    schema the models generate now."""
    current = path.read_text("utf-8") if path.is_file() else None
    if current == schema_text():
        return []
    return [make("SCHEMA000", "the schema of declaration files is out of date", str(path),
                 hint="run `policy uses schema`")]


@cache
def json_schema() -> dict[str, Any]:
    if os.path.isfile(SOURCE_SCHEMA):
        loaded: dict[str, Any] = json.loads(SOURCE_SCHEMA.read_text("utf-8"))
        return loaded
    return generate()


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
