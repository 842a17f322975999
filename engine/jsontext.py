"""JSON text as the tool writes it to disk: `json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)`, about three times sooner.

With an indent, the standard library encodes in Python, one generator step per token: the
published bundle (about 7,600 values) took 4-7 ms of a build. Here the containers are walked by
one recursive function and every string is escaped by the standard library's own C function,
so the text is the same, character for character (tests/test_jsontext.py holds it equal on the
shipped bundle and on values chosen to differ). Anything but str, int, bool, None, a list, and a
dict with str keys (a float, a tuple, an enum, a key of another type, a cycle) is left to
`json.dumps` whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any


class _Other(Exception):
    """A value this encoder leaves to json.dumps."""


def indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)`."""
    try:
        parts: list[str] = []
        _encode(value, 0, parts.append)
        return "".join(parts)
    except (_Other, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def _encode(value: Any, level: int, put: Callable[[str], object]) -> None:
    kind = type(value)
    if kind is str:
        put(encode_basestring(value))
    elif kind is dict:
        if not value:
            put("{}")
            return
        for key in value:
            if type(key) is not str:
                raise _Other
        inner = "\n" + " " * (level + 1)
        put("{" + inner)
        first = True
        for key in sorted(value):
            if not first:
                put("," + inner)
            first = False
            put(encode_basestring(key) + ": ")
            _encode(value[key], level + 1, put)
        put("\n" + " " * level + "}")
    elif kind is list:
        if not value:
            put("[]")
            return
        inner = "\n" + " " * (level + 1)
        put("[" + inner)
        first = True
        for item in value:
            if not first:
                put("," + inner)
            first = False
            _encode(item, level + 1, put)
        put("\n" + " " * level + "]")
    elif value is True:
        put("true")
    elif value is False:
        put("false")
    elif value is None:
        put("null")
    elif kind is int:
        put(int.__repr__(value))
    else:
        raise _Other
