"""`policy revise --date`: bumps the version by the pending change, records the revision in the
master and the translations' facts, opens a CHANGELOG entry, keeps every other byte, and leaves
`policy diff --check` clean."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.changelog import parse
from engine.cli import main
from engine.loader import load_folder
from engine.releasenotes import draft

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
FILES = ("ja.yaml", "ru.yaml", "en.yaml")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True,
                   env={**os.environ, **GIT_ENV})


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "policy").mkdir(parents=True)
    for name in FILES:
        shutil.copy(FIXTURES / "base" / name, root / "policy" / name)
    shutil.copy(FIXTURES / "base" / "CHANGELOG.md", root / "CHANGELOG.md")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    return root


def change_to(repo: Path, case: str) -> dict[str, str]:
    for name in FILES:
        shutil.copy(FIXTURES / "cases" / case / name, repo / "policy" / name)
    return {name: (repo / "policy" / name).read_text("utf-8") for name in FILES}


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


@pytest.mark.parametrize(("case", "version"), [("purpose-added", "2.0.0"),
                                                ("prohibition-added", "1.1.0"),
                                                ("russian-only", "1.0.1")])
def test_revise_bumps_by_the_classification_and_check_then_passes(repo: Path, case: str,
                                                                  version: str) -> None:
    before = change_to(repo, case)
    runner = CliRunner()
    assert runner.invoke(main, ["diff", "--check"]).exit_code == 1
    result = runner.invoke(main, ["revise", "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    # the legal team is told which note to write, and where, as the files show it
    assert "revision of 2026-12-01 in each edition (en.yaml, ja.yaml, ru.yaml, the line “rev-2026-12-01:”)" in result.output
    src = load_folder(repo / "policy")
    assert src.ok, src.diagnostics
    assert src.master is not None
    assert src.master.facts.version == version
    assert [r.id for r in src.master.facts.revisions] == ["contact-2022", "rev-2026-12-01"]
    for lang in ("ru", "en"):
        assert src.translations[lang].facts.version == version
        assert str(src.translations[lang].facts.revised) == "2026-12-01"
    # Only the intended lines changed: comments, quoting and layout survive.
    removed, added = changed_lines(before["ja.yaml"], (repo / "policy" / "ja.yaml").read_text())
    assert removed == ["  version: 1.0.0             # semantic version"]
    assert added == [f"  version: {version}             # semantic version",
                     "    - id: rev-2026-12-01", "      date: 2026-12-01",
                     f"    rev-2026-12-01: {draft('ja', '2026-12-01')}"]
    removed, added = changed_lines(before["ru.yaml"], (repo / "policy" / "ru.yaml").read_text())
    assert removed == ["  version: 1.0.0", "  revised: 2022-04-01        # date of the latest revision"]
    assert added == [f"  version: {version}", "  revised: 2026-12-01        # date of the latest revision",
                     "    rev-2026-12-01:", "      origin: translated",
                     f"      text: {draft('ru', '2026-12-01')}"]
    log = parse((repo / "CHANGELOG.md").read_text("utf-8"))
    assert [e.version for e in log.entries] == ["Unreleased", version, "1.0.0"]
    entry = log.find(version)
    assert entry is not None and entry.date == "2026-12-01" and entry.sections
    # The drafted release notes are placeholders: refused until the legal team writes them.
    check = runner.invoke(main, ["diff", "--check"])
    assert check.exit_code == 1 and check.output.count("NOTE002") == 3, check.output
    write_notes(repo)
    check = runner.invoke(main, ["diff", "--check"])
    assert check.exit_code == 0, check.output


def write_notes(repo: Path, day: str = "2026-12-01") -> None:
    """Replace every drafted note by words (as the legal team would)."""
    for name in FILES:
        path = repo / "policy" / name
        lang = name.removesuffix(".yaml")
        path.write_text(path.read_text("utf-8").replace(
            draft(lang, day), f"Note written by the legal team ({lang})"), "utf-8")


def test_a_drafted_note_says_it_was_written_here_where_the_edition_is_published(
        repo: Path) -> None:
    """A release note `policy revise` drafts is written in this repository, never published:
    in an edition whose words are the published ones (ru, origin published by default) it is
    marked `origin: translated` and stays so once written and when the date is corrected; in
    an edition translated here as a whole (en) it takes the edition's origin; the master
    (the legal team's own words) is never marked."""
    from engine.review import edition_states

    change_to(repo, "prohibition-added")
    en = repo / "policy" / "en.yaml"
    en.write_text(en.read_text("utf-8").replace("lang: en\n", "lang: en\norigin: translated\n",
                                                1), "utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["revise", "--date", "2026-12-01"]).exit_code == 0
    ru = repo / "policy" / "ru.yaml"
    assert "    rev-2026-12-01:\n      origin: translated\n      text: ✎" in ru.read_text("utf-8")
    # a placeholder drafted before the tool marked them is marked when drafted again
    ru.write_text(ru.read_text("utf-8").replace("      origin: translated\n", ""), "utf-8")
    assert runner.invoke(main, ["revise", "--date", "2026-12-02"]).exit_code == 0
    write_notes(repo, "2026-12-02")
    src = load_folder(repo / "policy")
    assert src.ok and src.master is not None, src.diagnostics
    assert src.translations["ru"].footer.revisions["rev-2026-12-02"].origin == "translated"
    assert src.translations["en"].footer.revisions["rev-2026-12-02"].origin is None
    assert "origin" not in (repo / "policy" / "ja.yaml").read_text("utf-8")
    for lang in ("ru", "en"):
        states = {r.key: r.origin for r in edition_states(src.translations[lang])}
        assert states["footer.revisions.rev-2026-12-02"] == "translated"
        assert states["footer.revisions.contact-2022"] == ("published" if lang == "ru"
                                                           else "translated")
    written = ru.read_text("utf-8")
    assert written.count("origin: translated") == 1
    assert "    rev-2026-12-02:\n      origin: translated\n      text: Note written" in written


def test_revise_twice_changes_nothing_more(repo: Path) -> None:
    change_to(repo, "prohibition-added")
    runner = CliRunner()
    assert runner.invoke(main, ["revise", "--date", "2026-12-01"]).exit_code == 0
    snapshot = {p: p.read_bytes() for p in [*(repo / "policy").glob("*.yaml"),
                                            repo / "CHANGELOG.md"]}
    assert runner.invoke(main, ["revise", "--date", "2026-12-01"]).exit_code == 0
    assert {p: p.read_bytes() for p in snapshot} == snapshot


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "nothing to revise: only where the words come from changed (origin:), which needs "
           "no revision or new version (commit the change as it is)"),
    ("ja", "改定するものがありません。変わったのは文言の出所（「origin:」）だけで、文言そのものは"
           "変わっていないため、改定もバージョンの変更も必要ありません（変更はそのままコミットして"
           "ください）"),
    ("ru", "пересматривать нечего: изменилось только происхождение текста («origin:»), а сам "
           "текст не менялся, поэтому ни новая редакция, ни новая версия не нужны "
           "(зафиксируйте изменение как есть командой `git commit`)")])
