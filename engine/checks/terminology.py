"""Terminology: the vocabulary's labels are rendered the same way in every edition.

The vocabulary already is a trilingual glossary: when a master text contains a term's Japanese
label, its translation must contain that term's label in its own language, or an accepted
variant ([terms.variants.<lang>] in parity.toml). Labels match by word stems, so "collection"
also finds "collect" and "персональная информация" finds "персональной информации".
Japanese words that merely contain a label (利用者 "user" contains 利用 "use") are listed in
terms.not_terms. (Proper nouns are the names check's, engine/checks/names.py.)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from functools import lru_cache

from .. import patterns
from ..findings import Code, Diagnostic, Severity, make
from ..model import VOCABULARY_KINDS
from ..parity import prose
from ..parity.context import Context, Pair, unit_id
from ..parity.fields import fields, quote, where
from ..saying import LANGS, fill, listed, texts
from .unit import Check, Scope

TERM001 = Code("TERM001", Severity.ERROR,
               "a vocabulary term in the master text is missing from its translation")

_WORDS = patterns.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def stems(label: str) -> tuple[str, ...]:
    """The word stems a label is found by: each word of four letters or more, cut to a bit
    over half its length (Russian case endings, English suffixes); words of up to three
    letters ("of", "the", "о") are left out unless the label has no other."""
    words = _WORDS.findall(label.casefold())
    long = [w for w in words if len(w) > 3]
    if not long:
        return tuple(words)
    return tuple(w[: max(3, int(len(w) * 0.55))] for w in long)


@lru_cache(maxsize=65536)
def _words(text: str) -> str:
    """The text's words, lower-cased, each after a space (so " stem" finds a word start)."""
    return " " + " ".join(prose.word_list(text))  # the typography check's list, shared


def _has_stems(text: str, found: tuple[str, ...]) -> bool:
    folded = _words(text)
    return all(f" {s}" in folded for s in found)


def rendered(text: str, label: str, variants: tuple[str, ...]) -> bool:
    """Whether a translated text renders a term: its label or a variant, by word stems."""
    return any(_has_stems(text, stems(form)) for form in (label, *variants) if stems(form))


Glossary = dict[str, list[tuple[str, str, str]]]


class _Terms:
    """The master's glossary and where its labels occur, worked out once per run."""

    def __init__(self, ctx: Context) -> None:
        self.by_label: Glossary = {}
        for kind in VOCABULARY_KINDS:
            for term_id, term in getattr(ctx.master.vocabulary, kind).items():
                self.by_label.setdefault(term.label, []).append((kind, term_id, term.label))
        self.labels = tuple(sorted(self.by_label))
        self.by_first = first_letters(self.labels)
        self.rank = {label: i for i, label in enumerate(self.labels)}
        self.not_terms = ctx.config.prose.not_terms
        self.present: dict[str, list[tuple[str, str, str]]] = {}
        self.wanted_in: dict[tuple[str, str],
                             list[tuple[str, str, str, str, tuple[tuple[str, ...], ...]]]] = {}
        self.variants = ctx.config.prose.term_variants
        self.vocabularies = {lang: ed.model.vocabulary for lang, ed in ctx.editions.items()}
        self.master_lang = ctx.master.lang
        self.forms: dict[tuple[str, str, str], tuple[str, tuple[tuple[str, ...], ...]]] = {}

    def named(self, kind: str, term_id: str, master_label: str) -> str:
        """A term as one parameter (`{…:@master}`, `{…:@own}`): its master's label, then its
        label in ja, ru and en (the id where an edition is not loaded or has no label)."""
        own = {lang: getattr(vocabulary, kind).get(term_id, "")
               for lang, vocabulary in self.vocabularies.items()}
        own[self.master_lang] = master_label
        return listed([master_label, *(own.get(lang) or term_id for lang in LANGS)])

    def looked_for(self, lang: str, kind: str, term_id: str
                   ) -> tuple[str, tuple[tuple[str, ...], ...]]:
        """A term's label in an edition, and the word starts (" stem") of each form it may
        take there (the label and its variants), once per run."""
        key = (lang, kind, term_id)
        found = self.forms.get(key)
        if found is None:
            labels: dict[str, str] = getattr(self.vocabularies[lang], kind)
            label = labels.get(term_id, "")
            forms = (label, *self.variants.get(lang, {}).get(term_id, ())) if label else ()
            found = self.forms[key] = (label, tuple(
                tuple(f" {s}" for s in stems(form)) for form in forms if stems(form)))
        return found

    def wanted(self, lang: str, master_text: str
               ) -> list[tuple[str, str, str, str, tuple[tuple[str, ...], ...]]]:
        """(kind, term id, Japanese label, label, forms) of each term a master text uses that
        has a label in `lang`, once per run for each edition and text."""
        key = (lang, master_text)
        found = self.wanted_in.get(key)
        if found is None:
            found = self.wanted_in[key] = [
                (kind, term_id, ja_label, *self.looked_for(lang, kind, term_id))
                for kind, term_id, ja_label in self.used_in(master_text)
                if self.looked_for(lang, kind, term_id)[0]]
        return found

    def used_in(self, master_text: str) -> list[tuple[str, str, str]]:
        """(kind, term id, Japanese label) of each term a master text uses, once per text."""
        found = self.present.get(master_text)
        if found is None:
            text = _blank(master_text, self.not_terms)
            # a substring test per label (C speed, and overlapping labels are all found); a
            # regular expression of all the labels costs more to compile than this to run
            found = self.present[master_text] = [
                t for label in labels_in(text, self.by_first, self.rank)
                for t in self.by_label[label]]
        return found


