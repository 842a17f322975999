"""What reading a YAML file gives: its plain data, and where each value and key sits.

Kept apart from engine/read.py (the reader, which needs ruamel.yaml) so that a result rebuilt
from a cache (engine/uses/sources.py) needs neither the reader nor the YAML library."""

from __future__ import annotations

from typing import Any

from .findings import Diagnostic
from .values import field, record, record_mutable

Path_ = tuple[str | int, ...]
MAX_FILE_BYTES = 8 * 1024 * 1024  # a policy edition is ~50 kB; 100x that still fits


@record
class Pos:
    line: int  # 1-based
    col: int  # 1-based

    # Thousands are made (and pickled by the sources cache) per folder: a direct __init__ and
    # __reduce__ instead of the generic ones.
    def __init__(self, line: int, col: int) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "col", col)

    def __reduce__(self) -> tuple[type[Pos], tuple[int, int]]:
        return Pos, (self.line, self.col)


# Positions repeat from file to file (every declaration's first use is at line 5, column 5):
# Pos is frozen, so one object per 1-based (line, col) serves every file (engine/lineread.py
# looks it up inline: SHARED_POS.get(...) or shared_pos(...)).
SHARED_POS: dict[tuple[int, int], Pos] = {}


def shared_pos(line: int, col: int) -> Pos:
    """The Pos at 1-based `line` and `col`, one object for every file (at most 100,000 kept)."""
    p = SHARED_POS.get((line, col))
    if p is None:
        p = Pos(line, col)
        if len(SHARED_POS) < 100_000:
            SHARED_POS[(line, col)] = p
    return p


def plain_utf8(raw: bytes) -> str | None:
    """The text of a file the fast readers may read (engine/quickread.py, engine/lineread.py):
    UTF-8 without a byte-order mark and not too large; None sends it to engine.read, which
    explains whatever is wrong."""
    if len(raw) > MAX_FILE_BYTES or raw.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


@record_mutable
class Document:
    """A file's plain data plus where each value (and each mapping key) sits in the file."""

    file: str
    data: Any
    text: str
    positions: dict[Path_, Pos] = field(default_factory=dict)
    key_positions: dict[Path_, Pos] = field(default_factory=dict)

    def pos(self, path: Path_, *, key: bool = False) -> Pos:
        """The position of the value at `path`, or of its nearest existing ancestor."""
        table = self.key_positions if key else self.positions
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), Pos(1, 1))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (the sources cache) with the positions as plain numbers: one call for the
        # table instead of one per position.
        return _document, (self.file, self.data, self.text, *_packed(self.positions),
                           *_packed(self.key_positions))


def _packed(table: dict[Path_, Pos]) -> tuple[tuple[Path_, ...], tuple[int, ...]]:
    """The paths of a position table, and each position's line and column in turn."""
    return tuple(table), tuple([n for p in table.values() for n in (p.line, p.col)])


def _unpacked(paths: tuple[Path_, ...], numbers: tuple[int, ...],
              made: dict[tuple[int, int], Pos]) -> dict[Path_, Pos]:
    pairs = iter(numbers)
    return dict(zip(paths, [made.get(at) or made.setdefault(at, Pos(*at))
                            for at in zip(pairs, pairs, strict=True)], strict=True))


def _document(file: str, data: Any, text: str, paths: tuple[Path_, ...],
              numbers: tuple[int, ...], key_paths: tuple[Path_, ...],
              key_numbers: tuple[int, ...]) -> Document:
    """A Document from `Document.__reduce__`'s values (how pickle restores one)."""
    made: dict[tuple[int, int], Pos] = {}  # one Pos per place, as the reader shares them
    return Document(file, data, text, _unpacked(paths, numbers, made),
                    _unpacked(key_paths, key_numbers, made))


@record_mutable
class ReadResult:
    document: Document | None
    diagnostics: list[Diagnostic]
