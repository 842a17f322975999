"""Release notes: every revision of `facts.revisions` has its note, written by the legal team, in every edition.

A missing note is NOTE001; a note still holding the placeholder `policy revise` drafted
(engine/releasenotes.py) is NOTE002. `policy check` and `policy build` run this unit with the
others; `policy diff --check` asks `notes_findings` of the new side.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..document import Document
from ..findings import Code, Diagnostic, Severity, make
from ..model import Master, Translation
from ..parity.context import Context
from ..releasenotes import is_placeholder
from ..saying import texts
from ..wording import language_name
from .unit import Check, Scope

NOTE001 = Code("NOTE001", Severity.ERROR, "a revision has no release note in this edition")
NOTE002 = Code("NOTE002", Severity.ERROR, "a release note is still the placeholder `policy revise` "
               "drafted")


def _hint(lang: str) -> str:
    if lang in ("ja", "ru", "en"):
        return f"write in {language_name(lang)} what this revision changed"
    return f"write in the language of the {lang} edition what this revision changed"


def _params(lang: str, day: str, rid: str) -> dict[str, str]:
    """What the templates say (none for an edition whose language has no words: it is told
    by the plain sentence and the English detail)."""
    return {"lang": lang, "day": day, "id": rid} if lang in ("ja", "ru", "en") else {}


def notes_findings(master: Master | None, translations: Mapping[str, Translation],
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
        edition = f"the {language_name(lang)} edition"
        for i, rev in enumerate(master.facts.revisions):
            rid = str(rev.id)
            day = rev.date.isoformat()
            if rid not in per:
                path: tuple[str | int, ...] = ("footer", "revisions")
                pos = doc.pos(path) if lang != master.lang else doc.pos(
                    ("facts", "revisions", i))
                yield make(NOTE001, f"the revision of {day} has no release note in {edition}",
                           doc.file, pos.line, pos.col, unit=f"footer.revisions.{rid}",
                           lang=lang, hint=f"{_hint(lang)}, as footer.revisions.{rid} in this file",
                           params=_params(lang, day, rid))
            elif is_placeholder(per[rid]):
                key: tuple[str | int, ...] = (("footer", "revisions", rid) if lang == master.lang
                                              else ("footer", "revisions", rid, "text"))
                pos = doc.pos(key)
                yield make(NOTE002, f"the release note of the revision of {day} in {edition} "
                           "is still the draft placeholder", doc.file, pos.line, pos.col,
                           unit=f"footer.revisions.{rid}", lang=lang,
                           hint=f"{_hint(lang)}, replacing the whole placeholder",
                           params=_params(lang, day, rid))


def check_notes(ctx: Context) -> Iterator[Diagnostic]:
    yield from notes_findings(ctx.master, ctx.src.translations, ctx.src.documents)


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "NOTE001": texts(
        "この改定のお知らせ（改定内容の説明）がありません。",
        "Нет заметки об этой редакции (что изменилось).",
        "This revision has no release note saying what changed.",
        message=("{day}の改定について、{lang:@ed}にお知らせがありません",
                 "у редакции от {day} нет заметки в {lang:@ed_gen}",
                 "the revision of {day} has no release note in the {lang:@} edition"),
        hint=("この改定で何が変わったかを{lang:@}で、このファイルの footer.revisions.{id} に"
              "書いてください",
              "напишите {lang:@in}, что изменилось в этой редакции, в footer.revisions.{id} "
              "этого файла",
              "write in {lang:@} what this revision changed, as footer.revisions.{id} in this "
              "file")),
    "NOTE002": texts(
        "改定のお知らせが下書きのままです。内容を書いてください。",
        "Заметка о редакции — всё ещё черновик. Напишите её.",
        "The release note is still the draft placeholder. Write it.",
        message=("{lang:@ed}の{day}の改定のお知らせが、下書きのままです",
                 "заметка о редакции от {day} в {lang:@ed_gen} — всё ещё черновик",
                 "the release note of the revision of {day} in the {lang:@} edition is still "
                 "the draft placeholder"),
        hint=("この改定で何が変わったかを{lang:@}で書き、下書き全体を置き換えてください",
              "напишите {lang:@in}, что изменилось в этой редакции, и замените весь черновик",
              "write in {lang:@} what this revision changed, replacing the whole placeholder")),
}


# `compares` nothing: a release note is per revision, in no translated unit.
CHECK = Check(
    name="release-notes",
    scope=Scope.RUN,
    codes=(NOTE001, NOTE002),
    run=check_notes,
    summary="every revision has the legal team's release note in every edition",
    words=WORDS,
)
