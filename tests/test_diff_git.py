"""`policy diff` over git revisions, in a temporary repository: nothing is checked out, the
default BASE is the merge-base with main, the default HEAD is the working tree."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.diagnostics import PolicyLoadError
from engine.diff import diff_since, side_from_git

FIXTURES = Path(__file__).parent / "fixtures" / "diff"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env=env, check=True)
    return done.stdout.strip()


def put(repo: Path, case: str | None) -> None:
    """Make repo/policy hold the base fixture (case None) or a case's head folder."""
    src = FIXTURES / "base" if case is None else FIXTURES / "cases" / case
    for name in ("ja.yaml", "ru.yaml", "en.yaml"):
        shutil.copy(src / name, repo / "policy" / name)


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "repo"
    (root / "policy").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    put(root, None)
    shutil.copy(FIXTURES / "base" / "CHANGELOG.md", root / "CHANGELOG.md")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    return root


def test_revisions_are_read_without_checkout(repo: Path) -> None:
    put(repo, "prohibition-added")
    git(repo, "commit", "-q", "-am", "forbid disclosure after opt-out")
    first = git(repo, "rev-parse", "HEAD~1")
    side = side_from_git(repo, first, "policy")
    assert side.master is not None and len(side.master.clauses) == 5
    assert side.changelog is not None and "## [1.0.0]" in side.changelog
    # The working tree was not touched by reading the old revision.
    assert git(repo, "status", "--porcelain") == ""
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"classification": "narrows"' in result.output


