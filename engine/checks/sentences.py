"""Sentence parity: a translated text has as many sentences as its master (a dropped or merged sentence shows here).

Sentences are split per language (engine/parity/prose.py): 。！？ in Japanese, . ! ? followed
by a capital in Russian and English, minding the abbreviations listed in parity.toml
([sentences.abbreviations]), numbers, e-mail addresses and URLs. A list item or a hard-broken
line is a sentence of its own. Two short Japanese sentences may legitimately become one: such
a unit carries a waiver saying so. (Numbered items are checked by PARITY001/002, Markdown
list items by INV008.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Code, Diagnostic, Severity, make
from ..parity import prose
from ..parity.context import Context, Pair, unit_id
from ..parity.fields import fields, quote, where
from ..saying import texts
from .unit import Check, Scope, pair_only

SENT001 = Code("SENT001", Severity.ERROR,
               "a translated text has more or fewer sentences than its master")


def run(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    ed, mu = pair.edition, pair.master
    abbr = ctx.config.prose.abbreviations
    for f in fields(pair, ctx):
        mine = prose.sentence_spans(f.master, ctx.master.lang, abbr.get(ctx.master.lang, ()))
        theirs = prose.sentence_spans(f.text, ed.lang, abbr.get(ed.lang, ()))
        if len(mine) == len(theirs):
            continue
        fewer = len(theirs) < len(mine)
        # the first sentence whose neighbourhood differs: after the shared count
        at = theirs[min(len(mine), len(theirs)) - 1] if theirs else None
        pos = where(ctx, pair, f, at.value if at is not None else "")
        what = "fewer" if fewer else "more"
        detail = tuple(f"master {i + 1}: {quote(s.value, 100)}" for i, s in enumerate(mine)) + \
            tuple(f"{ed.lang} {i + 1}: {quote(s.value, 100)}" for i, s in enumerate(theirs))
        yield make(SENT001, f"the {f.name} has {len(theirs)} "
                   f"{'sentence' if len(theirs) == 1 else 'sentences'} where the master "
                   f"has {len(mine)}: {what} than the master, so a sentence may have been "
                   f"{'dropped' if fewer else 'added or split'}", ed.file, pos.line, pos.col,
                   unit=unit_id(mu), lang=ed.lang,
                   hint="compare it with the master sentence by sentence; if sentences were "
                        "joined or split on purpose, add a waiver with check SENT001 and the "
                        "reason", detail=detail,
                   params={"field": f.name, "have": len(theirs), "want": len(mine),
                           "fewer": fewer})


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "SENT001": texts(
        "文の数が原文と一致しません。文が抜けているか、増えている可能性があります。",
        "Число предложений не совпадает с оригиналом: предложение могло потеряться или "
        "добавиться.",
        "The number of sentences differs from the master: one may be missing or added.",
        message=("{field:@}の文は{have}文で、原文の{want}文より{fewer:少ない|多い}ため、文が"
                 "{fewer:抜けている|追加または分割されている}可能性があります",
                 "в {field:@prep} {have} {have:предложение|предложения|предложений}, а в "
                 "оригинале {want}: {fewer:меньше|больше}, чем в оригинале, — предложение "
                 "могло быть {fewer:пропущено|добавлено или разбито на два}",
                 "the {field} has {have} {have:sentence|sentences} where the master has {want}: "
                 "{fewer:fewer|more} than the master, so a sentence may have been "
                 "{fewer:dropped|added or split}"),
        hint=("原文と一文ずつ比べてください。意図して文をまとめたり分けたりした場合は、"
              "check SENT001 と理由を書いた例外指定（waiver）を追加してください",
              "сравните текст с оригиналом по предложениям; если предложения объединены или "
              "разделены намеренно, добавьте исключение (waiver) с check SENT001 и причиной",
              "compare it with the master sentence by sentence; if sentences were joined or "
              "split on purpose, add a waiver with check SENT001 and the reason")),
}


CHECK = Check(name="sentences", scope=Scope.PAIR, codes=(SENT001,), run=run,
              settings=("sentences",),
              summary="a translated text has as many sentences as its master",
              words=WORDS, reads=pair_only,
              compares=(SENT001,),  # counted against the master's sentences
              follows_untranslated=(SENT001,), follows_master=True)
