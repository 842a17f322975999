"""What reading a YAML file gives: its plain data, and where each value and key sits.

Kept apart from engine/read.py (the reader, which needs ruamel.yaml) so that a result rebuilt
from a cache (engine/uses/sources.py) needs neither the reader nor the YAML library."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .findings import Diagnostic

Path_ = tuple[str | int, ...]
MAX_FILE_BYTES = 8 * 1024 * 1024  # a policy edition is ~50 kB; 100x that still fits


@dataclass(frozen=True, slots=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based


@dataclass(slots=True)
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


@dataclass(slots=True)
class ReadResult:
    document: Document | None
    diagnostics: list[Diagnostic]