def test_revise_for_an_origin_alone_says_that_is_what_changed(repo: Path, lang: str,
                                                              said: str) -> None:
    """Only an `origin:` changed (no word): no revision is made, and the refusal says why,
    never that the policy is the same as the last version (it is not)."""
    ru = repo / "policy" / "ru.yaml"
    ru.write_text(ru.read_text("utf-8").replace("lang: ru\n", "lang: ru\norigin: translated\n", 1),
                  "utf-8")
    before = {p: p.read_bytes() for p in [*(repo / "policy").glob("*.yaml"),
                                          repo / "CHANGELOG.md"]}
    result = CliRunner().invoke(main, ["revise", "--date", "2026-12-01"],
                                env={"POLICY_LANG": lang})
    assert result.exit_code == 1
    assert "DIFF004" in result.output and said in result.output, result.output
    assert "the same as" not in result.output and "同じです" not in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_revise_without_a_change_is_a_finding(repo: Path) -> None:
    result = CliRunner().invoke(main, ["revise", "--date", "2026-12-01"])
    assert result.exit_code == 1
    assert "DIFF004" in result.output
    # In plain words (issue 12): what it compared with and what to do; no commit hash.
    assert "the same as the last version on the main branch" in result.output
    assert "edit it first, then run policy revise again" in result.output
    assert not re.search(r"\b[0-9a-f]{10}\b", result.output)
    assert "merge-base" not in result.output
    for lang, said in (("ja", "改定するものがありません。ポリシーは main ブランチの最新の状態と同じです"),
                       ("ru", "пересматривать нечего: политика такая же, как последняя версия "
                              "в ветке main")):
        result = CliRunner().invoke(main, ["revise", "--date", "2026-12-01"],
                                    env={"POLICY_LANG": lang})
        assert result.exit_code == 1 and said in result.output, result.output
        assert "nothing to revise" not in result.output and "the policy" not in result.output


