"""Negation parity: a translated sentence negates at least as often as its master, and only where the master does.

A dropped "not" turns a promise into its opposite, and no other check sees it. A translation
may negate more often than the Japanese (Russian says "никогда не предоставляем и не
раскрываем" for one ません), but never less. The words that
negate are data ([negation.<lang>] in parity.toml: markers, and exceptions that only look
negative, e.g. 不正 "unauthorized" or 無効にする "disable"). Sentences are paired one to one
when master and translation have as many; otherwise the whole text is compared.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from ..findings import Code, Diagnostic, Severity, make
from ..parity import prose
from ..parity.context import Context, Pair, unit_id
from ..parity.fields import fields, quote, where
from ..parity.text import Span
from ..saying import listed, texts
from .unit import Check, Scope, pair_only

NEG001 = Code("NEG001", Severity.ERROR,
              "a translated sentence has fewer negations than its master")
NEG002 = Code("NEG002", Severity.ERROR,
              "a translated sentence has a negation that its master lacks")


def run(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    ed, mu = pair.edition, pair.master
    qa = ctx.config.prose
    m_lang = ctx.master.lang
    if m_lang not in qa.negation or ed.lang not in qa.negation:
        return
    m_words, t_words = qa.negation[m_lang], qa.negation[ed.lang]
    for f in fields(pair, ctx):
        # found once per text, then given to the sentence they stand in
        found_mine = prose.negation_spans(f.master, m_lang, m_words)
        found_theirs = prose.negation_spans(f.text, ed.lang, t_words)
        if not found_mine and not found_theirs:
            continue  # neither negates: nothing to compare (most texts)
        mine = prose.sentence_spans(f.master, m_lang, qa.abbreviations.get(m_lang, ()))
        theirs = prose.sentence_spans(f.text, ed.lang, qa.abbreviations.get(ed.lang, ()))
        if len(mine) != len(theirs):
            # the sentences cannot be paired: compare the whole texts, each quoted from the
            # sentence of its first negation (not from its first sentence, which may have none)
            mine = (_from_first(f.master, mine, found_mine),)
            theirs = (_from_first(f.text, theirs, found_theirs),)
        by_mine = _bucket(found_mine, mine)
        by_theirs = _bucket(found_theirs, theirs)
        for a, b, na, nb in zip(mine, theirs, by_mine, by_theirs, strict=True):
            if len(nb) < len(na):
                pos = where(ctx, pair, f, b.value)
                said = ", ".join(quote(n.value) for n in na)
                kept = ", ".join(quote(n.value) for n in nb) or "none"
                yield make(NEG001, f"the master sentence {quote(a.value)} negates or "
                           f"restricts {len(na)} {'time' if len(na) == 1 else 'times'} ({said}), "
                           f"its translation {quote(b.value)} {len(nb)} "
                           f"{'time' if len(nb) == 1 else 'times'} ({kept}): a negation or "
                           "restriction may have been dropped, which changes the meaning",
                           ed.file, pos.line, pos.col,
                           unit=unit_id(mu), lang=ed.lang,
                           hint=_HINT_NEG001,
                           params={"master": quote(a.value)[1:-1], "na": len(na),
                                   "said": listed([quote(n.value)[1:-1] for n in na]),
                                   "theirs": quote(b.value)[1:-1], "nb": len(nb),
                                   "kept": listed([quote(n.value)[1:-1] for n in nb]),
                                   "nothing": not nb, "lang": ed.lang, "field": f.name})
            elif nb and not na:
                pos = where(ctx, pair, f, nb[0].value)
                yield make(NEG002, f"the translation says {quote(nb[0].value)} (a "
                           f"negation or restriction) in {quote(b.value)}, but the master "
                           f"{quote(a.value)} has none: the meaning may differ",
                           ed.file, pos.line, pos.col, unit=unit_id(mu), lang=ed.lang,
                           hint=_HINT_NEG002,
                           params={"word": quote(nb[0].value)[1:-1],
                                   "theirs": quote(b.value)[1:-1],
                                   "master": quote(a.value)[1:-1], "master_lang": m_lang,
                                   "field": f.name})


def _from_first(text: str, sentences: tuple[Span, ...], found: tuple[Span, ...]) -> Span:
    """The text from the start of the sentence that holds its first negation (the whole text
    when it has none)."""
    if not found:
        return Span(text, 0, len(text))
    at = found[0].start
    start = next((s.start for s in reversed(sentences) if s.start <= at), 0)
    return Span(text[start:], start, len(text))


def _bucket(found: tuple[Span, ...], sentences: tuple[Span, ...]) -> list[list[Span]]:
    """The negations of each sentence (by offset; none falls between sentences)."""
    if len(sentences) == 1:  # one sentence (or the whole text): every negation from its start
        first = sentences[0].start
        return [[n for n in found if n.start >= first]]
    starts = [s.start for s in sentences]
    out: list[list[Span]] = [[] for _ in sentences]
    for n in found:
        i = bisect.bisect_right(starts, n.start) - 1
        if i >= 0:
            out[i].append(n)
    return out


# The advice never asks anyone to delete words: a negation or restriction on one side only
# may be a mistake of either text, or words the lists in policy/parity.toml do not know.
_HINT_NEG001 = ("compare the meaning with the master: if the translation lost a negation or "
                "restriction, put it back; if both say the same, tell the legal team. For whoever "
                "maintains the settings: the translation may say it with a word missing from the "
                "list of negation words in policy/parity.toml")
_HINT_NEG002 = ("compare the meaning with the master; if both say the same, tell the legal "
                "team. For whoever maintains the settings: the master may say it with a word "
                "missing from the list of negation words in policy/parity.toml")


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "NEG001": texts(
        "原文の否定または限定の語が、翻訳で抜けている可能性があります。意味が変わります。",
        "В переводе могло пропасть отрицание или ограничение из оригинала: смысл меняется.",
        "A negation or restriction of the master may be missing from the translation, "
        "changing the meaning.",
        message=("原文の文「{master}」には否定または限定の語が{na}回（{said:@quoted}）ありますが、"
                 "訳文「{theirs}」では{nb}回（{kept:@quoted}{nothing:なし|}）です。抜けていると意味が"
                 "変わり、否定の場合は逆になります",
                 "в предложении оригинала «{master}» {na} {na:отрицание или ограничение|"
                 "отрицания или ограничения|отрицаний или ограничений} ({said:@quoted}), а в "
                 "переводе «{theirs}» — {nb} ({kept:@quoted}{nothing:нет|}): если они пропали, "
                 "смысл меняется, а без отрицания становится противоположным",
                 "the master sentence “{master}” negates or restricts {na} {na:time|times} "
                 "({said:@quoted}), its translation “{theirs}” {nb} {nb:time|times} ({kept:@quoted}"
                 "{nothing:none|}): a negation or restriction may have been dropped, which "
                 "changes the meaning"),
        hint=("原文と意味を比べてください。訳文で否定や「のみ」などの限定が抜けていれば戻し、"
              "同じ意味であれば法務チームに伝えてください。設定を管理する方へ：訳文が "
              "policy/parity.toml の否定語の一覧にない言い方をしている可能性があります",
              "сравните смысл с оригиналом: если в переводе пропало отрицание или ограничение "
              "(«только» и т. п.), верните его; если смысл тот же, сообщите юристам. Для того, "
              "кто ведёт настройки: перевод, возможно, выражает это словом, которого нет в "
              "списке слов-отрицаний в policy/parity.toml",
              _HINT_NEG001)),
    "NEG002": texts(
        "翻訳にだけ否定または限定の語があり、原文にはありません。意味が変わっている可能性があります。",
        "Отрицание или ограничение есть только в переводе, в оригинале его нет: смысл может "
        "отличаться.",
        "The translation negates or restricts where the master does not: the meaning may "
        "differ.",
        message=("訳文「{theirs}」には否定または限定の語「{word}」がありますが、原文「{master}」"
                 "にはありません。意味が変わっている可能性があります",
                 "в переводе «{theirs}» есть отрицание или ограничение «{word}», а в оригинале "
                 "«{master}» его нет: смысл может отличаться",
                 "the translation says “{word}” (a negation or restriction) in “{theirs}”, but "
                 "the master “{master}” has none: the meaning may differ"),
        hint=("原文と意味を比べてください。同じ意味であれば、法務チームに伝えてください。"
              "設定を管理する方へ：原文が policy/parity.toml の否定語の一覧にない言い方をして"
              "いる可能性があります",
              "сравните смысл с оригиналом; если смысл тот же, сообщите юристам. Для того, кто "
              "ведёт настройки: оригинал, возможно, выражает это словом, которого нет в списке "
              "слов-отрицаний в policy/parity.toml",
              _HINT_NEG002)),
}


CHECK = Check(name="negation", scope=Scope.PAIR, codes=(NEG001, NEG002), run=run,
              settings=("negation", "sentences"),
              summary="a translated sentence negates or restricts where its master does, and only "
                      "there",
              words=WORDS, reads=pair_only,
              compares=(NEG001, NEG002),  # counted against the master's sentences
              follows_untranslated=(NEG001, NEG002), follows_master=True)
