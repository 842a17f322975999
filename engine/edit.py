"""Round-trip editing of the policy YAML: change only the intended values; everything else survives byte for byte.

`edit_text` loads with ruamel.yaml in round-trip mode, lets a `mutate` callback change the
CommentedMap, and dumps it. ruamel reproduces almost everything (comments, key order, quoting,
folded line breaks) but not all (a flow sequence written over several lines comes back on
one), so the result is not the dump itself: the change between a dump of the untouched file
and a dump of the mutated one is applied to the original text, line by line. A change that
would land where the dump differs from the original is refused rather than reformatting.
`edit_yaml` does the same to a file and writes it atomically (engine/atomic.py).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap  # loaded with the reader (engine/read.py) anyway

from . import patterns

if TYPE_CHECKING:
    from ruamel.yaml import YAML

    from .findings import Diagnostic

# The round-trip loader and dumper, difflib and the atomic writer are imported where they are
# used: `policy renumber` and `policy stamp` with nothing to change import this module only for
# its error and never load, dump or write.

Mutate = Callable[[CommentedMap], None]


class EditError(Exception):
    """The file cannot be edited safely; nothing was written.

    `form` says why, as DIFF006's forms in engine/basewords.py name it: "layout" (the change
    falls where the round-trip editor cannot keep the file's layout), "unexpected" (the file
    is not shaped as the edit expects, or the editor cannot read or write it back), "read"
    (the system would not read the file: the OSError is the cause). `line` is where in the
    file, counted from 1 (0: not known). The English detail is for logs and tests; people
    read `diagnostic()`."""

    def __init__(self, detail: str, form: str = "unexpected", line: int = 0) -> None:
        super().__init__(detail)
        self.form, self.line = form, line

    def diagnostic(self, file: str) -> Diagnostic:
        """The finding a person reads, in every language: DIFF006 at the place, with what to
        do; a file the system would not read is said as that (IO002; IO001 if it is gone)."""
        from .findings import unreadable, worded

        cause = self.__cause__
        if self.form == "read" and isinstance(cause, OSError):
            return unreadable(cause, file)
        form = "layout" if self.form == "layout" else "unexpected"
        return worded("DIFF006", {"form": form}, file, self.line, 1 if self.line else 0,
                      hint=True)


@dataclass(frozen=True, slots=True)
class EditResult:
    path: Path | None
    changed: bool
    text: str


# Control characters (other than tab and line break) cannot be written in a plain or block
# scalar; ruamel.yaml's emitter may even fail on them (a BEL in a folded scalar). A text holding
# one is written double-quoted, where YAML escapes it.
_CONTROL = patterns.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


Undo = list[tuple[Any, Any, Any]]  # (mapping or sequence, key or index, the value it held)


def _quote_controls(node: Any, undo: Undo | None = None) -> None:
    """Make every string holding a control character double-quoted, in place (a folded or
    literal string keeps its style otherwise: ruamel.yaml carries the old value's style over to
    a value assigned in its place); each replaced value is noted in `undo`."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(node, dict):
        slots: Any = node.items()
    elif isinstance(node, list):
        slots = enumerate(node)
    else:
        return
    for key, value in list(slots):
        if not isinstance(value, str):
            _quote_controls(value, undo)
        elif _CONTROL.search(value):
            if undo is not None:
                undo.append((node, key, value))
            node[key] = DoubleQuotedScalarString(str(value))


def _restore(undo: Undo) -> None:
    """Put back the values `_quote_controls` replaced, bypassing ruamel.yaml's own item
    assignment (which would carry the double-quoted style over to them)."""
    from collections import OrderedDict

    for node, key, value in reversed(undo):
        if isinstance(node, OrderedDict):  # CommentedMap
            OrderedDict.__setitem__(node, key, value)
        elif isinstance(node, dict):
            dict.__setitem__(node, key, value)
        else:  # CommentedSeq, a list
            list.__setitem__(node, key, value)


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never re-wrap lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_duplicate_keys = False
    # A value written twice (one date for several approvals) must not become an anchor and an
    # alias: the reader refuses those (YAML006). The policy's files never hold any.
    yaml.representer.ignore_aliases = lambda data: True
    return yaml


