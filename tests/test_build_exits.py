"""Issue 12.13: `policy build` summaries agree with its exit code and with the other commands."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.loader import load_folder

from .conftest import POLICY


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drifted(tmp_path: Path) -> Path:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-2]
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {clause.title}\n",
                                                f"    title: {clause.title}等\n", 1), "utf-8")
    return folder


def test_allow_drift_publishes_and_says_so_without_counting_errors(drifted: Path,
                                                                   tmp_path: Path) -> None:
    code, out, err = _run("build", "--policy", str(drifted), "--out", str(tmp_path / "site"),
                          "--allow-drift")
    assert code == 0 and out.strip() == str(tmp_path / "site")
    assert "error" not in err
    assert err.splitlines()[-1].startswith(f"Published to {tmp_path / 'site'} with out-of-date "
                                           "banners on 1 unit in ")


def test_a_refused_build_does_not_count_its_own_refusal(drifted: Path, tmp_path: Path) -> None:
    code, _, err = _run("build", "--policy", str(drifted), "--out", str(tmp_path / "site"))
    assert code == 1 and not (tmp_path / "site").exists()
    _, check_out, _ = _run("check", "--policy", str(drifted))
    verdict = check_out.splitlines()[-1].removeprefix("Not ready to publish: ").rstrip(".")
    assert err.splitlines()[-1].startswith(f"Not published: {verdict}.")
    assert "RENDER002" not in err


def test_missing_folder_exits_2_as_validate_does(tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    assert _run("validate", "--policy", str(nowhere))[0] == 2
    assert _run("build", "--policy", str(nowhere), "--out", str(tmp_path / "s"))[0] == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_since_an_unknown_revision_exits_2_as_diff_does(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(POLICY, root / "policy")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)
    monkeypatch.chdir(root)
    assert _run("diff", "no-such-revision")[0] == 2
    code, _, err = _run("build", "--out", str(tmp_path / "site"), "--since", "no-such-revision")
    assert code == 2 and "no-such-revision" in err
    # Even when the policy has findings too: the revision is checked first.
    src = load_folder(root / "policy")
    assert src.master is not None
    ja = root / "policy" / "ja.yaml"
    title = src.master.clauses[-2].title
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {title}\n",
                                                f"    title: {title}等\n", 1), "utf-8")
    assert _run("build", "--out", str(tmp_path / "site"), "--since", "no-such-revision")[0] == 2
