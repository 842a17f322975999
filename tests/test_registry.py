"""One registry of codes: complete on import of engine.diagnostics, the same for every command, each code described and pinned by a fixture."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.checks import CHECKS
from engine.cli import main
from engine.diagnostics import CODES
from engine.findings import BASE_CODES

from .conftest import POLICY, ROOT

TESTS = Path(__file__).resolve().parent
# Entry points of the commands and of the library: importing any of them, alone and first,
# must leave the registry exactly as importing engine.diagnostics alone does.
ENTRIES = ("engine.diagnostics", "engine.findings", "engine.check", "engine.cli", "render.site",
           "render.redline", "engine.diff", "engine.diff.revise", "engine.gitio",
           "engine.parity.stamp", "engine.report", "engine.loader", "engine.uses",
           "engine.testing", "engine.releasenotes", "render.preview")
# Codes no test produces yet, each with the reason.
UNPINNED = {
    "GIT002": "needs git to be missing or to fail in a way a test cannot arrange portably",
    "DIFF006": "needs a policy file the round-trip editor refuses after it validated",
    "RENDER005": "build now refuses an unreadable --since revision first (exit 2, GIT001)",
    "TEST001": "tests/test_policy_tests.py checks `policy test` by outcome, not by code",
    "TEST002": "tests/test_policy_tests.py checks `policy test` by outcome, not by code",
    "XLIFF002": "not yet pinned: an XLIFF file whose languages are not the policy's",
    "XLIFF005": "not yet pinned: an XLIFF unit the edition lacks",
    "XLIFF006": "not yet pinned: the same trans-unit twice in one file",
}


def _codes_after_import(module: str) -> list[str]:
    code = (f"import {module}, json; from engine import diagnostics; "
            "print(json.dumps(sorted(diagnostics.CODES)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return list(json.loads(done.stdout))


def test_every_entry_sees_the_same_codes() -> None:
    seen = {module: _codes_after_import(module) for module in ENTRIES}
    assert all(codes == sorted(CODES) for codes in seen.values()), {
        m: sorted(set(CODES) ^ set(c)) for m, c in seen.items()}


def test_registry_is_the_base_codes_and_every_checks_codes() -> None:
    from_checks = [c.code for check in CHECKS for c in check.codes]
    assert len(from_checks) == len(set(from_checks))
    assert set(CODES) == set(BASE_CODES) | set(from_checks)
    assert not set(BASE_CODES) & set(from_checks)


def test_every_code_has_a_description() -> None:
    for code in CODES.values():
        assert code.summary.strip() and code.code.rstrip("0123456789"), code


def test_every_code_is_pinned_by_a_fixture_or_a_test() -> None:
    texts = [p.read_text("utf-8", errors="replace") for p in TESTS.rglob("*")
             if p.suffix in (".yaml", ".py")
             and p.name != Path(__file__).name]
    unpinned = sorted(c for c in CODES if not any(c in t for t in texts))
    assert unpinned == sorted(UNPINNED)


@pytest.mark.parametrize("code", ["RENDER003", "DIFF001", "GIT001", "SCHEMA000", "INV001"])
def test_any_registered_code_can_take_a_severity_in_check(code: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.policy.severity]\n{code} = "note"\nNOPE999 = "note"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--policy", str(POLICY), "--format", "json"])
    found = json.loads(result.output)["diagnostics"]
    unknown = [d["message"] for d in found if d["code"] == "CHECK001"]
    assert unknown == ["unknown code 'NOPE999'"]
