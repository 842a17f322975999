"""engine/jsontext.py writes exactly what json.dumps(ensure_ascii=False, indent=1, sort_keys=True) writes."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest

from engine.bundle import compile_folder
from engine.compile import bundle_text
from engine.jsontext import indented

from .conftest import POLICY


def _reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


class Colour(enum.IntEnum):
    RED = 1


VALUES: list[Any] = [
    {}, [], "", 0, -7, 10**30, True, False, None,
    {"b": 1, "a": [1, {}, [], {"z": None, "y": [True, False]}], "": ""},
    ["日本語", "русский", "tab\tquote\"back\\slash", "\x00\x1f\x7f", "\u2028\u2029", "🙂", "\ud800"],
    {"nested": {"deep": {"deeper": [[[[]]], {"k": "v"}]}}},
    {"é": 1, "e": 2, "E": 3, "_": 4, "10": 5, "9": 6},
    # left to json.dumps whole: a float, a tuple, an enum, a key of another type
    {"ratio": 0.1, "list": [1.5e300, float("inf")]},
    {"pair": (1, 2)},
    [Colour.RED],
    {1: "one", 2: "two"},
    {True: "yes"},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_text_is_json_dumps_text(value: Any) -> None:
    assert indented(value) == _reference(value)


def test_the_shipped_bundle_is_written_as_json_dumps_writes_it() -> None:
    bundle = compile_folder(POLICY)
    assert bundle_text(bundle) == _reference(bundle) + "\n"
    assert len(bundle_text(bundle)) > 50_000


def test_a_cycle_is_refused_as_json_dumps_refuses_it() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        indented(loop)
