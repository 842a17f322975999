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
