"""Phase 1 — read a YAML file safely into plain values, keeping the line and column of every node.

The reader never constructs Python objects from tags: it walks ruamel.yaml's parse *events*
and builds dicts, lists and scalars itself. Tags, anchors and aliases are refused (so alias
bombs and `!!python/object` cannot run), duplicate keys are caught, and size, depth, line
length and invisible characters are bounded before the parser sees the text.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.docinfo import DocInfo, version
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from . import patterns
from .document import MAX_FILE_BYTES as MAX_FILE_BYTES
from .document import Document as Document
from .document import Path_ as Path_
from .document import Pos as Pos
from .document import ReadResult as ReadResult
from .findings import Diagnostic, Severity, make
from .values import replace

CParser: Any  # libyaml through ruamel.yaml's own C extension; the pure parser is the fallback
try:
    import ruamel.yaml.cyaml as _cyaml

    CParser = getattr(_cyaml, "CParser", None)
except ImportError:  # pragma: no cover - platforms without the wheel
    CParser = None


MAX_DEPTH = 64
MAX_LINE_CHARS = 20_000


# Characters that must not hide in a legal text: C0/C1 controls (but tab and newline),
# zero-width and bidi controls, and the replacement character left by a bad decode.
_INVISIBLE = patterns.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff\ufffd]"
)
_ESCAPED_INVISIBLE = patterns.compile(_INVISIBLE.pattern[:-1] + "\ud800-\udfff]")
_TAB_INDENT = r"(?m)^[ ]*\t"  # compiled on first use (engine/patterns.py)


def _line_col(text: str, index: int) -> Pos:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return Pos(line, index - start + 1)


def read_bytes(raw: bytes, name: str) -> ReadResult:
    """Decode and parse bytes that claim to be a policy YAML file."""
    if len(raw) > MAX_FILE_BYTES:
        return ReadResult(
            None,
            [make("IO003", f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}", name, 1, 1)],
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        return ReadResult(
            None,
            [make("YAML009", "file starts with a byte-order mark", name, 1, 1,
                  hint="save the file as UTF-8 without BOM", params={"form": "bom"})],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        pos = _line_col(prefix, len(prefix))
        return ReadResult(
            None,
            [make("IO004", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", name,
                  pos.line, pos.col, hint="save the file as UTF-8",
                  params={"byte": f"0x{raw[exc.start]:02x}"})],
        )
    return read_text(text, name)


def _prescan(text: str, name: str) -> list[Diagnostic]:
    """Cheap line-level checks that must run before the parser (and bound its work)."""
    found: list[Diagnostic] = []
    if "\r" in text:
        pos = _line_col(text, text.index("\r"))
        found.append(make("YAML010", "CRLF or CR line ending", name, pos.line, pos.col,
                          hint="save the file with LF line endings", params={"form": "ending"}))
    for m in _INVISIBLE.finditer(text):
        pos = _line_col(text, m.start())
        char = f"U+{ord(m.group()):04X}"
        found.append(make("YAML008", f"invisible or control character {char}",
                          name, pos.line, pos.col, hint="delete it or write it visibly",
                          params={"form": "written", "char": char}))
        if len(found) > 20:
            break
    tabs = patterns.compile(_TAB_INDENT).finditer(text) if "\t" in text else ()  # no tab: no pass
    for m in tabs:
        pos = _line_col(text, m.end() - 1)
        found.append(make("YAML003", "tab used for indentation", name, pos.line, pos.col,
                          hint="indent with spaces", params={"form": "indent"}))
        break
    start = 0
    lines = text.split("\n") if len(text) > MAX_LINE_CHARS else []  # else none can be too long
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            found.append(make("YAML012", f"line is {len(line)} characters; the limit is "
                              f"{MAX_LINE_CHARS}", name, number, MAX_LINE_CHARS + 1,
                              hint="break the text over several lines (a `>-` text may "
                              "span many)", params={"length": len(line),
                                                    "limit": MAX_LINE_CHARS}))
            break
        start += len(line) + 1
    found.extend(_flow_depth(text, name))
    return found


_NESTING = patterns.compile(rf"[\[\]{{}}]|\n {{{MAX_DEPTH * 8 + 1},}}")


_NESTING_HINT = "a policy file needs only a few levels: write this part flatter"


_DEEP_INDENT = patterns.compile(rf"\n {{{MAX_DEPTH * 8 + 1},}}")


def _flow_depth(text: str, name: str) -> list[Diagnostic]:
    """Refuse absurd nesting before the recursive parser meets it."""
    if text.count("[") + text.count("{") <= MAX_DEPTH and _DEEP_INDENT.search(text) is None:
        return []  # too few brackets to nest too deep, no deep indentation: nothing to find
    depth = 0
    indent_limit = MAX_DEPTH * 8
    for m in _NESTING.finditer(text):
        ch = m.group()[0]
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                pos = _line_col(text, m.start())
                return [make("YAML007", f"nesting deeper than {MAX_DEPTH} levels", name,
                             pos.line, pos.col, hint=_NESTING_HINT,
                             params={"form": "nesting", "limit": MAX_DEPTH})]
        elif ch in "]}":
            depth = max(0, depth - 1)
        else:  # a newline followed by more spaces than the limit
            pos = _line_col(text, m.start() + 1)
            return [make("YAML007", f"indentation deeper than {indent_limit} spaces",
                         name, pos.line, pos.col, hint=_NESTING_HINT,
                         params={"form": "indentation", "limit": indent_limit})]
    return []


def read_text(text: str, name: str) -> ReadResult:
    """Parse YAML text into a Document. Problems come back as findings, never exceptions.

    Each error with a position shows its source line with a caret under the column."""
    result = _read_text(text, name)
    if result.diagnostics:
        shown = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as numbered
        result.diagnostics[:] = [_with_source(d, shown) for d in result.diagnostics]
    return result


def _with_source(d: Diagnostic, text: list[str]) -> Diagnostic:
    if d.detail or d.line <= 0 or d.severity is not Severity.ERROR or d.code == "YAML004":
        return d
    from .yamlerrors import source_lines  # the error explainer, only for a file with a mistake

    return replace(d, detail=source_lines(text, d.line, d.col))


def _read_text(text: str, name: str) -> ReadResult:
    found = _prescan(text, name)
    if any(d.severity is Severity.ERROR for d in found):
        return ReadResult(None, found)
    if found:
        # Only warnings (CRLF): parse the LF form, so the file still validates and its other
        # errors are still found. Line numbers do not change: CRLF and lone CR each end a line.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    fast = _read_fast(text, name)
    if fast is not None:
        return _finish(fast, text, name, found)
    return _read_pure(text, name, found)


def _read_pure(text: str, name: str, found: list[Diagnostic]) -> ReadResult:
    """The pure parser: the one judge of what a policy file may hold, and of every finding."""
    yaml = YAML(typ="safe", pure=True)
    yaml.doc_infos.append(DocInfo(requested_version=version(yaml.version)))  # as YAML.parse
    builder = _Builder(name, text)
    try:
        _, parser = yaml.get_constructor_parser(text)
        while parser.check_event():
            builder.feed(parser.get_event())
            if builder.fatal:
                break
    except MarkedYAMLError as exc:
        from .yamlerrors import explain

        builder.diagnostics.append(explain(text, name, exc))
    except Exception as exc:  # a parser defect on odd input is still a finding
        # RecursionError, MemoryError on a pathological input, or an assertion or
        # NotImplementedError inside ruamel.yaml: name where the parser stopped.
        from .yamlerrors import unreadable

        mark = getattr(getattr(yaml, "_reader", None), "get_mark", lambda: None)()
        builder.diagnostics.append(unreadable(text, name, mark, exc))
    if builder.diagnostics:
        return ReadResult(None, found + builder.diagnostics)
    return _finish(builder, text, name, found)


def _read_fast(text: str, name: str) -> _Builder | None:
    """Parse with libyaml (ruamel.yaml.clib), about 10x faster than the pure parser.

    Returns None when the C parser is missing, when libyaml finds an error or the builder a
    finding, or when the text holds a construct on which libyaml and the pure parser are known
    to disagree (`_fast_path_unsafe`): the pure parser then reads it again, so the pure parser
    alone decides what is accepted, and every finding comes from it.
    """
    if CParser is None or _fast_path_unsafe(text):
        return None
    builder = _Builder(name, text)
    parser = CParser(text)
    try:
        while parser.check_event():
            builder.feed(parser.get_event())
            if builder.fatal:
                return None
    except Exception:  # any failure is re-read by the pure parser
        return None
    finally:
        parser.dispose()
    if builder.diagnostics or any(_block_text_unsafe(text, i) for i in builder.block_texts):
        return None
    return builder


# Where libyaml and the pure parser disagree (found on the YAML test suite and by the
# agreement fuzzing in tests/test_read_parsers.py), the fast path steps aside:
#   tabs           libyaml accepts tabs as separation in places the pure parser refuses;
#   directives     `%YAML 1.1` changes how the pure parser reads the rest of the file;
#   explicit keys  `? key` gives its empty value another position in each parser;
#   | and > text   the pure parser refuses leading blank lines with more spaces than the
#                  text's first line, and libyaml accepts `>#` with no space before the `#`.
_EXPLICIT_KEY = r"(?m)(?:^|[ ,\[{])\?(?:[ \n]|$)"  # compiled on first use (engine/patterns.py)
_BLOCK_HEADER = patterns.compile(r"[|>][-+]?[1-9]?[-+]?")


def _fast_path_unsafe(text: str) -> bool:
    """Text the fast path leaves to the pure parser (see above)."""
    if "\t" in text or text.startswith("%") or "\n%" in text:
        return True
    return (("? " in text or "?\n" in text)
            and patterns.compile(_EXPLICIT_KEY).search(text) is not None)


def _block_text_unsafe(text: str, start: int) -> bool:
    """A `|` or `>` text (its indicator at `start`) on which the two parsers may disagree."""
    header = _BLOCK_HEADER.match(text, start)
    if header is None or any(c.isdigit() for c in header.group()):
        return True  # an explicit indentation indicator: leave it to the pure parser
    after = header.end()
    if after < len(text) and text[after] not in " \n":
        return True  # `>#`, `|x`: libyaml accepts what the pure parser refuses
    # The pure parser's rule (ruamel.yaml's scan_block_scalar_indentation): when the text
    # starts with blank lines and the first holds spaces, no later one, nor the first line
    # of text, may hold more.
    first = -1
    widest = 0
    pos = text.find("\n", after) + 1
    while 0 < pos <= len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl]
        spaces = len(line) - len(line.lstrip(" "))
        widest = max(widest, spaces)
        if spaces < len(line) or nl == len(text):
            break
        if first < 0:
            first = spaces
        pos = nl + 1
    return first > 0 and widest > first


def _finish(builder: _Builder, text: str, name: str, found: list[Diagnostic]) -> ReadResult:
    if builder.diagnostics:
        return ReadResult(None, found + builder.diagnostics)
    if builder.root is _MISSING:
        return ReadResult(None, [make("YAML004", "file holds no YAML document", name, 1, 1,
                                      params={"form": "none"})])
    if builder.root is None:
        return ReadResult(None, [make("YAML004", "document is empty", name, 1, 1,
                                      params={"form": "empty"})])
    doc = Document(name, builder.root, text, builder.positions, builder.key_positions)
    return ReadResult(doc, found)


_MISSING: Any = object()
class _Resolver12(VersionedResolver):
    """YAML 1.2 tag resolution, whatever a file says (a policy file holds no %YAML directive);
    a fixed version also spares ruamel.yaml's lookup of a parser's version on every scalar."""

    @property
    def processing_version(self) -> Any:
        return (1, 2)


_RESOLVER = _Resolver12(version=(1, 2))
_TAGS: dict[tuple[str, tuple[bool, ...]], str] = {}


def _resolve(resolver: Any, value: str, implicit: tuple[bool, bool]) -> str:
    """ruamel's YAML 1.2 tag resolution, memoised: most plain scalars (keys) repeat."""
    key = (value, tuple(implicit))
    tag = _TAGS.get(key)
    if tag is None:
        tag = str(resolver.resolve(ScalarNode, value, implicit))
        if len(_TAGS) < 100_000:
            _TAGS[key] = tag
    return tag


