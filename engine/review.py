"""Legal review: which units of each edition a named lawyer has approved, and which await review.

A translator's stamp (`source`) says "translated from this master text". A legal sign-off is a
different thing: "a named lawyer approved this text on this date". Each edition file keeps its
sign-offs in a top-level `approvals:` map, keyed by the unit's id (its slug, or `title`,
`preamble`, `footer.…` for the parts of the document), each recording who approved, when, and
the fingerprint of the text they approved. An approval goes stale when the text changes.

`origin` says where an edition's words come from (`published`, `translated` here and not yet
reviewed, or `reconstructed` from other editions); a translated unit may override its edition's.
Every command that writes new words into a unit of a translation not `translated` already
(`policy revise`, `policy xliff import`) marks it `origin: translated` (`mark_translated`).

`policy approve` writes approvals through the round-trip editor; `review_states` gives the pages,
the reports and the check unit engine/checks/review.py (the REVIEW001-003 findings of `policy
check`) each unit's state, with the name a reader knows it by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .findings import Diagnostic, PolicyLoadError, make
from .loader import Sources
from .model import (
    DEFAULT_ORIGIN,
    Approval,
    Master,
    Translation,
    Unit,
    fingerprint,
    master_units,
    text_fields,
    translation_units,
)
from .saying import unit_param
from .values import record
from .wording import short, unit_label

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

State = Literal["approved", "stale", "unapproved"]
TRANSLATED_HERE = "translated"
# Where a unit's `origin:` goes: after its stamps (engine/parity/stamp.py puts a new `source`
# before it), before the texts it speaks of, as the editions write it.
ORIGIN_BEFORE = ("waivers", "text", "items", "title")
# The approver's name as the help and the README's examples write it in each language: copied
# as it is, it would record nobody.
PLACEHOLDER_NAMES = frozenset({"name", "full name", "your name", "имя", "полное имя", "фио",
                               "氏名", "名前", "フルネーム"})


@record
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
    name: str = ""  # as a reader finds it, in this edition's words (see `describe`)
    named: str = ""  # the same, as a parameter said in any language (engine/saying.py)
    unit: str = ""  # as findings name the unit (engine/parity/context.py unit_id)
    text_path: tuple[str | int, ...] = ()  # where its text is in the file (findings point there)


def needs_translated_mark(edition_origin: object, unit_origin: object = None) -> bool:
    """Whether a unit of a translation into which the tool writes new words (a release note
    `policy revise` drafts, a text `policy xliff import` brings) must now say `origin:
    translated`: its words are no longer the published (or reconstructed) ones, so it may not
    take its edition's origin. A unit whose own origin, else its edition's, is `translated`
    needs nothing. The master is never marked: its words are the legal team's own."""
    return (unit_origin or edition_origin or DEFAULT_ORIGIN) != TRANSLATED_HERE


def mark_translated(node: CommentedMap) -> bool:
    """Write `origin: translated` into a unit's mapping (round-trip, engine/edit.py), in its
    place: after the stamps, before the texts. Returns whether anything changed."""
    from .edit import set_key

    return set_key(node, "origin", TRANSLATED_HERE, before=ORIGIN_BEFORE, restyle=True)


def approval_key(unit: Unit) -> str:
    """How a unit is named in `approvals:`: its own id, or its key for document parts."""
    return unit.anchor


def _naming(unit: Unit) -> tuple[str, str | None, str]:
    return unit.number, unit.title or (short(unit.text, 30) if unit.text else None), unit.key


def describe(unit: Unit, say: str = "en") -> str:
    """A unit as a reader finds it, in its edition's own words: "clause 5 <title>", "clause 5.1
    (<first words>)", "the key point “<first words>”", "the preamble" (the frame in `say`'s
    words: "第5項 …", "п. 5 …"). Never an id, a fingerprint or a path counted from zero."""
    return unit_label(*_naming(unit), say=say)


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


def _text_path(unit: Unit, *, translation: bool) -> tuple[str | int, ...]:
    """The data path of a unit's text (of its title when it has no text), else of the unit."""
    fields = text_fields(unit, translation=translation)
    return fields[-1][2] if fields else unit.data_path


# edition_states by the model it was given (kept alive here, so its id stays its own): a build
# asks for them twice (the review check, the status page), and a command of the resident
# server finds them for the editions that did not change (engine/loader.py keeps their models).
_STATES: dict[int, tuple[Master | Translation, list[UnitReview]]] = {}
_MAX_STATES = 12


