"""What one edition's page shows, unit by unit: the master's structure filled with that edition's text and drift state.

The master decides the structure (ids, order, numbers). A translation supplies text by unit key;
a unit it lacks shows the master's text, marked as untranslated and in the master's language.
Both the HTML page and the Markdown file are drawn from this one view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from engine.model import Master, Translation, Unit, master_units, printed_number, translation_units

# States from the parity checker (engine.check.check_sources(...).states) that put a banner on a unit.
BANNER_STATES = ("stale", "unreviewed", "untranslated")


@dataclass(frozen=True, slots=True)
class Block:
    """One unit as shown: its text in `text_lang`, and why it may be out of date (or None)."""

    key: str
    anchor: str  # the HTML id: a clause's stable id; `_<key>` for document-level text
    id_path: str
    level: int
    number: str  # printed number of this level: "7.", "1)", "①"; "" for document-level text
    dotted: str  # dotted position "3.3.5"; "" for document-level text
    title: str | None
    text: str | None
    text_lang: str
    state: str | None  # "stale" | "unreviewed" | "untranslated" | None when current


@dataclass(frozen=True, slots=True)
class Node:
    block: Block
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Revision:
    id: str
    date: dt.date
    note: Block | None


@dataclass(frozen=True, slots=True)
class Edition:
    lang: str
    master_lang: str
    languages: tuple[str, ...]  # every edition of the policy, master first
    is_master: bool
    title: Block
    preamble: Block
    clauses: tuple[Node, ...]
    established: Block
    revisions: tuple[Revision, ...]
    signature: Block
    version: str
    effective: dt.date
    revised: dt.date | None
    service: str
    company: str
    representative: str
    url: str
    email: str

    def blocks(self) -> list[Block]:
        """Every block in document order."""
        out = [self.title, self.preamble]
        stack = list(reversed(self.clauses))
        while stack:
            node = stack.pop()
            out.append(node.block)
            stack.extend(reversed(node.children))
        out.append(self.established)
        out.extend(r.note for r in self.revisions if r.note is not None)
        out.append(self.signature)
        return out


@dataclass(slots=True)
class _Draft:
    block: Block
    children: list[_Draft]

    def freeze(self) -> Node:
        return Node(self.block, tuple(c.freeze() for c in self.children))


def doc_anchor(key: str) -> str:
    """Anchors of document-level text start with `_`, which no clause id (a slug) can."""
    return f"_{key}"


def _anchor(unit: Unit) -> str:
    return unit.anchor if unit.id_path else doc_anchor(unit.key)


def build_edition(
    master: Master,
    translation: Translation | None,
    states: Mapping[str, str],
    languages: tuple[str, ...],
) -> Edition:
    """The view of the master (translation=None) or of one translation."""
    lang = translation.lang if translation is not None else master.lang
    texts: dict[str, Unit] = {}
    if translation is not None:
        texts = {u.key: u for u, _node in translation_units(translation)}

    def block(unit: Unit) -> Block:
        shown = texts.get(unit.key) if translation is not None else unit
        state = None
        if translation is not None:
            state = states.get(unit.key, "current") if shown is not None else "untranslated"
            if state not in BANNER_STATES:
                state = None
        src = shown if shown is not None else unit
        # The master decides the level and id; a translation's own title is used if it has one.
        return Block(
            key=unit.key, anchor=_anchor(unit), id_path=unit.id_path, level=unit.level,
            number=printed_number(unit.level, int(unit.number.rsplit(".", 1)[-1]))
            if unit.id_path else "",
            dotted=unit.number, title=src.title, text=src.text,
            text_lang=lang if shown is not None else master.lang, state=state,
        )

    units = list(master_units(master))
    by_key = {u.key: block(u) for u in units}
    # Rebuild the clause tree from the flat, ordered unit list.
    roots: list[_Draft] = []
    path: list[_Draft] = []
    for u in units:
        if not u.id_path:
            continue
        draft = _Draft(by_key[u.key], [])
        del path[u.level:]
        (path[-1].children if path else roots).append(draft)
        path.append(draft)

    facts = master.facts
    revisions = tuple(
        Revision(r.id, r.date, by_key.get(f"footer.revisions.{r.id}")) for r in facts.revisions
    )
    effective, revised = facts.effective, (facts.revisions[-1].date if facts.revisions else None)
    if translation is not None:
        effective = translation.facts.effective
        revised = translation.facts.revised or revised
    return Edition(
        lang=lang, master_lang=master.lang, languages=languages,
        is_master=translation is None,
        title=by_key["title"], preamble=by_key["preamble"],
        clauses=tuple(r.freeze() for r in roots),
        established=by_key["footer.established"], revisions=revisions,
        signature=by_key["footer.signature"],
        version=translation.facts.version if translation is not None else facts.version,
        effective=effective, revised=revised, service=facts.service, company=facts.company,
        representative=facts.representative, url=facts.url, email=facts.email,
    )
