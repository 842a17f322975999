"""The committed JSON Schema of declaration files matches the models, and the files that point
at it (the examples) validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from engine.cli import main
from engine.readfile import read_file
from engine.uses.schema import SOURCE_SCHEMA, schema_text

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_is_generated_from_the_models() -> None:
    assert SOURCE_SCHEMA == ROOT / "schemas" / "uses.schema.json"
    assert SOURCE_SCHEMA.read_text("utf-8") == schema_text()
    result = CliRunner().invoke(main, ["uses", "schema", "--check", "--out", str(SOURCE_SCHEMA)])
    assert result.exit_code == 0, result.output


def test_schema_check_fails_when_stale(tmp_path: Path) -> None:
    stale = tmp_path / "uses.schema.json"
    stale.write_text("{}\n", "utf-8")
    result = CliRunner().invoke(main, ["uses", "schema", "--check", "--out", str(stale)])
    assert result.exit_code == 1
    # the hint once, as `policy schema --check` says it (it was said twice)
    assert result.output.splitlines() == [
        f"{stale}: SCHEMA000 the schema of declaration files is out of date "
        "(run `policy uses schema`)"]
    result = CliRunner().invoke(main, ["uses", "schema", "--out", str(stale)])
    assert result.exit_code == 0 and stale.read_text("utf-8") == schema_text()


def test_examples_point_at_the_schema_and_validate() -> None:
    schema = json.loads(SOURCE_SCHEMA.read_text("utf-8"))
    for path in sorted((ROOT / "examples" / "uses").glob("*.yaml")):
        first = path.read_text("utf-8").split("\n", 1)[0]
        assert first == "# yaml-language-server: $schema=../../schemas/uses.schema.json"
        doc = read_file(path).document
        assert doc is not None
        jsonschema.validate(doc.data, schema)
    # Every field carries a description, so editors explain what they complete.
    for name, prop in schema["properties"].items():
        assert prop.get("description"), name
    for name, prop in schema["$defs"]["Use"]["properties"].items():
        assert prop.get("description"), name
