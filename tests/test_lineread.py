"""engine/lineread.py gives what engine.read gives, or steps aside: for every input, its answer is
None or the reader's own (the same data, types, positions and key positions); it takes the
plain declaration files it exists for; and the folder check says the same with it or without.
Its agreement with engine.read on every committed file and on generated and mutated documents
is tested beside the quick reader's, in tests/test_quickread.py (`FAST`)."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import lineread, quickread, read
from engine.uses import check_uses, load_uses, load_uses_texts

from .conftest import FIXTURES, POLICY, ROOT
from .test_quickread import _findings, _mutated_declaration, answer
from .test_read_parsers import AGREE, EXAMPLES

USES = FIXTURES / "uses"


def assert_same_or_none(text: str) -> bool:
    """Whether the line reader took `text`; when it did, it answered as engine.read does."""
    quick = lineread.line_read_text(text, "x.yaml")
    if quick is not None:
        assert answer(quick) == answer(read.read_text(text, "x.yaml")), text
    return quick is not None


def test_it_takes_the_policy_and_the_plain_declaration_files() -> None:
    """The shipped editions, the policy's tests, every example and the fixtures written the
    ordinary way (tests/test_quickread.py holds each answer to engine.read's)."""
    for path in [*sorted(POLICY.glob("*.yaml")), *sorted((POLICY / "tests").glob("*.yaml")),
                 *sorted((ROOT / "examples" / "uses").glob("*.yaml")),
                 *sorted((USES / "good").glob("*.yaml"))]:
        assert lineread.line_read_bytes(path.read_bytes(), path.name) is not None, path


def test_it_reads_the_benchmark_folder_as_the_reader_does(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_uses import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    generate(tmp_path, 12, 10, seed=3)
    for path in sorted(tmp_path.iterdir()):
        raw = path.read_bytes()
        quick = lineread.line_read_bytes(raw, path.name)
        assert quick is not None
        assert answer(quick) == answer(read.read_bytes(raw, path.name))


@pytest.mark.parametrize("text", [
    "", "# only a comment\n", "a:\n", "a: &x b\n", "a: *x\n", "a: !!str b\n",
    "a: b\na: c\n", "true: a\n", "null: a\n", "a: b\n  c\n", "a:\n- b\n", "a:\n  b:\n",
    "a: [b\n", "a: [b, ]\n", "a: [b] c\n", "a: {b}\n", "a: {b: }\n", "a: {b: c, b: d}\n",
    "a: b: c\n", "a: b:\n", "a:b\n", "a : b\n", "- a\n", "  a: b\n", "a:\n  - - b\n",
    "a:\n  -\n", "a:\n  - b\n   c: d\n", "a:\n    b: c\n  d: e\n", "a: b\r\n", "a:\tb\n",
    "a: \u200bb\n", "\ufeffa: b\n", "a: b\x85c\n", "a: b\u2028c\n", "a: \ufffe\n", "---\na: b\n",
    "a: b\n...\n", "%YAML 1.2\n---\na: b\n", "a: [b:c]\n", "a: [-b]\n", "a: -b\n",
    "a:\n" + " " * 300 + "b: c\n", "a: b" + "c" * 20_000 + "\n",
    # quoted scalars: over several lines, with an escape, with text after them
    "a: 'b\n  c'\n", "a: \"b\\tc\"\n", "a: \"b\" c\n", "a: 'b' c\n", "a: 'it's'\n",
    "a: [\"b\" c]\n", "a: [it's]\n", "a: ['b\n  c']\n", "a: \"b: c # d\"\n",
    # `|` and `>` texts: keep (+), an indentation digit, a blank or spaces-only line first,
    # a line more indented in a `>` text, a trailing space, an empty text, text after it
    "a: >+\n  t\n", "a: |2\n  t\n", "a: |\n\n  t\n", "a: >\n  \n  t\n",
    "a: >\n  t\n   u\n", "a: >-\n  t\n   \n  u\n", "a: >-\n", "a: >-\nb: c\n",
    "a: |x\n  t\n", "- a: >\n  t\n",
    # flows: a comment inside, a line not indented under its key, a trailing comma, an empty
    # entry, text after the bracket, a key that is not a plain word
    "a: [b, # c\n  d]\n", "a: [b,\nc]\n", "a:\n  b: [c,\n  d]\n", "a: {b: [c], }\n",
    "a: [b, , c]\n", "a: [b]#c\n", "a: {'b': c}\n", "a: {1: c}\n", "a: [b,\n\n  c]\n",
    # engine.read's limits, wherever the text is (found by a review with fresh eyes): `[` and
    # `{` nesting deeper than 64 in a value, quotes, a `|` text or a comment; a line over
    # 20,000 characters or indented over 512 spaces inside a text or a flow; blocks and flows
    # together over 64 levels; a key over 1,024 characters
    "a: b" + "[" * 65 + "\n", "a: '" + "[" * 65 + "'\n", "a: |\n  " + "{" * 65 + "\n",
    "# " + "[" * 65 + "\na: b\n", "a: |\n  x\n" + " " * 513 + "y\n", "a: [b,\n" + " " * 513 + "c]\n",
    "a: |\n  " + "x" * 19999 + "\n", "a: [b,\n  " + "x" * 19998 + "]\n",
    "a: >\n  x\n  " + "y" * 20001 + "\n",
    "".join("  " * i + f"k{i}:\n" for i in range(31)) + "  " * 31 + "z: " + "[" * 32 + "a"
    + "]" * 32 + "\n",
    "k" * 1025 + ": b\n", "a:\n  - " + "k" * 1025 + ": 1\n", "a: {" + "k" * 1025 + ": b}\n",
])
def test_it_steps_aside_on_anything_else(text: str) -> None:
    assert lineread.line_read_text(text, "x.yaml") is None


@pytest.mark.parametrize("text", [
    "a: b\n", "a: true\nb: False\nc: NULL\nd: yes\ne: no\nf: n\n", "a: [true, null, x y]\n",
    "a: {b: c d, e: false}\n", "a: []\nb: {}\nc: [ ]\n", "a: [ b ,c,  d ]\n",
    "a: { b: c ,d: e }\n", "a: b # c\n# d\n\n  # e\nf: g  \n", "a:  # c\n  b: c\n",
    "a:\n  - b\n  - [c]\n  -   d: e\n      f: g\n  - h: {i: j}\n", "a: http://x/y#z\n",
    "a: (example), it's \"so\"\n", "a: C# and F#\n", "a_b-c: _d\n",
    "a: システム0\nb: {ja: 個人情報, ru: Пример 1}\n", "a: b", "a:\n    - b:\n        c: d\n",
    # numbers, dates and versions read as YAML 1.2 reads them; words after an indicator
    "a: 1\n", "a: 1.5\n", "a: ~\n", "a: 0x1F\n", "a: .inf\n", "a: -1\n", "a: =\n",
    "a: <<\n", "a: 2010-04-20\n", "a: 2.2.0\n", "a: 2289dd2c88\n", "a: 1e3\n", "a: 0o17\n",
    "a: 007\n", "a: 1_000\n", "a: b\nb: 2\n", "a: x]\n", "a: b [c] {d}\n", "a: 「b」\n",
    # quoted scalars
    "a: 'q'\n", "a: \"q\"\n", "a: 'it''s'\n", "a: ''\n", "a:\n  - 'q'\n",
    # `|` and `>` texts
    "a: |\n  t\n", "a: >-\n  t\n", "a: >\n  t\n  u\n\n  v\n\n\n  w\n\nb: c\n",
    "a: |-\n    t\n     u\n\n    v\n  # after\nb: c\n", "a:\n  - >-\n    t\n    u\n  - b\n",
    "a:\n  - b: |\n      t\n    c: d\n", "a: >- # c\n  t # not a comment\n",
    "a: >\n  t  \n  u\n", "a: |\n  t \n", "a: >-\n  t\n  ",
    # flows over several lines, nested, with quoted scalars and numbers
    "a: [b, [c]]\n", "a: ['b']\n", "a: [\"*\", 1, 2.5, ~, 'q''r']\n",
    "a: {b: [c, d], e: {f: g}}\n", "a: [b, c,\n    d, e]\nf: g\n",
    "a:\n  b: {c: [d,\n      e], f: g}  # h\n  i: j\n", "a: [\n  b,\n  c\n  ]\n",
])
def test_plain_text_takes_the_line_reader_with_the_readers_answer(text: str) -> None:
    assert assert_same_or_none(text)


def test_its_limits_are_engine_reads_or_within_them() -> None:
    assert lineread.MAX_DEPTH == read.MAX_DEPTH
    assert lineread.MAX_LINE_CHARS == read.MAX_LINE_CHARS
    assert lineread.MAX_INDENT * 2 <= read.MAX_DEPTH * 8  # engine.read: 512 spaces
    assert lineread.MAX_LEVELS * 2 <= read.MAX_DEPTH


def test_the_characters_it_takes_are_those_engine_read_and_the_parser_take() -> None:
    taken = "".join(chr(c) for c in range(0x110000)
                    if lineread._ODD.match(chr(c)) is None)
    assert read._ESCAPED_INVISIBLE.search(taken) is None
    # YAML's printable characters (libyaml's reader refuses the others), tab and CR aside
    printable = re.compile("[\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert all(printable.match(ch) for ch in taken)
    assert "\x85" not in taken and "\u2028" not in taken and "\u2029" not in taken


# -- generated text ---------------------------------------------------------------------------
# Declaration-like documents from the words at the edge of what the line reader takes: plain
# words, words YAML reads as something else, and words it must leave to the other readers.

SAFE_WORDS = ["use", "contact", "team 0", "System 0", "システム0", "Пример", "(example)", "it's",
              "a-b", "_x", "yes", "no", "n", "y", "on", "http://x", "C#", "a, b", "Nullable",
              "true", "False", "NULL", "trueish", "1", "-2", "1.5", "2.2.0", "2010-04-20", "~",
              "0x1F", "1e3", "007", "'q'", "'it''s'", '"q"', "''", "x]", "「b」", "=", "<<"]
FLOW_WORDS = ["use", "team 0", "システム0", "(example)", "a-b", "true", "~", "1", "2.5",
              "2010-04-20", "'q'", "'a, b'", '"*"', "''", "'it''s'"]
EDGE_WORDS = ["a:b", "a: b", "a:", "a #b", "-a", "- a", "1", "1.5", "0x1F", "~", ".inf", "'q'",
              '"q"', "&a", "*a", "!t", "|", ">", "[a", "a]", "{a", "a}", "%a", "@a", "`a", "?a",
              ":a", "=", "<<", "2010-04-20", "a\tb", "a\u200bb", ""]
SAFE_KEYS = ["id", "data", "a-b", "_k", "when", "y", "n", "on"]
EDGE_KEYS = ["true", "Null", "1", "-k", "k k", "'k'", "名"]


@st.composite
def plain_value(draw: st.DrawFn, safe: bool) -> str:
    word = st.sampled_from(SAFE_WORDS if safe else SAFE_WORDS + EDGE_WORDS)
    flow = st.sampled_from(FLOW_WORDS if safe else FLOW_WORDS + EDGE_WORDS)
    key = st.sampled_from(SAFE_KEYS if safe else SAFE_KEYS + EDGE_KEYS)
    gap = st.sampled_from(["", " ", "  "]) if safe else st.sampled_from(["", " ", "  ", "\t"])
    kind = draw(st.sampled_from(["word", "word", "list", "map"]))
    if kind == "word":
        return draw(word)
    return _flow_text(draw, kind, flow, key, gap, 0)


def _flow_text(draw: st.DrawFn, kind: str, flow: st.SearchStrategy[str],
               key: st.SearchStrategy[str], gap: st.SearchStrategy[str], depth: int) -> str:
    """A flow list or mapping; inside, words and (two levels down at most) flows; a line break
    (marked \x00, indented by `plain_block`) may follow any comma."""
    def item() -> str:
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            return _flow_text(draw, draw(st.sampled_from(["list", "map"])), flow, key, gap,
                              depth + 1)
        return draw(flow)

    def comma() -> str:
        return f"{draw(gap)},{chr(0) if draw(st.integers(0, 3)) == 0 else draw(gap)}"

    if kind == "list":
        items = [item() for _ in range(draw(st.integers(0, 3)))]
        return "[" + draw(gap) + comma().join(items) + draw(gap) + "]"
    keys = draw(st.lists(key, max_size=3, unique=True))
    pairs = [f"{k}:{' ' + draw(gap)}{item()}" for k in keys]
    return "{" + draw(gap) + comma().join(pairs) + draw(gap) + "}"


# `|` and `>` texts: their lines (words, blank lines) below a key indented `indent`.
TEXT_LINES = ["word", "Small Bridge, Inc. (we)", "個人情報: 当社", "a # b", "- item", "key: v",
              "[link](#x)", "'quoted'", "\\", ""]
EDGE_TEXT_LINES = [" more", "trailing ", "  ", "\t", "#"]


@st.composite
def block_text(draw: st.DrawFn, indent: int, safe: bool) -> list[str]:
    header = draw(st.sampled_from([">-", ">", "|", "|-"] if safe else
                                  [">-", ">", "|", "|-", ">+", "|2", ">-x", "> #c"]))
    pad = " " * (indent + draw(st.integers(1, 3) if safe else st.integers(0, 3)))
    lines = [draw(st.sampled_from(TEXT_LINES[:-1]))]
    lines += draw(st.lists(st.sampled_from(TEXT_LINES if safe else
                                           TEXT_LINES + EDGE_TEXT_LINES), max_size=4))
    return [header] + [pad + line if line else "" for line in lines]


@st.composite
def plain_block(draw: st.DrawFn, indent: int, depth: int, safe: bool,
                mapping: bool = False) -> list[str]:
    """The lines of a block mapping (or, below a key, a list) at `indent`."""
    pad = " " * indent
    key = st.sampled_from(SAFE_KEYS if safe else SAFE_KEYS + EDGE_KEYS)
    lines: list[str] = []
    if depth and not mapping and draw(st.booleans()):  # a list
        for _ in range(draw(st.integers(1, 3))):
            dash = pad + "-" + " " * draw(st.integers(1, 3))
            if draw(st.booleans()):
                inner = draw(plain_block(len(dash), depth + 1, safe, mapping=True))
                lines.append(dash + inner[0].lstrip(" "))
                lines.extend(inner[1:])
            else:
                value = draw(plain_value(safe)).split(chr(0))
                lines.append(dash + value[0])
                lines.extend(" " * (len(dash) + 1) + part for part in value[1:])
        return lines
    for k in draw(st.lists(key, min_size=1, max_size=4, unique=True)):
        comment = draw(st.sampled_from(["", "", "  # c", " #c"]))
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            lines.append(f"{pad}{k}:{comment}")
            lines.extend(draw(plain_block(indent + draw(st.integers(1, 4)), depth + 1, safe)))
        elif draw(st.integers(0, 4)) == 0:
            text = draw(block_text(indent, safe))
            lines.append(f"{pad}{k}: {text[0]}{comment}")
            lines.extend(text[1:])
        else:
            value = draw(plain_value(safe)).split(chr(0))
            more = " " * (indent + draw(st.integers(1, 4)))
            lines.append(f"{pad}{k}: {value[0]}{comment if len(value) == 1 else ''}")
            lines.extend(more + part for part in value[1:])
        if draw(st.integers(0, 5)) == 0:
            # (a line of spaces only where no `|` or `>` text can end before it: there, its
            # spaces beyond the text's indentation would be text, which the reader leaves)
            lines.append(draw(st.sampled_from(["", "# note", pad + "# note"] if safe else
                                              ["", "# note", pad + "# note", "  "])))
    return lines


def _document(lines: list[str], end: str) -> str:
    return "\n".join(lines) + end


@settings(AGREE)
@given(plain_block(0, 0, True), st.sampled_from(["\n", "", "\n\n", " \n"]))
def test_plain_generated_documents_take_the_line_reader_with_the_readers_answer(
        lines: list[str], end: str) -> None:
    text = _document(lines, end)
    assert assert_same_or_none(text), text


@settings(AGREE)
@given(plain_block(0, 0, False), st.sampled_from(["\n", "", "\n\n"]), st.data())
def test_the_same_or_none_on_generated_edge_documents(lines: list[str], end: str,
                                                       data: st.DataObject) -> None:
    if data.draw(st.booleans()):  # one line moved or one character put in
        i = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            lines[i] = " " * data.draw(st.integers(0, 6)) + lines[i].lstrip(" ")
        else:
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + data.draw(st.sampled_from(
                [":", ": ", "-", "- ", "'", '"', "[", "]", "{", ",", "#", " #", "?", "\t", "  ",
                 "|", ">", "&", "*", "!", "\r", "\u200b"])) + lines[i][at:]
    assert_same_or_none(_document(lines, end))


# -- the folder check, with and without it ----------------------------------------------------

def _only_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lineread, "line_read_bytes", lambda raw, name: None)
    monkeypatch.setattr(quickread, "quick_read_bytes", lambda raw, name: None)


@pytest.mark.parametrize("folder", ["good", "bad", "broken", "empty", "ledger"])
def test_uses_check_says_the_same_with_and_without_the_line_reader(
        folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import load

    policy = load(USES / "policy")
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    quick = check_uses(policy, load_uses(USES / folder))
    with monkeypatch.context() as m:
        _only_the_reader(m)
        slow = check_uses(policy, load_uses(USES / folder))
    assert _findings(quick) == _findings(slow)
    assert [(u.key, u.line, u.col, u.source) for u in quick.declarations] == [
        (u.key, u.line, u.col, u.source) for u in slow.declarations]


def test_a_broken_file_still_gets_the_readers_diagnostics_at_file_line_col() -> None:
    good = (USES / "good" / "mailer.yaml").read_bytes()
    broken = good.replace(b"\n  - id:", b"\n  - id: [unclosed\n  - id:", 1)
    result = load_uses_texts({"good.yaml": good, "broken.yaml": broken}, "uses")
    yaml = [d for d in result.diagnostics if d.code.startswith("YAML")]
    assert yaml and all(d.file == "uses/broken.yaml" and d.line > 0 and d.col > 0
                        for d in yaml)
    assert [s.file for s in result.systems] == ["uses/good.yaml"]


@settings(AGREE, max_examples=EXAMPLES)
@given(st.lists(st.integers(0, 2**32), min_size=1, max_size=3))
def test_declaration_findings_are_the_same_with_and_without_the_line_reader(
        seeds: list[int]) -> None:
    rng = random.Random(seeds[0])
    files = {f"f{i}.yaml": _mutated_declaration(s) if rng.random() < 0.7 else
             (ROOT / "examples" / "uses" / "mailer.yaml").read_bytes()
             for i, s in enumerate(seeds)}
    quick = load_uses_texts(files, "uses")
    saved = lineread.line_read_bytes, quickread.quick_read_bytes
    lineread.line_read_bytes = lambda raw, name: None  # type: ignore[assignment]
    quickread.quick_read_bytes = lambda raw, name: None  # type: ignore[assignment]
    try:
        slow = load_uses_texts(files, "uses")
    finally:
        lineread.line_read_bytes, quickread.quick_read_bytes = saved
    assert _findings(quick) == _findings(slow)
    assert [(u.key, u.line, u.col, u.source) for u in quick] == [
        (u.key, u.line, u.col, u.source) for u in slow]


def test_a_first_check_of_plain_files_imports_no_yaml_library(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No read cache, plain files: neither ruamel.yaml nor the reader, nor jsonschema, pydantic
    or markdown-it (a file with a mistake would bring the reader and jsonschema)."""
    from .test_lazy_imports import _modules_after, _top

    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    loaded = _modules_after("uses", "check", "--uses", str(USES / "good"),
                            "--policy", str(USES / "policy"))
    assert not _top(loaded) & {"ruamel", "_ruamel_yaml", "jsonschema", "pydantic",
                               "markdown_it"}
    assert not loaded & {"engine.read", "engine.quickread", "engine.yamlerrors"}


@settings(AGREE)
@given(st.sampled_from(list("aZ_(tTfFnNyYoOéПシ")),
       st.text(alphabet="aeulnrsTRUEFALSNx_-( 1.:", max_size=6))
def test_a_word_it_takes_has_the_type_engine_read_gives_it(first: str, rest: str) -> None:
    """Text, or exactly true, false and null: YAML 1.2's reading of a plain word that starts
    with a letter, `_` or `(`."""
    word = (first + rest).rstrip(" ")
    expected = read.plain_scalar(read._RESOLVER, word, (True, False))
    got = lineread._plain(word)
    assert (got, type(got)) == (expected, type(expected))


@settings(AGREE)
@given(st.text(alphabet="0123456789+-._eExXoObBaAfFiInN:~ ", min_size=1, max_size=10))
def test_a_number_date_or_version_has_the_type_engine_read_gives_it(text: str) -> None:
    """YAML 1.2's reading of a plain value that starts with a digit, a sign, `.` or `~`
    (ruamel.yaml's int and float, tried in its order), as engine.read reads it."""
    word = text.strip(" ")
    if not word:
        return
    expected = read.plain_scalar(read._RESOLVER, word, (True, False))
    got = lineread._plain(word)
    assert (got, type(got)) == (expected, type(expected)) or (
        got != got and expected != expected), word  # NaN is itself only by type


@pytest.mark.parametrize("word", ["true", "True", "TRUE", "false", "False", "FALSE", "null",
                                  "Null", "NULL", "yes", "on", "tRue", "nULL", "n", "y"])
def test_the_words_yaml_reads_as_true_false_or_null(word: str) -> None:
    expected = read.plain_scalar(read._RESOLVER, word, (True, False))
    got = lineread._plain(word)
    assert (got, type(got)) == (expected, type(expected))
