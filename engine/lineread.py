"""YAML written the plain way, read line by line without the YAML library: a policy edition,
a table of the policy's tests or a declaration file written the ordinary way gives exactly what
engine.read gives (the same data, positions and key positions), or None, and the caller reads
it with engine/quickread.py or engine.read.

Importing ruamel.yaml and building libyaml's events for the edited edition cost a `policy
check` after an edit about 14 ms of its 113 (bench/README.md, nineteenth session), and a third
of a first check of a folder of declarations. The files are block mappings and lists of
`key: value` lines, with `>-` texts and flow lists. This reader accepts only that:

* lines indented with spaces, each a comment, blank, `key:`, `key: value` or `- …` (one dash,
  followed by a `key: …` or a value); a list is indented under its key (never level with it);
* keys of ASCII letters, digits, `_` and `-` starting with a letter or `_` (not true, null, …);
* plain values on one line that start with no indicator (`-` before a digit aside) and hold
  no `: ` nor ` #` but as a comment: their YAML 1.2 type is ruamel.yaml's (null, bool, int,
  float by its own rules; else text, dates included);
* quoted values on one line: '…' ('' for '), "…" without an escape;
* `|` and `>` texts, clipped or stripped (`|-`, `>-`), whose first line holds text indented
  under their key; a `>` text with no line indented more than its first;
* flow lists and mappings of such values, nested, over one line or several (each indented
  under the key), with keys as above and no comment inside;
* only characters the YAML parser takes as they are, and none engine.read refuses.

On anything else (anchors, tags, an empty value, a value over several lines, `+` or an
indentation digit after `|` or `>`, a duplicate key, odd indentation, a tab, CR, an invisible
character, …) it returns None without saying why: the readers after it decide and explain.
tests/test_quickread.py holds both fast readers to engine.read's answer on the same corpus and
on generated and mutated text; tests/test_lineread.py tests what is this reader's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import patterns
from .document import (
    SHARED_POS,
    Document,
    Path_,
    Pos,
    ReadResult,
    plain_utf8,
    shared_pos,
)

__all__ = ["line_read_bytes", "line_read_text", "read_bytes_fastest"]

# Anything but the characters this reader takes as written: a newline, printable ASCII and the
# printable rest of Unicode less every character engine.read refuses or the YAML parser treats
# specially (C1 controls and NEL, zero-width and bidi controls, the line and paragraph
# separators, the byte-order mark, U+FFFD and the non-characters, surrogates).
# tests/test_lineread.py checks this set against engine.read's.
_ODD = patterns.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                        "\ud800-\udfff\ufeff\ufffd-\uffff]")
_KEY = patterns.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_FLOW_KEY = patterns.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# The words of YAML 1.2 whose plain form is not text (engine.read.plain_scalar): the only
# plain values starting with a letter or `~` that do not stay text.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("null", "Null", "NULL", "~"), None),
}
# ruamel.yaml's YAML 1.2 float and int (VersionedResolver, version 1.2, in the order it tries
# them); tests/test_lineread.py holds `_plain` to engine.read's reading of generated values.
_FLOAT12 = patterns.compile(r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
                            r"|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
                            r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
                            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_INT12 = patterns.compile(r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+")
# A plain value's first character may not be one of YAML's indicators (`-` before a digit or
# `.` aside: a negative number); in it, `: ` or a final `:` would make it a key.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_IN_PLAIN = patterns.compile(r": |:$")
_BLOCK_HEADERS = {">": (False, False), ">-": (False, True), "|": (True, False),
                  "|-": (True, True)}  # (literal, strip)
MAX_INDENT = 256  # engine.read refuses deeper indentation (512 spaces); leave any near it
MAX_LEVELS = 32  # blocks and flows together; engine.read's MAX_DEPTH is 64
MAX_DEPTH = 64  # engine.read's: more `[` and `{` open at once, anywhere in the text, is a finding
MAX_LINE_CHARS = 20_000  # engine.read's limit: a longer line is a finding
MAX_KEY = 1000  # both YAML parsers refuse a key over 1,024 characters; leave any near it
_DEEP = " " * (MAX_INDENT + 1)  # a line that starts so (a substring search: no regex scan)
_BRACKET = patterns.compile(r"[\[\]{}]")


class _GiveUp(Exception):
    """Not written the plain way: another reader decides."""


_POS, _pos = SHARED_POS, shared_pos


def line_read_bytes(raw: bytes, name: str) -> ReadResult | None:
    """engine.read.read_bytes for a file written the plain way (above), else None."""
    text = plain_utf8(raw)
    return None if text is None else line_read_text(text, name)


def read_bytes_fastest(raw: bytes, name: str) -> ReadResult:
    """engine.read.read_bytes, by the quickest reader that takes the file: line by line (no
    YAML library loaded: the shipped editions and tests are written this reader's way), else
    libyaml's events (engine/quickread.py), else the reader, which explains every finding."""
    done = line_read_bytes(raw, name)
    if done is not None:
        return done
    from .quickread import read_bytes_quickly

    return read_bytes_quickly(raw, name)


def line_read_text(text: str, name: str) -> ReadResult | None:
    """engine.read.read_text for a file written the plain way (no finding at all), else None."""
    if (_ODD.search(text) is not None or "\n" + _DEEP in text or text.startswith(_DEEP)
            or _too_long(text)):
        return None  # a line anywhere, in a `|` text too: engine.read's limits, and near them
    if text.count("[") + text.count("{") > MAX_DEPTH and _nests_too_deep(text):
        return None
    try:
        root, positions, key_positions = _read(text)
    except (_GiveUp, IndexError):  # IndexError: a flow cut short (its scan and parse agree)
        return None
    return ReadResult(Document(name, root, text, positions, key_positions), [])


def _too_long(text: str) -> bool:
    return len(text) > MAX_LINE_CHARS and max(map(len, text.split("\n"))) > MAX_LINE_CHARS


def _nests_too_deep(text: str) -> bool:
    """engine.read's count: every `[` and `{` of the text, in comments, quotes and `|` texts
    too, opens a level and every `]` and `}` closes one; more than MAX_DEPTH open is a
    finding (YAML007)."""
    depth = 0
    for bracket in _BRACKET.findall(text):
        if bracket == "[" or bracket == "{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif depth:
            depth -= 1
    return False


def _plain(value: str) -> Any:
    """The YAML 1.2 value of a plain scalar (engine.read.plain_scalar): null, a bool, an int or
    a float by ruamel.yaml's rules for 1.2, else text (dates included)."""
    first = value[0]
    if first in "-+.0123456789":
        if _FLOAT12.fullmatch(value) is not None:
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        if first != "." and _INT12.fullmatch(value) is not None:
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        return value
    return _WORDS.get(value, value) if first in "tTfFnN~" else value


def _word(value: str) -> Any:
    """A plain value in block context (after `key: ` or `- `, comment and trailing spaces
    removed); raises _GiveUp for one that is not plain or may continue."""
    first = value[0]
    if first in _INDICATORS and not (first == "-" and value[1:2].isdigit()):
        raise _GiveUp  # an indicator: a quote, a flow, a `|` text, an anchor, ...
    if _NOT_IN_PLAIN.search(value) is not None:
        raise _GiveUp
    return _plain(value)


def _quoted(text: str) -> str | None:
    """The value of `text` when it is one quoted scalar on its own ('' for ' in single
    quotes; no escape in double quotes), else None."""
    quote = text[0]
    if len(text) < 2 or text[-1] != quote:
        return None
    inner = text[1:-1]
    if quote == '"':
        return None if '"' in inner or "\\" in inner else inner
    if "'" in inner.replace("''", ""):
        return None
    return inner.replace("''", "'")


# What a value's text holds, by kind: a scalar (its value); a `|` or `>` text (literal, strip);
# a flow list or mapping (read from the lines, `_flow`). A pure function of the text, kept by
# text: values repeat.
_SCALAR, _BLOCK, _FLOW = 0, 1, 2
_Parsed = tuple[int, Any, Any]
_PARSED: dict[str, _Parsed] = {}


def _parse(text: str) -> _Parsed:
    """What the value `text` (from its first character to the end of the line, comment
    removed) holds; raises _GiveUp for anything this reader leaves."""
    first = text[0]
    if first == "[" or first == "{":
        parsed: _Parsed = (_FLOW, None, None)
    elif first == "'" or first == '"':
        value = _quoted(text)
        if value is None:
            raise _GiveUp  # over several lines, an escape, text after it
        parsed = (_SCALAR, value, None)
    elif first == "|" or first == ">":
        header = _BLOCK_HEADERS.get(text)
        if header is None:
            raise _GiveUp  # `+` (keep), an indentation digit, text after the indicator
        parsed = (_BLOCK, header[0], header[1])
    else:
        parsed = (_SCALAR, _word(text), None)
    if len(_PARSED) < 100_000:
        _PARSED[text] = parsed
    return parsed


def _block(lines: list[str], at: int, indent: int, literal: bool, strip: bool
           ) -> tuple[str, int]:
    """The `|` or `>` text whose indicator ends line `at`, inside a block indented `indent`:
    its value and the index of the line after it. Only the plain form: its first line holds
    text, more indented than the block; no line of it holds only spaces beyond its indentation
    (those are text); a `>` text has no line indented more than its first (those keep their
    line breaks)."""
    end = len(lines)
    i = at + 1
    if i >= end:
        raise _GiveUp
    first = lines[i]
    body = first.lstrip(" ")
    width = len(first) - len(body)
    if not body or width <= indent or width > MAX_INDENT:
        raise _GiveUp  # an empty text, or one that starts with a blank line
    parts: list[str] = []
    pad = " " * width
    while i < end:
        line = lines[i]
        if line.startswith(pad) and line[width:width + 1] not in (" ", ""):
            parts.append(line[width:])  # the usual line: text at the text's indentation
            i += 1
            continue
        if not line or (len(line) <= width and not line.strip(" ")):
            parts.append("")  # a blank line (its spaces, if any, are indentation)
            i += 1
            continue
        if line[:width].strip(" "):
            break  # less indented: the text has ended
        text = line[width:]
        if not text.strip(" ") or (not literal and text[0] == " "):
            raise _GiveUp
        parts.append(text)
        i += 1
    last = i - 1  # the index of its last line of text, once the blank lines after it go
    while parts[-1] == "":
        parts.pop()  # the blank lines at its end are dropped (clip and strip alike)
        last -= 1
    if literal:
        value = "\n".join(parts)
    elif "" not in parts:
        value = " ".join(parts)  # no blank line: every line break folds into a space
    else:
        out = [parts[0]]
        breaks = 0
        for part in parts[1:]:
            if not part:
                breaks += 1
                continue
            out.append("\n" * breaks if breaks else " ")
            out.append(part)
            breaks = 0
        value = "".join(out)
    # clip keeps the line break after the last line of text: none at the end of the file
    return (value if strip or last == end - 1 else value + "\n"), i


# A flow on one line, by its text (from its bracket to the end of the line): its value, the
# offsets of what it holds (path below the flow, offset from the bracket), of its keys, and
# how deep it nests. Flows repeat (`actions: [use]`, `purposes: ["*"]`): each is parsed once.
_Flow = tuple[Any, tuple[tuple[Path_, int], ...], tuple[tuple[Path_, int], ...], int]
_FLOWS: dict[str, _Flow] = {}


def _flow(lines: list[str], at: int, col: int, indent: int, levels: int, path: Path_,
          positions: dict[Path_, Pos], key_positions: dict[Path_, Pos]) -> tuple[Any, int]:
    """The flow list or mapping that starts at column `col` of line `at` (0-based) inside a
    block indented `indent`, `levels` of blocks deep, with the positions of what it holds
    (below `path`): its value and the index of the line after it. Plain words, quoted
    scalars and flows inside, over one line or several (each indented more than the block);
    no comment inside, no key but a plain word, no empty entry."""
    text = lines[at][col - 1:]
    starts = [(0, at, col - 1)]  # (offset in text, line index, its column) of each line
    known = _FLOWS.get(text)
    if known is not None:  # the same text on one line: the same flow, at this line and column
        template, held, keys_held, depth = known
        if depth > MAX_LEVELS - levels:
            raise _GiveUp
        _place(positions, path, held, starts)
        _place(key_positions, path, keys_held, starts)
        return _fresh(template), at + 1
    close, depth = _flow_end(text, MAX_LEVELS - levels)
    first = at
    while close < 0:
        at += 1
        if at >= len(lines):
            raise _GiveUp
        line = lines[at]
        body = line.lstrip(" ")
        if not body or len(line) - len(body) <= indent:
            raise _GiveUp  # a blank line, or one not indented under the block
        starts.append((len(text) + 1, at, 0))
        text = text + "\n" + line
        close, depth = _flow_end(text, MAX_LEVELS - levels)
    rest = text[close + 1:]
    if (rest.strip(" ") and not rest.lstrip(" ").startswith("#")) or rest[:1] == "#":
        raise _GiveUp  # text after the flow
    rel: list[tuple[Path_, int]] = []
    rel_keys: list[tuple[Path_, int]] = []
    found, after = _flow_value(text, 0, (), rel, rel_keys)
    if after != close + 1:
        raise _GiveUp  # pragma: no cover - the scan and the parse agree on the end
    _place(positions, path, rel, starts)
    _place(key_positions, path, rel_keys, starts)
    if at == first and len(_FLOWS) < 10_000:
        _FLOWS[text] = (_fresh(found), tuple(rel), tuple(rel_keys), depth)
    return found, at + 1


def _place(table: dict[Path_, Pos], path: Path_, offsets: Iterable[tuple[Path_, int]],
           starts: list[tuple[int, int, int]]) -> None:
    """The position of each part of a flow below `path`, from its offset in the flow's text
    and `starts` (each line's offset in that text, index and first column)."""
    pos_get = _POS.get
    for suffix, offset in offsets:
        for base, index, column in reversed(starts):
            if offset >= base:
                line_no, col_no = index + 1, column + offset - base + 1
                table[path + suffix] = pos_get((line_no, col_no)) or _pos(line_no, col_no)
                break


def _fresh(value: Any) -> Any:
    """A copy of a flow's value whose lists and mappings are new (its words are shared)."""
    kind = value.__class__
    if kind is list:
        return [_fresh(item) for item in value]
    if kind is dict:
        return {key: _fresh(item) for key, item in value.items()}
    return value


def _skip(text: str, k: int) -> int:
    while text[k] == " " or text[k] == "\n":
        k += 1
    return k


def _next_entry(text: str, k: int, close: str) -> tuple[int, bool]:
    """After an entry of a flow list or mapping (at offset k): the offset after `close` and
    True when it ends the flow there, else the offset of the next entry and False; raises
    _GiveUp on anything but `,` or `close`, and on a trailing comma."""
    k = _skip(text, k)
    if text[k] == close:
        return k + 1, True
    if text[k] != ",":
        raise _GiveUp
    k = _skip(text, k + 1)
    if text[k] == close:
        raise _GiveUp  # a trailing comma
    return k, False


def _flow_value(text: str, k: int, at_path: Path_, rel: list[tuple[Path_, int]],
                rel_keys: list[tuple[Path_, int]]) -> tuple[Any, int]:
    """The value at offset k of a flow's text (its first character) and the offset after
    it; where each item, key and value starts, by its path below the flow, added to `rel`
    and `rel_keys`."""
    c = text[k]
    if c == "[":
        items: list[Any] = []
        k = _skip(text, k + 1)
        if text[k] == "]":
            return items, k + 1
        while True:
            item_path = at_path + (len(items),)  # noqa: RUF005
            rel.append((item_path, k))
            item, k = _flow_value(text, k, item_path, rel, rel_keys)
            items.append(item)
            k, closed = _next_entry(text, k, "]")
            if closed:
                return items, k
    if c == "{":
        mapping: dict[str, Any] = {}
        k = _skip(text, k + 1)
        if text[k] == "}":
            return mapping, k + 1
        while True:
            m = _FLOW_KEY.match(text, k)
            if m is None or text[m.end():m.end() + 2] != ": " or m.end() - k > MAX_KEY:
                raise _GiveUp  # a key that is not a plain word, or no `: `, or too long
            key = m.group()
            if key in _WORDS or key in mapping:
                raise _GiveUp  # read as true, false or null, or a duplicate
            key_path = at_path + (key,)  # noqa: RUF005
            rel_keys.append((key_path, k))
            k = _skip(text, m.end() + 2)
            rel.append((key_path, k))
            mapping[key], k = _flow_value(text, k, key_path, rel, rel_keys)
            k, closed = _next_entry(text, k, "}")
            if closed:
                return mapping, k
    if c == "'" or c == '"':
        end = k + 1
        while True:
            end = text.find(c, end)
            if end < 0:
                raise _GiveUp
            if c == "'" and text[end + 1:end + 2] == "'":
                end += 2
                continue
            break
        quoted = _quoted(text[k:end + 1])
        if quoted is None or "\n" in quoted:
            raise _GiveUp
        return quoted, end + 1
    end = k
    while text[end] not in ",[]{}\n":
        end += 1
    word = text[k:end].rstrip(" ")
    if not word or (c in _INDICATORS and not (c == "-" and word[1:2].isdigit())) or (
            ":" in word or "#" in word or "'" in word or '"' in word):
        raise _GiveUp
    return _plain(word), end


def _flow_end(text: str, budget: int) -> tuple[int, int]:
    """The offset of the bracket that closes the flow `text` starts with (-1 when it goes on
    past the end) and how deep the flow nests; raises _GiveUp on a comment inside it, a quote
    inside a word, a quoted scalar over several lines or more than `budget` levels of it."""
    depth = deepest = 0
    quote = ""
    k = 0
    end = len(text)
    while k < end:
        c = text[k]
        if quote:
            if c == quote:
                if quote == "'" and text[k + 1:k + 2] == "'":
                    k += 2
                    continue
                quote = ""
            elif c == "\n":
                raise _GiveUp
        elif c == "[" or c == "{":
            depth += 1
            if depth > budget:
                raise _GiveUp
            deepest = max(deepest, depth)
        elif c == "]" or c == "}":
            depth -= 1
            if depth == 0:
                return k, deepest
        elif c == "'" or c == '"':
            if text[k - 1] not in " [{,\n":
                raise _GiveUp  # a quote inside a word
            quote = c
        elif c == "#" and text[k - 1] in " \n":
            raise _GiveUp  # a comment inside the flow
        k += 1
    return -1, deepest


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
    if indent > MAX_INDENT or len(line) > MAX_LINE_CHARS:
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
            if key in _WORDS or len(key) > MAX_KEY:
                raise _GiveUp  # a key read as true, false or null, or too long for the parsers
            if value is None:
                said = (indent, dash, col, key, 0, None)
            else:
                said = (indent, dash, col, key, col + len(rest) - len(value),
                        _PARSED.get(value) or _parse(value))
    if len(_LINES) < 100_000:
        _LINES[line] = said
    return said


def _text_or_flow(parsed: _Parsed, lines: list[str], at: int, col: int, indent: int,
                  levels: int, path: Path_, positions: dict[Path_, Pos],
                  key_positions: dict[Path_, Pos]) -> tuple[Any, int]:
    """The `|` or `>` text, or the flow, that `parsed` says starts at column `col` of line `at`
    (0-based) inside a block indented `indent`, `levels` deep: its value and the index of the
    line after it."""
    if parsed[0] == _BLOCK:
        return _block(lines, at, indent, parsed[1], parsed[2])
    return _flow(lines, at, col, indent, levels, path, positions, key_positions)


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
    lines = text.split("\n")
    end = len(lines)
    said_of, pos_get = _LINES.get, _POS.get
    at = 0
    while at < end:
        line = lines[at]
        number = at + 1
        said = said_of(line) or _line(line)
        indent = said[0]
        if indent < 0:
            at += 1
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
                if parsed[0] == _SCALAR:
                    container.append(parsed[1])
                    at += 1
                else:
                    value, at = _text_or_flow(parsed, lines, at, col, indent_now, len(frames),
                                              item_path, positions, key_positions)
                    container.append(value)
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
            at += 1
            continue
        positions[key_path] = pos_get((number, value_col)) or _pos(number, value_col)
        if parsed[0] == _SCALAR:
            container[key] = parsed[1]
            at += 1
        else:
            container[key], at = _text_or_flow(parsed, lines, at, value_col, indent_now,
                                               len(frames), key_path, positions, key_positions)
    if waiting is not None or not started:
        raise _GiveUp  # an empty value at the end, or no document
    return root, positions, key_positions
