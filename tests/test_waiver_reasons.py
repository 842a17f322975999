"""A waiver's reason in the reader's language: one per language (`reason: {en, ja, ru}`), or
one text, which a Japanese or Russian reader is told is in English rather than finding an
English sentence slipped into theirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

from .conftest import POLICY


def _check(folder: Path, lang: str) -> str:
    result = CliRunner().invoke(main, ["check", "--policy", str(folder), "--lang", lang,
                                       "--show-waived"],
                                env={"NO_COLOR": "1"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _typo002(out: str) -> list[str]:
    return [line for line in out.splitlines() if "[TYPO002]" in line and "en.yaml" in line]


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "（例外として認められています：この文は、下に続く利用目的の一覧を導く文です。"),
    ("ru", " (исключение: Это предложение вводит список целей ниже;"),
    ("en", " (waived: The sentence introduces the list of purposes below;")])
def test_each_reader_reads_the_shipped_reasons_in_their_own_language(lang: str,
                                                                     said: str) -> None:
    first = _typo002(_check(POLICY, lang))[0]
    assert said in first, first


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "（例外として認められています。理由は英語でのみ書かれています：The sentence "),
    ("ru", " (исключение; причина записана только по-английски: The sentence ")])
def test_a_reason_in_english_only_is_said_to_be_english(tmp_path: Path, lang: str,
                                                        said: str) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    en = folder / "en.yaml"
    lines = en.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "the list of purposes below" in line)
    assert lines[at - 1].strip() == "en: >-" and lines[at - 2].strip() == "reason:"
    assert lines[at + 1].strip() == "ja: >-" and lines[at + 3].strip() == "ru: >-"
    # the plain form: `reason: >-` and the English text, no other language
    lines[at - 2:at + 5] = [lines[at - 2].replace("reason:", "reason: >-"), lines[at]]
    en.write_text("".join(lines), "utf-8")
    first = _typo002(_check(folder, lang))[0]
    assert said in first, first
