"""Legal review: the parts of each edition that await a lawyer's sign-off, approvals gone stale, approvals naming nothing.

The states come from engine/review.py (`approvals:` in each edition file). Parts are named as a
reader finds them, in the words of the reader's own edition (clause number and title, a key
point by its first words, "the preamble"), never by an id, a fingerprint or a path counted
from zero.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Code, Diagnostic, Severity, make
from ..model import Master, Translation
from ..parity.context import Context
from ..parity.naming import typed_names, unit_titles
from ..review import review_states
from ..saying import fill, texts, titled
from ..wording import language_name
from .unit import Check, Scope

REVIEW001 = Code("REVIEW001", Severity.WARNING, "parts of an edition await legal review")
REVIEW002 = Code("REVIEW002", Severity.WARNING, "an approved text has changed since its approval")
REVIEW003 = Code("REVIEW003", Severity.ERROR, "an approval names a part the edition does not have")

# How many waiting parts a REVIEW001 finding lists before "and N more".
LISTED = 8


def check_review(ctx: Context) -> Iterator[Diagnostic]:
    """REVIEW001 once per edition with parts awaiting review, REVIEW002 per stale approval,
    REVIEW003 per approval that names no part of its edition."""
    src = ctx.src
    titles: dict[str, dict[str, str]] | None = None  # found at the first stale approval
    for lang, states in review_states(src).items():
        doc = src.documents.get(lang)
        model: Master | Translation | None = (ctx.master if lang == ctx.master.lang
                                              else src.translations.get(lang))
        if doc is None or model is None:
            continue
        edition = f"the {language_name(lang)} edition"
        waiting = [s for s in states if s.state == "unapproved"]
        if waiting:
            pos = doc.pos(("approvals",), key=True)
            shown = [s.name for s in waiting]
            listing = shown[:LISTED] + ([f"and {len(shown) - LISTED} more"]
                                        if len(shown) > LISTED else [])
            yield make(
                REVIEW001,
                f"{len(waiting)} of {len(states)} parts of {edition} await legal review"
                f"{'' if len(waiting) < len(states) else '; none is approved yet'}",
                doc.file, pos.line, pos.col, lang=lang, unit="approvals",
                hint=f"once a lawyer has approved a text, record it: policy approve {lang} "
                     "CLAUSE… --by NAME",
                params={"waiting": len(waiting), "total": len(states), "lang": lang,
                        "none": len(waiting) >= len(states)},
                detail=("awaiting review: " + ", ".join(listing),))
        for s in states:
            if s.state == "stale" and s.approval is not None:
                # as a person types it: 3.2, title, --key-point 2, --release-note 2026-12-03
                name = s.number or typed_names(ctx.master).get(s.key) or s.key
                # at the text that changed, under the unit's heading, as other findings are
                pos = doc.pos(s.text_path) if s.text_path else doc.pos(("approvals", s.key))
                # named as each reader finds it: by the title in their own edition
                titles = titles if titles is not None else unit_titles(src)
                unit = titled(s.named, titles.get(s.unit))
                yield make(
                    REVIEW002,
                    f"{fill('{unit:@unit}', 'en', {'unit': unit})} was approved by "
                    f"{s.approval.by} on {s.approval.date}, but its text has changed since",
                    doc.file, pos.line, pos.col, lang=lang, unit=s.unit or s.key,
                    hint=f"have the legal team review the new text, then: policy approve {lang} "
                         f"{name} --by NAME",
                    params={"unit": unit, "by": s.approval.by, "date": str(s.approval.date),
                            "lang": lang, "number": name})
        known = {s.key for s in states}
        for key in model.approvals:
            if key not in known:
                pos = doc.pos(("approvals", key), key=True)
                yield make(
                    REVIEW003, f"the approval “{key}” names no part of {edition}",
                    doc.file, pos.line, pos.col, lang=lang, unit=key,
                    hint="correct the name to a clause id, or remove the approval",
                    params={"key": key, "lang": lang})


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "REVIEW001": texts(
        "法務の承認が済んでいない箇所があります。", "Часть текста ещё ждёт одобрения юриста.",
        "Parts of this edition await legal review.",
        # No bracket of its own: the hint follows in one (…（弁護士が承認したら…）).
        message=("{lang:@ed}の{total}か所中{waiting}か所が法務の承認待ち"
                 "{none:で、まだ一つも承認されていません|です}",
                 "{waiting} из {total} {total:части|частей|частей} {lang:@ed_gen} "
                 "{waiting:ждёт|ждут|ждут} одобрения юриста{none:; ни одна ещё не одобрена|}",
                 "{waiting} of {total} parts of the {lang:@} edition await legal review"
                 "{none:; none is approved yet|}"),
        hint=("弁護士が承認したら記録してください：policy approve {lang} 条項番号… --by 氏名",
              "когда юрист одобрит текст, запишите это: policy approve {lang} ПУНКТ… --by ИМЯ",
              "once a lawyer has approved a text, record it: policy approve {lang} CLAUSE… "
              "--by NAME")),
    "REVIEW002": texts(
        "承認後に本文が変更されました。もう一度法務の確認を受けてください。",
        "Текст изменился после одобрения. Его нужно одобрить заново.",
        "The text changed after it was approved. It needs legal review again.",
        message=("{unit:@unit}は「{by}」が{date}に承認しましたが、その後文章が変更されています",
                 "{unit:@unit}: одобрено ({by}, {date}), но с тех пор текст изменился",
                 "{unit:@unit} was approved by {by} on {date}, but its text has changed since"),
        hint=("法務チームに新しい本文を確認してもらい、その後：policy approve {lang} {number} "
              "--by 氏名",
              "попросите юристов проверить новый текст, затем: policy approve {lang} {number} "
              "--by ИМЯ",
              "have the legal team review the new text, then: policy approve {lang} {number} "
              "--by NAME")),
    "REVIEW003": texts(
        "承認の記録が、この言語版にない箇所を指しています。",
        "Запись об одобрении указывает на место, которого нет в этой версии.",
        "An approval names a part this edition does not have.",
        message=("承認の記録「{key}」が指す箇所は、{lang:@ed}にありません",
                 "в {lang:@ed_gen} нет части, на которую указывает запись об одобрении «{key}»",
                 "the approval “{key}” names no part of the {lang:@} edition"),
        hint=("名前を条項のIDに直すか、この承認の記録を削除してください",
              "исправьте имя на id пункта или удалите эту запись",
              "correct the name to a clause id, or remove the approval")),
}


# `compares` nothing: an approval is of an edition's own text, not of the master's.
CHECK = Check(
    name="review",
    scope=Scope.RUN,
    codes=(REVIEW001, REVIEW002, REVIEW003),
    run=check_review,
    summary="every part of every edition is approved by the legal team for its current text",
    words=WORDS,
)
