"""`policy diff` says where the words come from when that changes (`origin:` of an edition or
of a unit): the pages then tell readers something else of them. It needs no version bump."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.change_report import render_report
from engine.cli import main
from engine.diff import diff_sides, required_level, side_from_folder
from render.redline import render_diff_page

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "policy"


@pytest.fixture(scope="module")
def head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped policy with the English edition marked published, its clause 7 (published
    in English, word for word) marked translated, and the Japanese master no longer said to be
    reconstructed. No word changes."""
    folder = tmp_path_factory.mktemp("origins") / "policy"
    shutil.copytree(SHIPPED, folder)
    en = (folder / "en.yaml").read_text("utf-8")
    en = en.replace("origin: translated         #", "origin: published          #", 1)
    at = en.index("  - id: communications")
    en = en[:at] + en[at:].replace("origin: published", "origin: translated", 1)
    (folder / "en.yaml").write_text(en, "utf-8")
    ja = (folder / "ja.yaml").read_text("utf-8")
    (folder / "ja.yaml").write_text(ja.replace("origin: reconstructed", "origin: published", 1),
                                    "utf-8")
    return folder


def run(*args: str, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"POLICY_LANG": lang})
    return result.exit_code, result.output


def test_the_origins_that_changed_are_the_diffs(head: Path) -> None:
    diff = diff_sides(side_from_folder(SHIPPED), side_from_folder(head))
    assert [o.text() for o in diff.origins] == [
        "ja origin: reconstructed -> published",
        "en origin: translated -> published",
        "clause 7 [en] origin: published -> translated"]
    # no word changed: no bump, and the diff is not "no changes"
    assert diff.text is not None and not diff.text.changes and not diff.facts
    assert required_level(diff) == ("none", ())
    assert not diff.empty


def test_every_format_of_the_diff_says_it_and_check_passes(head: Path) -> None:
    code, out = run("diff", str(SHIPPED), str(head), "--check")
    assert code == 0, out
    assert "Origin:\n  ja origin: reconstructed -> published\n" in out
    assert "  clause 7 [en] origin: published -> translated\n" in out
    assert "no changes" not in out
    code, out = run("diff", str(SHIPPED), str(head), "--format", "json")
    body = json.loads(out)
    assert body["required_bump"] == "none"
    assert body["origins"][2] == {
        "lang": "en", "key": "clause:communications", "old": "published", "new": "translated",
        "base": {"id": "communications", "number": "7"},
        "head": {"id": "communications", "number": "7"}}
    code, out = run("diff", str(SHIPPED), str(head), "--format", "markdown")
    assert "### Origin\n\n| edition | part | before | after |\n|---|---|---|---|\n" \
           "| ja | edition | reconstructed | published |\n" in out
    assert "| en | clause 7 | published | translated |" in out


@pytest.mark.parametrize(("lang", "lines"), [
    ("ja", ["文言の出所：", "  日本語版：他の言語版をもとに復元 → 公表済みの文言",
            "  第7項 利用者のコミュニケーションの分析（英語）：公表済みの文言 → "
            "当社による翻訳（法務担当の確認前）"]),
    ("ru", ["Происхождение текста:",
            "  Японская версия: текст, восстановленный по другим языковым версиям → "
            "опубликованный текст",
            "  П. 7 Анализ ваших сообщений (английский): опубликованный текст → наш перевод, "
            "ещё не проверенный юристами"])])
def test_the_text_says_it_in_the_readers_words(head: Path, lang: str,
                                               lines: list[str]) -> None:
    code, out = run("diff", str(SHIPPED), str(head), "--lang", lang)
    assert code == 0, out
    got = out.splitlines()
    at = got.index(lines[0])
    assert got[at:at + 4:3] == lines[::2] and got[at + 1] == lines[1], got[at:]


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["Where the words come from", "The English edition: translated by us, not yet "
            "reviewed by our lawyers → as published",
            "Clause 7 Analyzing your Communications (English): as published → translated by "
            "us, not yet reviewed by our lawyers"]),
    ("ja", ["文言の出所", "英語版：当社による翻訳（法務担当の確認前） → 公表済みの文言"]),
    ("ru", ["Происхождение текста", "Английская версия: наш перевод, ещё не проверенный "
            "юристами → опубликованный текст"])])
def test_the_diff_page_and_the_report_say_it_without_ids(head: Path, lang: str,
                                                         said: list[str]) -> None:
    diff = diff_sides(side_from_folder(SHIPPED), side_from_folder(head))
    page = render_diff_page(diff, lang)
    report = render_report(diff, lang)
    # a translation's page tells its own edition's (the Russian none); the master's, all
    shown = (report,) if lang == "ru" else (page, report)
    for text in shown:
        for words in said:
            assert words in text, (words, text[-2000:])
    for text in (page, report):
        assert "communications" not in text and "clause:" not in text
    if lang == "ru":
        assert "Происхождение текста" not in page
    if lang == "ja":
        assert re.search(r"<li>日本語版：", page)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "only where the words come from changed (origin:), which needs no new version; "
           "keep 2.2.0"),
    ("ja", "変わったのは文言の出所（「origin:」）だけで、文言そのものは変わっていないため、"
           "バージョンを上げる必要はありません。バージョン番号を 2.2.1 から 2.2.0 に戻してください"),
    ("ru", "изменилось только происхождение текста («origin:»), а сам текст не менялся, "
           "поэтому повышать версию не нужно; верните номер версии 2.2.0 вместо 2.2.1")])
def test_a_version_bumped_for_an_origin_alone_is_said_so(head: Path, tmp_path: Path, lang: str,
                                                         said: str) -> None:
    """A version raised although only an `origin:` changed: DIFF001 says that this is what
    changed and that it needs no version, never that nothing changed (the diff just listed
    the origin above it)."""
    bumped = tmp_path / "policy"
    shutil.copytree(head, bumped)
    ja = (bumped / "ja.yaml").read_text("utf-8")
    assert "  version: 2.2.0 " in ja
    (bumped / "ja.yaml").write_text(ja.replace("  version: 2.2.0 ", "  version: 2.2.1 ", 1),
                                    "utf-8")
    code, out = run("diff", str(SHIPPED), str(bumped), "--check", lang=lang)
    assert code == 1, out
    line = next(ln for ln in out.splitlines() if "DIFF001" in ln)
    assert said in line
    assert "nothing in the policy changed" not in line and "ничего не изменилось" not in line
    assert "変わっていないのに" not in line
