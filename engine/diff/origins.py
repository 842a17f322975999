"""Where the words come from: an edition's or a unit's `origin:` that changed.

`origin` (docs/format.md) is `published`, `translated` (written here, not yet reviewed) or
`reconstructed`; a translated unit may override its edition's. The published pages tell readers
the difference (a part "translated by us, not yet reviewed" against one "awaiting our lawyers'
review"), so a change of it is part of the diff, though it changes no words: an edition's own
origin once, and a unit's where its own `origin:` says something else than before (a unit
without one on either side follows its edition, said once with the edition's). A unit the
edition lacked is named when it comes with an origin of its own other than its edition's
(`policy xliff import` marks the units it adds `origin: translated`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import DEFAULT_ORIGIN, Master, Translation, translation_units
from ..values import record
from .text import UnitRef, _key, _refs


@record
class OriginChange:
    """The origin of one edition (`key` "") or of one unit of a translation that changed;
    `old` is None for a unit the edition lacked."""

    lang: str
    key: str  # the unit's diff key (engine/diff/text.py), "" for the edition itself
    base: UnitRef | None
    head: UnitRef | None
    old: str | None
    new: str

    @property
    def edition(self) -> bool:
        return not self.key

    @property
    def label(self) -> str:
        ref = self.head or self.base
        if ref is None:
            return self.key
        return f"clause {ref.number}" if ref.number else ref.key

    def text(self) -> str:
        where = f"{self.lang} origin" if self.edition else f"{self.label} [{self.lang}] origin"
        return f"{where}: {self.old or '-'} -> {self.new}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lang": self.lang, "key": self.key or None, "old": self.old,
                               "new": self.new}
        for side in ("base", "head"):
            ref: UnitRef | None = getattr(self, side)
            if ref is not None:
                out[side] = {"id": ref.id_path, "number": ref.number}
        return out


def _own(tr: Translation) -> tuple[dict[str, str | None], dict[str, UnitRef]]:
    """A translation's units by diff key: the origin each says itself, and where it sits."""
    pairs = list(translation_units(tr))
    units = {_key(unit): unit for unit, _node in pairs}
    own: dict[str, str | None] = {_key(unit): node.origin for unit, node in pairs}
    return own, _refs(units)


def diff_origins(base: Master, base_tr: Mapping[str, Translation], head: Master,
                 head_tr: Mapping[str, Translation]) -> tuple[OriginChange, ...]:
    """Every edition on both sides whose origin changed, then each unit of a translation whose
    own origin changed what it is (in the head's order), edition by edition."""
    out: list[OriginChange] = []
    editions: list[tuple[str, Master | Translation, Master | Translation]] = []
    if base.lang == head.lang:
        editions.append((head.lang, base, head))
    editions += [(lang, base_tr[lang], head_tr[lang])
                 for lang in sorted(set(base_tr) & set(head_tr))]
    for lang, old_ed, new_ed in editions:
        was = old_ed.origin or DEFAULT_ORIGIN
        now = new_ed.origin or DEFAULT_ORIGIN
        if was != now:
            out.append(OriginChange(lang, "", None, None, was, now))
        if not isinstance(old_ed, Translation) or not isinstance(new_ed, Translation):
            continue  # the master's units say no origin of their own
        own_b, refs_b = _own(old_ed)
        own_h, refs_h = _own(new_ed)
        for key, mine in own_h.items():
            if key not in own_b:
                if mine is not None and mine != now:
                    out.append(OriginChange(lang, key, None, refs_h[key], None, mine))
                continue
            theirs = own_b[key]
            if mine is None and theirs is None:
                continue  # as its edition: said with the edition's, if it changed
            old, new = theirs or was, mine or now
            if old != new:
                out.append(OriginChange(lang, key, refs_b[key], refs_h[key], old, new))
    return tuple(out)