def edition_states(model: Master | Translation) -> list[UnitReview]:
    """Every unit of one edition, in document order, with its review state and origin."""
    kept = _STATES.get(id(model))
    if kept is None or kept[0] is not model:
        kept = _STATES[id(model)] = (model, _edition_states(model))
        while len(_STATES) > _MAX_STATES:
            del _STATES[next(iter(_STATES))]
    return list(kept[1])


def _edition_states(model: Master | Translation) -> list[UnitReview]:
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
                              state, origin or default, approval, fp, describe(unit),
                              unit_param(*_naming(unit)), unit.id_path or unit.key,
                              _text_path(unit, translation=isinstance(model, Translation))))
    return out


def review_states(src: Sources) -> dict[str, list[UnitReview]]:
    """Per edition (master first), every unit's review state."""
    if src.master is None:
        return {}
    out = {src.master.lang: edition_states(src.master)}
    for lang, tr in src.translations.items():
        out[lang] = edition_states(tr)
    return out


@record
class ApproveResult:
    lang: str
    file: Path
    approved: tuple[str, ...]  # units approved now, as "3.2 title"
    unchanged: tuple[str, ...]  # units already approved by this person for this text
    # Units already approved by this person for this text whose date was given anew with
    # --date: (name, the date recorded before); the new date replaces it.
    redated: tuple[tuple[str, str], ...] = ()
    # Per clause named with items: its number and the numbers of the items recorded now
    # (approved or redated), so a command says it approved items only when it did.
    items: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The date recorded for each unit left as it was, by name (what "already approved" says).
    recorded: tuple[tuple[str, str], ...] = ()
    # Units whose approval of this text by another person was replaced (--replace): (name, who
    # approved it before, the date recorded before).
    replaced: tuple[tuple[str, str, str], ...] = ()
    # Translated units approved now (or redated, or replaced) whose text was not made from the
    # master's current Japanese: (name, "changed" when the Japanese changed since the
    # translation was stamped, "never" when it was never stamped). The sign-off is recorded, as
    # asked; the command says that the text approved does not yet say what the master says.
    outdated: tuple[tuple[str, str], ...] = ()

    @property
    def written(self) -> bool:
        return bool(self.approved or self.redated or self.replaced)


