"""Untranslated text: identical to the master or to another edition, or written in the wrong script.

Scripts are counted per sentence from Unicode character names, after kept names, e-mail
addresses and URLs are masked out (engine/parity/text.py); the scripts each edition may use
come from parity.toml. A pair's findings are kept (`reads`: every edition's file, the other
editions' text of the same unit among it); so are the master units whose own texts are in the
master's script (`per_master_unit`: checked again only when edited); the vocabularies' labels
are checked once per run (`also`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from ..document import Document
from ..findings import Code, Diagnostic, Severity, make
from ..model import VOCABULARY_KINDS, Unit
from ..parity.config import ParityConfig, ScriptRule
from ..parity.context import Context, Pair, Path_, text_fields, unit_id
from ..parity.text import (
    comparable,
    letter_script_set,
    mask,
    script_counts,
    sentences,
)
from ..saying import listed, texts
from ..wording import language_name
from .unit import Check, Scope

E = Severity.ERROR

L10N001 = Code("L10N001", E, "the text is identical to the master (untranslated)")
L10N002 = Code("L10N002", E, "the text is identical to another edition (untranslated)")
L10N003 = Code("L10N003", E, "the text is written in the wrong script for its language")


def _fits(scripts: frozenset[str], rule: ScriptRule | None) -> bool | None:
    if rule is None:
        return None
    return scripts <= rule.expected


def wrong_script(text: str, lang: str, config: ParityConfig) -> list[tuple[str, str]]:
    """(sentence, reason) for each sentence of `text` not written in the edition's scripts."""
    rule = config.scripts.get(lang)
    if rule is None:
        return []
    forms = config.keep_forms()
    if letter_script_set(text, forms) <= rule.expected:
        return []  # the common case: every letter is in the edition's own scripts
    found = []
    masked = mask(text, forms)  # same length as text: names and addresses blanked out
    for sentence in sentences(masked):
        counts = script_counts(sentence.value)
        total = sum(counts.values())
        if not total:
            continue
        forbidden = sorted(s for s in counts if s in rule.forbidden)
        foreign = sum(n for s, n in counts.items() if s not in rule.expected)
        if forbidden:
            found.append((text[sentence.start:sentence.end], f"{' and '.join(forbidden)} letters"))
        elif foreign >= config.min_letters and foreign / total > config.foreign_share:
            top = sorted((s for s in counts if s not in rule.expected),
                         key=lambda s: (-counts[s], s))
            found.append((text[sentence.start:sentence.end], f"mostly {top[0]} letters"))
    return found


def _script_findings(name: str, text: str, path: Path_, doc: Document, lang: str, unit: str,
                     ctx: Context) -> Iterator[Diagnostic]:
    """One finding per text, at its first sentence in the wrong script."""
    wrong = wrong_script(text, lang, ctx.config)
    if not wrong:
        return
    sentence, reason = wrong[0]
    pos = ctx.locator(doc).find(path, sentence)
    count = f" ({len(wrong)} of {len(sentences(text))} sentences)" if len(wrong) > 1 else ""
    mostly = reason.startswith("mostly ")
    shape = ("mostly" if mostly else "") + ("_many" if count else "")
    yield make(L10N003, f"{reason} in a text of the {language_name(lang)} edition{count}: "
               f"“{' '.join(sentence.split())[:60]}”", doc.file, pos.line, pos.col,
               unit=unit, lang=lang, hint="translate it, or add the name to parity.toml",
               params={**({"form": shape.lstrip("_")} if shape else {}),
                       "scripts": listed(reason.removeprefix("mostly ").removesuffix(
                           " letters").split(" and ")),
                       "lang": lang, "wrong": len(wrong), "n": len(sentences(text)),
                       "sentence": " ".join(sentence.split())[:60], "field": name})


