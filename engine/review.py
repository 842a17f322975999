"""Legal review: which units of each edition a named lawyer has approved, and which await review.

A translator's stamp (`source`) says "translated from this master text". A legal sign-off is a
different thing: "a named lawyer approved this text on this date". Each edition file keeps its
sign-offs in a top-level `approvals:` map, keyed by the unit's id (its slug, or `title`,
`preamble`, `footer.…` for the parts of the document), each recording who approved, when, and
the fingerprint of the text they approved. An approval goes stale when the text changes.

`origin` says where an edition's words come from (`published`, `translated` here and not yet
reviewed, or `reconstructed` from other editions); a translated unit may override its edition's.

`policy approve` writes approvals through the round-trip editor; `review_findings` reports the
REVIEW family for `policy check`; `review_states` gives the pages and reports each unit's state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ruamel.yaml.comments import CommentedMap

from .diagnostics import Diagnostic, PolicyLoadError, make
from .edit import EditError, edit_yaml
from .loader import Sources
from .model import Approval, Master, Translation, Unit, fingerprint, master_units, translation_units

State = Literal["approved", "stale", "unapproved"]
DEFAULT_ORIGIN = "published"
DOCUMENT_PARTS = {
    "title": "the title",
    "preamble": "the preamble",
    "footer.established": "the date of establishment",
    "footer.signature": "the signature",
}


@dataclass(frozen=True, slots=True)
class UnitReview:
    """The legal-review state of one unit of one edition."""

    lang: str
    key: str  # the approval key: slug, or title / preamble / footer.…
    number: str  # dotted number ("3.2"), "" for the parts of the document
    title: str  # the title of the unit's clause in this edition ("" for document parts)
    state: State
    origin: str
    approval: Approval | None
    fingerprint: str  # of this edition's current text


def approval_key(unit: Unit) -> str:
    """How a unit is named in `approvals:`: its own id, or its key for document parts."""
    return unit.anchor


def describe(unit: Unit, title: str = "") -> str:
    """A unit as a reader finds it: number and clause title, or the part of the document."""
    if unit.number:
        return f"{unit.number} {title}".strip()
    if unit.key.startswith("footer.revisions."):
        return f"the note of revision {unit.key.rsplit('.', 1)[-1]}"
    return DOCUMENT_PARTS.get(unit.key, unit.key)


def _units(src_model: Master | Translation) -> Iterator[tuple[Unit, str | None]]:
    if isinstance(src_model, Master):
        for unit in master_units(src_model):
            yield unit, None
    else:
        for unit, tracked in translation_units(src_model):
            yield unit, tracked.origin


def _titles(units: Sequence[Unit]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for unit in units:
        if unit.level == 0 and unit.title:
            titles[unit.id_path] = unit.title
    return titles


def edition_states(model: Master | Translation) -> list[UnitReview]:
    """Every unit of one edition, in document order, with its review state and origin."""
    pairs = list(_units(model))
    titles = _titles([u for u, _ in pairs])
    default = model.origin or DEFAULT_ORIGIN
    out: list[UnitReview] = []
    for unit, origin in pairs:
        key = approval_key(unit)
        fp = fingerprint(unit.source_text())
        approval = model.approvals.get(key)
        state: State = ("unapproved" if approval is None
                        else "approved" if approval.text == fp else "stale")
        out.append(UnitReview(model.lang, key, unit.number,
                              titles.get(unit.id_path.split(".")[0], "") if unit.id_path else "",
                              state, origin or default, approval, fp))
    return out


def review_states(src: Sources) -> dict[str, list[UnitReview]]:
    """Per edition (master first), every unit's review state."""
    if src.master is None:
        return {}
    out = {src.master.lang: edition_states(src.master)}
    for lang, tr in src.translations.items():
        out[lang] = edition_states(tr)
    return out


