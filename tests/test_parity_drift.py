"""Drift: a master edit leaves translations stale, and the finding shows the old and new Japanese (from git history or a stored copy)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from engine.check import check_sources, run_check, unit_states
from engine.checks.drift import before_after, inline_diff
from engine.diagnostics import Diagnostic
from engine.history import History
from engine.humane import format_human
from engine.loader import load_folder
from engine.model import normalize

from .conftest import POLICY
from .test_parity_cases import NO_PYPROJECT, line_of

OLD = "本ポリシーは、日本国の現行法に準拠します。"
NEW = "本ポリシーは、日本国の法令に準拠します。"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                   capture_output=True)


def _git_out(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


def _edit_master(folder: Path) -> None:
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    assert text.count(OLD) == 1
    ja.write_text(text.replace(OLD, NEW), "utf-8")


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(POLICY, repo / "policy")
    _git(repo, "init", "-q")
    _git(repo, "add", "policy")
    _git(repo, "commit", "-q", "-m", "policy as translated")
    return repo


def _stale(folder: Path, previous: Path | None = None) -> list[Diagnostic]:
    result = check_sources(load_folder(folder), pyproject=NO_PYPROJECT, previous=previous)
    return [d for d in result.diagnostics if d.code == "DRIFT001"]


@needs_git
@pytest.mark.parametrize("commit_the_edit", [False, True])
def test_master_edit_in_git_shows_old_and_new_text(tmp_path: Path, commit_the_edit: bool) -> None:
    repo = _repo(tmp_path)
    folder = repo / "policy"
    _edit_master(folder)
    if commit_the_edit:
        _git(repo, "commit", "-q", "-am", "reword clause 18")
    stale = _stale(folder)
    assert {(d.lang, d.unit) for d in stale} == {("ru", "governing-law"), ("en", "governing-law")}
    for d in stale:
        file = Path(d.file).name
        assert d.line == line_of(folder, file, ["id: governing-law", "source:"])
        previous, current, change = d.detail
        assert previous.startswith("previous ja (") and "git " in previous
        assert previous.endswith(normalize("準拠法\n" + OLD))
        assert current.endswith(normalize("準拠法\n" + NEW))
        assert change.endswith("日本国の{-現行-}法{+令+}に準拠します。")


def test_stored_copy_gives_the_previous_text(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    stored = tmp_path / "ja-1.0.2.yaml"
    shutil.copyfile(POLICY / "ja.yaml", stored)
    _edit_master(folder)
    stale = _stale(folder, previous=stored)
    assert len(stale) == 2
    for d in stale:
        assert "stored copy" in d.detail[0] and d.detail[0].endswith(OLD)


def test_without_history_the_previous_text_is_not_available(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    _edit_master(folder)
    stale = _stale(folder)
    assert len(stale) == 2
    for d in stale:
        assert d.detail[0].endswith("(previous text not available)")
        assert d.detail[1].endswith(NEW)


def test_states_follow_the_fingerprints(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    assert {s for lang in unit_states(load_folder(folder)).values()
            for s in lang.values()} == {"current"}
    _edit_master(folder)
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    first = text.index("source:")
    end = text.index("\n", first)
    en.write_text(text[:first] + text[end + 1:].lstrip(" "), "utf-8")  # drop title's source
    states = unit_states(load_folder(folder))
    assert states["ru"]["clause:governing-law"] == "stale"
    assert states["en"]["clause:governing-law"] == "stale"
    assert states["en"]["title"] == "unreviewed"
    assert sum(v == "current" for v in states["ru"].values()) == len(states["ru"]) - 1


def test_history_lookup_of_an_unknown_fingerprint_is_none(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    assert History(folder / "ja.yaml")("abcdef0123") is None


def test_inline_diff_marks_removed_and_added_text() -> None:
    assert inline_diff("abc", "abd") == "ab{-c-}{+d+}"
    assert inline_diff("same", "same") == "same"


def test_before_after_are_the_two_sides_of_the_inline_diff() -> None:
    assert before_after("abc", "abd") == ("abc", "abd")
    long = "あ" * 30
    # a long kept run before the change: only what leads to it
    assert before_after(long + "り", long + "ってのみ") == (
        "…" + "あ" * 12 + "り", "…" + "あ" * 12 + "ってのみ")
    # cut at a punctuation mark or a space, never inside a word
    text = ("当社は、サービスに関する情報を電子メールによりお送りすることがあります。"
            "利用者は、当社所定の方法により、その配信を停止し、又は再開することができます。")
    before, after = before_after(text, text.replace("その配信を", "その配信をいつでも"))
    assert before.startswith("…その配信を停止し") and after.startswith("…その配信をいつでも停止し")
    words = "Users can stop or resume them by the methods we set out in this clause."
    assert before_after(words, words.replace("resume", "resume at any time"))[1] == (
        "Users can stop or resume at any time them by…")


@pytest.mark.parametrize(("lang", "before", "after"), [
    ("ja", "変更前：", "変更後："), ("ru", "было:  ", "стало: "), ("en", "before: ", "after:  ")])
def test_without_colour_a_change_is_told_as_the_text_before_and_after(
        tmp_path: Path, lang: str, before: str, after: str) -> None:
    """A lawyer cannot read `{-現行-}法{+令+}`: without colour the old text stands above the new
    one; with colour the inline change stays, its parts coloured."""
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    stored = tmp_path / "ja-1.0.2.yaml"
    shutil.copyfile(POLICY / "ja.yaml", stored)
    _edit_master(folder)
    result = check_sources(load_folder(folder), pyproject=NO_PYPROJECT, previous=stored)
    plain = format_human(result.diagnostics, result.sources, lang=lang).splitlines()
    i = next(i for i, line in enumerate(plain) if line.strip().startswith(before.strip()))
    assert plain[i].startswith(f"      {before}") and plain[i].endswith("日本国の現行法に準拠します。")
    assert plain[i + 1].startswith(f"      {after}")
    assert plain[i + 1].endswith("日本国の法令に準拠します。")
    assert not any("{-" in line or "{+" in line for line in plain)
    coloured = format_human(result.diagnostics, result.sources, lang=lang, colour=True)
    assert "\x1b[31m{-現行-}\x1b[0m法\x1b[32m{+令+}\x1b[0m" in coloured
    assert before not in coloured


def test_run_check_accepts_previous(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    result = run_check(folder, previous=POLICY / "ja.yaml")
    assert result.loaded
    assert [d for d in result.diagnostics if d.code.startswith("DRIFT")] == []


def _spawned(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The git commands engine/inputs.py `spawn` starts from now on (git's own arguments)."""
    from engine import inputs

    started: list[list[str]] = []
    real = inputs.spawn

    def spawn(args: list[str], cwd: Path | None, **options: object) -> object:
        started.append([a for a in args[1:] if not a.startswith(("-c", "log."))])
        return real(args, cwd, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(inputs, "spawn", spawn)
    return started


@needs_git
def test_with_no_cache_the_log_and_the_master_at_head_are_read_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old text of an uncommitted edit is in the master as HEAD holds it: git is asked for
    the log and, at the same time, for that file (`cat-file --batch`), not for the log and
    then `git show`; the finding is the same."""
    folder = _repo(tmp_path) / "policy"
    _edit_master(folder)
    started = _spawned(monkeypatch)
    stale = _stale(folder)
    assert [args[0] for args in started] == ["cat-file", "log"]
    assert all(d.detail[0].endswith(normalize("準拠法\n" + OLD)) for d in stale) and stale


@needs_git
def test_when_head_is_a_merge_the_master_is_read_with_git_show(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge that changed the master names no blob in the log: the file read ahead is not
    taken for it (the process is reaped all the same), `git show` reads the merge's master."""
    repo = _repo(tmp_path)
    folder = repo / "policy"
    ja = folder / "ja.yaml"
    _git(repo, "checkout", "-q", "-b", "side")
    _edit_master(folder)
    _git(repo, "commit", "-q", "-am", "reword clause 18")
    _git(repo, "checkout", "-q", "-")
    text = ja.read_text("utf-8")
    ja.write_text(text.replace("# yaml-language-server", "# (a comment)\n# yaml-language-server",
                               1), "utf-8")
    _git(repo, "commit", "-q", "-am", "a comment")
    _git(repo, "merge", "-q", "--no-edit", "side")
    ja.write_text(ja.read_text("utf-8").replace(NEW, "本ポリシーは日本法に準拠します。"), "utf-8")
    started = _spawned(monkeypatch)
    lookup = History(ja)
    stale = check_sources(load_folder(folder), pyproject=NO_PYPROJECT,
                          previous_lookup=lookup).diagnostics
    assert [args[0] for args in started][:3] == ["cat-file", "log", "show"]
    merge = _git_out(repo, "rev-parse", "HEAD")
    assert started[2][1] == f"{merge}:./ja.yaml"  # the newest commit's file, from git show
    assert lookup._waiting is None  # reaped
    found = [d for d in stale if d.code == "DRIFT001" and d.unit == "governing-law"]
    assert found and all(d.detail[0].endswith(normalize("準拠法\n" + OLD)) for d in found)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "(the earlier text could not be found in the history; if the stamp (source:) was "
           "edited by hand"),
    ("ja", "（変更前の文章は履歴に見つかりませんでした。記録（source:）を手で書き換えた場合は"),
    ("ru", "(прежний текст в истории не найден; если отметку (source:) правили вручную"),
])
def test_a_stamp_no_earlier_text_has_is_said_under_needs_translation(
        tmp_path: Path, lang: str, said: str) -> None:
    # a translator edited a `source:` by hand (or there is no history): "Needs translation"
    # said nothing of the text before, nor why; the group says the earlier text is not found
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    ru = folder / "ru.yaml"
    text = ru.read_text("utf-8")
    stamp = text.index("  source: ", text.index("\ntitle:")) + len("  source: ")
    ru.write_text(text[:stamp] + "abcdef0123" + text[stamp + 10:], "utf-8")
    result = check_sources(load_folder(folder), pyproject=NO_PYPROJECT)
    assert [d.unit for d in result.diagnostics if d.code == "DRIFT001"] == ["title"]
    report = format_human(result.diagnostics, result.sources, lang=lang)
    assert said in report, report
    assert "abcdef0123" not in report and "previous text not available" not in report, report