def check_identical(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    u, mu, ed = pair.unit, pair.master, pair.edition
    if u is None:
        return
    forms = ctx.config.keep_forms()
    master_fields = {n: t for n, t, _ in text_fields(mu, translation=False)}
    for name, text, path in text_fields(u, translation=True):
        scripts = letter_script_set(text, forms)
        if not scripts:
            continue  # only names, numbers and addresses: nothing to translate
        same = comparable(text)
        if name in master_fields and comparable(master_fields[name]) == same:
            pos = ctx.locator(ed.doc).start(path)
            yield make(L10N001, f"the {name} is the master's text, untranslated", ed.file,
                       pos.line, pos.col, unit=unit_id(mu), lang=ed.lang,
                       hint=f"translate it into {language_name(ed.lang)}",
                       params={"field": name, "lang": ed.lang})
            continue
        for other in ctx.editions.values():
            if other.lang == ed.lang or mu.key not in other.units:
                continue
            other_fields = {n: t for n, t, _ in
                            text_fields(other.units[mu.key][0], translation=True)}
            if name not in other_fields or comparable(other_fields[name]) != same:
                continue
            mine = _fits(scripts, ctx.config.scripts.get(ed.lang))
            theirs = _fits(scripts, ctx.config.scripts.get(other.lang))
            if mine and theirs is False:
                continue  # the text belongs here; the other edition is the untranslated one
            pos = ctx.locator(ed.doc).start(path)
            yield make(L10N002, f"the {name} is the same as in the "
                       f"{language_name(other.lang)} edition", ed.file, pos.line, pos.col,
                       unit=unit_id(mu), lang=ed.lang,
                       hint=f"translate it into {language_name(ed.lang)}",
                       params={"field": name, "other": other.lang, "lang": ed.lang})
            break


def check_script(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    u, mu, ed = pair.unit, pair.master, pair.edition
    if u is None:
        return
    for name, text, path in text_fields(u, translation=True):
        yield from _script_findings(name, text, path, ed.doc, ed.lang, unit_id(mu), ctx)


def check_master(mu: Unit, ctx: Context) -> Iterator[Diagnostic]:
    """The master is held to its own script too (no Latin sentences left in Japanese): one
    master unit's texts (`Check.per_master_unit`, kept per unit)."""
    for name, text, path in text_fields(mu, translation=False):
        yield from _script_findings(name, text, path, ctx.master_doc, ctx.master.lang,
                                    unit_id(mu), ctx)


def check_labels(ctx: Context) -> Iterator[Diagnostic]:
    """Vocabulary labels: not the master's label, not in the wrong script."""
    forms = ctx.config.keep_forms()
    for ed in ctx.editions.values():
        for kind in VOCABULARY_KINDS:
            master_terms = getattr(ctx.master.vocabulary, kind)
            labels: dict[str, str] = getattr(ed.model.vocabulary, kind)
            for term, label in labels.items():
                path: Path_ = ("vocabulary", kind, term)
                unit = f"vocabulary.{kind}.{term}"
                if (term in master_terms and letter_script_set(label, forms)
                        and comparable(master_terms[term].label) == comparable(label)):
                    pos = ctx.locator(ed.doc).start(path)
                    yield make(L10N001, f"the {kind} label of '{term}' is the master's, "
                               "untranslated", ed.file, pos.line, pos.col, unit=unit,
                               lang=ed.lang, hint=f"translate it into {language_name(ed.lang)}",
                               params={"form": "label", "kind": kind, "term": term,
                                       "lang": ed.lang})
                    continue
                yield from _script_findings("label", label, path, ed.doc, ed.lang, unit, ctx)


def run(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    yield from check_identical(pair, ctx)
    yield from check_script(pair, ctx)


def editions(ctx: Context) -> Hashable:
    """What a pair's findings read beyond the pair (`Check.reads`): every edition's file, the
    same unit in the other editions among it (a text the same as another edition's)."""
    return ctx.edition_texts()


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "L10N001": texts(
        "原文のままで、翻訳されていません。", "Текст совпадает с оригиналом: он не переведён.",
        "The text is the same as the master: it is not translated.",
        message=("{field:@}が原文のままで、翻訳されていません",
                 "{field:@} совпадает с оригиналом: не переведён",
                 "the {field} is the master's text, untranslated"),
        forms={"label": ("{kind:@}の用語「{term}」の表示名が原文のままで、翻訳されていません",
                         "название термина «{term}» ({kind:@}) совпадает с оригиналом: не "
                         "переведено",
                         "the {kind} label of '{term}' is the master's, untranslated")},
        hint=("{lang:@}に翻訳してください", "переведите на {lang:@}",
              "translate it into {lang:@}")),
    "L10N002": texts(
        "他の言語版と同じ文章で、翻訳されていません。",
        "Текст совпадает с другой языковой версией: он не переведён.",
        "The text is the same as another edition: it is not translated.",
        message=("{field:@}が{other:@ed}と同じで、翻訳されていません",
                 "{field:@} такой же, как в {other:@ed_gen}: не переведён",
                 "the {field} is the same as in the {other:@} edition"),
        hint=("{lang:@}に翻訳してください", "переведите на {lang:@}",
              "translate it into {lang:@}")),
    "L10N003": texts(
        "この言語版の文字で書かれていません。",
        "Текст написан не тем алфавитом, что нужен для этой версии.",
        "The text is written in the wrong script for this edition.",
        message=("{lang:@ed}の文章に{scripts:@and}が使われています（{wrong}文）：「{sentence}」",
                 "в тексте {lang:@ed_gen} есть {scripts:@and} (предложений: {wrong}): "
                 "«{sentence}»",
                 "{scripts:@and} letters in a text of the {lang:@} edition{wrong:|}: "
                 "“{sentence}”"),
        forms={"many": ("{lang:@ed}の文章に{scripts:@and}が使われています（{n}文中{wrong}文）："
                        "「{sentence}」",
                        "в тексте {lang:@ed_gen} есть {scripts:@and} ({wrong} из {n} "
                        "{n:предложения|предложений|предложений}): «{sentence}»",
                        "{scripts:@and} letters in a text of the {lang:@} edition ({wrong} of "
                        "{n} sentences): “{sentence}”"),
               "mostly": ("{lang:@ed}の文章が、ほとんど{scripts:@and}で書かれています（{wrong}文）："
                          "「{sentence}」",
                          "текст {lang:@ed_gen} написан в основном другим письмом ({scripts:@and}; "
                          "предложений: {wrong}): «{sentence}»",
                          "mostly {scripts:@and} letters in a text of the {lang:@} "
                          "edition{wrong:|}: “{sentence}”"),
               "mostly_many": ("{lang:@ed}の文章が、ほとんど{scripts:@and}で書かれています"
                               "（{n}文中{wrong}文）：「{sentence}」",
                               "текст {lang:@ed_gen} написан в основном другим письмом "
                               "({scripts:@and}; {wrong} из {n} "
                               "{n:предложения|предложений|предложений}): «{sentence}»",
                               "mostly {scripts:@and} letters in a text of the {lang:@} edition "
                               "({wrong} of {n} sentences): “{sentence}”")},
        hint=("翻訳するか、その名前を parity.toml に追加してください",
              "переведите его или добавьте это имя в parity.toml",
              "translate it, or add the name to parity.toml")),
}


# `compares` nothing: a text left as the master's or another edition's, or in the wrong
# script, is not translated whatever the master says (untranslated, its own state, which
# outranks stale and is told as such), so it is told on a stale unit too.
CHECK = Check(
    name="scripts",
    scope=Scope.PAIR,
    codes=(L10N001, L10N002, L10N003),
    run=run,
    per_master_unit=check_master,
    also=check_labels,
    reads=editions,
    settings=("keep", "scripts"),
    summary="nothing is left untranslated or written in another language's script",
    words=WORDS,
    untranslated=(L10N001, L10N002, L10N003),
    # the master's text or another edition's, left as it is: that the same text is in
    # another language's script (L10N003) only follows from it
    left_untranslated=(L10N001, L10N002),
    follows_untranslated=(L10N003,),
    follows_master=True,
)
