"""The text diff: per unit and language, word by word (character by character for Japanese).

Units are matched by their stable id, never by position, so a clause that moved (same id,
different place) is a move — reported once, from the master's structure — and not a deletion
plus an addition. Siblings that only shifted because something was inserted before them are
`renumbered`, not moved: the moved ones are those outside the longest common order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Master, Translation, Unit, master_units, translation_units
from ..values import record
from ..worddiff import CHARACTER_LANGS, Op, tokens, word_diff

__all__ = ["CHARACTER_LANGS", "Op", "StructureChange", "TextChange", "TextDiff", "UnitRef",
           "diff_text", "tokens", "word_diff"]


@record
class UnitRef:
    """Where a unit sits: its id path and printed dotted number (empty for document text)."""

    key: str
    id_path: str
    number: str
    parent: str  # leaf id of the parent unit, "" at top level
    index: int  # position among its siblings


@record
class StructureChange:
    """A unit added, removed, moved or renumbered in the master."""

    change: str  # added | removed | moved | renumbered
    key: str
    base: UnitRef | None
    head: UnitRef | None

    @property
    def label(self) -> str:
        ref = self.head or self.base
        assert ref is not None
        return f"clause {ref.number}" if ref.number else ref.key

    def text(self) -> str:
        if self.change in ("added", "removed"):
            # a part without a printed number is named by its key: once
            key = "" if self.label == self.key else f" ({self.key})"
            return f"{self.label} {self.change}{key}"
        assert self.base is not None and self.head is not None
        verb = "moved" if self.change == "moved" else "renumbered"
        return f"{self.key} {verb}: {self.base.number or '-'} -> {self.head.number or '-'}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"change": self.change, "key": self.key}
        for side in ("base", "head"):
            ref: UnitRef | None = getattr(self, side)
            if ref is not None:
                out[side] = {"id": ref.id_path, "number": ref.number}
        return out


@record
class TextChange:
    """One field of one unit in one language whose text differs."""

    lang: str
    key: str
    field: str  # title | text
    base: UnitRef | None
    head: UnitRef | None
    old: str
    new: str
    ops: tuple[Op, ...]
    master: bool  # the change is in the prevailing (master) edition

    @property
    def number(self) -> str:
        ref = self.head or self.base
        assert ref is not None
        return ref.number

    @property
    def label(self) -> str:
        return f"clause {self.number}" if self.number else self.key

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lang": self.lang, "key": self.key, "field": self.field,
                               "master": self.master, "old": self.old, "new": self.new,
                               "ops": [list(op) for op in self.ops]}
        for side in ("base", "head"):
            ref: UnitRef | None = getattr(self, side)
            if ref is not None:
                out[side] = {"id": ref.id_path, "number": ref.number}
        return out


@record
class TextDiff:
    structure: tuple[StructureChange, ...]
    changes: tuple[TextChange, ...]

    @property
    def master_changed(self) -> bool:
        return any(c.master for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {"structure": [s.to_json() for s in self.structure],
                "changes": [c.to_json() for c in self.changes]}


def _key(unit: Unit) -> str:
    return f"clause:{unit.anchor}" if unit.id_path else unit.key


def _keyed(units: list[Unit]) -> dict[str, Unit]:
    """The units by their diff key, in document order (each key computed once)."""
    return {_key(u): u for u in units}


def _refs(units: Mapping[str, Unit]) -> dict[str, UnitRef]:
    out: dict[str, UnitRef] = {}
    counters: dict[str, int] = {}
    for key, unit in units.items():
        id_path = unit.id_path
        if id_path:
            parts = id_path.rsplit(".", 2)
            parent = parts[-2] if len(parts) > 1 else ""
        else:
            parent = "\0doc"
        index = counters.get(parent, 0)
        counters[parent] = index + 1
        out[key] = UnitRef(key, id_path, unit.number, parent, index)
    return out


def _longest_common_order(old: list[str], new: list[str]) -> set[str]:
    """The keys (the same, unique, in both lists) of a longest subsequence in the same order in
    both: a longest increasing run of old positions taken in new order (patience sorting,
    O(n log n) where comparing every pair would be quadratic)."""
    position = {k: i for i, k in enumerate(old)}
    seq = [position[k] for k in new]
    tails: list[int] = []  # tails[j]: index in seq of the smallest tail of a run of length j+1
    back = [-1] * len(seq)
    for i, value in enumerate(seq):
        j = _bisect_tails(seq, tails, value)
        if j:
            back[i] = tails[j - 1]
        if j == len(tails):
            tails.append(i)
        else:
            tails[j] = i
    kept: set[str] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        kept.add(new[i])
        i = back[i]
    return kept


def _bisect_tails(seq: list[int], tails: list[int], value: int) -> int:
    """The first j with seq[tails[j]] >= value (tails are increasing in seq value)."""
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if seq[tails[mid]] < value:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _structure(base: dict[str, UnitRef], head: dict[str, UnitRef]) -> Iterator[StructureChange]:
    for key in base:
        if key not in head:
            yield StructureChange("removed", key, base[key], None)
    for key in head:
        if key not in base:
            yield StructureChange("added", key, None, head[key])
    common = [k for k in head if k in base]
    moved = {k for k in common if base[k].parent != head[k].parent}
    # Siblings that kept their parent, grouped once (linear in the units, not per parent).
    siblings: dict[str, list[str]] = {}
    for k in common:
        if k not in moved:
            siblings.setdefault(head[k].parent, []).append(k)
    for parent in sorted(siblings):
        keys = siblings[parent]
        old = sorted(keys, key=lambda k: base[k].index)
        new = sorted(keys, key=lambda k: head[k].index)
        moved |= set(old) - _longest_common_order(old, new)
    for key in common:
        if key in moved:
            yield StructureChange("moved", key, base[key], head[key])
        elif base[key].number != head[key].number:
            yield StructureChange("renumbered", key, base[key], head[key])


def _edition_units(master: Master, translations: Mapping[str, Translation],
                   lang: str) -> list[Unit] | None:
    if lang == master.lang:
        return list(master_units(master))
    tr = translations.get(lang)
    if tr is None:
        return None
    return [unit for unit, _node in translation_units(tr)]


def diff_text(base: Master, base_tr: Mapping[str, Translation], head: Master,
              head_tr: Mapping[str, Translation]) -> TextDiff:
    """Compare every unit of every edition present on both sides (or added/dropped).

    Each edition is walked once and each unit's key computed once: the cost is linear in the
    units, and the per-unit work allocates as little as it can (at 100x the policy, allocation
    is what grows)."""
    editions: dict[tuple[int, str], dict[str, Unit]] = {}

    def units(side: int, master: Master, translations: Mapping[str, Translation],
              lang: str) -> dict[str, Unit]:
        found = editions.get((side, lang))
        if found is None:
            found = editions[side, lang] = _keyed(
                _edition_units(master, translations, lang) or [])
        return found

    mb, mh = units(0, base, base_tr, base.lang), units(1, head, head_tr, head.lang)
    rb, rh = _refs(mb), _refs(mh)
    order_b = {k: i for i, k in enumerate(rb)}
    order_h = {k: i for i, k in enumerate(rh)}
    kinds = ("removed", "added", "moved", "renumbered")
    structure = sorted(_structure(rb, rh), key=lambda s: (
        kinds.index(s.change), order_h.get(s.key, order_b.get(s.key, 0)), s.key))
    langs = sorted({base.lang, head.lang, *base_tr, *head_tr})
    changes: list[TextChange] = []
    for lang in langs:
        by_b = units(0, base, base_tr, lang)
        by_h = units(1, head, head_tr, lang)
        lrb = rb if lang == base.lang else None
        lrh = rh if lang == head.lang else None
        is_master = lang == head.lang
        for key in [*by_h, *(k for k in by_b if k not in by_h)]:
            ub, uh = by_b.get(key), by_h.get(key)
            for field in ("title", "text"):
                old = (getattr(ub, field) or "") if ub is not None else ""
                new = (getattr(uh, field) or "") if uh is not None else ""
                if old == new:
                    continue
                if lrb is None:
                    lrb = _refs(by_b)
                if lrh is None:
                    lrh = _refs(by_h)
                changes.append(TextChange(lang, key, field, lrb.get(key), lrh.get(key), old, new,
                                          word_diff(old, new, lang), is_master))
    return TextDiff(tuple(structure), tuple(changes))