def first_letters(labels: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The labels grouped by their first character, in order."""
    by_first: dict[str, list[str]] = {}
    for label in labels:
        by_first.setdefault(label[:1], []).append(label)
    return tuple((first, tuple(group)) for first, group in by_first.items())


def labels_in(text: str, by_first: tuple[tuple[str, tuple[str, ...]], ...],
              rank: dict[str, int]) -> list[str]:
    """The labels (grouped by `first_letters`, ordered by `rank`) that occur in a text, in
    label order: a text can only hold the labels whose first character it holds, and a
    one-character search is far cheaper than a label's ("" is in every text, as an empty
    label is)."""
    hits = [label for first, group in by_first if first in text
            for label in group if label in text]
    hits.sort(key=rank.__getitem__)
    return hits


def _found(words: str, forms: tuple[tuple[str, ...], ...]) -> bool:
    """Whether every word start of one of the forms is in `words` (loops, not generators:
    this runs for every term of every translated text)."""
    for form in forms:
        for s in form:
            if s not in words:
                break
        else:
            return True
    return False


def _blank(text: str, words: tuple[str, ...]) -> str:
    for w in words:
        if w in text:
            text = text.replace(w, "\u3000" * len(w))
    return text


def run(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    ed, mu = pair.edition, pair.master
    terms: _Terms | None = ctx.memo.get("terminology")
    if terms is None:
        terms = ctx.memo["terminology"] = _Terms(ctx)
    for f in fields(pair, ctx):
        wanted = terms.wanted(ed.lang, f.master)
        if not wanted:
            continue
        words = _words(f.text)
        for kind, term_id, ja_label, label, forms in wanted:
            if _found(words, forms):
                continue
            pos = where(ctx, pair, f)
            named = terms.named(kind, term_id, ja_label)
            yield make(TERM001, f"the master's {f.name} uses the term "
                       f"{quote(ja_label)} ({kind}: {quote(fill('{n:@own}', 'en', {'n': named}))}"
                       f"), but the translation has neither its label {quote(label)} nor an "
                       "accepted variant", ed.file, pos.line, pos.col, unit=unit_id(mu),
                       lang=ed.lang,
                       hint=f"use {quote(label)} as the vocabulary does; if another "
                            "wording is right here, add it to [terms.variants."
                            f"{ed.lang}] {term_id} in parity.toml",
                       params={"field": f.name, "term": quote(ja_label)[1:-1], "kind": kind,
                               "id": term_id, "label": quote(label)[1:-1], "lang": ed.lang,
                               "named": named})


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "TERM001": texts(
        "原文の用語が、用語集の訳語で訳されていません。",
        "Термин оригинала переведён не так, как в словаре.",
        "A term of the master is not rendered by its label in the vocabulary.",
        message=("原文の{field:@}に用語集の用語「{named:@master}」（{kind:@}）がありますが、訳文には"
                 "訳語「{label}」も、認められた言い換えもありません",
                 "в {field:@prep} оригинала есть термин «{named:@master}» ({kind:@}: "
                 "«{named:@own}»), а в переводе нет ни его названия «{label}», ни допустимого "
                 "варианта",
                 "the master's {field} uses the term “{named:@master}” ({kind}: “{named:@own}”), "
                 "but the translation has neither its label “{label}” nor an accepted variant"),
        hint=("用語集どおり「{label}」を使ってください。ここでは別の言い方が正しい場合は、"
              "parity.toml の [terms.variants.{lang}] {id} に追加してください",
              "используйте «{label}», как в словаре; если здесь верна другая формулировка, "
              "добавьте её в [terms.variants.{lang}] {id} в parity.toml",
              "use “{label}” as the vocabulary does; if another wording is right here, add it "
              "to [terms.variants.{lang}] {id} in parity.toml")),
}


def glossaries(ctx: Context) -> Hashable:
    """What the check reads beyond a pair (`Check.reads`): the master's vocabulary and every
    edition's file (their vocabularies, by which `_Terms` names the terms)."""
    master = tuple((kind, tuple((term_id, term.label) for term_id, term in
                                getattr(ctx.master.vocabulary, kind).items()))
                   for kind in VOCABULARY_KINDS)
    return master, ctx.edition_texts()


CHECK = Check(name="terminology", scope=Scope.PAIR, codes=(TERM001,), run=run,
              settings=("terms",),
              summary="a vocabulary term of the master text is rendered by its label",
              words=WORDS, reads=glossaries,
              compares=(TERM001,),  # the terms the master's text uses
              follows_untranslated=(TERM001,), follows_master=True)


def cache_clear() -> None:
    """Forget every memoised result (benchmarks start each run cold, as a process does)."""
    for fn in (_words, stems):
        fn.cache_clear()
