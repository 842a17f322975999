"""Release notes: every revision in `facts.revisions` needs its note, `footer.revisions.<id>`,
in every edition, written by the legal team in that edition's language.

`policy revise` drafts a clearly marked placeholder in each edition (`draft`); `policy check`
refuses a missing note (NOTE001) and a placeholder left as drafted (NOTE002) until someone writes
the note. The site shows these notes as the public release notes, so nothing machine-written
may reach it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .findings import Diagnostic, make
from .model import Master, Translation
from .read import Document

# The mark that starts every drafted note, per language; a note holding any of them is a draft.
MARKS = {"ja": "【要記入】", "ru": "✎ НАПИСАТЬ", "en": "✎ TO BE WRITTEN"}
_DRAFTS = {
    "ja": "{mark} {date}改定：改定の内容をここに書いてください（policy revise による下書きです）。",
    "ru": "{mark} — изменено {date}; опишите здесь, что изменилось (черновик от policy revise).",
    "en": "{mark} — revised {date}; say here what changed (a draft by policy revise).",
}
_HINTS = {
    "ja": "write in Japanese what this revision changed, replacing the whole placeholder",
    "ru": "write in Russian what this revision changed, replacing the whole placeholder",
    "en": "write in English what this revision changed, replacing the whole placeholder",
}


def draft(lang: str, date: str) -> str:
    """The placeholder `policy revise` writes for a new revision's note in `lang`."""
    template = _DRAFTS.get(lang, _DRAFTS["en"])
    return template.format(mark=MARKS.get(lang, MARKS["en"]), date=date)


def is_placeholder(text: str) -> bool:
    return any(mark in text for mark in MARKS.values())


def check_notes(master: Master | None, translations: Mapping[str, Translation],
                documents: Mapping[str, Document]) -> Iterator[Diagnostic]:
    """NOTE001 for each revision without a note in an edition, NOTE002 for each draft left."""
    if master is None:
        return
    notes: dict[str, dict[str, str]] = {master.lang: dict(master.footer.revisions)}
    for lang, tr in translations.items():
        notes[lang] = {rid: note.text for rid, note in tr.footer.revisions.items()}
    for lang, per in sorted(notes.items()):
        doc = documents.get(lang)
        if doc is None:
            continue
        hint = _HINTS.get(lang, f"write in the {lang} edition's language what this revision "
                          "changed")
        for i, rev in enumerate(master.facts.revisions):
            rid = str(rev.id)
            if rid not in per:
                path: tuple[str | int, ...] = ("footer", "revisions")
                pos = doc.pos(path) if lang != master.lang else doc.pos(
                    ("facts", "revisions", i))
                yield make("NOTE001", f"the revision of {rev.date.isoformat()} ({rid}) has no "
                           f"release note in this edition: add footer.revisions.{rid}",
                           doc.file, pos.line, pos.col, unit=f"footer.revisions.{rid}",
                           lang=lang, hint=hint.replace(", replacing the whole placeholder", ""))
            elif is_placeholder(per[rid]):
                key: tuple[str | int, ...] = (("footer", "revisions", rid) if lang == master.lang
                                              else ("footer", "revisions", rid, "text"))
                pos = doc.pos(key)
                yield make("NOTE002", f"the release note of the revision of "
                           f"{rev.date.isoformat()} is still the draft placeholder",
                           doc.file, pos.line, pos.col, unit=f"footer.revisions.{rid}",
                           lang=lang, hint=hint)