def approve(src: Sources, lang: str, names: Sequence[str], by: str,
            day: dt.date | None = None, *, say: str = "en",
            today: dt.date | None = None, replace: bool = False) -> ApproveResult:
    """Record that `by` approved the current text of the named units of the `lang` edition
    (the units named for people in `say`'s words) on `day` (default: today).

    A day after `today`, or before the policy took effect, is refused: an approval is recorded
    once it has happened, and never before there was a text. A unit this person already
    approved for its current text is left as it was, unless `day` is given and differs from the
    date recorded: then that day replaces it (a corrected date), in the same atomic write as
    the rest. A unit another person approved for its current text is refused, unless `replace`:
    a sign-off is never lost without being asked for."""
    from .parity.naming import typed_names, unit_titles
    from .parity.stamp import resolve, unknown_names
    from .saying import fill

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
            hint=f"for example: `policy approve {lang} 5 5.1 --by NAME`",
            params={"form": "names", "lang": lang})])
    by = by.strip()
    if not by:
        raise PolicyLoadError([make("REVIEW004", "give the approver's name with --by",
                                    src.display_path(lang), params={"form": "by"})])
    if by.casefold() in PLACEHOLDER_NAMES:
        raise PolicyLoadError([make(
            "REVIEW004", f"'{by}' is the example's placeholder, not a name: give the approving "
            "lawyer's full name with --by", src.display_path(lang),
            hint=f'for example: `policy approve {lang} 5 --by "Hanako Yamada"`',
            params={"form": "placeholder", "name": by, "lang": lang})])
    if len(by) < 2:
        raise PolicyLoadError([make(
            "REVIEW004", f"the approver's name '{by}' is too short: give the full name with "
            "--by", src.display_path(lang),
            hint=f'for example: `policy approve {lang} 5 --by "Hanako Yamada"`',
            params={"form": "short", "name": by, "lang": lang})])
    today = today or dt.date.today()
    if day is not None and day > today:
        raise PolicyLoadError([make(
            "REVIEW004", f"the approval date {day.isoformat()} is after today "
            f"({today.isoformat()}): an approval is recorded once it has happened; nothing "
            "was recorded",
            src.display_path(lang),
            hint="give the day the lawyer approved the text with --date, or leave --date out "
                 "for today",
            params={"form": "future", "day": day.isoformat(), "today": today.isoformat()})])
    effective = src.master.facts.effective
    if day is not None and day < effective:
        raise PolicyLoadError([make(
            "REVIEW004", f"the approval date {day.isoformat()} is before the policy took effect "
            f"({effective.isoformat()}); nothing was recorded", src.display_path(lang),
            hint="give the day the lawyer approved the text with --date, as 2026-12-01",
            params={"form": "before_effective", "day": day.isoformat(),
                    "effective": effective.isoformat()})])
    bad = unknown_names(src, names, lang)
    if bad:
        raise PolicyLoadError(bad)
    model: Master | Translation = (src.master if lang == src.master.lang
                                   else src.translations[lang])
    units = [u for u, _ in _units(model)]
    titles = unit_titles(src)

    def named(unit: Unit, say: str = say) -> str:
        """A unit as a reader of `say` finds it: by its title in their own edition."""
        param = unit_param(*_naming(unit), titles.get(unit.id_path or unit.key))
        return fill("{unit:@unit}", say, {"unit": param})

    typed = typed_names(src.master)
    targets, _ = resolve(units, names, typed)
    given = day
    day = day or today
    approved: list[str] = []
    unchanged: list[str] = []
    redated: list[tuple[str, str]] = []
    recorded: list[tuple[str, str]] = []
    replaced: list[tuple[str, str, str]] = []
    others: list[Diagnostic] = []
    writes: dict[str, dict[str, object]] = {}
    for unit in targets:
        key = approval_key(unit)
        fp = fingerprint(unit.source_text())
        name = named(unit)
        current = model.approvals.get(key)
        if current is not None and current.text == fp and current.by != by:
            before = current.date.isoformat()
            if not replace:
                others.append(make(
                    "REVIEW004", f"{named(unit, 'en')} was already approved for this text by "
                    f"{current.by} on {before}; nothing was recorded", src.display_path(lang),
                    hint=f"to record {by}'s approval in its place, run the command again with "
                         "--replace",
                    params={"form": "other", "name": unit_param(
                        *_naming(unit), titles.get(unit.id_path or unit.key)),
                            "before_by": current.by, "before": before, "by": by}))
                continue
            replaced.append((name, current.by, before))
            writes[key] = {"by": by, "date": day, "text": fp}
            continue
        if current is not None and current.text == fp and current.by == by:
            if given is None or given == current.date:
                unchanged.append(name)
                recorded.append((name, current.date.isoformat()))
                continue
            redated.append((name, current.date.isoformat()))
        else:
            approved.append(name)
        writes[key] = {"by": by, "date": day, "text": fp}
    if others:  # nothing is written while any named part is refused
        raise PolicyLoadError(others)
    written = {approval_key(u) for u in targets if approval_key(u) in writes}
    items: list[tuple[str, tuple[str, ...]]] = []
    for name in names:  # a clause named with its items: which of them were recorded now
        hits, _ = resolve(units, [name], typed)
        if len(hits) > 1 and hits[0].number:
            done = tuple(u.number for u in hits[1:] if u.number and approval_key(u) in written)
            if done:
                items.append((hits[0].number, done))

    # The round-trip editor (ruamel.yaml) is imported here, by `approve` only: `policy check`
    # reads the review states through this module and writes nothing.
    from ruamel.yaml.comments import CommentedMap

    from .edit import EditError, edit_yaml

    def mutate(data: CommentedMap) -> None:
        table = data.get("approvals")
        if not isinstance(table, CommentedMap):
            table = CommentedMap()
            data["approvals"] = table
        for key, entry in writes.items():
            value = CommentedMap(entry)
            value.fa.set_flow_style()
            table[key] = value

    outdated: list[tuple[str, str]] = []
    if isinstance(model, Translation):  # a translation approved while it lags behind the master
        masters = {mu.key: mu for mu in master_units(src.master)}
        tracked_of = {u.key: tracked for u, tracked in translation_units(model)}
        for unit in targets:
            mu, tracked = masters.get(unit.key), tracked_of.get(unit.key)
            if approval_key(unit) not in writes or mu is None or tracked is None:
                continue
            if tracked.source is None:
                outdated.append((named(unit), "never"))
            elif tracked.source != fingerprint(mu.source_text()):
                outdated.append((named(unit), "changed"))

    file = Path(src.display_path(lang))
    if writes:
        try:
            edit_yaml(file, mutate)
        except EditError as exc:
            raise PolicyLoadError([exc.diagnostic(str(file))]) from exc
    return ApproveResult(lang, file, tuple(approved), tuple(unchanged), tuple(redated),
                         tuple(items), tuple(recorded), tuple(replaced), tuple(outdated))
