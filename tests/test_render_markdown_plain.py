"""The hand renderer of simple texts (render/markdown.py) gives exactly markdown-it's output.

A text of paragraphs and tight bullet lists with no other Markdown syntax (`is_plain`) is
rendered without loading markdown-it; every function must then return what markdown-it would:
on every text of the shipped policy, on texts that only just miss being simple (each syntax
character, white space at a line's ends, lists and hard breaks in every position), and on
generated ones: from an alphabet of plain characters, the syntax characters and the white space
markdown-it and Python treat differently, and from lines of every kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.readfile import read_file
from render import markdown as m

POLICY = Path(__file__).resolve().parent.parent / "policy"


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _shipped_texts() -> list[str]:
    texts: set[str] = set()
    for path in sorted(POLICY.glob("*.yaml")):
        result = read_file(path, str(path))
        assert result.document is not None
        texts.update(_strings(result.document.data))
    return sorted(texts)


SHIPPED = _shipped_texts()


def assert_as_markdown_it(text: str) -> None:
    """Each renderer, by its plain path where the text is plain, equals markdown-it's."""
    line = " ".join(text.split())
    for breaks in (False, True):
        assert m.to_html.__wrapped__(text, breaks=breaks) == m._md_html(text, breaks), text
    assert m.to_inline_html.__wrapped__(text) == m._md_inline_html(line), text
    assert m.to_plain(text) == m._md_plain(line), text
    assert m.to_lines(text) == m._md_lines(text), text


def test_most_shipped_texts_are_simple() -> None:
    """The point of the hand renderer: most of the policy's texts never reach markdown-it."""
    plain = [t for t in SHIPPED if m.is_plain(t)]
    assert len(plain) > len(SHIPPED) // 2


@pytest.mark.parametrize("text", SHIPPED)
def test_every_shipped_text_renders_as_markdown_it_renders_it(text: str) -> None:
    assert_as_markdown_it(text)


NEAR_MISSES = [
    "", "\n", "\n\n", "a", "a\n", "\na", "a\nb", "a\n\nb", "a\n\n\nb\n", 'say "x"', "a'b",
    "a  \nb", "a \nb", "a\t\nb", " a", "a ", "\ta", "a\u3000\nb", "\u3000a", "a\u00a0", "a\n b",
    "a\n    b", "    a", "a\r\nb", "a\rb", "a\0b", "a\\\nb", "a\\b", "*a*", "_a_", "a_b_c",
    "`a`", "[a](http://x)", "[a]", "<a>", "<http://x>", "a &amp; b", "a & b", "&copy;", "!a",
    "# a", "#a", "a\n# b", "> a", "a\n> b", "- a", "-a", "a\n- b", "+ a", "* a", "1. a", "1) a",
    "1.a", "12.1 a", "2026年", "a\n===", "a\n---", "=", "a\n=", "~~~\na\n~~~", "```\na\n```",
    "a\u2028b", "a\x0bb", "a\x0cb", "a\x85b", "\x1ca", "a\x1c", "a | b", "a: b", "(a) b",
    "a &", "& a", "a&b", "a &amp;", "&#1;", "a &\nb", "- a", "- a\n- b", "a\n\n- b\n- c\n\nd",
    "- a\n\n- b", "- a\n\n\nb\n\n- c", "- a\nb", "a\n- b", "- ", "-  a", "- - a", "- 1. a",
    "- # a", "- a\\", "a\\\nb", "a \\\nb", "a\\\\\nb", "a\\", "a\\\n\nb", "a\\\n- b",
    "\\\nb", "ж\\\nb", "a\\b\\\nc", "a\\\nb\\\nc",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_render_as_markdown_it_renders_them(text: str) -> None:
    assert_as_markdown_it(text)


ALPHABET = st.sampled_from(list("ab жЖ。、9:!?()'\"%{}|/\n\n  \u3000\u00a0\u2028\x0b\x0c\x85\x1c"
                                "1.)-+*#>=~_`[]<>&\\\t\r"))


@settings(max_examples=3000, deadline=None)
@given(st.lists(ALPHABET, max_size=24).map("".join))
def test_generated_texts_render_as_markdown_it_renders_them(text: str) -> None:
    assert_as_markdown_it(text)


PLAIN_ALPHABET = st.sampled_from(list("ab жЖ。、9:!?()'\"%{}|/\n\n  \u3000\u00a0\u2028\x0b\x0c\x85"
                                      "1.)-"))


@settings(max_examples=3000, deadline=None)
@given(st.lists(PLAIN_ALPHABET, max_size=24).map("".join))
def test_generated_mostly_plain_texts_render_as_markdown_it_renders_them(text: str) -> None:
    assert_as_markdown_it(text)


LINES = st.sampled_from(["", "", "a", "b c", "ж。", "- a", "- ", "-a", "-  a", "- - a", "- 1. a",
                         "- # a", "- a\\", "- & b", "* a", "+ a", "1. a", "# a", "> a", " a", "a ",
                         "---", "===", "a\\", "a \\", "a\\\\", "\\", "a\\b", "ж\\", "\u3000\\",
                         "& x", "x &", "&", "&amp;", "a\\\\\\"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(LINES, max_size=8).map("\n".join))
def test_generated_texts_of_lines_render_as_markdown_it_renders_them(text: str) -> None:
    assert_as_markdown_it(text)
