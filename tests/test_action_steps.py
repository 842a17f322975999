"""The composite action (action.yml) run as the runner runs it, on a pull request of a policy
repository: each `run:` step in `bash -e` with the runner's files (GITHUB_OUTPUT,
GITHUB_STEP_SUMMARY), its `env:` and the expressions it uses filled in; the steps that set up
Python and install the tool are left out (the tool is installed here). What a user of the
action sees is then checked: the annotations, the exit codes, the job summary, the outputs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from . import conftest
from .conftest import POLICY, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                                reason="git and bash are needed")

ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
# the suite's author and committer, and none of the machine's own git settings
GIT_ENV = {**conftest.GIT_ENV, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A policy repository (the shipped policy and changelog on main, no pyproject.toml) and
    its pull request `feature`, checked out as actions/checkout does with fetch-depth: 0
    (the merge head detached, the base as origin/main)."""
    origin = tmp_path / "origin"
    origin.mkdir()
    shutil.copytree(POLICY, origin / "policy")
    shutil.copy2(ROOT / "CHANGELOG.md", origin / "CHANGELOG.md")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "policy")
    git(origin, "checkout", "-q", "-b", "feature")
    ci = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", str(origin), str(ci))
    git(ci, "checkout", "-q", "--detach", "origin/feature")
    return ci


