"""Length ratio: each text's length against its master's, compared with the median ratio of that language pair across the policy.

A translation about as long as the Japanese is a fact of the pair (Russian runs about 2.5
times the Japanese characters); a unit far off that median has probably lost or gained a part,
even when its sentence count survived. Texts shorter than [length] min_chars in the master
(titles, short items) are not compared; a unit is an outlier when its ratio is more than
[length] factor times above or below the median.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Code, Diagnostic, Severity, make
from ..parity import prose
from ..parity.context import Context, Edition, Pair, unit_id
from ..parity.fields import Field, fields, where
from ..saying import texts
from .unit import Check, Scope

LEN001 = Code("LEN001", Severity.WARNING,
              "a text's length ratio to its master is far from the language pair's median")


def run(ed: Edition, ctx: Context) -> Iterator[Diagnostic]:
    qa = ctx.config.prose
    measured: list[tuple[Pair, Field, float]] = []
    for pair in ctx.pairs(ed):
        for f in fields(pair, ctx):
            if f.text == f.master:
                continue  # kept as written (a name, a signature): nothing to compare
            m = prose.length(f.master)
            if m >= qa.length_min_chars:
                measured.append((pair, f, prose.length(f.text) / m))
    if len(measured) < 5:  # too few texts for a median to mean anything
        return
    median = _median([r for _, _, r in measured])
    low, high = median / qa.length_factor, median * qa.length_factor
    for pair, f, ratio in measured:
        if low <= ratio <= high:
            continue
        shorter = ratio < low
        pos = where(ctx, pair, f)
        times = f"{ratio / median:.1f}"
        yield make(LEN001, f"the {f.name} is {times} times as long as {ed.lang} translations "
                   "of a Japanese text this long usually are: "
                   f"{'part of it may be missing' if shorter else 'it may say more than the master'}",
                   ed.file, pos.line, pos.col, unit=unit_id(pair.master), lang=ed.lang,
                   hint="compare it with the master; if it is complete, add a waiver with "
                        "check LEN001 and the reason",
                   params={"field": f.name, "times": times, "lang": ed.lang,
"shorter": shorter})


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "LEN001": texts(
        "原文と比べて長さが大きく異なります。抜けや付け足しがないか確認してください。",
        "Длина сильно отличается от обычной для перевода: проверьте, нет ли пропусков или "
        "лишнего.",
        "The length is far from what a translation usually has: check for gaps or additions.",
        message=("{field:@}の長さが、同じ長さの日本語から訳した{lang:@}の訳文の通常の{times}倍"
                 "です。{shorter:一部が抜けている|原文にない内容が加わっている}可能性があります",
                 "{field:@}: длина — {times:@num} от обычной для перевода японского текста "
                 "такой длины (перевод: {lang:@}): {shorter:часть текста могла "
                 "потеряться|возможно, сказано больше, чем в оригинале}",
                 "the {field} is {times} times as long as {lang} translations of a Japanese "
                 "text this long usually are: {shorter:part of it may be missing|it may say "
                 "more than the master}"),
        hint=("原文と比べてください。過不足がない場合は、check LEN001 と理由を書いた例外指定"
              "（waiver）を追加してください",
              "сравните текст с оригиналом; если перевод полный, добавьте исключение (waiver) "
              "с check LEN001 и причиной",
              "compare it with the master; if it is complete, add a waiver with check LEN001 "
              "and the reason")),
}


CHECK = Check(name="length", scope=Scope.EDITION, codes=(LEN001,), run=run,
              settings=("length",),
              summary="each text's length ratio is near its language pair's median",
              words=WORDS,
              compares=(LEN001,),  # each text measured against its master's length
              follows_untranslated=(LEN001,), follows_master=True)


def _median(values: list[float]) -> float:
    """The median, as statistics.median computes it (importing statistics costs a check ~4 ms:
    it loads fractions, decimal and random)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2