def _load(text: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise EditError(f"cannot parse the YAML: {exc}", line=line) from exc


def _dump(data: Any, *, keep: bool = False) -> str:
    """The YAML of `data`; with `keep`, `data` is left exactly as it was (to be dumped again)."""
    from ruamel.yaml.error import YAMLError

    out = io.StringIO()
    undo: Undo | None = [] if keep else None
    _quote_controls(data, undo)
    try:
        _yaml().dump(data, out)
    except YAMLError as exc:
        raise EditError(f"cannot write the YAML: {exc}") from exc
    finally:
        if undo:
            _restore(undo)
    return out.getvalue()


def _merge(original: str, baseline: str, edited: str) -> str:
    """Apply the change baseline→edited onto original, which baseline differs from only where
    ruamel could not reproduce the original's layout."""
    import difflib

    o_lines = original.splitlines(keepends=True)
    b_lines = baseline.splitlines(keepends=True)
    e_lines = edited.splitlines(keepends=True)
    to_original: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, b_lines, o_lines, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_original[block.a + k] = block.b + k
    edits: list[tuple[int, int, list[str]]] = []
    ops = difflib.SequenceMatcher(None, b_lines, e_lines, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        if i1 == i2:  # pure insertion before baseline line i1
            if i1 == len(b_lines):
                at = len(o_lines)
            elif i1 in to_original:
                at = to_original[i1]
            elif i1 - 1 in to_original:
                at = to_original[i1 - 1] + 1
            else:
                raise _unkept(i1, to_original)
            edits.append((at, at, e_lines[j1:j2]))
            continue
        mapped = [to_original.get(i) for i in range(i1, i2)]
        if any(m is None for m in mapped) or mapped != list(
                range(mapped[0] or 0, (mapped[0] or 0) + len(mapped))):
            raise _unkept(i1, to_original)
        start = mapped[0]
        assert start is not None
        edits.append((start, start + (i2 - i1), e_lines[j1:j2]))
    for start, end, lines in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        o_lines[start:end] = lines
    return "".join(o_lines)


def _unkept(at: int, to_original: Mapping[int, int]) -> EditError:
    """The refusal of a change at the baseline's line `at` (counted from 0), placed at the
    original's line it falls on: the one after the last line before it that both share."""
    before = [to_original[i] for i in range(at) if i in to_original]
    line = (before[-1] + 2) if before else 1
    return EditError("the change falls where the layout cannot be kept", "layout", line)


# The top-level keys a change reads or writes, and where every top-level key of the text sits
# (key -> (line, column), 1-based, as the reader found them: engine/read.py's key positions).
Part = tuple[tuple[str, ...], Mapping[Any, tuple[int, int]]]


def edit_text(text: str, mutate: Mutate, *, only: Part | None = None) -> str:
    """The text with `mutate` applied to its round-trip data, and nothing else changed.

    With `only`, just the lines of the named top-level keys are loaded, changed and dumped (a
    revision's facts and notes are a few dozen lines of a file of a thousand); `mutate` then
    sees a mapping of those keys only. When the text's layout does not allow it (a key not at
    the start of its line, a directive, a change that adds or removes a top-level key), the
    whole text is edited instead. Callers check what they wrote (engine/diff/revise.py reads
    the result back)."""
    if only is not None:
        edited = _edit_part(text, mutate, *only)
        if edited is not None:
            return edited
    return _edit_whole(text, mutate)


def _key_line(line: str) -> bool:
    """A line at column 1 that is not a comment, a blank, a sequence entry or a marker: a
    top-level key."""
    return bool(line.strip()) and line[0] not in " \t#-\r\n"


def _edit_part(text: str, mutate: Mutate, keys: tuple[str, ...],
               where: Mapping[Any, tuple[int, int]]) -> str | None:
    lines = text.splitlines(keepends=True)
    order = sorted(where.items(), key=lambda item: item[1])
    if not order or any(col != 1 or not 1 <= line <= len(lines) for _k, (line, col) in order):
        return None
    first = order[0][1][0] - 1
    if any(line.startswith(("%", "---", "...")) for line in lines[first:]) or any(
            line.startswith("%") for line in lines[:first]):
        return None  # a directive or a second document: edit the whole text
    spans: dict[Any, tuple[int, int]] = {}
    for n, (key, (line, _col)) in enumerate(order):
        end = order[n + 1][1][0] - 1 if n + 1 < len(order) else len(lines)
        if not _key_line(lines[line - 1]) or any(_key_line(x) for x in lines[line:end]):
            return None  # the reader's keys and the text's key lines do not agree
        spans[key] = (line - 1, end)
    wanted = [k for k, _pos in order if k in keys]
    if not wanted:
        return None
    blocks = [lines[spans[k][0]:spans[k][1]] for k in wanted]
    part = "".join("".join(block) for block in blocks)
    if not part.endswith("\n"):
        return None
    try:
        new_part = _edit_whole(part, mutate)
    except EditError as exc:  # placed in the text: the part's blocks are lines of it
        if exc.line:
            seen = 0
            for k in wanted:
                start, end = spans[k]
                if exc.line <= seen + end - start:
                    exc.line = start + exc.line - seen
                    break
                seen += end - start
        raise
    if new_part == part:
        return text
    # Split the edited part back into its keys' blocks: each starts with its key's line as it
    # was (a change that rewrites a key's own line, or adds or removes a top-level key, is
    # edited in the whole text instead).
    new_lines = new_part.splitlines(keepends=True)
    heads = [i for i, line in enumerate(new_lines) if _key_line(line)]
    if len(heads) != len(blocks) or heads[0] != 0 or any(
            new_lines[i] != block[0] for i, block in zip(heads, blocks, strict=True)):
        return None
    bounds = [*heads, len(new_lines)]
    out = list(lines)
    for n in reversed(range(len(wanted))):
        start, end = spans[wanted[n]]
        out[start:end] = new_lines[bounds[n]:bounds[n + 1]]
    return "".join(out)


def _edit_whole(text: str, mutate: Mutate) -> str:
    # Loaded once (the pure-Python round-trip loader is the slowest step of an edit): the
    # baseline is dumped from the data as loaded, which the dump leaves untouched, then the
    # same data is changed and dumped again.
    data = _load(text)
    if not isinstance(data, CommentedMap):
        raise EditError("the document is not a mapping", line=1)
    baseline = _dump(data, keep=True)
    mutate(data)
    edited = _dump(data)
    if edited == baseline:
        return text
    return _merge(text, baseline, edited)


def edit_yaml(path: Path, mutate: Mutate) -> EditResult:
    """Apply `mutate` to a YAML file in place, atomically; unchanged files are not rewritten."""
    path = Path(path)
    try:
        original = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EditError(f"cannot read {path}: {exc}", "read" if isinstance(exc, OSError)
                        else "unexpected") from exc
    new = edit_text(original, mutate)
    if new == original:
        return EditResult(path, False, original)
    from .atomic import write_text_atomic

    write_text_atomic(path, new)
    return EditResult(path, True, new)


def set_key(mapping: CommentedMap, key: str, value: Any, *, before: tuple[str, ...] = (),
            restyle: bool = False) -> bool:
    """Set `mapping[key]`, keeping its place if it exists; a new key goes just before the
    first of `before` present (so comments that follow the last key stay where they are),
    else at the end. Returns whether anything changed. ruamel.yaml gives a new value the
    quotes of the value it replaces; with `restyle`, the new value is written as a new key's
    would be (quoted only when YAML would read it as something else)."""
    if key in mapping:
        if mapping[key] == value:
            return False
        if restyle:
            from collections import OrderedDict

            OrderedDict.__setitem__(mapping, key, value)  # not ruamel's, which keeps the style
        else:
            mapping[key] = value
        return True
    keys = list(mapping.keys())
    for anchor in before:
        if anchor in keys:
            mapping.insert(keys.index(anchor), key, value)
            return True
    mapping.insert(len(keys), key, value)
    return True
