"""Prose cases (tests/fixtures/parity/prose_cases.yaml): the defects issue 11 seeds, on ja→ru and ja→en, each found where it is; and look-alikes that are right, found nowhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from engine.cli import main

from .conftest import FIXTURES
from .test_parity_cases import apply_op, findings, line_of

CASES_FILE = FIXTURES / "parity" / "prose_cases.yaml"
CASES: list[dict[str, Any]] = YAML(typ="safe").load(CASES_FILE.read_text("utf-8"))
FAMILIES = ("SENT", "LEN", "NEG", "TERM", "TYPO", "PARITY", "L10N", "INV")
PROSE_CODES = ("SENT001", "LEN001", "NEG001", "NEG002", "TERM001", "TERM002", "TYPO001",
               "TYPO002", "TYPO003", "TYPO004", "TYPO005", "TYPO006", "TYPO007", "TYPO008")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any], policy_copy: Path) -> None:
    for op in case["ops"]:
        apply_op(policy_copy, op)
    got = {(d.code, str(d.severity), Path(d.file).name, d.unit, d.line)
           for d in findings(policy_copy)
           if d.code.startswith(FAMILIES) and str(d.severity) != "note"}
    want = {(e["code"], e.get("severity", "error"), e["file"], e["unit"],
             line_of(policy_copy, e["file"], e["line_of"])) for e in case["expect"]}
    assert got == want


@pytest.mark.parametrize("case", [c for c in CASES if c.get("seeded")],
                         ids=[c["id"] for c in CASES if c.get("seeded")])
def test_seeded_defect_fails_the_check(case: dict[str, Any], policy_copy: Path) -> None:
    """A defect that changes the meaning fails `policy check` (exit 1); any other fails it
    with --strict, as CI runs it."""
    for op in case["ops"]:
        apply_op(policy_copy, op)
    runner = CliRunner()
    plain = runner.invoke(main, ["check", "--policy", str(policy_copy)]).exit_code
    strict = runner.invoke(main, ["check", "--policy", str(policy_copy), "--strict"]).exit_code
    assert strict == 1
    assert plain == (1 if case.get("meaning") else 0)


def test_every_prose_code_has_a_positive_and_a_negative_case_in_each_language() -> None:
    for code in PROSE_CODES:
        for lang in ("ru", "en"):
            positive = [c for c in CASES if any(
                e["code"] == code and e["file"] == f"{lang}.yaml" for e in c["expect"])]
            assert positive, f"no case finds {code} in {lang}.yaml"
    negatives = [c for c in CASES if not c["expect"]]
    for lang in ("ru", "en"):
        assert any(op[next(iter(op))]["file"] == f"{lang}.yaml"
                   for c in negatives for op in c["ops"]), lang


def test_a_court_without_written_forms_is_reported_at_the_facts(policy_copy: Path) -> None:
    settings = policy_copy / "parity.toml"
    text = settings.read_text("utf-8")
    start = text.index("[[names]]")
    end = text.index("[[names]]", start + 1)
    settings.write_text(text[:start] + text[end:], "utf-8")  # drop the first court's forms
    found = [d for d in findings(policy_copy) if d.code == "TERM003"]
    assert [(Path(d.file).name, d.unit, d.line) for d in found] == [
        ("ja.yaml", "facts.courts", line_of(policy_copy, "ja.yaml", "courts:"))]
    assert "Tokyo District Court" in found[0].message


def test_the_shipped_facts_are_all_compared(policy_copy: Path) -> None:
    assert [d for d in findings(policy_copy) if d.code == "TERM003"] == []


@pytest.mark.parametrize("toml, line", [
    ("[length]\nfactor = 0.5\n", 2),
    ("[negation.ja]\nmarkers = \"ない\"\n", 1),
    ("[typography]\nrepeated_ok = [1]\nnope = 1\n", 2),
    ("[[names]]\nfact = 3\nen = [\"x\"]\n", 1),
])
def test_bad_prose_settings_are_check002_findings(tmp_path: Path, toml: str, line: int) -> None:
    from engine.parity.config import load_config

    (tmp_path / "parity.toml").write_text(toml, "utf-8")
    _, found = load_config(tmp_path)
    assert found and {d.code for d in found} == {"CHECK002"}
    assert min(d.line for d in found) == line