def test_default_base_is_the_merge_base_with_main_and_head_the_working_tree(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    put(repo, "purpose-added")
    git(repo, "commit", "-q", "-am", "research")
    put(repo, "purpose-added")  # the working tree equals the branch head
    (repo / "policy" / "ru.yaml").write_text(
        (repo / "policy" / "ru.yaml").read_text("utf-8").replace("Исследования",
                                                                   "Научные исследования"),
        "utf-8")
    result = CliRunner().invoke(main, ["diff", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"classification": "expands"' in result.output
    assert '"label": "working tree"' in result.output
    assert "Научные" in result.output  # the uncommitted edit is part of HEAD


def test_diff_since_gives_the_site_its_diff(repo: Path) -> None:
    put(repo, "clause-moved")
    diff = diff_since("main", repo / "policy")
    assert diff.text is not None
    assert [s.key for s in diff.text.structure if s.change == "moved"] == ["clause:opt-out"]


def test_unknown_revision_is_a_load_error_with_exit_2(repo: Path) -> None:
    with pytest.raises(PolicyLoadError) as info:
        side_from_git(repo, "no-such-rev", "policy")
    assert info.value.diagnostics[0].code == "GIT001"
    result = CliRunner().invoke(main, ["diff", "no-such-rev", "HEAD"])
    assert result.exit_code == 2
    assert "GIT001" in result.output
    assert "Traceback" not in result.output


def _bump(repo: Path, version: str) -> None:
    """Commit the policy as it is with `version` in every edition."""
    for name in ("ja.yaml", "ru.yaml", "en.yaml"):
        path = repo / "policy" / name
        path.write_text(path.read_text("utf-8").replace("version: 1.0.0", f"version: {version}",
                                                        1), "utf-8")
    git(repo, "commit", "-q", "-am", f"version {version}")


def test_a_version_is_compared_by_its_number(repo: Path) -> None:
    """`policy diff 1.0.0`: the newest commit of that version, as the legal team knows it, and
    the report names it as a version, never by its commit."""
    put(repo, "prohibition-added")
    git(repo, "commit", "-q", "-am", "forbid disclosure after opt-out")  # still 1.0.0
    newest_100 = git(repo, "rev-parse", "HEAD")
    _bump(repo, "1.1.0")
    for typed in ("1.0.0", "v1.0.0"):
        result = CliRunner().invoke(main, ["diff", typed, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert f'"label": "version 1.0.0 ({newest_100[:10]})"' in result.output, result.output
    # the same as naming its commit: the text and the answers of that commit
    by_commit = CliRunner().invoke(main, ["diff", newest_100, "--format", "json"])
    by_version = CliRunner().invoke(main, ["diff", "1.0.0", "--format", "json"])
    assert (by_commit.output.replace(newest_100, "") .split('"base"')[1].split('"label"')[0]
            == by_version.output.split('"base"')[1].split('"label"')[0])
    # the pull-request report names the side as a version, never by its commit
    for lang, said in (("en", "version 1.0.0"), ("ja", "バージョン1.0.0"), ("ru", "версия 1.0.0")):
        report = CliRunner().invoke(main, ["report", "1.0.0", "--lang", lang])
        assert report.exit_code == 0, report.output
        assert said in report.output and newest_100[:10] not in report.output, report.output


@pytest.mark.parametrize(("lang", "header"), [
    ("en", "policy diff: version 1.0.0 -> the files being edited"),
    ("ja", "policy diff：バージョン1.0.0 → 編集中のファイル"),
    ("ru", "policy diff: версия 1.0.0 → редактируемые файлы"),
])
def test_the_text_names_the_sides_as_the_report_does_without_a_hash(
        repo: Path, lang: str, header: str) -> None:
    """The text's first line named a side by its label with the commit's hash
    ("version 1.0.0 (1a2b3c4d5e) -> working tree"), in English whatever the language; the
    default BASE as the last version on the branch. JSON keeps the hashes for CI."""
    put(repo, "prohibition-added")
    git(repo, "commit", "-q", "-am", "forbid disclosure after opt-out")
    _bump(repo, "1.1.0")
    result = CliRunner().invoke(main, ["diff", "1.0.0", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == header
    assert not re.search(r"\b[0-9a-f]{10}\b", result.output)
    git(repo, "checkout", "-q", "-b", "feature")
    first = CliRunner().invoke(main, ["diff", "--lang", lang]).output.splitlines()[0]
    assert first.split(": " if lang != "ja" else "：", 1)[1].startswith(
        {"en": "the last version on main", "ja": "main ブランチの最新の状態",
         "ru": "последняя версия в ветке main"}[lang]), first
    assert re.search(r"\([0-9a-f]{10}\)", CliRunner().invoke(
        main, ["diff", "1.0.0", "--format", "json"]).output)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "there is no version 3.0.0 in this repository's history; its versions are 1.0.0, "
           "1.1.0"),
    ("ja", "このリポジトリの履歴にはバージョン3.0.0がありません。履歴にあるバージョン：1.0.0, 1.1.0"),
    ("ru", "в истории этого репозитория нет версии 3.0.0; в ней есть версии: 1.0.0, 1.1.0"),
])
def test_a_version_the_history_does_not_hold_names_the_versions_it_does(
        repo: Path, lang: str, said: str) -> None:
    _bump(repo, "1.1.0")
    result = CliRunner().invoke(main, ["diff", "3.0.0", "--lang", lang])
    assert result.exit_code == 2, result.output
    assert said in result.output and "GIT001" in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "On the command line: unknown revision 'v9.9'."),
    ("ja", "コマンドの指定：リビジョン「v9.9」が見つかりません。"),
    ("ru", "В команде: ревизия «v9.9» не найдена.")])
def test_a_revision_that_names_nothing_is_said_as_the_command_lines_problem(
        repo: Path, lang: str, said: str) -> None:
    """`policy diff v9.9`: what was typed names nothing; the policy's files are fine, so no
    file heading ("policy") and no file's error tag."""
    result = CliRunner().invoke(main, ["diff", "v9.9", "--lang", lang])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(said), result.output
    assert "policy:" not in result.output, result.output


def test_a_tag_named_as_a_version_is_the_tag(repo: Path) -> None:
    """A tag or branch called 1.0.0 names what it names: the history's versions are read only
    for a name git does not know."""
    _bump(repo, "1.1.0")
    git(repo, "tag", "1.0.0")  # on the 1.1.0 commit, deliberately
    result = CliRunner().invoke(main, ["diff", "1.0.0", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"label": "1.0.0 (' in result.output, result.output


def test_a_revision_without_the_policy_folder_is_a_load_error(repo: Path) -> None:
    (repo / "README").write_text("x")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "readme")
    with pytest.raises(PolicyLoadError) as info:
        side_from_git(repo, "HEAD", "nowhere")
    assert info.value.diagnostics[0].code in ("GIT001", "IO001")


def test_a_broken_policy_at_a_revision_reports_its_own_positions(repo: Path) -> None:
    (repo / "policy" / "ja.yaml").write_text("lang: ja\nfacts: [\n", "utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 2
    line = next(ln for ln in result.output.splitlines() if "YAML016" in ln)
    assert line.strip().startswith("HEAD:policy/ja.yaml:")  # (indented under its file)


# ------------------------------------------------- CI checkouts: shallow, no base branch


def _pr_checkout(repo: Path, tmp_path: Path, *, depth: bool, base: str | None) -> Path:
    """What a CI job has checked out of a pull request: the branch head alone (detached), at
    depth 1 when `depth` (actions/checkout's default), with the base branch fetched as
    `base` (a ref name such as refs/remotes/origin/main) or not at all."""
    git(repo, "checkout", "-q", "-b", "feature")
    put(repo, "purpose-added")
    git(repo, "commit", "-q", "-am", "research")
    git(repo, "checkout", "-q", "main")
    (repo / "CHANGELOG.md").write_text((repo / "CHANGELOG.md").read_text("utf-8") + "\n")
    git(repo, "commit", "-q", "-am", "main moves on")
    ci = tmp_path / "ci"
    ci.mkdir()
    git(ci, "init", "-q")
    shallow = ["--depth", "1"] if depth else []
    url = repo.as_uri()
    git(ci, "fetch", "-q", *shallow, url, "+refs/heads/feature:refs/remotes/pull/head")
    if base is not None:
        git(ci, "fetch", "-q", *shallow, url, f"+refs/heads/main:{base}")
    git(ci, "checkout", "-q", "--detach", "refs/remotes/pull/head")
    return ci


def _diff_check(ci: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(ci)
    result = CliRunner().invoke(main, ["diff", "--check", *args])
    return result.exit_code, result.output


def _says_in_every_language(ci: Path, branch: str, form: str) -> None:
    """The finding's English is its message and hint exactly; ja and ru say it in their words."""
    from engine.diff import default_base

    from .test_finding_words import _assert_says_its_message

    with pytest.raises(PolicyLoadError) as info:
        default_base(ci / "policy", branch)
    [d] = info.value.diagnostics
    assert d.code == "GIT001" and dict(d.params)["form"] == form, d
    assert d.file == str(ci / "policy")
    _assert_says_its_message(d)


def test_a_shallow_clone_says_to_fetch_the_history(repo: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """actions/checkout's default (fetch-depth: 1) with the base fetched as shallowly: no
    merge-base. Said as that, with the fix, not as "git merge-base failed"."""
    ci = _pr_checkout(repo, tmp_path, depth=True, base="refs/remotes/origin/main")
    code, out = _diff_check(ci, monkeypatch, "--branch", "origin/main")
    assert code == 2, out
    assert ("this shallow clone does not reach the commit where HEAD branched off from "
            "'origin/main'") in out
    assert "fetch-depth: 0" in out and "git fetch --unshallow" in out
    assert "merge-base failed" not in out and "Traceback" not in out
    _says_in_every_language(ci, "origin/main", "shallow")
    git(ci, "fetch", "-q", "--unshallow", repo.as_uri(), "+refs/heads/main:refs/remotes/origin/main")
    assert _diff_check(ci, monkeypatch, "--branch", "origin/main")[0] in (0, 1)


def test_a_shallow_clone_without_the_base_branch_says_how_to_fetch_it(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pull request checked out at depth 1 has no main at all: the hint is the fetch that
    brings it, not "leave --branch as main"; running that fetch makes the diff work."""
    ci = _pr_checkout(repo, tmp_path, depth=True, base=None)
    code, out = _diff_check(ci, monkeypatch)
    assert code == 2, out
    assert ("this shallow clone (only the latest commits) has no branch 'main' to compare your "
            "edits with") in out
    assert "git fetch --unshallow origin main:main" in out and "fetch-depth: 0" in out
    assert "leave --branch as main" not in out
    _says_in_every_language(ci, "main", "branch_shallow")
    git(ci, "fetch", "-q", "--unshallow", repo.as_uri(), "main:main")
    assert _diff_check(ci, monkeypatch)[0] in (0, 1)


def test_a_shallow_clone_asked_for_the_remote_copy_says_the_fetch_that_brings_it(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--branch origin/main` in a clone with no base: the fetch named fills the remote's copy
    (main:refs/remotes/origin/main, not origin/main:origin/main, which git cannot fetch), and
    running it makes the diff work."""
    ci = _pr_checkout(repo, tmp_path, depth=True, base=None)
    code, out = _diff_check(ci, monkeypatch, "--branch", "origin/main")
    assert code == 2, out
    assert "git fetch --unshallow origin main:refs/remotes/origin/main" in out, out
    _says_in_every_language(ci, "origin/main", "branch_shallow")
    git(ci, "fetch", "-q", "--unshallow", repo.as_uri(), "main:refs/remotes/origin/main")
    assert _diff_check(ci, monkeypatch, "--branch", "origin/main")[0] in (0, 1)


def test_a_checkout_with_only_the_remote_base_names_it(repo: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """fetch-depth: 0 gives origin/main but no local main: the hint names --branch origin/main."""
    ci = _pr_checkout(repo, tmp_path, depth=False, base="refs/remotes/origin/main")
    code, out = _diff_check(ci, monkeypatch)
    assert code == 2, out
    assert "--branch origin/main" in out and "leave --branch as main" not in out
    _says_in_every_language(ci, "main", "branch_remote")
    assert _diff_check(ci, monkeypatch, "--branch", "origin/main")[0] in (0, 1)


def test_histories_without_a_common_commit_say_so(repo: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "checkout", "-q", "--orphan", "other")
    git(repo, "commit", "-q", "-m", "unrelated")
    code, out = _diff_check(repo, monkeypatch)
    assert code == 2, out
    assert "HEAD and 'main' have no commit in common" in out and "policy diff BASE" in out
    _says_in_every_language(repo, "main", "unrelated")
