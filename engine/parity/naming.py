"""How a person names, in a command, a part of the policy that has no printed number.

Clauses and items are named by their printed numbers; the title, the preamble and the footer
by those words. A key point of the summary is named by its place in the list (`--key-point 3`)
and a release note by its revision's date (`--release-note 2026-12-03`): what `policy stamp`
takes, and what findings and reports propose to type. Imported by the checks and the report,
so it stays small (no dataclasses, nothing the cold `policy check` path does not load).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..loader import Sources
    from ..model import Master, Translation, Unit

KEY_POINT, RELEASE_NOTE = "--key-point", "--release-note"


def typed_names(master: Master) -> dict[str, str]:
    """unit key -> what a person types after `policy stamp LANG` to name an unnumbered part
    that has no plain name of its own: a key point of the summary by its place in the list
    (`--key-point 3`), a release note by its revision's date (`--release-note 2026-12-03`,
    when no other revision has that date). Clauses and items are named by printed number;
    the title, the preamble and the footer by those words."""
    out = {f"summary.{p.id}": f"{KEY_POINT} {i}" for i, p in enumerate(master.summary, 1)}
    out.update((key, f"{RELEASE_NOTE} {day}") for key, day in release_note_days(master).items())
    return out


def release_note_days(master: Master) -> dict[str, str]:
    """unit key -> the date (YYYY-MM-DD) of the revision a release note belongs to, for each
    revision whose date no other revision shares: how a reader knows the note."""
    dates = [r.date.isoformat() for r in master.facts.revisions]
    return {f"footer.revisions.{r.id}": r.date.isoformat() for r in master.facts.revisions
            if dates.count(r.date.isoformat()) == 1}


def first_words(unit: Unit) -> str | None:
    """How a reader knows an unnumbered part: a key point by its own first words."""
    from ..wording import short

    return short(unit.text, 30) if unit.key.startswith("summary.") and unit.text else None


def how_to_name(unit: Unit, typed: Mapping[str, str]) -> str:
    """What a person types to name `unit` in a command: its printed number, else its typed
    name (`typed_names`), else its key or id."""
    return unit.number or typed.get(unit.key) or unit.id_path or unit.key


def unit_titles(src: Sources) -> dict[str, dict[str, str]]:
    """unit (as findings name it: its id path, or its key for a document part) -> {language:
    the unit's title, else its first words, in that language's edition}: how a reader of each
    language finds it (`saying.unit_param`'s `titles`). A release note is known by its
    revision's date in every language."""
    if src.master is None:
        return {}
    return edition_titles(src.master, src.translations)


def edition_titles(master: Master, translations: Mapping[str, Translation],
                   ) -> dict[str, dict[str, str]]:
    """`unit_titles` of a master and its translations (a side of `policy diff`, say)."""
    from ..model import master_units, translation_units
    from ..wording import short

    days = release_note_days(master)
    editions: list[tuple[str, list[Unit]]] = [(master.lang, list(master_units(master)))]
    editions += [(lang, [u for u, _ in translation_units(tr)])
                 for lang, tr in sorted(translations.items())]
    out: dict[str, dict[str, str]] = {}
    for lang, units in editions:
        for u in units:
            said = days.get(u.key) or u.title or (short(u.text, 30) if u.text else None)
            if said:
                out.setdefault(u.id_path or u.key, {})[lang] = said
    return out
