"""A lawyer's usual mistakes in the master file, told wholly in ja and ru: `policy check --lang ja|ru`
says what is wrong and what to do in the reader's language, with the line and the names in it,
never the English detail after a plain sentence (from a non-programmer's review)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

CLAUSE_2 = "    number: 2\n"  # the clause 2 of the shipped master (clauses are indented 4)


def _line_of(text: str, piece: str, after: int = 0) -> int:
    """The 1-based line at which `piece` first starts (at or after offset `after`)."""
    at = text.index(piece, after)
    return text.count("\n", 0, at) + 1


def _after_number_2(text: str, new: str) -> str:
    return text.replace(CLAUSE_2, new, 1)


def _duplicate_title(text: str) -> tuple[str, int]:
    at = text.index("    title: ", text.index(CLAUSE_2))
    end = text.index("\n", at) + 1
    return text[:end] + "    title: again\n" + text[end:], _line_of(text, "    title: ", at)


Mistake = Callable[[str], tuple[bytes, dict[str, list[str]]]]


def _dup(text: str) -> tuple[bytes, dict[str, list[str]]]:
    changed, first = _duplicate_title(text)
    return changed.encode(), {"ja": ["「title:」", f"{first}行目", f":{first + 1}:"],
                              "ru": ["«title:»", f"строке {first}", f":{first + 1}:"]}


def _tab(text: str) -> tuple[bytes, dict[str, list[str]]]:
    line = _line_of(text, CLAUSE_2)
    return _after_number_2(text, "\tnumber: 2\n").encode(), {
        "ja": ["タブ", f":{line}:"], "ru": ["табуляц", f":{line}:"]}


def _colon(text: str) -> tuple[bytes, dict[str, list[str]]]:
    line = _line_of(text, CLAUSE_2)
    return _after_number_2(text, "    number 2\n").encode(), {
        "ja": ["コロン", f":{line}:"], "ru": ["двоеточие", f":{line}:"]}


def _quote(text: str) -> tuple[bytes, dict[str, list[str]]]:
    at = text.index("    title: ", text.index(CLAUSE_2))
    line = _line_of(text, "    title: ", at)
    changed = text[:at] + '    title: "' + text[at + len("    title: "):]
    return changed.encode(), {"ja": ["引用符", f":{line}:"], "ru": ["кавычк", f":{line}:"]}


def _indent(text: str) -> tuple[bytes, dict[str, list[str]]]:
    line = _line_of(text, CLAUSE_2)
    return _after_number_2(text, "  " + CLAUSE_2).encode(), {
        "ja": ["「id:」", f"{line - 1}行目"], "ru": ["«id:»", f"строке {line - 1}"]}


def _missing(text: str) -> tuple[bytes, dict[str, list[str]]]:
    return _after_number_2(text, "").encode(), {"ja": ["第2項", "「number:」"],
                                                "ru": ["п. 2", "«number:»"]}


def _unknown(text: str) -> tuple[bytes, dict[str, list[str]]]:
    line = _line_of(text, CLAUSE_2) + 1
    return _after_number_2(text, CLAUSE_2 + "    titel: x\n").encode(), {
        "ja": ["第2項", "「titel:」", "「title:」", f":{line}:"],
        "ru": ["п. 2", "«titel:»", "«title:»", f":{line}:"]}


def _wrong_kind(text: str) -> tuple[bytes, dict[str, list[str]]]:
    return _after_number_2(text, "    number: two\n").encode(), {
        "ja": ["第2項", "「number:」", "整数"], "ru": ["п. 2", "«number:»", "целое число"]}


def _wide_colon(text: str) -> tuple[bytes, dict[str, list[str]]]:
    line = _line_of(text, CLAUSE_2)
    return _after_number_2(text, "    number：2\n").encode(), {
        "ja": ["「：」", f":{line}:"], "ru": ["(：)", f":{line}:"]}


def _not_utf8(text: str) -> tuple[bytes, dict[str, list[str]]]:
    return text.encode("shift_jis", errors="replace"), {"ja": ["UTF-8", "0x"],
                                                        "ru": ["UTF-8", "0x"]}


def _empty(text: str) -> tuple[bytes, dict[str, list[str]]]:
    return b"", {"ja": ["空"], "ru": ["пуст"]}


def _title_of_2(text: str, new: str) -> tuple[str, int]:
    """Clause 2's title line written as `new` (the text after `title: `)."""
    at = text.index("    title: ", text.index(CLAUSE_2))
    end = text.index("\n", at)
    return text[:at] + "    title: " + new + text[end:], _line_of(text, "    title: ", at)


def _bracket_first(text: str) -> tuple[bytes, dict[str, list[str]]]:
    # a title that starts with a Markdown link or a bracketed note: [重要] …
    changed, line = _title_of_2(text, "[重要] 個人情報の取扱い")
    return changed.encode(), {"ja": ["「[」で始まる文章", "二重引用符", f":{line}:12:"],
                              "ru": ["начинается с «[»", "двойные кавычки", f":{line}:12:"]}


def _bang_first(text: str) -> tuple[bytes, dict[str, list[str]]]:
    # a title that starts with an exclamation mark (!重要), which YAML reads as a tag
    changed, line = _title_of_2(text, "!重要 個人情報の取扱い")
    return changed.encode(), {"ja": ["「!」で始まる文章", f":{line}:12:"],
                              "ru": ["начинается с «!»", f":{line}:12:"]}


def _backslash(text: str) -> tuple[bytes, dict[str, list[str]]]:
    changed, line = _title_of_2(text, '"個人情報の\\取扱い"')
    return changed.encode(), {"ja": ["バックスラッシュ", f":{line}:"],
                              "ru": ["обратная косая черта", f":{line}:"]}


def _second_document(text: str) -> tuple[bytes, dict[str, list[str]]]:
    # a Markdown habit: a line of dashes to separate two clauses
    line = _line_of(text, CLAUSE_2) - 1
    lines = text.split("\n")
    lines.insert(line - 1, "---")
    return "\n".join(lines).encode(), {"ja": ["（---）", "この行を削除", f":{line}:1:"],
                                       "ru": ["(---)", "удалите эту строку", f":{line}:1:"]}


MISTAKES: dict[str, Mistake] = {
    "text starting with [": _bracket_first, "backslash in quotes": _backslash,
    "text starting with !": _bang_first,
    "a line of dashes": _second_document,
    "duplicate key": _dup, "tab for indentation": _tab, "missing colon": _colon,
    "unclosed quote": _quote, "bad indentation": _indent, "missing required field": _missing,
    "unknown field": _unknown, "text for a number": _wrong_kind, "full-width colon": _wide_colon, "not UTF-8": _not_utf8,
    "empty file": _empty,
}
DETAIL = {"ja": "詳細：", "ru": "подробности:"}


@pytest.mark.parametrize("lang", ["ja", "ru"])
@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_usual_mistake_is_said_wholly_in_the_readers_language(
        mistake: str, lang: str, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    master = policy_copy / "ja.yaml"
    raw, words = MISTAKES[mistake](master.read_text(encoding="utf-8"))
    master.write_bytes(raw)
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang],
                                env={"NO_COLOR": "1"}, catch_exceptions=False)
    assert result.exit_code in (1, 2), result.output
    found = [line for line in result.output.splitlines() if line.rstrip().endswith("]")]
    assert found, result.output
    for line in found:
        assert DETAIL[lang] not in line, line
        assert "clauses/" not in line, line  # a clause as people count it, not a data path
    said = "\n".join(found)
    for word in words[lang]:
        assert word in said, (word, said)