def _fill(text: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    def one(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        assert step, f"an expression this test cannot fill: {expr}"
        return outputs.get(step.group(1), {}).get(step.group(2), "")
    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def run_action(workspace: Path, tmp: Path, only: str = "", **given: str) -> dict[str, Any]:
    """The action's steps in order (`only`: just those whose name starts so); returns each
    step's exit code and output by name, the job summary and the action's outputs."""
    inputs = {name: given.get(name.replace("-", "_"), str(spec.get("default", "")))
              for name, spec in ACTION["inputs"].items()}
    unknown = set(given) - {n.replace("-", "_") for n in ACTION["inputs"]}
    assert not unknown, unknown
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir()
    summary = tmp / "summary.md"
    outputs: dict[str, dict[str, str]] = {}
    codes: dict[str, int] = {}
    printed: dict[str, str] = {}
    for i, step in enumerate(ACTION["runs"]["steps"]):
        if "uses" in step or "pip install" in step["run"]:
            continue  # setup-python and installing the tool: done here already
        if only and not step["name"].startswith(only):
            continue
        condition = step.get("if", "${{ !cancelled() }}")
        if condition == "${{ !cancelled() && inputs.uses != '' }}":
            if not inputs["uses"]:
                continue  # the declared uses are checked only when a folder is given
        else:
            assert condition == "${{ !cancelled() }}", step
        assert step["shell"] == "bash"
        out_file = tmp / f"output-{i}"
        out_file.write_text("")
        env = {**os.environ, "CI": "true", "GITHUB_ACTIONS": "true",
               "GITHUB_BASE_REF": "main", "GITHUB_ACTION_PATH": str(ROOT),
               "GITHUB_OUTPUT": str(out_file), "GITHUB_STEP_SUMMARY": str(summary),
               "RUNNER_TEMP": str(runner_temp), "PYTHONPATH": str(ROOT),
               "POLICY_NO_SERVER": "1", "POLICY_NO_CACHE": "1",
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               **{k: _fill(str(v), inputs, outputs) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                               _fill(step["run"], inputs, outputs)],
                              cwd=workspace, env=env, capture_output=True, text=True,
                              timeout=600)
        codes[step["name"]] = done.returncode
        printed[step["name"]] = done.stdout + done.stderr
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in
                                       out_file.read_text().splitlines() if "=" in line)
    action_outputs = {name: _fill(spec["value"], inputs, outputs)
                      for name, spec in ACTION.get("outputs", {}).items()}
    return {"codes": codes, "printed": printed, "outputs": action_outputs,
            "summary": summary.read_text("utf-8") if summary.exists() else ""}


def _step(result: dict[str, Any], starts: str) -> str:
    [name] = [n for n in result["codes"] if n.startswith(starts)]
    return name


def test_a_clean_pull_request_passes_with_the_report_in_the_summary_and_the_output(
        checkout: Path, tmp_path: Path) -> None:
    result = run_action(checkout, tmp_path)
    assert set(result["codes"].values()) == {0}, result["printed"]
    assert "## policy check" in result["summary"]
    report = Path(result["outputs"]["report"])
    assert report.is_file(), result["outputs"]
    text = report.read_text("utf-8")
    assert text.startswith("# ") and text in result["summary"]
    assert len(text) < 65536


def test_findings_fail_their_steps_and_every_step_still_runs(checkout: Path,
                                                              tmp_path: Path) -> None:
    """A version bump the change does not need: `policy diff --check` fails (exit 1), the
    editions' versions now differ (`policy check`: annotated errors, exit 1); the report is
    written all the same, saying what to fix."""
    ja = checkout / "policy" / "ja.yaml"
    ja.write_text(re.sub(r"(?m)^(\s+version: )\d+\.\d+\.\d+", r"\g<1>9.0.0",
                         ja.read_text("utf-8"), count=1), "utf-8")
    result = run_action(checkout, tmp_path)
    check = _step(result, "policy check")
    assert result["codes"][check] == 1
    assert re.search(r"^::error file=policy/\w\w\.yaml,line=\d+,col=\d+,title=PARITY008::",
                     result["printed"][check], re.M), result["printed"][check]
    diff = _step(result, "policy diff --check")
    assert result["codes"][diff] == 1
    # the version findings are annotated on their lines too (--format github)
    assert re.search(r"^::error file=(policy/ja\.yaml|CHANGELOG\.md),line=\d+,col=\d+,"
                     r"title=DIFF\d+::", result["printed"][diff], re.M), result["printed"][diff]
    assert result["codes"][_step(result, "policy test")] == 0
    assert result["codes"][_step(result, "policy report")] == 0
    assert "9.0.0" in Path(result["outputs"]["report"]).read_text("utf-8")


def test_strict_fails_on_warnings(checkout: Path, tmp_path: Path) -> None:
    """Without this repository's pyproject.toml, the parts awaiting legal review are a
    warning (REVIEW001): a pass by default, a failure with `strict: true`."""
    check = "policy check"
    (tmp_path / "lenient").mkdir()
    lenient = run_action(checkout, tmp_path / "lenient", only=check)
    assert lenient["codes"] == {_step(lenient, check): 0}, lenient["printed"]
    assert "::warning file=policy/ja.yaml" in lenient["printed"][_step(lenient, check)]
    (tmp_path / "strict").mkdir()
    strict = run_action(checkout, tmp_path / "strict", only=check, strict="true")
    assert strict["codes"] == {_step(strict, check): 1}, strict["printed"]


def test_the_action_installs_the_versions_this_repository_tested() -> None:
    """The install step constrains every runtime dependency to constraints.txt (what this
    repository's own CI installed and tested), so a consumer's run does not pick up a release
    of pydantic or ruamel.yaml that nobody here has run."""
    import tomllib

    install = next(s for s in ACTION["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert '-c "$GITHUB_ACTION_PATH/constraints.txt"' in install["run"]
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pinned[re.sub(r"[-_.]+", "-", name).lower()] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!;\[ ]", requirement, maxsplit=1)[0]
        assert pinned.get(re.sub(r"[-_.]+", "-", name).lower()), requirement


def test_declared_uses_are_checked_when_a_folder_is_given(checkout: Path,
                                                          tmp_path: Path) -> None:
    """With `uses:`, the declared data uses are checked against the policy and a denied one is
    annotated on its line (examples/uses/ denies one on purpose); without it, no such step."""
    step = "policy uses check"
    shutil.copytree(ROOT / "examples" / "uses", checkout / "uses")
    (tmp_path / "without").mkdir()
    without = run_action(checkout, tmp_path / "without", only=step)
    assert without["codes"] == {}
    (tmp_path / "with").mkdir()
    given = run_action(checkout, tmp_path / "with", only=step, uses="uses")
    name = _step(given, step)
    assert given["codes"] == {name: 1}, given["printed"]
    assert re.search(r"^::error file=uses/[\w-]+\.ya?ml,line=\d+,col=\d+,title=USES001::",
                     given["printed"][name], re.M), given["printed"][name]
