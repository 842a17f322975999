"""Waivers: a finding on one translated unit, waived with a reason kept in the YAML (like sqlfluff's noqa).

`waivers: [{check: CODE, reason: ...}]` on a translated unit turns that unit's CODE finding
into a note that cites the reason. The reason is one text (taken as English), or one per
language (`reason: {en: ..., ja: ..., ru: ...}`): each reader reads it in their own language
(the finding's `waived_ja`, `waived_ru` parameters), and a reader whose language it is not
given in is told which language it is in (engine/humane.py). A waiver that waives nothing is itself reported
(PARITY010), so waivers do not outlive the problem they excused. A waiver of a code whose
check did not run (every code of it turned off in `[tool.policy.severity]`) is not judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .findings import Diagnostic, Severity, make
from .model import Waiver
from .parity.context import Context, unit_id
from .parity.naming import unit_titles
from .saying import fill, unit_param
from .values import replace
from .wording import short

# (lang, unit id) -> [(code, waiver, data path of the waiver)]
Waivers = dict[tuple[str, str], list[tuple[str, Waiver, tuple[str | int, ...]]]]


def collect(ctx: Context) -> Waivers:
    """Every waiver of every translated unit of a run."""
    out: Waivers = {}
    for lang, ed in ctx.editions.items():
        for unit, tracked in ed.units.values():
            for i, w in enumerate(getattr(tracked, "waivers", ())):
                out.setdefault((lang, unit_id(unit)), []).append(
                    (w.check, w, (*unit.data_path, "waivers", i)))
    return out


def apply_waivers(found: Iterable[Diagnostic], ctx: Context,
                  not_run: frozenset[str] = frozenset()) -> Iterator[Diagnostic]:
    """The findings with waived ones turned into notes, then one PARITY010 per unused waiver
    (but none for a waiver of a code in `not_run`: its check did not run, so whether the
    waiver still waives something is unknown)."""
    waivers = collect(ctx)
    used: set[tuple[str, str, str]] = set()
    for d in found:
        waiver = None
        if d.lang is not None and d.unit is not None:
            for code, w, _ in waivers.get((d.lang, d.unit), ()):
                if code == d.code:
                    waiver = w
                    used.add((d.lang, d.unit, code))
        if waiver is None:
            yield d
        else:
            own = tuple((f"waived_{lang}", said) for lang in ("ja", "ru")
                        if (said := waiver.reason_in(lang)) is not None)
            yield replace(d, severity=Severity.NOTE, hint=f"waived: {waiver.reason_in('en')}",
                          params=d.params + own)
    titles: dict[str, dict[str, str]] | None = None  # found at the first unused waiver
    for (lang, unit), entries in sorted(waivers.items()):
        for code, _, path in entries:
            if (lang, unit, code) not in used and code not in not_run:
                ed = ctx.editions[lang]
                pos = ed.doc.pos(path)
                # the part named as the edition prints it (clause 4.2 …), never by its id path
                part = next((u for u, _ in ed.units.values() if unit_id(u) == unit), None)
                naming = ((part.number, part.title
                           or (short(part.text, 30) if part.text else None), part.key)
                          if part is not None else ("", None, unit))
                # named as each reader finds it: by the title in their own edition
                titles = titles if titles is not None else unit_titles(ctx.src)
                named = unit_param(*naming, titles.get(unit))
                yield make("PARITY010", f"the waiver of {code} on "
                           f"{fill('{unit:@unit}', 'en', {'unit': named})} waives "
                           "no finding any more", ed.file, pos.line, pos.col, unit=unit,
                           lang=lang, hint="the finding it excused is gone, because the text "
                           "changed or the code is not the one found here: remove the waiver, "
                           "or correct its code",
                           params={"code": code, "unit": named})
