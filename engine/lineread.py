"""The plainest YAML, read line by line without the YAML library: a declaration file written
the ordinary way gives exactly what engine.read gives (the same data, positions and key
positions), or None, and the caller reads it with engine/quickread.py or engine.read.

A check of a thousand declared uses reads a hundred small files; importing ruamel.yaml and
building libyaml's events for them was a third of a first run. Declaration files are block
mappings and lists of `key: value` lines, with flow lists and mappings of plain words on one
line (`data: [contact, identity]`, `name: {ja: …, en: …}`). This reader accepts only that:

* lines indented with spaces, each a comment, blank, `key:`, `key: value` or `- …` (one dash,
  followed by a `key: …` or a value); a list is indented under its key (never level with it);
* keys of ASCII letters, digits, `_` and `-` starting with a letter or `_` (not true, null, …);
* values that start with a letter, `_` or `(` and hold no `: `, no ` #` but as a comment, no
  brackets or braces (and in a flow list or mapping also no `,`, `:`, `#` nor quotes): their
  YAML 1.2 type is then text, except for the exact words of true, false and null;
* only characters the YAML parser takes as they are, and none engine.read refuses.

On anything else (quotes, `|` and `>` texts, numbers, an empty value, anchors, tags, a value
over several lines, a duplicate key, odd indentation, a tab, CR, an invisible character, …) it
returns None without saying why: the readers after it decide and explain.
tests/test_quickread.py holds both fast readers to engine.read's answer on the same corpus and
generated text; tests/test_lineread.py tests what is this reader's own.
"""

from __future__ import annotations

import re
from typing import Any

from .document import (
    SHARED_POS,
    Document,
    Path_,
    Pos,
    ReadResult,
    plain_utf8,
    shared_pos,
)

__all__ = ["line_read_bytes", "line_read_text"]

# Anything but the characters this reader takes as written: a newline, printable ASCII and the
# printable rest of Unicode less every character engine.read refuses or the YAML parser treats
# specially (C1 controls and NEL, zero-width and bidi controls, the line and paragraph
# separators, the byte-order mark, U+FFFD and the non-characters, surrogates).
# tests/test_lineread.py checks this set against engine.read's.
_ODD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                  "\ud800-\udfff\ufeff\ufffd-\uffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_FLOW_PAIR = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_-]*): +([^ ].*?) *")
# The words of YAML 1.2 whose plain form is not text (engine.read.plain_scalar): the only
# plain values starting with a letter that do not stay text.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("null", "Null", "NULL"), None),
}
_NOT_IN_VALUE = re.compile(r"[\[\]{}]|: | #|:$")
_NOT_IN_FLOW = re.compile(r"[\[\]{},:#'\"]")
MAX_INDENT = 256  # engine.read refuses deeper indentation (512 spaces); leave any near it
MAX_LEVELS = 32  # engine.read's MAX_DEPTH is 64


class _GiveUp(Exception):
    """Not the plainest YAML: another reader decides."""


_POS, _pos = SHARED_POS, shared_pos


def line_read_bytes(raw: bytes, name: str) -> ReadResult | None:
    """engine.read.read_bytes for a file of the plainest YAML, else None."""
    text = plain_utf8(raw)
    return None if text is None else line_read_text(text, name)


def line_read_text(text: str, name: str) -> ReadResult | None:
    """engine.read.read_text for a file of the plainest YAML (no finding at all), else None."""
    if _ODD.search(text) is not None:
        return None
    try:
        root, positions, key_positions = _read(text)
    except _GiveUp:
        return None
    return ReadResult(Document(name, root, text, positions, key_positions), [])


def _word(value: str) -> Any:
    """The YAML 1.2 value of a plain scalar this reader takes (text, or true/false/null)."""
    first = value[0]
    if not (first.isalpha() or first == "_" or first == "("):
        raise _GiveUp  # an indicator, a quote, a number, `~`, `.inf`, ...: not the plainest
    return _WORDS.get(value, value) if first in "tTfFnN" else value


