"""Changed ids: a unit kept its place but not its id, in the master or in one translation.

Reported once, where the id was changed, with the id to write back (engine/parity/renames.py
says how a changed id is told from a deleted and an added unit); the structure check holds back
the missing/extra findings the change would otherwise cause, and this finding says how many.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Code, Diagnostic, Severity, make
from ..parity.context import Context, unit_id
from ..parity.naming import first_words
from ..parity.renames import Rename, master_changes, renames, slug
from ..saying import Param, texts, unit_param
from .unit import Check, Scope

PARITY012 = Code("PARITY012", Severity.ERROR,
                 "a unit's id differs between master and translation at the same place")

_KINDS = {0: "clause", 1: "item", 2: "sub-item"}


def _finding(r: Rename, old: str, new: str, file: str, line: int, col: int, lang: str,
             held: int) -> Diagnostic:
    from ..saying import fill

    kind = _KINDS.get(r.master.level, "unit")
    params: dict[str, Param] = {"kind": kind, "number": r.master.number, "old": old,
                                "new": new, "held": held}
    if r.master.number:
        said = fill("{number:@cite}'s id", "en", params)  # clause 2, clause 3.2
    else:  # a key point by its first words, a release note by its date
        params.update(form="part", part=unit_param("", first_words(r.master), r.master.key))
        said = "the id of " + fill("{part:@unit}", "en", params)
    return make(PARITY012, f"{said} was changed from “{old}” to “{new}”",
                file, line, col, unit=unit_id(r.master), lang=lang,
                hint=f"ids never change, since services and translations refer to them: "
                     f"write `id: {old}` again; held back: {held} "
                     f"{'finding' if held == 1 else 'findings'} of missing or extra parts that "
                     "follow from it",
                params=params)


def _item(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The list item a unit is: a key point of the master is its `text` (summary/3/text)."""
    return path[:-1] if path and path[-1] == "text" else path


def run(ctx: Context) -> Iterator[Diagnostic]:
    found = renames(ctx)
    in_master = master_changes(found, ctx)
    for changes in in_master.values():
        first = changes[0]
        pos = ctx.master_doc.pos((*_item(first.master.data_path), "id"))
        yield _finding(first, slug(first.unit), slug(first.master), ctx.master_doc.file,
                       pos.line, pos.col, ctx.master.lang, sum(r.held for r in changes))
    for lang, changes in found.by_lang.items():
        ed = ctx.editions[lang]
        for r in changes:
            if r.master.key in in_master:
                continue
            pos = ed.doc.pos((*_item(r.unit.data_path), "id"))
            yield _finding(r, slug(r.master), slug(r.unit), ed.file, pos.line, pos.col, lang,
                           r.held)


WORDS = {
    "PARITY012": texts(
        "原文と翻訳で、同じ箇所の id が異なります。id は変更できません。",
        "У одной и той же части разные id в оригинале и в переводе. id не меняются.",
        "The same part has different ids in the master and a translation; ids never change.",
        message=("{number:@cite}のIDが「{old}」から「{new}」に変更されています",
                 "{number:@cite}: id изменён с «{old}» на «{new}»",
                 "{number:@cite}'s id was changed from “{old}” to “{new}”"),
        forms={"part": ("{part:@unit}のIDが「{old}」から「{new}」に変更されています",
                        "{part:@unit}: id изменён с «{old}» на «{new}»",
                        "the id of {part:@unit} was changed from “{old}” to “{new}”")},
        hint=("サービスや翻訳がIDで参照しているため、IDは変更できません。`id: {old}` に"
              "戻してください。これに伴う欠落・余分の指摘{held}件は保留しています",
              "id никогда не меняются, ведь на них ссылаются сервисы и переводы: снова напишите "
              "`id: {old}`; отложено {held} {held:замечание|замечания|замечаний} о "
              "пропущенных или лишних частях, которые из этого следуют",
              "ids never change, since services and translations refer to them: write "
              "`id: {old}` again; held back: {held} {held:finding|findings} of missing or extra "
              "parts that follow from it")),
}

# `compares` nothing: an id is never changed, whatever the master's text says.
CHECK = Check(
    name="ids",
    scope=Scope.RUN,
    codes=(PARITY012,),
    run=run,
    summary="an id changed at the same place is reported once, where it was changed",
    words=WORDS,
    follows_master=True,
)
