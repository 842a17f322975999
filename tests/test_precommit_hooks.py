"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real `pre-commit try-repo` in a
temporary git repository holding a policy: a clean policy passes every hook; a drifted
translation fails `policy-check` and a broken file fails `policy-validate`, each with its
diagnostic in the output.

pre-commit installs this project from a snapshot commit into its own environment once (that
takes a minute or two: it builds the wheel and installs the dependencies from the registry);
the three runs share it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import POLICY, ROOT

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
HOOK_IDS = ["policy-validate", "policy-check", "policy-diff-check", "policy-uses-check"]

pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project as one clean commit (what a consumer's `rev:` points at), so pre-commit
    installs it once for every run below."""
    snap = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout
    for rel in listed.splitlines():
        src = ROOT / rel
        if src.is_file():
            (snap / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / rel)
    _git(snap, "init", "-q", "-b", "main")
    _git(snap, "add", "-A")
    _git(snap, "commit", "-qm", "snapshot")
    return snap


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def policy_repo(tmp_path: Path) -> Path:
    """A policy repository: the shipped policy and changelog, committed on main."""
    repo = tmp_path / "policy-repo"
    repo.mkdir()
    shutil.copytree(POLICY, repo / "policy")
    shutil.copy2(ROOT / "CHANGELOG.md", repo / "CHANGELOG.md")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "policy")
    return repo


def try_repo(repo: Path, hook_repo: Path, home: Path, hook: str | None = None,
             ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    env["PRE_COMMIT_HOME"] = str(home)
    env["PATH"] = f"{PRE_COMMIT.parent}{os.pathsep}{env.get('PATH', '')}"
    args = [str(PRE_COMMIT), "try-repo", str(hook_repo), *([hook] if hook else []),
            "--all-files", "--color", "never"]
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True,
                          timeout=900)


def test_hooks_file_declares_the_three_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == HOOK_IDS
    for hook in hooks:
        assert hook["entry"].startswith("policy ") and hook["pass_filenames"] is False
        reads = "uses/booking.yaml" if hook["id"] == "policy-uses-check" else "policy/ja.yaml"
        assert re.search(hook["files"], reads)


POLICY_FILES = ["policy/ja.yaml", "policy/ru.yml", "policy/en.yaml", "policy/tests/erasure.yaml",
                "policy/parity.toml", "legal/policy/ja.yaml", "pyproject.toml"]
NOT_POLICY = [".github/workflows/ci.yml", ".github/workflows/ci.yaml", "docs/ja.yaml",
              "mkdocs.yml", "policy/schema.master.json", "uses/README.md", "policy/ja.yaml.bak"]


@pytest.mark.parametrize("hook_id", HOOK_IDS[:3])
def test_hooks_start_for_the_files_they_read_and_no_other(hook_id: str) -> None:
    """A commit that touches only a workflow (two letters: ci.yml) or another YAML file skips
    the hooks; an edition, a test table, the parity settings or the severities start them.
    `policy diff --check` also reads the changelog and the declared uses."""
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
                if h["id"] == hook_id)
    for path in POLICY_FILES:
        assert re.search(hook["files"], path), (hook_id, path)
    for path in NOT_POLICY:
        assert not re.search(hook["files"], path), (hook_id, path)
    gate = hook_id == "policy-diff-check"
    for path in ("CHANGELOG.md", "uses/booking.yaml", "services/uses/mail.yml"):
        assert bool(re.search(hook["files"], path)) is gate, (hook_id, path)


def test_the_uses_hook_starts_only_for_declared_uses() -> None:
    """`policy-uses-check` reads the declarations (uses/) and the policy it was installed with
    (`rev:`), not the files of a policy folder: a policy repository without declarations never
    starts it, and one with them gates a policy change by `policy-diff-check` (USES006)."""
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
                if h["id"] == "policy-uses-check")
    for path in ("uses/booking.yaml", "services/uses/mail.yml", "uses/sub/a.yaml"):
        assert re.search(hook["files"], path), path
    for path in [*POLICY_FILES, *NOT_POLICY, "CHANGELOG.md", "uses.yaml"]:
        assert not re.search(hook["files"], path), path


def test_clean_policy_passes_every_hook(policy_repo: Path, hook_repo: Path,
                                        pre_commit_home: Path) -> None:
    run = try_repo(policy_repo, hook_repo, pre_commit_home)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in ("policy validate", "policy check", "policy diff --check"):
        assert re.search(rf"^{re.escape(name)} .*Passed$", run.stdout, re.M), run.stdout


def test_drifted_translation_fails_policy_check_with_the_diagnostic(
        policy_repo: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    ja = policy_repo / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    line = re.search(r"^\s+text: [^>|\n].*$", text, re.M)
    assert line is not None
    ja.write_text(text[:line.end()] + "（改定）" + text[line.end():], "utf-8")
    _git(policy_repo, "add", "-A")
    run = try_repo(policy_repo, hook_repo, pre_commit_home, "policy-check")
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(r"^policy check .*Failed$", run.stdout, re.M)
    # `policy check` speaks to people: the changed clause, where to translate, how to stamp
    assert "need translating" in run.stdout, run.stdout
    assert re.search(r"translate it at policy/(en|ru)\.yaml:\d+:\d+", run.stdout), run.stdout
    assert "then: policy stamp" in run.stdout


def test_broken_file_fails_policy_validate_with_the_diagnostic(
        policy_repo: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    ru = policy_repo / "policy" / "ru.yaml"
    ru.write_text(ru.read_text("utf-8") + "clauses: [\n", "utf-8")
    _git(policy_repo, "add", "-A")
    run = try_repo(policy_repo, hook_repo, pre_commit_home, "policy-validate")
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(r"^policy validate .*Failed$", run.stdout, re.M)
    assert re.search(r"^policy/ru\.yaml:\d+:\d+: YAML00\d ", run.stdout, re.M), run.stdout