def _flow_word(value: str) -> Any:
    if not value or _NOT_IN_FLOW.search(value) is not None:
        raise _GiveUp
    return _word(value)


# What a value's text holds, by kind: a scalar (its value); a flow list (its items, and each
# item's offset from the `[`); a flow mapping ((key, value) pairs, and each key's offset and
# value's offset from the `{`). A pure function of the text, kept by text: values repeat.
_SCALAR, _LIST, _MAP = 0, 1, 2
_Parsed = tuple[int, Any, tuple[Any, ...]]
_PARSED: dict[str, _Parsed] = {}


def _parse(text: str) -> _Parsed:
    """What the value `text` (from its first character to the end of the line, comment
    removed) holds; raises _GiveUp for anything but a plain word or a flow list or mapping of
    plain words on one line."""
    first = text[0]
    if first == "[" or first == "{":
        if text[-1] != ("]" if first == "[" else "}"):
            raise _GiveUp  # continued on the next line, or text after it
        inner = text[1:-1]
        items: list[Any] = []
        entries: list[Any] = []
        if inner.strip(" "):
            at = 1
            for i, part in enumerate(inner.split(",")):
                if first == "[":
                    items.append(_flow_word(part.strip(" ")))
                    entries.append((i, at + len(part) - len(part.lstrip(" "))))
                else:
                    m = _FLOW_PAIR.fullmatch(part)
                    if m is None:
                        raise _GiveUp
                    key = m.group(2)
                    if key in _WORDS or any(key == k for k, _ in items):
                        raise _GiveUp  # read as true, false or null, or a duplicate
                    items.append((key, _flow_word(m.group(3))))
                    entries.append((key, at + m.start(2), at + m.start(3)))
                at += len(part) + 1
        parsed: _Parsed = (_LIST if first == "[" else _MAP, tuple(items), tuple(entries))
    else:
        if _NOT_IN_VALUE.search(text) is not None:
            raise _GiveUp
        parsed = (_SCALAR, _word(text), ())
    if len(_PARSED) < 100_000:
        _PARSED[text] = parsed
    return parsed


def _put(parsed: _Parsed, path: Path_, line: int, col: int, positions: dict[Path_, Pos],
         key_positions: dict[Path_, Pos]) -> Any:
    """A new flow list or mapping as `parsed` says, written at `col`; the positions of what it
    holds recorded below `path`."""
    kind, items, entries = parsed
    if kind == _LIST:
        for i, at in entries:
            positions[path + (i,)] = _POS.get((line, col + at)) or _pos(line, col + at)  # noqa: RUF005
        return list(items)
    for key, key_at, at in entries:
        positions[path + (key,)] = _POS.get((line, col + at)) or _pos(line, col + at)  # noqa: RUF005
        key_positions[path + (key,)] = (_POS.get((line, col + key_at))  # noqa: RUF005
                                        or _pos(line, col + key_at))
    return dict(items)


# What a line says, apart from where it is: (indent, whether it starts with `- `, the column of
# its key or list item, the key or None, the column of its value, what the value holds or None
# after a bare `key:`); _NOTHING for a blank or comment line. Lines repeat from file to file.
_Line = tuple[int, bool, int, "str | None", int, "_Parsed | None"]
_NOTHING: Any = (-1,)
_LINES: dict[str, Any] = {}


