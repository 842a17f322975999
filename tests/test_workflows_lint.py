"""The composite action (action.yml) and this repository's workflow lint clean with real linters:
check-jsonschema against the GitHub workflow and action schemas, and zizmor (offline); and the
action runs what a policy repository needs, in order."""

from __future__ import annotations

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