def review_findings(src: Sources) -> list[Diagnostic]:
    """REVIEW001 (units awaiting review, one finding per edition), REVIEW002 (an approval whose
    text has changed since), REVIEW003 (an approval naming no unit)."""
    found: list[Diagnostic] = []
    for lang, states in review_states(src).items():
        doc = src.documents.get(lang)
        if doc is None:
            continue
        model: Master | Translation | None = (src.master if src.master is not None
                                              and lang == src.master.lang
                                              else src.translations.get(lang))
        if model is None:
            continue
        waiting = [s for s in states if s.state == "unapproved"]
        if waiting:
            pos = doc.pos(("approvals",), key=True)
            shown = [f"{s.number} {s.title}".strip() if s.number else DOCUMENT_PARTS.get(
                s.key, s.key) for s in waiting]
            listing = shown[:8] + ([f"and {len(shown) - 8} more"] if len(shown) > 8 else [])
            found.append(make(
                "REVIEW001",
                f"{len(waiting)} of {len(states)} parts of the {lang} edition await legal review"
                f"{'' if len(waiting) < len(states) else ' (none is approved yet)'}",
                doc.file, pos.line, pos.col, lang=lang, unit="approvals",
                hint=f"once a lawyer has approved a text, record it: policy approve {lang} "
                     "CLAUSE… --by NAME",
                detail=("awaiting review: " + ", ".join(listing),)))
        for s in states:
            if s.state == "stale" and s.approval is not None:
                pos = doc.pos(("approvals", s.key))
                what = f"{s.number} {s.title}".strip() if s.number else DOCUMENT_PARTS.get(
                    s.key, s.key)
                found.append(make(
                    "REVIEW002",
                    f"{what} was approved by {s.approval.by} on {s.approval.date}, but its "
                    "text has changed since",
                    doc.file, pos.line, pos.col, lang=lang, unit=s.key,
                    hint=f"have the legal team review the new text, then: policy approve {lang} "
                         f"{s.number or s.key} --by NAME"))
        known = {s.key for s in states}
        for key in model.approvals:
            if key not in known:
                pos = doc.pos(("approvals", key), key=True)
                found.append(make(
                    "REVIEW003", f"approval for '{key}', which is not a part of this edition",
                    doc.file, pos.line, pos.col, lang=lang, unit=key,
                    hint="correct the name to a clause id, or remove the approval"))
    return found


@dataclass(frozen=True, slots=True)
class ApproveResult:
    lang: str
    file: Path
    approved: tuple[str, ...]  # units approved now, as "3.2 title"
    unchanged: tuple[str, ...]  # units already approved by this person for this text


def approve(src: Sources, lang: str, names: Sequence[str], by: str,
            day: dt.date | None = None) -> ApproveResult:
    """Record that `by` approved the current text of the named units of the `lang` edition."""
    from .parity.stamp import resolve, unknown_names

    if src.master is None or (lang != src.master.lang and lang not in src.translations):
        problems = [d for d in src.diagnostics if d.severity.name == "ERROR"] or [
            make("IO001", f"no valid '{lang}' edition to approve", str(src.folder))]
        raise PolicyLoadError(problems)
    errors = [d for d in src.diagnostics
              if d.severity.name == "ERROR" and d.file == src.display_path(lang)]
    if errors:
        raise PolicyLoadError(errors)
    if not names:
        raise PolicyLoadError([make(
            "REVIEW004", "name the clauses the legal team approved", src.display_path(lang),
            hint=f"for example: policy approve {lang} 5 5.1 --by NAME")])
    by = by.strip()
    if len(by) < 2:
        raise PolicyLoadError([make("REVIEW004", "give the approver's name with --by",
                                    src.display_path(lang))])
    bad = unknown_names(src, names)
    if bad:
        raise PolicyLoadError(bad)
    model: Master | Translation = (src.master if lang == src.master.lang
                                   else src.translations[lang])
    targets, _ = resolve([u for u, _ in _units(model)], names)
    titles = _titles([u for u, _ in _units(model)])
    day = day or dt.date.today()
    approved: list[str] = []
    unchanged: list[str] = []
    writes: dict[str, dict[str, object]] = {}
    for unit in targets:
        key = approval_key(unit)
        fp = fingerprint(unit.source_text())
        name = describe(unit, titles.get(unit.id_path.split(".")[0], ""))
        current = model.approvals.get(key)
        if current is not None and current.text == fp and current.by == by:
            unchanged.append(name)
            continue
        approved.append(name)
        writes[key] = {"by": by, "date": day, "text": fp}

    def mutate(data: CommentedMap) -> None:
        from ruamel.yaml.comments import CommentedMap as Map

        table = data.get("approvals")
        if not isinstance(table, CommentedMap):
            table = Map()
            data["approvals"] = table
        for key, entry in writes.items():
            value = Map(entry)
            value.fa.set_flow_style()
            table[key] = value

    file = Path(src.display_path(lang))
    if writes:
        try:
            edit_yaml(file, mutate)
        except EditError as exc:
            raise PolicyLoadError([make("IO005", str(exc), str(file))]) from exc
    return ApproveResult(lang, file, tuple(approved), tuple(unchanged))