def _line(line: str) -> Any:
    """What `line` says (_Line), or _NOTHING; raises _GiveUp for a line this reader leaves."""
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    if indent > MAX_INDENT:
        raise _GiveUp
    if not body or body[0] == "#":
        said: Any = _NOTHING
    else:
        cut = body.find(" #")
        if cut >= 0:
            body = body[:cut]
        body = body.rstrip(" ")
        dash = body[0] == "-"
        rest = body
        if dash:
            if body[1:2] != " ":
                raise _GiveUp  # `-` alone, `-x`
            rest = body[2:].lstrip(" ")
        col = indent + 1 + len(body) - len(rest)
        m = _KEY.fullmatch(rest)
        if m is None:
            if not dash:
                raise _GiveUp
            said = (indent, True, col, None, col, _PARSED.get(rest) or _parse(rest))
        else:
            key, value = m.groups()
            if key in _WORDS:
                raise _GiveUp  # a key read as true, false or null
            if value is None:
                said = (indent, dash, col, key, 0, None)
            else:
                said = (indent, dash, col, key, col + len(rest) - len(value),
                        _PARSED.get(value) or _parse(value))
    if len(_LINES) < 100_000:
        _LINES[line] = said
    return said


def _read(text: str) -> tuple[Any, dict[Path_, Pos], dict[Path_, Pos]]:
    """The document, its positions and key positions; raises _GiveUp on anything else."""
    positions: dict[Path_, Pos] = {}
    key_positions: dict[Path_, Pos] = {}
    # Open blocks, innermost last: (indent, container, its path); the root mapping at indent 0.
    root: dict[str, Any] = {}
    frames: list[tuple[int, Any, Path_]] = [(0, root, ())]
    indent_now = 0
    container: Any = root
    path: Path_ = ()
    # A `key:` with no value waits for the block under it: (its mapping, key, path).
    waiting: tuple[dict[str, Any], str, Path_] | None = None
    started = False
    number = 0
    lines, pos_get = _LINES.get, _POS.get
    for line in text.split("\n"):
        number += 1
        said = lines(line) or _line(line)
        indent = said[0]
        if indent < 0:
            continue  # blank, or a comment
        indent, dash, col, key, value_col, parsed = said
        if not started:
            if indent or dash:
                raise _GiveUp  # the root is a mapping from the first column
            started = True
            positions[()] = _pos(number, 1)
        if waiting is not None:
            if indent <= indent_now:
                raise _GiveUp  # an empty value, or a list level with its key
            parent, waiting_key, path = waiting
            waiting = None
            container = [] if dash else {}
            parent[waiting_key] = container
            positions[path] = pos_get((number, indent + 1)) or _pos(number, indent + 1)
            frames.append((indent, container, path))
            if len(frames) > MAX_LEVELS:
                raise _GiveUp
            indent_now = indent
        elif indent != indent_now:
            if indent > indent_now:
                raise _GiveUp  # a value continued on the next line, or odd indentation
            while indent < indent_now:
                frames.pop()
                indent_now, container, path = frames[-1]
            if indent != indent_now:
                raise _GiveUp  # back to no level that is open
        if container.__class__ is list:
            if not dash:
                raise _GiveUp  # a key among list items
            item_path = path + (len(container),)  # noqa: RUF005
            positions[item_path] = pos_get((number, col)) or _pos(number, col)
            if key is None:  # a value
                container.append(parsed[1] if parsed[0] == _SCALAR else
                                 _put(parsed, item_path, number, col, positions, key_positions))
                continue
            mapping: dict[str, Any] = {}  # `- key: ...` opens a mapping at the key
            container.append(mapping)
            frames.append((col - 1, mapping, item_path))
            if len(frames) > MAX_LEVELS:
                raise _GiveUp
            indent_now, container, path = col - 1, mapping, item_path
        elif dash:
            raise _GiveUp  # a list item in a mapping
        if key in container:
            raise _GiveUp  # a duplicate key
        key_path = path + (key,)  # noqa: RUF005
        key_positions[key_path] = pos_get((number, col)) or _pos(number, col)
        if parsed is None:
            waiting = (container, key, key_path)
            continue
        positions[key_path] = pos_get((number, value_col)) or _pos(number, value_col)
        container[key] = (parsed[1] if parsed[0] == _SCALAR else
                          _put(parsed, key_path, number, value_col, positions, key_positions))
    if waiting is not None or not started:
        raise _GiveUp  # an empty value at the end, or no document
    return root, positions, key_positions