def plain_scalar(resolver: Any, value: str, implicit: tuple[bool, bool]) -> Any:
    """The value of a plain (unquoted) scalar: its YAML 1.2 tag decides null, bool, int or
    float; anything else, timestamps included, stays text (the model parses dates itself).
    The reader and engine/quickread.py both read scalars with it."""
    tag = _resolve(resolver, value, implicit)
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":int"):
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag.endswith(":float"):
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value


class _Builder:
    """Turns a stream of parse events into plain values with positions."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.resolver = _RESOLVER
        self.root: Any = _MISSING
        self.documents = 0
        self.stack: list[tuple[Any, Path_]] = []  # (container, its path)
        self.pending_key: list[Any] = []  # per mapping: the key waiting for its value
        self.positions: dict[Path_, Pos] = {}
        self.key_positions: dict[Path_, Pos] = {}
        self.diagnostics: list[Diagnostic] = []
        self.fatal = False
        self.block_texts: list[int] = []  # where each `|` and `>` text's indicator is
        self.before: Event | None = None  # the event before the current one
        self.current: Event | None = None

    def _pos(self, event: Event) -> Pos:
        mark = event.start_mark
        return Pos(mark.line + 1, mark.column + 1)

    def _fail(self, code: str, message: str, event: Event, hint: str | None = None,
              params: dict[str, str | int | bool] | None = None) -> None:
        p = self._pos(event)
        self.diagnostics.append(make(code, message, self.name, p.line, p.col, hint=hint,
                                     **({"params": params} if params else {})))
        self.fatal = True

    def feed(self, event: Event) -> None:
        self.before = self.current
        self.current = event
        if (event.__class__ is ScalarEvent and event.anchor is None
                and (event.tag is None or event.implicit[0]) and len(self.stack) < MAX_DEPTH):
            # The common case, decided first: a plain value with no anchor and no tag, within
            # the depth limit (the checks below would find nothing to say about it).
            self._add(self._scalar(event), event)
            return
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._fail("YAML011", "a line of three dashes (---) here starts a second YAML "
                           "document, and a policy file holds exactly one", event,
                           hint="delete this line; a line of dashes inside a text is indented "
                                "as the text is", params={"form": "second"})
            elif event.version is not None or event.tags:
                self._directive(event)
            return
        if isinstance(event, AliasEvent):
            self._fail("YAML006", f"text that starts with * is read as a YAML alias "
                       f"(*{event.anchor}), and aliases are not allowed",
                       event, hint="put the whole text in double quotes, or write the value "
                       "out in full", params={"form": "alias", "name": str(event.anchor)})
            return
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None:
                self._fail("YAML006", f"anchor &{event.anchor} is not allowed", event,
                           hint="write the value out in full",
                           params={"form": "anchor", "name": str(event.anchor)})
                return
            explicit = event.tag is not None and not (
                isinstance(event, ScalarEvent) and event.implicit[0]
            ) and not (
                not isinstance(event, ScalarEvent) and event.implicit
            )
            if explicit:
                self._fail("YAML005", f"tag {event.tag} is not allowed", event,
                           hint="policy files use plain YAML values only: delete the tag; if "
                           "this is text that starts with !, put it all in double quotes",
                           params={"tag": str(event.tag)})
                return
            if len(self.stack) >= MAX_DEPTH:
                self._fail("YAML007", f"nesting deeper than {MAX_DEPTH} levels", event,
                           hint=_NESTING_HINT, params={"form": "nesting", "limit": MAX_DEPTH})
                return
        if isinstance(event, ScalarEvent):
            self._add(self._scalar(event), event)
        elif isinstance(event, MappingStartEvent):
            container: dict[Any, Any] = {}
            path = self._add(container, event)
            if path is not None:
                self.stack.append((container, path))
                self.pending_key.append(_MISSING)
        elif isinstance(event, SequenceStartEvent):
            seq: list[Any] = []
            path = self._add(seq, event)
            if path is not None:
                self.stack.append((seq, path))
                self.pending_key.append(_MISSING)
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            self.stack.pop()
            self.pending_key.pop()

    def _directive(self, event: DocumentStartEvent) -> None:
        """`%YAML` and `%TAG` lines: the file's first line that starts with `%`."""
        m = patterns.compile(r"^%\S*", re.MULTILINE).search(self.text)
        where = _line_col(self.text, m.start()) if m else Pos(1, 1)
        word = m.group() if m else "%"
        self.diagnostics.append(make(
            "YAML013", f"a policy file does not use YAML directives such as {word}", self.name,
            where.line, where.col, hint="delete this line", params={"form": "such",
                                                                    "word": word}))
        self.fatal = True

    def _scalar(self, event: ScalarEvent) -> Any:
        value: str = event.value
        if event.style == "|":
            self.block_texts.append(event.start_mark.index)
        elif event.style == ">":
            self.block_texts.append(event.start_mark.index)
            # ruamel's round-trip scanner marks fold points with BEL; the prescan has already
            # refused any real control character, so every BEL here is such a mark.
            value = value.replace("\a", "")
        # The prescan has refused every such character written as itself, so only an escape
        # (double quotes) or a non-ASCII value (a lone surrogate in a str) can still hold one.
        bad = (_ESCAPED_INVISIBLE.search(value)
               if event.style == '"' or not value.isascii() else None)
        if bad is not None:
            # Written as an escape ("\\x07", "\\u200b", "\\ud800"), so the prescan of the raw
            # text could not see it; a lone surrogate would also crash any UTF-8 output later.
            char = f"U+{ord(bad.group()):04X}"
            self._fail("YAML008", f"escaped invisible, control or surrogate character {char}",
                       event, hint="delete it or write it visibly",
                       params={"form": "escaped", "char": char})
            return value
        if event.style or not event.implicit[0]:  # libyaml gives "" for plain, pure None
            return value  # quoted or block scalars are always strings
        return plain_scalar(self.resolver, value, event.implicit)

    def _add(self, value: Any, event: Event) -> Path_ | None:
        pos = self._pos(event)
        if value is None and isinstance(event, ScalarEvent) and event.value == "":
            # An empty value (`title:`): the two parsers place it differently (after the
            # colon, or at the next token); both agree where the event before it ended.
            mark = self.before.end_mark if self.before is not None else None
            if mark is not None:
                pos = Pos(mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            self.positions[()] = pos
            return ()
        container, path = self.stack[-1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            self.positions[child] = pos
            return child
        key = self.pending_key[-1]
        if key is _MISSING:
            if isinstance(value, (dict, list)):
                self._fail("YAML001", "a name before a colon must be plain text, not a list "
                           "or a block", event, hint="write the name as plain text",
                           params={"form": "complex_key"})
                return None
            if not isinstance(value, str):
                value = str(value) if value is not None else "null"
            if value in container:
                first = self.key_positions.get((*path, value))
                where = f" (first at line {first.line})" if first else ""
                hint = "each name may appear once here: delete one of them, or merge them"
                item = bool(path and isinstance(path[-1], int))
                if item:
                    hint += f"; if this line starts a new list item, put `- ` before `{value}:`"
                said: dict[str, str | int | bool] = {"name": value, "item": item}
                said.update({"first": first.line} if first else {"form": "again"})
                self.diagnostics.append(make(
                    "YAML002", f"duplicate key '{value}'{where}", self.name, pos.line, pos.col,
                    hint=hint, params=said))
                value = _Duplicate(value)
            self.pending_key[-1] = value
            if not isinstance(value, _Duplicate):
                self.key_positions[(*path, value)] = pos
            return None
        self.pending_key[-1] = _MISSING
        if isinstance(key, _Duplicate):
            return (*path, f"\0dup:{key.key}")  # keep parsing; the file is already in error
        container[key] = value
        self.positions[(*path, key)] = pos
        return (*path, key)


class _Duplicate:
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key
