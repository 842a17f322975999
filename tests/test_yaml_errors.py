"""YAML syntax errors point where the legal team must look, in plain words (issue 12).

The three defects of the issue, reproduced on the shipped English edition (the lines to break
are found in the file, not hard-coded), and every YAML case of the malformed catalogue: the
finding is at the line and column of the mistake, says what is wrong and what to do without a
parser's token names, and shows the source line with a caret under the column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.diagnostics import Diagnostic
from engine.read import read_bytes, read_text
from engine.yamlerrors import source_lines

from .conftest import POLICY
from .test_malformed import CASES, HERE, generate
from .test_yaml_suite import parser_words

EN = (POLICY / "en.yaml").read_text("utf-8")


def only_error(text: str) -> Diagnostic:
    result = read_text(text, "policy/en.yaml")
    assert result.document is None
    errors = [d for d in result.diagnostics if d.code.startswith("YAML")]
    assert len(errors) == 1, [str(d) for d in result.diagnostics]
    return errors[0]


def assert_shows_line(d: Diagnostic, text: str) -> None:
    line = text.split("\n")[d.line - 1]
    gutter = f"{d.line} | "
    assert d.detail[0] == gutter + line
    assert d.detail[1] == " " * (len(gutter) - 2) + "| " + " " * (d.col - 1) + "^"


def replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def title_after_key() -> tuple[int, str, str]:
    """A clause's `title:` line that follows a `key:` line at the same indentation."""
    lines = EN.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        m = re.match(r"( +)title: [^\"'\[{]", line)
        prev = re.match(r"( +)([a-z_]+):", lines[i - 1])
        if m and prev and prev.group(1) == m.group(1) and not lines[i - 1].startswith("- "):
            return i + 1, line, prev.group(2)
    raise AssertionError("no clause title in en.yaml")


def test_unclosed_double_quote_is_reported_where_it_opens() -> None:
    number, line, _ = title_after_key()
    broken = replace_line(EN, number, line.replace("title: ", 'title: "', 1))
    d = only_error(broken)
    assert (d.code, d.line, d.col) == ("YAML014", number, line.index("title: ") + 8)
    assert "never closed" in d.message and 'closing "' in (d.hint or "")
    assert_shows_line(d, broken)


def test_title_indented_one_space_too_few_names_the_line_to_line_up_with() -> None:
    number, line, key = title_after_key()
    indent = len(line) - len(line.lstrip())
    broken = replace_line(EN, number, line[1:])
    d = only_error(broken)
    assert (d.code, d.line, d.col) == ("YAML015", number, indent)
    assert f"line this up with `{key}:` on line {number - 1}: {indent} spaces" in (d.hint or "")
    assert "1 space less" in d.message
    assert_shows_line(d, broken)


def test_outdented_text_is_reported_at_its_own_line() -> None:
    lines = EN.split("\n")
    for i, line in enumerate(lines):
        if line.endswith(": >-") and all(ln.strip() for ln in lines[i + 1:i + 4]):
            target = i + 3  # the third line of the text, 0-based
            break
    else:
        raise AssertionError("no folded text of three lines in en.yaml")
    indent = len(lines[target]) - len(lines[target].lstrip())
    outdented = lines[target][indent - 2:] if indent > 4 else lines[target].lstrip()
    broken = replace_line(EN, target + 1, outdented)
    d = only_error(broken)
    new_indent = len(outdented) - len(outdented.lstrip())
    assert (d.code, d.line, d.col) == ("YAML015", target + 1, new_indent + 1)
    assert f"indent it by {indent} spaces" in (d.hint or "")
    assert_shows_line(d, broken)


# Every YAML finding at a position (not the file-level ones: empty, CRLF, a byte-order mark).
YAML_CASES = [c for c in CASES if c["code"].startswith("YAML") and c["code"] not in
              ("YAML004", "YAML009", "YAML010") and c.get("line")]


@pytest.mark.parametrize("case", YAML_CASES, ids=[c["id"] for c in YAML_CASES])
def test_catalogued_yaml_errors_are_in_plain_words_with_the_source_line(
        case: dict[str, object]) -> None:
    raw = (HERE / "files" / str(case["file"])).read_bytes() if "file" in case \
        else generate(case["generate"])  # type: ignore[arg-type]
    result = read_bytes(raw, "x.yaml")
    hits = [d for d in result.diagnostics if (d.code, d.line, d.col) ==
            (case["code"], case["line"], case["col"])]
    assert hits, [str(d) for d in result.diagnostics]
    d = hits[0]
    assert not parser_words(d.message) and not parser_words(d.hint or ""), str(d)
    assert d.hint, str(d)
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    assert d.detail == source_lines(text, d.line, d.col)
    assert d.detail and d.detail[1].endswith("^")


def test_caret_accounts_for_wide_characters() -> None:
    shown = source_lines("title: 個人情報 x\n", 1, 13)
    assert shown == ("1 | title: 個人情報 x", "  | " + " " * (7 + 8 + 1) + "^")


def test_long_lines_are_cut_around_the_caret() -> None:
    text = "a: " + "x" * 500 + ": y\n"
    line, caret = source_lines(text, 1, 504)
    assert len(line) < 120 and line.startswith("1 | …")
    assert caret.index("^") == line.index(": y")


def test_finding_never_shows_a_parser_token_or_a_tuple(tmp_path: Path) -> None:
    # The parser's own words for these are "expected '<document start>', but found
    # (']',)" and "expected <block end>, but found '<scalar>'".
    for text in ["a: 1\n]\n", 'a:\n  b: "x" y\n', "- a\nb: c\n", "a: b\n...\nc\n"]:
        for d in read_text(text, "x.yaml").diagnostics:
            assert "<" not in d.message and "',)" not in d.message, str(d)
            assert not parser_words(d.message), str(d)


def test_source_line_never_carries_a_hidden_character() -> None:
    # A bidi override shown as-is would reorder the line on the terminal; a NUL could cut it.
    line, caret = source_lines("a: x\u202ey\x00z\u200b\n", 1, 5)
    assert line == "1 | a: x\ufffdy\ufffdz\ufffd"
    assert caret.index("^") == line.index("\ufffd")


@pytest.mark.parametrize(("text", "bracket"), [
    ("x: [\n", "["), ("x: {\n", "{"), ("x: [a, [b]\n", "["), ("x: {a: [b], c: {d: 1}\n", "{"),
])
def test_a_bracket_left_open_at_the_end_of_the_file_is_reported_where_it_opens(
        text: str, bracket: str) -> None:
    """`x: [` with nothing after it: the [ never closed, at its own place (line 1 col 4), not
    "the file ends in the middle of a value" at the line after the file's last."""
    d = only_error(text)
    assert (d.code, d.line, d.col) == ("YAML016", 1, 4)
    assert f"this {bracket} is never closed" in d.message
    assert_shows_line(d, text)
