"""Issue 12.14: commands import only what they need. jsonschema is loaded only for a file with a
mistake (the models accept exactly what their generated schema accepts); quick commands never
load the YAML stack. No timings here: bench/bench_cli.py measures them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from engine.read import read_file
from engine.schema import build_model, check_shape

from .conftest import POLICY

HERE = Path(__file__).resolve().parent / "malformed"
CASES = [c for c in YAML(typ="safe").load((HERE / "cases.yaml").read_text("utf-8"))
         if c.get("slot") in ("master", "translation") and "file" in c
         and (HERE / "files" / c["file"]).is_file()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_whatever_the_model_accepts_the_schema_accepts(case: dict[str, str]) -> None:
    doc = read_file(HERE / "files" / case["file"]).document
    if doc is None or not isinstance(doc.data, dict):
        return
    kind = "master" if case["slot"] == "master" else "translation"
    model, _ = build_model(doc, kind)  # type: ignore[arg-type]
    if model is not None:
        assert check_shape(doc, kind) == []  # type: ignore[arg-type]


def _modules_after(*args: str) -> set[str]:
    code = (f"import sys\nfrom engine.cli import main\ntry:\n    main({list(args)!r})\n"
            "except SystemExit:\n    pass\nprint('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    for _ in range(2):  # the first run may fill the compiled-bundle cache; the second is typical
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
    return set(done.stderr.split())


def test_a_clean_policy_is_checked_without_jsonschema() -> None:
    assert "jsonschema" not in _modules_after("validate", "--policy", str(POLICY))


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("terms",),
                                  ("ask", "use", "contact", "newsletter")])
def test_quick_commands_do_not_load_the_yaml_and_model_stack(args: tuple[str, ...]) -> None:
    loaded = _modules_after(*args)
    assert not loaded & {"pydantic", "jsonschema", "markdown_it", "render"}, args
    # nor the words of the findings and commands (ja, ru, en), which only a report needs
    assert not loaded & {"engine.saying", "engine.basewords", "engine.commandwords"}, args


def _shape_first(doc: object, kind: str) -> list[object]:
    """What a file's findings were when jsonschema ran on every file, before the model, with
    the schema generated from the models (the reference the cheaper order must equal)."""
    import jsonschema

    from engine.schema import _diagnose, json_schema

    schema = json_schema(kind)
    shape = [d for e in jsonschema.validators.validator_for(schema)(schema).iter_errors(
        doc.data) for d in _diagnose(e, doc)]  # type: ignore[attr-defined, arg-type]
    if shape:
        return list(shape)
    return list(build_model(doc, kind)[1])  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_model_first_order_gives_the_same_findings_as_jsonschema_first(
        case: dict[str, str]) -> None:
    """The loader builds the model first and runs jsonschema (on the committed schema) only
    when the model refuses the file; its findings are exactly those of the old order."""
    from engine.loader import _shaped_model

    doc = read_file(HERE / "files" / case["file"]).document
    if doc is None or not isinstance(doc.data, dict):
        return
    kind = "master" if case["slot"] == "master" else "translation"
    assert _shaped_model(doc, kind)[1] == _shape_first(doc, kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["master", "translation", "tests"])
def test_validation_reads_the_committed_schema_which_is_the_generated_one(kind: str) -> None:
    from engine.schema import json_schema, validation_schema

    assert validation_schema(kind) == json_schema(kind)
