"""Prevailing language: every edition has the clause saying which edition prevails, and it names that language.

The clause id and each edition's word for the language come from parity.toml.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..findings import Code, Diagnostic, Severity, make
from ..model import Unit
from ..parity.context import Context, text_fields
from ..saying import listed, texts
from .unit import Check, Scope

E = Severity.ERROR

LANG001 = Code("LANG001", E, "the edition lacks the prevailing-language clause")
LANG002 = Code("LANG002", E, "the prevailing-language clause does not name the prevailing language")


def _check(units: dict[str, Unit], doc: Document, lang: str, translation: bool,
           ctx: Context) -> Iterator[Diagnostic]:
    clause = ctx.config.prevailing_clause
    if clause is None:
        return
    prevailing = ctx.master.facts.prevailing_language
    unit = units.get(f"clause:{clause}")
    if unit is None:
        pos = doc.pos(("clauses",), key=True)
        yield make(LANG001, f"no clause '{clause}' saying that the '{prevailing}' edition "
                   "prevails", doc.file, pos.line, pos.col, unit=clause, lang=lang,
                   params={"clause": clause, "prevailing": prevailing})
        return
    words = ctx.config.prevailing_names.get(prevailing, {}).get(lang)
    fields = text_fields(unit, translation=translation)
    body = "\n".join(t for _, t, _ in fields).casefold()
    if words is None or not any(w.casefold() in body for w in words):
        pos = ctx.locator(doc).start(fields[-1][2]) if fields else doc.pos(unit.data_path)
        known = " or ".join(f"“{w}”" for w in words) if words else None
        yield make(LANG002, f"clause {unit.number} does not name the prevailing language "
                   f"'{prevailing}'" + (f" ({known})" if known else ""), doc.file, pos.line,
                   pos.col, unit=unit.id_path, lang=lang,
                   hint=None if words else f"add prevailing.names.{prevailing}.{lang} to "
                   "parity.toml",
                   params={"number": unit.number, "prevailing": prevailing, "lang": lang,
                           "known": listed([w for w in words] if words else []),
                           **({} if words else {"form": "unlisted"})})


def check_prevailing(ctx: Context) -> Iterator[Diagnostic]:
    yield from _check({u.key: u for u in ctx.master_units}, ctx.master_doc, ctx.master.lang,
                      False, ctx)
    for ed in ctx.editions.values():
        yield from _check({k: u for k, (u, _) in ed.units.items()}, ed.doc, ed.lang, True, ctx)


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "LANG001": texts(
        "どの言語版が優先するかを定める条項がありません。",
        "В версии нет пункта о том, какая версия имеет преимущественную силу.",
        "The edition lacks the clause saying which edition prevails.",
        message=("{prevailing:@ed}が優先することを定める条項「{clause}」がありません",
                 "нет пункта «{clause}» о том, что преимущественную силу имеет "
                 "{prevailing:@ed}",
                 "no clause '{clause}' saying that the '{prevailing}' edition prevails")),
    "LANG002": texts(
        "優先言語の条項が、優先する言語を明記していません。",
        "Пункт о преимущественной силе не называет язык, который имеет преимущество.",
        "The prevailing-language clause does not name the prevailing language.",
        message=("{number:@cite}が、優先する言語（{prevailing:@}）を明記していません"
                 "（{known:@or}と書いてください）",
                 "в {number:@cite} не назван язык, имеющий преимущественную силу "
                 "({prevailing:@}; ожидается {known:@or})",
                 "{number:@cite} does not name the prevailing language '{prevailing}' "
                 "({known:@or})"),
        forms={"unlisted": ("{number:@cite}が、優先する言語（{prevailing:@}）を明記していません"
                            "{known}",
                            "в {number:@cite} не назван язык, имеющий преимущественную силу "
                            "({prevailing:@}){known}",
                            "{number:@cite} does not name the prevailing language "
                            "'{prevailing}'{known}")},
        hint=("parity.toml に prevailing.names.{prevailing}.{lang} を追加してください",
              "добавьте prevailing.names.{prevailing}.{lang} в parity.toml",
              "add prevailing.names.{prevailing}.{lang} to parity.toml")),
}


# `compares` nothing: the prevailing clause must name the language as parity.toml
# says, whatever the master's text of it says.
CHECK = Check(
    name="prevailing",
    scope=Scope.RUN,
    codes=(LANG001, LANG002),
    run=check_prevailing,
    settings=("prevailing",),
    summary="every edition says which edition prevails, naming that language",
    words=WORDS,
    follows_master=True,
)
