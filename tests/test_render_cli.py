"""`policy build` through click's CliRunner: exit codes, the last line (the site's path), diagnostics."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from engine.cli import main

FIX = Path(__file__).resolve().parent / "fixtures" / "render"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.stdout, result.stderr


def test_build_prints_the_path_of_the_site_last(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(out))
    assert code == 0, stderr
    assert stdout.splitlines()[-1] == str(out)
    assert (out / "ja" / "index.html").is_file()


def test_banner_counts_are_reported(tmp_path: Path) -> None:
    code, _stdout, stderr = run("--policy", str(FIX / "drift"), "--out", str(tmp_path / "s"),
                               "--allow-drift")
    assert code == 0
    assert "banners on 2 units in en, 1 unit in ru." in stderr


def test_invalid_policy_exits_1_with_located_diagnostics(tmp_path: Path) -> None:
    policy = tmp_path / "policy"
    shutil.copytree(FIX / "clean", policy)
    (policy / "ja.yaml").write_text(
        (policy / "ja.yaml").read_text("utf-8").replace("  - id: use\n", "  - id: Use\n"),
        "utf-8")
    code, stdout, stderr = run("--policy", str(policy), "--out", str(tmp_path / "site"))
    assert code == 1
    assert stdout == ""
    assert any(line.strip().startswith(f"{policy / 'ja.yaml'}:") and "[SCHEMA005]" in line
               for line in stderr.splitlines())
    assert not (tmp_path / "site").exists()


def test_missing_policy_folder_exits_2_without_traceback(tmp_path: Path) -> None:
    code, stdout, stderr = run("--policy", str(tmp_path / "nope"), "--out", str(tmp_path / "s"))
    assert code == 2  # as `policy validate` (issue 12.13)
    assert "IO001" in stderr and "Traceback" not in stderr + stdout


def test_refusing_a_foreign_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.txt").write_text("keep", "utf-8")
    code, _stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(out))
    assert code == 2
    assert "RENDER004" in stderr
    assert (out / "keep.txt").read_text("utf-8") == "keep"


def test_since_outside_a_repository_is_reported(tmp_path: Path) -> None:
    policy = tmp_path / "policy"
    shutil.copytree(FIX / "clean", policy)
    code, _stdout, stderr = run("--policy", str(policy), "--out", str(tmp_path / "s"),
                                "--since", "HEAD~1")
    assert code == 2  # the revision cannot be used, as `policy diff` says (issue 12.13)
    assert "GIT001" in stderr and "--since HEAD~1" in stderr


def test_since_adds_a_what_changed_page(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    shutil.copytree(FIX / "clean", repo / "policy")
    shutil.move(str(repo / "policy" / "CHANGELOG.md"), str(repo / "CHANGELOG.md"))

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                       cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    ja = repo / "policy" / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("本人の同意を得て取得します。",
                                                "本人の明示的な同意を得て取得します。"), "utf-8")
    out = tmp_path / "site"
    code, stdout, stderr = run("--policy", str(repo / "policy"), "--out", str(out),
                               "--since", "HEAD", "--allow-drift")
    assert code == 0, stderr
    page = (out / "changes-since.html").read_text("utf-8")
    assert "<ins>明示的な</ins>" in page
    # One page per edition; each shows the change to the Japanese text too, and none shows
    # machine output (revisions, commit ids, counts).
    for lang in ("ja", "ru", "en"):
        edition = (out / lang / "changes-since.html").read_text("utf-8")
        assert "<ins>明示的な</ins>" in edition
        assert "HEAD" not in edition and "working tree" not in edition
    assert stdout.splitlines()[-1] == str(out)
