"""engine/markup.py answers most texts without markdown-it: what it says of a text must be
exactly what the parse says, for every text the policy, the fixtures and the check cases hold,
and for texts built to sit on the edge of the shortcut (list markers, brackets, line ends)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from engine.markup import parsed, scan
from engine.readfile import read_file

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted({*ROOT.glob("policy/**/*.yaml"), *ROOT.glob("tests/**/*.yaml"),
                *ROOT.glob("examples/**/*.yaml")})


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _texts() -> list[str]:
    out: set[str] = set()
    for path in FILES:
        doc = read_file(path).document
        if doc is not None:
            out.update(_strings(doc.data))
    return sorted(out)


TEXTS = _texts()

# Lines on both sides of the shortcut: list markers (bullets, numbers, after indentation and
# blockquote marks), things that look like them but are not, brackets alone, line ends.
LINES = ["- item", "+ item", "* item", "1. item", "2) item", "   - item", "\t- item", "> - item",
         ">- item", "1234567890. not a list", "１. full-width digit", "-not a list", "--- rule",
         "* * *", "a - b", "text", "", "  ", "see [here](https://example.com)", "](javascript:x)",
         "<https://example.com>", "<javascript:alert(1)>", "a < b", "<b>bold</b>", "1.5 times",
         "第1条", "① item", "・ item", "— dash"]


def test_there_are_texts_on_both_sides_of_the_shortcut() -> None:
    from engine.markup import _plain_list_items

    shortcut = [t for t in TEXTS if _plain_list_items(t) is not None]
    assert len(TEXTS) > 1000 and 100 < len(shortcut) < len(TEXTS)
    # bulleted lists are answered too, not only texts with no marker at all
    assert any(_plain_list_items(t) for t in shortcut)


def test_scan_is_the_parse_for_every_text_in_the_repository() -> None:
    assert [t for t in TEXTS if scan(t) != parsed(t)] == []


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\r", "\n\n"])
def test_scan_is_the_parse_on_the_edge_of_the_shortcut(sep: str) -> None:
    for a, b in itertools.product(LINES, repeat=2):
        text = f"{a}{sep}{b}"
        assert scan(text) == parsed(text), text


# Every ASCII punctuation character, the spaces markdown-it knows and some it does not, and a
# few full-width look-alikes, in the places where they could start, hide or nest a construct.
SPECIALS = [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " ", "\t", "\u00a0", "\u3000", "\uff0d",
            "\uff0a", "\u30fb", "0", "1", "a", "\u5f53"]
FORMS = ["{c}", "{c} text", "{c}{c}{c}", "{c} {c} {c}", "text {c} text", "text{c}", "- {c}text",
         "- text {c}", "* {c}", "-{c}", "1{c} text", "  {c} item", "    {c} code", "> {c} quoted",
         "{c}\ttext", "- {c}", "[a]{c}", "[a]({c})", "<{c}>", "{c}- item", "{c}{c}{c}\n- item"]
CONTEXT = ["", "text", "- item", "*", "   ", "  indented", "1. first", "```", "> quote", "---"]


@pytest.mark.parametrize("c", SPECIALS)
def test_scan_is_the_parse_for_every_special_character(c: str) -> None:
    lines = [form.replace("{c}", c) for form in FORMS]
    texts = {*lines}
    for line in lines:
        for other in CONTEXT:
            for sep in ("\n", "\n\n"):
                texts.update((f"{other}{sep}{line}", f"{line}{sep}{other}",
                              f"{other}{sep}{line}{sep}{line}"))
    assert [t for t in sorted(texts) if scan(t) != parsed(t)] == []
