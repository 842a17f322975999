"""Brackets and quotation marks: every one opened in a translated text is closed, in nesting order.

An unbalanced quotation changes what a sentence says (where a defined term or a quotation ends),
so this is an error. The pairs are per language: 「」『』（）() in Japanese, «» „“ () in
Russian, “” () in English (any other language: the English set). Link targets, URLs and e-mail
addresses are left out first, and an enumeration such as `1)` or `a)` is not a closing bracket.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import patterns
from ..findings import Code, Diagnostic, Severity, make
from ..parity import prose
from ..parity.context import Context, Pair, unit_id
from ..parity.fields import around, fields
from ..parity.text import Span
from ..saying import texts
from .unit import Check, Scope, pair_only

TYPO001 = Code("TYPO001", Severity.ERROR, "a bracket or quotation mark has no partner")

BRACKETS: dict[str, tuple[tuple[str, str], ...]] = {
    "ja": (("「", "」"), ("『", "』"), ("（", "）"), ("(", ")")),
    "ru": (("«", "»"), ("„", "“"), ("(", ")")),
    "en": (("“", "”"), ("(", ")")),
}
# compiled on first use (engine/patterns.py)
_ENUMERATION = r"(?:^|[\s(（])(?:\d{1,2}|[a-zа-я])$"


@lru_cache(maxsize=16)
def _chars(lang: str) -> str:
    return "".join(c for pair in BRACKETS.get(lang, BRACKETS["en"]) for c in pair)


@lru_cache(maxsize=16)
def _pattern(lang: str) -> re.Pattern[str]:
    return patterns.compile("[" + re.escape(_chars(lang)) + "]")


def unbalanced(text: str, lang: str) -> list[Span]:
    """Brackets and quotes without their partner, in nesting order (a closer that closes an
    outer bracket leaves the ones opened inside it unbalanced)."""
    if not any(c in text for c in _chars(lang)):
        return []  # no bracket or quote at all: most texts, decided by substring tests
    pattern = _pattern(lang)
    pairs = BRACKETS.get(lang, BRACKETS["en"])
    opens = {o: c for o, c in pairs}
    closes = {c: o for o, c in pairs}
    hidden = prose.masked(text)
    stack: list[tuple[str, int]] = []
    bad: list[Span] = []
    for m in pattern.finditer(hidden):
        i, ch = m.start(), m.group()
        if ch in opens and not (ch in closes and stack and stack[-1][0] == closes[ch]):
            stack.append((ch, i))
        elif ch in closes:
            depth = next((k for k in range(len(stack) - 1, -1, -1)
                          if stack[k][0] == closes[ch]), None)
            if depth is not None:
                bad.extend(Span(o, j, j + 1) for o, j in stack[depth + 1:])
                del stack[depth:]
            elif not (ch == ")" and patterns.compile(_ENUMERATION).search(
                    hidden[max(0, i - 4): i])):
                bad.append(Span(ch, i, i + 1))
    bad.extend(Span(ch, i, i + 1) for ch, i in stack)
    return sorted(bad, key=lambda s: s.start)


def run(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    ed = pair.edition
    for f in fields(pair, ctx):  # none when the unit is missing: the structure check's finding
        for s in unbalanced(f.text, ed.lang):
            near = around(f.text, s.start, s.end)
            pos = ctx.locator(ed.doc).find(f.path, near)
            yield make(TYPO001, f"“{s.value}” in the {f.name} has no partner, near “{near}”",
                       ed.file, pos.line, pos.col, unit=unit_id(pair.master), lang=ed.lang,
                       hint="close or remove it: a quotation or bracket left open changes "
                            "where a defined term or a quotation ends",
                       params={"char": s.value, "field": f.name, "near": near})


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "TYPO001": texts(
        "括弧か引用符の対応がとれていません。", "У скобки или кавычки нет пары.",
        "A bracket or quotation mark has no partner.",
        message=("{field:@}の「{near}」の付近にある「{char}」に、対になる括弧・引用符が"
                 "ありません",
                 "у «{char}» в {field:@prep} нет пары (рядом с «{near}»)",
                 "“{char}” in the {field} has no partner, near “{near}”"),
        hint=("閉じるか削除してください。括弧や引用符が閉じていないと、定義語や引用の範囲が"
              "変わってしまいます",
              "закройте или удалите её: незакрытая кавычка или скобка меняет границы "
              "определённого термина или цитаты",
              "close or remove it: a quotation or bracket left open changes where a defined "
              "term or a quotation ends")),
}


# `compares` nothing: a bracket without its partner is wrong in a translation whatever
# its master says, so it is told on a stale unit too.
CHECK = Check(name="brackets", scope=Scope.PAIR, codes=(TYPO001,), run=run,
              summary="brackets and quotation marks in translations are balanced",
              words=WORDS, reads=pair_only, follows_untranslated=(TYPO001,))
