"""What one edition's page shows, unit by unit: the master's structure filled with that edition's text and drift state.

The master decides the structure (ids, order, numbers). A translation supplies text by unit key;
a unit it lacks shows the master's text, marked as untranslated and in the master's language.
Both the HTML page and the Markdown file are drawn from this one view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from engine.model import Master, Translation, Unit, master_units, printed_number, translation_units
from engine.values import record, record_mutable, replace

from .status import TRANSLATED, EditionReview

# States from the parity checker (engine.check.check_sources(...).states) that put a banner on a unit.
BANNER_STATES = ("stale", "unreviewed", "untranslated")


@record
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
    review: str | None = None  # "awaiting" | "translated" (not yet reviewed) | None


@record
class SummaryPoint:
    """A key point of the summary and the clause it sums up."""

    block: Block
    target: str  # the anchor of the clause, item or sub-item
    target_number: str  # its dotted number ("3.2")


@record
class Node:
    block: Block
    children: tuple[Node, ...]


@record
class Revision:
    id: str
    date: dt.date
    note: Block | None


@record
class Edition:
    lang: str
    master_lang: str
    languages: tuple[str, ...]  # every edition of the policy, master first
    is_master: bool
    title: Block
    preamble: Block
    summary: tuple[SummaryPoint, ...]
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
    # Review: the mark every unit would carry, said once for the edition instead ("awaiting",
    # "translated" or None); whether the master is still a draft, and where its words come from.
    review_notice: str | None = None
    master_draft: bool = True
    master_origin: str = "published"

    def summary_review(self) -> str | None:
        """The review mark every key point carries, said once for the summary (a page and its
        Markdown alike), or None when the points differ (each then says its own)."""
        marks = {p.block.review for p in self.summary}
        return next(iter(marks)) if len(marks) == 1 else None

    def notice_frame(self) -> str | None:
        """The frame (render/strings.py) of the review notice said once for the edition, or
        None: an edition we translated whose other parts keep the published wording, each
        marked as awaiting review, says that too, so that a reader does not take the unmarked
        parts for reviewed ones."""
        if self.review_notice is None:
            return None
        if self.review_notice == "awaiting":
            return "all_awaiting"
        if any(b.review == "awaiting" for b in self.blocks()):
            return "translated_edition_mixed"
        return "translated_edition"

    def blocks(self) -> list[Block]:
        """Every block in document order."""
        out = [self.title, self.preamble, *(p.block for p in self.summary)]
        stack = list(reversed(self.clauses))
        while stack:
            node = stack.pop()
            out.append(node.block)
            stack.extend(reversed(node.children))
        out.append(self.established)
        out.extend(r.note for r in self.revisions if r.note is not None)
        out.append(self.signature)
        return out


@record_mutable
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
    review: EditionReview | None = None,
    master_review: EditionReview | None = None,
) -> Edition:
    """The view of the master (translation=None) or of one translation.

    `review` is this edition's legal-review status and `master_review` the master's; without
    them every unit counts as awaiting review."""
    review = review if review is not None else EditionReview()
    master_review = master_review if master_review is not None else (
        review if translation is None else EditionReview())
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
        mark: str | None = None
        if not review.approved(unit.key):
            origin = review.origins.get(unit.key, review.origin)
            mark = "translated" if shown is not None and origin == TRANSLATED else "awaiting"
        # The master decides the level and id; a translation's own title is used if it has one.
        return Block(
            key=unit.key, anchor=_anchor(unit), id_path=unit.id_path, level=unit.level,
            number=printed_number(unit.level, int(unit.number.rsplit(".", 1)[-1]))
            if unit.id_path else "",
            dotted=unit.number, title=src.title, text=src.text,
            text_lang=lang if shown is not None else master.lang, state=state, review=mark,
        )

    units = list(master_units(master))
    by_key = {u.key: block(u) for u in units}
    # The mark of the edition's own origin is said once, for the whole edition, when every
    # unit of that origin carries it; units of another origin keep their own marks.
    own = "translated" if translation is not None and review.origin == TRANSLATED else "awaiting"
    same_origin = [b for u, b in ((u, by_key[u.key]) for u in units)
                   if review.origins.get(u.key, review.origin) == review.origin]
    notice = own if same_origin and all(b.review == own for b in same_origin) else None
    if notice is not None:
        by_key = {u.key: (replace(by_key[u.key], review=None)
                          if review.origins.get(u.key, review.origin) == review.origin
                          else by_key[u.key]) for u in units}

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

    numbers = {u.anchor: u.number for u in units if u.id_path}
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
        summary=tuple(
            SummaryPoint(by_key[f"summary.{p.id}"], p.clause, numbers.get(p.clause, ""))
            for p in master.summary),
        clauses=tuple(r.freeze() for r in roots),
        established=by_key["footer.established"], revisions=revisions,
        signature=by_key["footer.signature"],
        version=translation.facts.version if translation is not None else facts.version,
        effective=effective, revised=revised, service=facts.service, company=facts.company,
        representative=facts.representative, url=facts.url, email=facts.email,
        review_notice=notice, master_draft=master_review.draft,
        master_origin=master_review.origin,
    )