def test_revise_outside_a_repository_says_why_it_needs_one(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    (tmp_path / "policy").mkdir()
    for name in FILES:
        shutil.copy(FIXTURES / "base" / name, tmp_path / "policy" / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(main, ["revise", "--date", "2026-12-01"])
    assert result.exit_code == 2
    assert "policy revise works only inside the project folder" in result.output
    assert "ask a developer" in result.output
    assert "fatal:" not in result.output
    ja = CliRunner().invoke(main, ["revise", "--date", "2026-12-01", "--lang", "ja"])
    assert ja.exit_code == 2
    assert ("policy revise は、編集内容を最新の状態と比べるため、プロジェクトのフォルダー"
            "（git リポジトリ）の中でしか使えません（リポジトリの中で実行するか、開発者に相談して"
            "ください）") in ja.output
    assert "詳細" not in ja.output


def test_revise_date_must_follow_the_last_revision(repo: Path) -> None:
    change_to(repo, "clause-reworded")
    before = (repo / "policy" / "ja.yaml").read_bytes()
    result = CliRunner().invoke(main, ["revise", "--date", "2022-04-01"])
    assert result.exit_code == 1
    assert "DIFF005" in result.output
    assert (repo / "policy" / "ja.yaml").read_bytes() == before
    # placed at the date it must come after (the last revision's `date:`), not at the list
    import re

    place = re.search(r"ja\.yaml:(\d+):(\d+): DIFF005", result.output)
    assert place is not None, result.output
    line = before.decode("utf-8").splitlines()[int(place[1]) - 1]
    assert line[int(place[2]) - 1:].startswith("2022-04-01"), line
    ja = CliRunner().invoke(main, ["revise", "--date", "2022-04-01", "--lang", "ja"])
    assert ja.exit_code == 1
    assert "DIFF005 改定日（2022-04-01）が前回の改定日（2022-04-01）以前です" in ja.output


def test_revise_rejects_a_malformed_date(repo: Path) -> None:
    from engine.wording import DATE_HINT

    result = CliRunner().invoke(main, ["revise", "--date", "2026-13-01"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert DATE_HINT in result.output


def test_dry_run_writes_nothing(repo: Path) -> None:
    change_to(repo, "ground-removed")
    before = {p: p.read_bytes() for p in (repo / "policy").glob("*.yaml")}
    result = CliRunner().invoke(main, ["revise", "--date", "2026-12-01", "--dry-run"])
    assert result.exit_code == 0
    assert "1.0.0 -> 1.1.0" in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_check_holds_the_changelog_date_to_the_revision_date(repo: Path) -> None:
    change_to(repo, "prohibition-added")
    runner = CliRunner()
    assert runner.invoke(main, ["revise", "--date", "2026-12-01"]).exit_code == 0
    log = repo / "CHANGELOG.md"
    log.write_text(log.read_text("utf-8").replace("- 2026-12-01", "- 2026-11-30"), "utf-8")
    check = runner.invoke(main, ["diff", "--check"])
    assert check.exit_code == 1
    assert "DIFF003" in check.output and "2026-11-30" in check.output


def test_revise_again_with_another_date_updates_the_pending_revision(repo: Path) -> None:
    """Issue 12.4: run twice to correct the date -> one revision, dated by the second run, and
    the CHANGELOG entry and drafted notes follow it."""
    change_to(repo, "prohibition-added")
    runner = CliRunner()
    assert runner.invoke(main, ["revise", "--date", "2026-12-01"]).exit_code == 0
    result = runner.invoke(main, ["revise", "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    assert "updates the pending revision rev-2026-12-01 in place" in result.output
    src = load_folder(repo / "policy")
    assert src.master is not None
    assert [r.id for r in src.master.facts.revisions] == ["contact-2022", "rev-2026-12-03"]
    assert list(src.master.footer.revisions) == ["contact-2022", "rev-2026-12-03"]
    assert src.master.footer.revisions["rev-2026-12-03"] == draft("ja", "2026-12-03")
    for lang in ("ru", "en"):
        tr = src.translations[lang]
        assert str(tr.facts.revised) == "2026-12-03"
        assert tr.footer.revisions["rev-2026-12-03"].text == draft(lang, "2026-12-03")
    log = parse((repo / "CHANGELOG.md").read_text("utf-8"))
    assert [(e.version, e.date) for e in log.entries][:2] == [("Unreleased", None),
                                                               ("1.1.0", "2026-12-03")]
    write_notes(repo, "2026-12-03")
    assert runner.invoke(main, ["diff", "--check"]).exit_code == 0


def test_a_revision_without_its_note_fails_check_diff_and_build(repo: Path) -> None:
    """Issue 12.5: a revision needs its note in every edition; placeholders are refused."""
    change_to(repo, "prohibition-added")
    runner = CliRunner()
    assert runner.invoke(main, ["revise", "--date", "2026-12-01"]).exit_code == 0
    check = runner.invoke(main, ["check"])
    assert check.exit_code == 1 and check.output.count("NOTE002") == 3
    assert runner.invoke(main, ["build", "--out", str(repo / "site")]).exit_code == 1
    assert not (repo / "site").exists()
    write_notes(repo)
    # Now delete the English note: the revision has no note there.
    en = repo / "policy" / "en.yaml"
    text = en.read_text("utf-8")
    start = text.index("    rev-2026-12-01:")
    end = text.index("\n", text.index("text:", start)) + 1
    en.write_text(text[:start] + text[end:], "utf-8")
    for args in (["check"], ["diff", "--check"]):
        out = runner.invoke(main, args)
        assert out.exit_code == 1 and "NOTE001" in out.output, out.output


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "to do: translate what changed in the master (1 part, listed by `policy status`) "
           "into English and Russian, then stamp the translations"),
    ("ja", "やること：原文の変更箇所（1か所。一覧は policy status で確認できます）を英語と"
           "ロシア語に翻訳し"),
    ("ru", "сделать: переведите изменения оригинала (1 часть; список — `policy status`) на "
           "английский и русский"),
])
def test_revise_with_translations_behind_says_they_are_to_do(repo: Path, lang: str,
                                                             said: str) -> None:
    """A revision started before the translations follow the master's change: the editions
    to translate are one more to-do now, not a surprise when `policy build` refuses them."""
    change_to(repo, "clause-reworded")
    for edition in ("en", "ru"):  # translated and stamped; then the master changes again
        stamped = CliRunner().invoke(main, ["stamp", edition, "--all", "--unchanged-ok"])
        assert stamped.exit_code == 0, stamped.output
    ja = repo / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    assert text.count("    title: 取得\n") == 1
    ja.write_text(text.replace("    title: 取得\n", "    title: 個人情報の取得\n"), "utf-8")
    result = CliRunner().invoke(main, ["revise", "--date", "2026-12-01", "--dry-run",
                                       "--lang", lang])
    assert result.exit_code == 0, result.output
    assert said in result.output, result.output


@pytest.mark.parametrize(("say", "todo"), [
    ("en", "until then `policy build` publishes nothing (with --allow-drift, it publishes "
           "them marked as out of date)"),
    ("ja", "記録するまで、policy build はサイトを公開しません（--allow-drift を付けると、翻訳が最新で"
           "ないことを示して公開します）"),
    ("ru", "до тех пор `policy build` ничего не опубликует (с --allow-drift опубликует их с "
           "пометкой, что перевод устарел)")])
def test_the_todo_of_a_master_change_says_what_build_does_until_it_is_translated(
        repo: Path, say: str, todo: str) -> None:
    """The to-do said that until the translations are stamped `policy build` "does not publish
    them", as if it published the rest: with the notes written, it publishes nothing (it refuses
    for the change to translate), and with --allow-drift it publishes them with a banner."""
    change_to(repo, "clause-reworded")
    runner = CliRunner()
    for edition in ("en", "ru"):  # translated and stamped; then the master changes again
        assert runner.invoke(main, ["stamp", edition, "--all", "--unchanged-ok"]).exit_code == 0
    ja = repo / "policy" / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("    title: 取得\n", "    title: 個人情報の取得\n"),
                  "utf-8")
    result = runner.invoke(main, ["revise", "--date", "2026-12-01", "--lang", say])
    assert result.exit_code == 0, result.output
    assert todo in result.output, result.output
    write_notes(repo)
    build = runner.invoke(main, ["build", "--out", str(repo / "site"), "--lang", say])
    assert build.exit_code == 1 and not (repo / "site").exists()
    assert "--allow-drift" in build.output
