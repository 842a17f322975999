"""The reader's quickest path, for files with nothing to report: one tight loop over libyaml's
events, giving exactly what engine.read gives (the same data, positions and key positions).

engine.read's builder handles every event a file can hold and turns each mistake into a
finding; that generality costs most of the time of reading a folder of small files (a check of
a thousand declared uses reads a hundred). This loop handles only the plain constructs a clean
file is made of: mappings, lists and untagged scalars without anchors. On anything else (a
prescan finding, text the C parser may read differently, an anchor, alias, tag, directive,
second document, duplicate or non-text key, escaped control character, too deep a nesting, an
empty document, a parser error) it gives up and returns None, and the caller reads the file
with engine.read, which alone decides and explains every finding. tests/test_quickread.py
holds the two to the same result on a corpus and on generated text.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .document import Document, Path_, Pos, ReadResult, plain_utf8
from .read import (
    _ESCAPED_INVISIBLE,
    _RESOLVER,
    MAX_DEPTH,
    CParser,
    _block_text_unsafe,
    _fast_path_unsafe,
    _prescan,
    plain_scalar,
    read_bytes,
)

__all__ = ["quick_read_bytes", "quick_read_text", "read_bytes_quickly"]

# Positions repeat from file to file: Pos is frozen, so one object per (line, col) serves
# every file. Keyed by libyaml's 0-based (line, column), looked up inline in the loop below.
_POS: dict[tuple[int, int], Pos] = {}


def _pos(mark: Any) -> Pos:
    """The Pos of a libyaml mark (0-based line and column)."""
    key = (mark.line, mark.column)
    p = _POS.get(key)
    if p is None:
        p = Pos(mark.line + 1, mark.column + 1)
        if len(_POS) < 100_000:
            _POS[key] = p
    return p


class _GiveUp(Exception):
    """The file holds something this loop leaves to engine.read."""


def quick_read_bytes(raw: bytes, name: str) -> ReadResult | None:
    """engine.read.read_bytes for a clean file, else None."""
    text = plain_utf8(raw)
    return None if text is None else quick_read_text(text, name)


def read_bytes_quickly(raw: bytes, name: str) -> ReadResult:
    """engine.read.read_bytes, through this quickest path when the file has nothing to report
    (which gives the same document), through the reader otherwise."""
    quick = quick_read_bytes(raw, name)
    return quick if quick is not None else read_bytes(raw, name)


def quick_read_text(text: str, name: str) -> ReadResult | None:
    """engine.read.read_text for a clean file (no finding at all), else None."""
    if CParser is None or _fast_path_unsafe(text) or _prescan(text, name):
        return None
    parser = CParser(text)
    try:
        built = _build(parser, text)
    except Exception:  # _GiveUp, a parser error, anything odd: engine.read reads it again
        return None
    finally:
        parser.dispose()
    if built is None:
        return None
    root, positions, key_positions = built
    return ReadResult(Document(name, root, text, positions, key_positions), [])


_MISSING: Any = object()
# The value of each plain scalar, by its text: its tag (YAML 1.2) depends on the text alone.
_PLAIN: dict[str, Any] = {}


def _plain(value: str, implicit: tuple[bool, bool]) -> Any:
    """engine.read._Builder._scalar for a plain scalar."""
    return plain_scalar(_RESOLVER, value, implicit)


def _build(parser: Any, text: str) -> tuple[Any, dict[Path_, Pos], dict[Path_, Pos]] | None:
    """engine.read._Builder.feed for the plain constructs; raises _GiveUp on any other."""
    positions: dict[Path_, Pos] = {}
    key_positions: dict[Path_, Pos] = {}
    # The open container, its path and the mapping key waiting for its value; the outer ones
    # on `stack`, `depth` of them open (engine.read's len(stack)).
    container: Any = None
    path: Path_ = ()
    key: Any = _MISSING
    stack: list[tuple[Any, Path_, Any]] = []
    depth = 0
    root: Any = _MISSING
    before: Any = None  # the event before the current one
    block_texts: list[int] = []
    documents = 0
    get_event = parser.get_event  # None after the stream's end (one call, not two, an event)
    escaped = _ESCAPED_INVISIBLE.search
    while (event := get_event()) is not None:
        kind = event.__class__
        if kind is ScalarEvent:
            # ctag, not the tag property (a call): only whether there is a tag matters here.
            if event.anchor is not None or (event.ctag is not None and not event.implicit[0]):
                raise _GiveUp
            value: Any = event.value
            style = event.style
            if style:  # quoted or block text: always a string
                if style == "|" or style == ">":
                    block_texts.append(event.start_mark.index)
                    if style == ">":
                        value = value.replace("\a", "")
                if (style == '"' or not value.isascii()) and escaped(value) is not None:
                    raise _GiveUp
            else:
                if not value.isascii() and escaped(value) is not None:
                    raise _GiveUp
                if event.implicit[0]:
                    plain = _PLAIN.get(value, _MISSING)
                    if plain is _MISSING:
                        plain = _plain(value, event.implicit)
                        if len(_PLAIN) < 100_000:
                            _PLAIN[value] = plain
                    value = plain
            if value is None and event.value == "" and before is not None:
                mark = before.end_mark  # an empty value: where the event before it ended
            else:
                mark = event.start_mark
            pos = _POS.get((mark.line, mark.column)) or _pos(mark)
            new = False
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or (event.ctag is not None and not event.implicit):
                raise _GiveUp
            value = {} if kind is MappingStartEvent else []
            mark = event.start_mark
            pos = _POS.get((mark.line, mark.column)) or _pos(mark)
            new = True
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            container, path, key = stack.pop()
            depth -= 1
            before = event
            continue
        else:
            name = kind.__name__
            if name == "DocumentStartEvent":
                documents += 1
                if documents > 1 or event.version is not None or event.tags:
                    raise _GiveUp
            elif name not in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                raise _GiveUp  # an alias, or an event this loop does not know
            before = event
            continue
        if depth >= MAX_DEPTH:
            raise _GiveUp
        # engine.read._Builder._add (paths by tuple concatenation, faster than (*path, k))
        if container is None:
            root = value
            positions[()] = pos
            child: Path_ = ()
        elif container.__class__ is list:
            child = path + (len(container),)  # noqa: RUF005 (faster than unpacking)
            container.append(value)
            positions[child] = pos
        elif key is _MISSING:
            if new:
                raise _GiveUp  # a list or mapping as a key
            if value.__class__ is not str:
                value = str(value) if value is not None else "null"
            if value in container:
                raise _GiveUp  # a duplicate key
            key = value
            key_positions[path + (value,)] = pos  # noqa: RUF005 (faster than unpacking)
            before = event
            continue
        else:
            container[key] = value
            child = path + (key,)  # noqa: RUF005 (faster than unpacking)
            positions[child] = pos
            key = _MISSING
        if new:
            stack.append((container, path, key))
            depth += 1
            container, path, key = value, child, _MISSING
        before = event
    if root is _MISSING or root is None:
        return None  # no document, or an empty one: engine.read says so
    if any(_block_text_unsafe(text, i) for i in block_texts):
        return None
    return root, positions, key_positions
