"""engine/markup.py answers most texts without markdown-it: what it says of a text must be
exactly what the parse says, for every text the policy, the fixtures and the check cases hold,
and for texts built to sit on the edge of the shortcut (list markers, brackets, line ends)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from engine.markup import parsed, scan
from engine.read import read_file

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
    from engine.markup import _MAY_HOLD_LINKS_OR_LISTS

    shortcut = [t for t in TEXTS if _MAY_HOLD_LINKS_OR_LISTS.search(t) is None]
    assert len(TEXTS) > 1000 and 100 < len(shortcut) < len(TEXTS)


def test_scan_is_the_parse_for_every_text_in_the_repository() -> None:
    assert [t for t in TEXTS if scan(t) != parsed(t)] == []


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\r", "\n\n"])
def test_scan_is_the_parse_on_the_edge_of_the_shortcut(sep: str) -> None:
    for a, b in itertools.product(LINES, repeat=2):
        text = f"{a}{sep}{b}"
        assert scan(text) == parsed(text), text
