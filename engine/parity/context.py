"""Pairs each master unit with its translated unit, and finds where a piece of text sits in a file.

A check sees one `Pair` at a time (master unit, translated unit or None, the edition) and the
shared `Context` (the sources, the parity settings, the master's old texts for drift).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .. import patterns
from ..document import Document, Pos
from ..loader import Sources
from ..model import (  # text_fields: re-exported for the checks
    Master,
    Translation,
    Unit,
    master_units,
    text_fields,
    translation_units,
)
from ..values import field, record, record_mutable

if TYPE_CHECKING:  # the settings' parser (and the prose word lists) only where a run loads them
    from .config import ParityConfig

Path_ = tuple[str | int, ...]
__all__ = ["Context", "Edition", "Locator", "Pair", "Path_", "PreviousLookup",
           "build_context", "text_fields", "unit_id"]
# fingerprint -> (old master text, where it was found), or None when unknown
PreviousLookup = Callable[[str], tuple[str, str] | None]


def unit_id(unit: Unit) -> str:
    """How a unit is named in findings and waivers: its id path, or its key for document parts."""
    return unit.id_path or unit.key


class Locator:
    """Finds the line and column of a phrase inside one scalar of a YAML document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [0]
        for m in patterns.compile("\n").finditer(doc.text):
            self.starts.append(m.end())
        marks = {(p.line, p.col) for p in doc.positions.values()}
        marks |= {(p.line, p.col) for p in doc.key_positions.values()}
        self.marks = sorted(marks)

    def offset(self, pos: Pos) -> int:
        line = min(max(pos.line, 1), len(self.starts))
        return self.starts[line - 1] + max(pos.col - 1, 0)

    def pos_of(self, offset: int) -> Pos:
        line = bisect.bisect_right(self.starts, offset)
        return Pos(line, offset - self.starts[line - 1] + 1)

    def extent(self, path: Path_) -> tuple[int, int]:
        """Offsets of the raw text of the scalar at `path`: from it to the next node."""
        start = self.doc.pos(path)
        i = bisect.bisect_right(self.marks, (start.line, start.col))
        end = self.offset(Pos(*self.marks[i])) if i < len(self.marks) else len(self.doc.text)
        return self.offset(start), end

    def start(self, path: Path_) -> Pos:
        """Where the content of the scalar at `path` starts: for a block scalar (`|`, `>-`),
        the first line after its indicator."""
        pos = self.doc.pos(path)
        begin = self.offset(pos)
        line_end = self.doc.text.find("\n", begin)
        head = self.doc.text[begin: line_end if line_end >= 0 else None].split("#", 1)[0].strip()
        if not head or head[0] not in "|>" or line_end < 0:
            return pos
        first = patterns.compile(r"\n(?:[ \t]*\n)*([ ]*)").match(self.doc.text, line_end)
        if first is None:
            return pos
        nxt, indent = first.start(1), len(first.group(1))
        return self.pos_of(min(nxt + indent, len(self.doc.text)))

    def find(self, path: Path_, phrase: str) -> Pos:
        """Where `phrase` starts inside the scalar at `path` (line breaks of folded text
        allowed between its words); the scalar's own position when it cannot be found."""
        words = phrase.split()
        if not words:
            return self.start(path)
        start, end = self.extent(path)
        # compiled by `re` itself: a pattern made of the policy's words is not kept across
        # processes (engine/patterns.py keeps the tool's own)
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words[:8]))
        m = pattern.search(self.doc.text, start, end)
        return self.pos_of(m.start()) if m else self.start(path)


@record_mutable
class Edition:
    """One translated edition with its units by key, in document order."""

    lang: str
    doc: Document
    model: Translation
    units: dict[str, tuple[Unit, object]]  # key -> (unit, tracked node with source/waivers)

    @property
    def file(self) -> str:
        return self.doc.file


@record
class Pair:
    """A master unit and its translation in one edition (None when the edition lacks it)."""

    master: Unit
    unit: Unit | None
    source: str | None  # the recorded fingerprint
    edition: Edition


@record_mutable
class Context:
    src: Sources
    config: ParityConfig
    master: Master
    master_doc: Document
    master_units: list[Unit]
    editions: dict[str, Edition]
    previous: PreviousLookup | None = None
    _locators: dict[str, Locator] = field(default_factory=dict)
    # What checks compute once per run and share (e.g. the texts of each pair, the master's
    # sentences): keyed by the name of what is kept, so checks never see each other's data.
    memo: dict[str, Any] = field(default_factory=dict)

    def locator(self, doc: Document) -> Locator:
        loc = self._locators.get(doc.file)
        if loc is None:
            loc = self._locators[doc.file] = Locator(doc)
        return loc

    def edition_texts(self) -> tuple[tuple[str, str], ...]:
        """(language, whole file text) of every translation: what a pair check reads that
        compares a unit with the same unit in the other editions (its `Check.reads`)."""
        return tuple((lang, ed.doc.text) for lang, ed in self.editions.items())

    def pairs(self, edition: Edition) -> Iterator[Pair]:
        for mu in self.master_units:
            found = edition.units.get(mu.key)
            if found is None:
                yield Pair(mu, None, None, edition)
            else:
                unit, tracked = found
                yield Pair(mu, unit, getattr(tracked, "source", None), edition)


def build_context(src: Sources, config: ParityConfig,
                  previous: PreviousLookup | None = None) -> Context | None:
    """The context of a run, or None when there is no valid master to compare against."""
    if src.master is None or src.master_doc is None:
        return None
    editions: dict[str, Edition] = {}
    for lang in sorted(src.translations):
        tr = src.translations[lang]
        doc = src.documents[lang]
        units: dict[str, tuple[Unit, object]] = {
            u.key: (u, tracked) for u, tracked in translation_units(tr)}
        editions[lang] = Edition(lang, doc, tr, units)
    return Context(src, config, src.master, src.master_doc, list(master_units(src.master)),
                   editions, previous)
