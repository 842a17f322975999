"""Bold text: every `**` opened in the master or a translation is closed, so that the page shows bold words, not asterisks.

The policy's texts are Markdown (engine/markup.py). A `**` that CommonMark cannot pair with
another prints as two asterisks on the published page and in the PDF, and the words meant to
stand out do not. markdown-it-py, the parser the site is built with, decides which `**` are
left as they are, so what is reported is exactly what the reader would see. A single `*` is
left alone: it may be a footnote mark or a multiplication.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..document import Document, Path_
from ..findings import Code, Diagnostic, Severity, make
from ..parity.context import Context, text_fields, unit_id
from ..parity.fields import around, fields
from ..saying import texts
from .unit import Check, Scope

TYPO009 = Code("TYPO009", Severity.WARNING, "a `**` for bold text has no partner and prints as it is")

MARK = "**"


@lru_cache(maxsize=4096)
def stray_marks(text: str) -> tuple[int, ...]:
    """Where in `text` a `**` prints as two asterisks (markdown-it pairs the others). The text
    is parsed as the site renders it, block by block (a `**` never pairs across paragraphs or
    list items); what prints as code or inside an autolink's address is not prose."""
    if MARK not in text:
        return ()  # most texts: no bold at all, and markdown-it is not even imported
    from ..markup import parser

    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    found: list[int] = []
    for block in parser().parse(text):
        if block.type != "inline" or not block.children:
            continue
        cursor = starts[block.map[0]] if block.map and block.map[0] < len(starts) else 0
        autolink = False
        for tok in block.children:
            if tok.type == "link_open" and tok.markup == "autolink":
                autolink = True
            elif tok.type == "link_close" and autolink:
                autolink = False
            if tok.type in ("text", "code_inline") and tok.content:
                at = text.find(tok.content, cursor)
                if at < 0:
                    continue  # an escape or an entity: the source differs from what prints
                if tok.type == "text" and not autolink:
                    i = tok.content.find(MARK)
                    while i >= 0:
                        found.append(at + i)
                        i = tok.content.find(MARK, i + len(MARK))
                cursor = at + len(tok.content)
            elif tok.markup:
                at = text.find(tok.markup, cursor)
                if at >= 0:
                    cursor = at + len(tok.markup)
    return tuple(found)


def run(ctx: Context) -> Iterator[Diagnostic]:
    """The master (the prevailing text a lawyer edits) and every translation."""
    for mu in ctx.master_units:
        for name, text, path in text_fields(mu, translation=False):
            yield from _findings(text, name, path, ctx.master_doc, ctx.master.lang,
                                 unit_id(mu), ctx)
    for ed in ctx.editions.values():
        for pair in ctx.pairs(ed):
            for f in fields(pair, ctx):  # none for a missing unit: the structure check's
                yield from _findings(f.text, f.name, f.path, ed.doc, ed.lang,
                                     unit_id(pair.master), ctx)


def _findings(text: str, name: str, path: Path_, doc: Document, lang: str, unit: str,
              ctx: Context) -> Iterator[Diagnostic]:
    for start in stray_marks(text):
        near = around(text, start, start + len(MARK))
        pos = ctx.locator(doc).find(path, text[start:])  # at the mark itself
        yield make(TYPO009, f"“**” in the {name} has no partner and prints as two "
                            f"asterisks, near “{near}”",
                   doc.file, pos.line, pos.col, unit=unit, lang=lang,
                   hint="add the closing ** after the words to show in bold, or remove it",
                   params={"field": name, "near": near})


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "TYPO009": texts(
        "太字にするための「**」が閉じていないため、ページに「**」がそのまま表示されます。",
        "«**» для полужирного шрифта не закрыто, и на странице будут видны звёздочки.",
        "A “**” for bold text is not closed, so the page shows the asterisks.",
        message=("{field:@}の「{near}」の付近にある「**」が閉じていないため、ページに「**」が"
                 "そのまま表示されます",
                 "«**» в {field:@prep} не закрыто, и на странице будут видны две звёздочки "
                 "(рядом с «{near}»)",
                 "“**” in the {field} has no partner and prints as two asterisks, near "
                 "“{near}”"),
        hint=("太字にしたい語句の後ろに閉じる「**」を書くか、この「**」を削除してください",
              "допишите закрывающие «**» после слов, которые нужно выделить, или удалите эти "
              "звёздочки",
              "add the closing ** after the words to show in bold, or remove it")),
}


# `compares` nothing: a `**` that prints as it is is wrong in any text whatever its
# master says, so it is told on a stale unit too.
CHECK = Check(name="emphasis", scope=Scope.RUN, codes=(TYPO009,), run=run,
              summary="bold text is closed in the master and every translation, so no "
                      "asterisks print",
              words=WORDS, follows_untranslated=(TYPO009,))
