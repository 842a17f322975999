"""Typography: the final stop agrees with the master, and spacing, repeats, paragraphs and line breaks are clean.

(Brackets and quotation marks are the brackets check's, engine/checks/brackets.py.) A
translation may end with one of [typography] added_stops (a full stop) where the Japanese, a
noun phrase such as a list item, ends without one. Spacing after , . ; : is checked in
languages written with spaces; words allowed to repeat ("that that") are listed in
[typography] repeated_ok.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Code, Diagnostic, Severity, make
from ..parity import prose
from ..parity.context import Context, Pair, unit_id
from ..parity.fields import Field, around, fields, quote, where
from ..saying import texts
from .unit import Check, Scope, pair_only

W = Severity.WARNING
TYPO002 = Code("TYPO002", W, "the final punctuation differs from the master's")
TYPO003 = Code("TYPO003", W, "two or more spaces in a row")
TYPO004 = Code("TYPO004", W, "whitespace at the start or end of a text or line")
TYPO005 = Code("TYPO005", W, "a word is repeated (\"not not\")")
TYPO006 = Code("TYPO006", W, "no space after a comma, full stop, semicolon or colon")
TYPO007 = Code("TYPO007", W, "the number of paragraphs differs from the master")
TYPO008 = Code("TYPO008", W, "the line breaks (hard or within a paragraph) differ from the master")

_STOP_NAMES = {".": "a full stop", "!": "an exclamation mark", "?": "a question mark",
               ":": "a colon", ";": "a semicolon", "…": "an ellipsis", None: "no punctuation"}


def run(pair: Pair, ctx: Context) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    fs = fields(pair, ctx)
    if not fs:
        return found
    spaced = pair.edition.lang not in prose.CJK
    added = ctx.config.prose.added_stops
    for f in fs:
        # Most texts have nothing to report: the same final stop and layout as the master
        # and none of the spacing marks `_field` looks for (decided on memoised facts).
        want, have = prose.final_stop(f.master), prose.final_stop(f.text)
        if (want == have or (want is None and have in added)) and \
                prose.layout(f.master) == prose.layout(f.text) and \
                prose.plain_spacing(f.text, spaced):
            continue
        found.extend(_field(pair, ctx, f))
    return found


def _field(pair: Pair, ctx: Context, f: Field) -> Iterator[Diagnostic]:
    ed, mu = pair.edition, pair.master
    qa = ctx.config.prose
    unit, lang, text = unit_id(mu), ed.lang, f.text

    def at(code: Code, message: str, start: int, end: int, hint: str,
           **params: str | int) -> Diagnostic:
        pos = where(ctx, pair, f, around(text, start, end))
        return make(code, message, ed.file, pos.line, pos.col, unit=unit, lang=lang,
                    hint=hint, params={"field": f.name, **params})

    want, have = prose.final_stop(f.master), prose.final_stop(text)
    if want != have and not (want is None and have in qa.added_stops):
        yield at(TYPO002, f"the {f.name} ends with {_STOP_NAMES.get(have, quote(have or ''))}, "
                 f"but the master ends with {_STOP_NAMES.get(want, quote(want or ''))}",
                 max(len(text) - 1, 0), len(text), "end it as the master ends",
                 have=_STOP_NAMES.get(have, quote(have or "")),
                 want=_STOP_NAMES.get(want, quote(want or "")))
    for s in prose.doubled_spaces(text):
        yield at(TYPO003, f"{len(s.value)} spaces in a row in the {f.name}", s.start, s.end,
                 "leave one space", n=len(s.value))
    for s in prose.edge_whitespace(text):
        yield at(TYPO004, f"stray whitespace in the {f.name} near "
                 f"{quote(around(text, s.start, s.end))}", s.start, s.end,
                 "remove the spaces at the start or end of the text or line",
                 near=quote(around(text, s.start, s.end))[1:-1])
    if lang not in prose.CJK:
        for s in prose.repeated_words(text, qa.repeated_ok):
            yield at(TYPO005, f"{quote(s.value)}: a word written twice in the {f.name}",
                     s.start, s.end, "remove the repeated word", word=quote(s.value)[1:-1])
        for s in prose.missing_spaces(text, qa.abbreviations.get(lang, ())):
            yield at(TYPO006, f"no space after the punctuation in {quote(s.value)}",
                     s.start, s.end, "add a space after it", near=quote(s.value)[1:-1])
    mp, tp = prose.paragraphs(f.master), prose.paragraphs(text)
    if mp != tp:
        yield at(TYPO007, f"the {f.name} has {tp} {'paragraph' if tp == 1 else 'paragraphs'}, "
                 f"the master {mp}", 0, 0,
                 "break the paragraphs where the master does (a blank line between them)",
                 have=tp, want=mp)
    mb, tb = prose.line_breaks(f.master), prose.line_breaks(text)
    mh, th = prose.hard_breaks(f.master), prose.hard_breaks(text)
    if mb != tb or mh != th:
        yield at(TYPO008, f"the {f.name} breaks its lines {tb} {'time' if tb == 1 else 'times'} "
                 f"({th} hard {'break' if th == 1 else 'breaks'}), the master {mb} "
                 f"{'time' if mb == 1 else 'times'} ({mh} hard)", 0, 0,
                 "break the lines where the master does (a backslash at the end of a line for "
                 "a hard break), and nowhere else", have=tb, have_hard=th, want=mb,
                 want_hard=mh)


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "TYPO002": texts(
        "文末の句読点が原文と異なります。", "Знак в конце не такой, как в оригинале.",
        "The final punctuation differs from the master.",
        message=("{field:@}の末尾は{have:@}、原文の末尾は{want:@}です",
                 "{field:@} заканчивается {have:@}, а оригинал — {want:@}",
                 "the {field} ends with {have:@}, but the master ends with {want:@}"),
        hint=("原文と同じ句読点で終えてください", "закончите так же, как оригинал",
              "end it as the master ends")),
    "TYPO003": texts(
        "空白が連続しています。", "Несколько пробелов подряд.", "Two or more spaces in a row.",
        message=("{field:@}に空白が{n}個続いています",
                 "в {field:@prep} {n} {n:пробел|пробела|пробелов} подряд",
                 "{n} spaces in a row in the {field}"),
        hint=("空白は一つにしてください", "оставьте один пробел", "leave one space")),
    "TYPO004": texts(
        "行や文の始めか終わりに余分な空白があります。",
        "Лишний пробел в начале или в конце текста или строки.",
        "Stray whitespace at the start or end of a text or line.",
        message=("{field:@}の「{near}」の付近に余分な空白があります",
                 "лишний пробел в {field:@prep} рядом с «{near}»",
                 "stray whitespace in the {field} near “{near}”"),
        hint=("本文や行の始めと終わりの空白を削除してください",
              "удалите пробелы в начале или в конце текста или строки",
              "remove the spaces at the start or end of the text or line")),
    "TYPO005": texts(
        "同じ語が続けて二度書かれています。", "Одно и то же слово написано дважды подряд.",
        "A word is written twice in a row.",
        message=("「{word}」：{field:@}で同じ語が二度続いています",
                 "«{word}»: слово написано дважды подряд в {field:@prep}",
                 "“{word}”: a word written twice in the {field}"),
        hint=("重複した語を削除してください", "удалите повтор", "remove the repeated word")),
    "TYPO006": texts(
        "句読点の後に空白がありません。", "После знака препинания нет пробела.",
        "There is no space after a punctuation mark.",
        message=("「{near}」で句読点の後に空白がありません",
                 "в «{near}» нет пробела после знака препинания",
                 "no space after the punctuation in “{near}”"),
        hint=("句読点の後に空白を入れてください", "добавьте после него пробел",
              "add a space after it")),
    "TYPO007": texts(
        "段落の数が原文と異なります。", "Число абзацев не совпадает с оригиналом.",
        "The number of paragraphs differs from the master.",
        message=("{field:@}の段落は{have}つ、原文は{want}つです",
                 "в {field:@prep} {have} {have:абзац|абзаца|абзацев}, в оригинале {want}",
                 "the {field} has {have} {have:paragraph|paragraphs}, the master {want}"),
        hint=("段落の間に空行を入れて、原文と同じ位置で段落を分けてください",
              "разбейте текст на абзацы так же, как в оригинале (между абзацами — пустая "
              "строка)",
              "break the paragraphs where the master does (a blank line between them)")),
    "TYPO008": texts(
        "改行の位置が原文と異なります。", "Переводы строк не совпадают с оригиналом.",
        "The line breaks differ from the master.",
        message=("{field:@}の改行は{have}回（うち強制改行{have_hard}回）、原文は{want}回"
                 "（強制改行{want_hard}回）です",
                 "в {field:@prep} {have} {have:перевод|перевода|переводов} строки (жёстких: "
                 "{have_hard}), в оригинале {want} (жёстких: {want_hard})",
                 "the {field} breaks its lines {have} {have:time|times} ({have_hard} hard "
                 "{have_hard:break|breaks}), the master {want} {want:time|times} ({want_hard} hard)"),
        hint=("改行は原文と同じ位置だけにしてください。強制改行は行末にバックスラッシュを書きます",
              "переносите строки только там, где это делает оригинал (жёсткий перенос — "
              "обратная косая черта в конце строки)",
              "break the lines where the master does (a backslash at the end of a line for "
              "a hard break), and nowhere else")),
}


CHECK = Check(name="typography", scope=Scope.PAIR,
              codes=(TYPO002, TYPO003, TYPO004, TYPO005, TYPO006, TYPO007, TYPO008), run=run,
              settings=("typography", "sentences"),
              summary="final stops, spacing, repeated words, paragraphs and line breaks",
              words=WORDS, reads=pair_only,
              # the final stop, paragraphs and line breaks are the master's; spacing and a
              # repeated word (TYPO003-006) are wrong in a translation whatever its master says
              compares=(TYPO002, TYPO007, TYPO008),
              follows_untranslated=(TYPO002, TYPO003, TYPO004, TYPO005, TYPO006, TYPO007,
                                    TYPO008),
              # Not `follows_master`, as before the lists were declared here, although
              # TYPO002, TYPO007 and TYPO008 compare with the master's text: a decision left
              # to the maintainers.
              )
