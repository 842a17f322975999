"""The libyaml fast path and the pure-Python parser give the same answer: the same document with the
same positions, or the same findings, for the shipped files, generated and fuzzed input."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from engine import read

from .conftest import FIXTURES, POLICY
from .test_fuzz import mutated_edition

FILES = sorted(POLICY.glob("*.yaml")) + sorted((FIXTURES / "mini").glob("*.yaml"))


@pytest.mark.skipif(read.CParser is None, reason="ruamel.yaml.clib is not installed")
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_and_pure_parsers_agree(path: Path) -> None:
    text = path.read_text("utf-8")
    yaml = YAML(typ="rt", pure=True)
    fast = read._read_fast(text, path.name)
    assert fast is not None
    pure = read._Builder(path.name, text)
    for event in yaml.parse(text):
        pure.feed(event)
    assert fast.root == pure.root
    assert fast.positions == pure.positions
    assert fast.key_positions == pure.key_positions


def test_syntax_errors_are_reported_by_the_pure_parser() -> None:
    # The fast path steps aside on any error, so messages and positions come from one parser.
    result = read.read_text("a: [1, 2\nb: 3\n", "x.yaml")
    assert result.document is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("YAML016", 1)]  # the [ never closed


# ---------------------------------------------------------------- agreement on any input
#
# The pure parser alone decides what a policy file may hold (the fast path steps aside on
# any doubt), so reading with libyaml present and reading without it must answer the same
# for every input: the same document with the same positions, or the same findings.

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
AGREE = settings(max_examples=EXAMPLES * 5, deadline=None,
                 derandomize="FUZZ_SEED" not in os.environ,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.function_scoped_fixture])

WORDS = ["a", "id", "title", "text", "number", "x y", "Use", "個人情報", "Пример", "0", "1.5",
         "true", "null", "~", "2010-04-20", "0x1F", "-", "a-b", "a:b", "a #b", "a# b", "http://x",
         "[Clause 1](#x)", "it's", "say \"hi\"", "?", "!", "&", "*", "%", "@", "`", "|", ">",
         ",", "[", "]", "{", "}", ":", "#"]
word = st.sampled_from(WORDS)
scalar = st.one_of(
    word,
    st.builds(lambda w: f'"{w}"', word),
    st.builds(lambda w: f"'{w}'", word),
    st.builds(lambda w: f'"{w}', word),  # never closed
    st.builds(lambda w: f"'{w}", word),
    st.builds(lambda a, b: f"[{a}, {b}]", word, word),
    st.builds(lambda a, b: f"{{{a}: {b}}}", word, word),
    st.builds(lambda a: f"[{a}", word),
    st.builds(lambda a, b: f"{a}: {b}", word, word),
    st.builds(lambda w: f"{w} # note", word),
    st.text(alphabet=" :-[]{},#'\"|>?!&*%@`\t\\xa-é個", max_size=6),
)
LINE_FORMS = [
    "{k}: {v}", "{k}:", "- {v}", "- {k}: {v}", "-", "? {k}", ": {v}", "# {v}", "", "{v}",
    "{k}: |", "{k}: >-", "{k}: |+", "{k}: >2", "{k}: |-  # c", "{k}:{v}", "{k} {v}",
    "---", "...", "- - {v}", "{k}: - {v}", "{k}: {v}: {v}", "  ", "{k}: &a {v}", "{k}: *a",
    "{k}: !!str {v}", "%YAML 1.2",
]


@st.composite
def generated_yaml(draw: st.DrawFn) -> str:
    """A document of policy-like lines with random forms, values and indentation."""
    lines = []
    for _ in range(draw(st.integers(1, 14))):
        form = draw(st.sampled_from(LINE_FORMS))
        line = form.format(k=draw(word), v=draw(scalar))
        indent = draw(st.sampled_from([0, 0, 1, 2, 2, 3, 4, 4, 6, 8]))
        lines.append(" " * indent + line)
    end = draw(st.sampled_from(["\n", "", "\n\n", " \n"]))
    return "\n".join(lines) + end


KEYS = ["id", "title", "text", "number", "a", "b-c", "個人", "\"q k\"", "'s k'", "1", "null", "-x"]
BLOCK_TEXTS = ["", "line one", "line one\nline two", "\nafter a blank", "  more indented\nback",
               "ends with blank\n", "# not a comment", "- not a list", "key: not a key"]


@st.composite
def block(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """A valid block collection at `indent`: the lines of a mapping or a list."""
    pad = " " * indent
    kind = draw(st.sampled_from(["map", "map", "seq"]))
    lines: list[str] = []
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
    for key in keys if kind == "map" else range(draw(st.integers(1, 3))):
        head = f"{pad}{key}:" if kind == "map" else f"{pad}-"
        choice = draw(st.sampled_from(["scalar", "scalar", "empty", "block", "text"] +
                                      (["nested", "nested"] if depth < 3 else [])))
        if choice == "scalar":
            lines.append(f"{head} {draw(scalar)}")
        elif choice == "empty":
            lines.append(head + draw(st.sampled_from(["", " ", " # c"])))
        elif choice == "text":
            style = draw(st.sampled_from(["|", ">", "|-", ">-", "|+", ">+"]))
            lines.append(f"{head} {style}")
            inner = " " * (indent + draw(st.integers(1, 4)))
            body = draw(st.sampled_from(BLOCK_TEXTS))
            lines.extend(f"{inner}{ln}" if ln else draw(st.sampled_from(["", inner[:-1], inner]))
                         for ln in body.split("\n"))
        elif choice == "nested":
            step = draw(st.integers(1 if kind == "map" else 2, 4))
            if kind == "map" and draw(st.booleans()):  # a list at its key's own indentation
                lines.append(head)
                lines.extend(f"{pad}- {draw(scalar)}" for _ in range(draw(st.integers(1, 2))))
                continue
            lines.append(head + draw(st.sampled_from(["", " # c"])))
            lines.extend(draw(block(indent + step, depth + 1)))
        else:
            lines.append(f"{head} [{draw(word)}, {draw(word)}]")
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "# note", pad + "# note", "  "])))
    return lines


@st.composite
def tree_yaml(draw: st.DrawFn) -> str:
    """A well-formed document, sometimes with one line moved or one character put in."""
    lines = draw(block(0, 0))
    if draw(st.booleans()):
        i = draw(st.integers(0, len(lines) - 1))
        if draw(st.booleans()):
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip(" ")
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(
                [":", ": ", "-", "- ", "'", '"', "[", "{", "#", " #", "?", "\t", "  ", "|", ">"]
            )) + lines[i][at:]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


def answer(text: str) -> tuple[Any, ...]:
    result = read.read_text(text, "x.yaml")
    findings = tuple((str(d), d.detail) for d in result.diagnostics)
    if result.document is None:
        return ("findings", findings)
    doc = result.document
    return ("document", repr(doc.data), sorted(doc.positions.items(), key=repr),
            sorted(doc.key_positions.items(), key=repr), findings)


def assert_parsers_agree(text: str) -> None:
    fast = answer(text)
    saved = read.CParser
    read.CParser = None
    try:
        pure = answer(text)
    finally:
        read.CParser = saved
    assert fast == pure, text


@pytest.mark.skipif(read.CParser is None, reason="ruamel.yaml.clib is not installed")
@AGREE
@given(generated_yaml())
def test_parsers_agree_on_generated_documents(text: str) -> None:
    assert_parsers_agree(text)


@pytest.mark.skipif(read.CParser is None, reason="ruamel.yaml.clib is not installed")
@AGREE
@given(tree_yaml())
def test_parsers_agree_on_generated_trees(text: str) -> None:
    assert_parsers_agree(text)


@pytest.mark.skipif(read.CParser is None, reason="ruamel.yaml.clib is not installed")
@settings(AGREE, max_examples=EXAMPLES)  # each reads a whole edition twice, once slowly
@given(mutated_edition())
def test_parsers_agree_on_mutated_shipped_files(mutation: tuple[str, bytes]) -> None:
    _, raw = mutation
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # refused before any parser sees it
    assert_parsers_agree(text)


@pytest.mark.skipif(read.CParser is None, reason="ruamel.yaml.clib is not installed")
@pytest.mark.parametrize("text", [
    "a: 1\n# a comment\twith a tab\n",  # a tab in a comment, no longer decides the path
    "a: |\n \n  text\n",  # blank line with fewer spaces than the text: both accept
    "a: |\n  \n text\n",
    "a: >\n \n  \n  text\n",  # the pure parser refuses this; libyaml must not accept it
    "a: ># c\n  text\n",
    "? a\n? b\nc:\n",
    "a:\nb: 1\n",
    "{a: , b: }\n",
    "%YAML 1.2\n---\na: 1\n",
    "%YAML 1.1\n---\na: yes\n",
    "%TAG ! tag:x,2000:\n---\na: !b c\n",
    "%YAML 1.3\n--- text\n",  # ruamel.yaml asserted on this: INTERNAL before
    "key:    # Comment\n        # lines\n  value\n\n\n",  # its round-trip scanner raised
])
def test_parsers_agree_on_known_differences(text: str) -> None:
    assert_parsers_agree(text)
    for d in read.read_text(text, "x.yaml").diagnostics:
        assert d.code.startswith("YAML"), str(d)
