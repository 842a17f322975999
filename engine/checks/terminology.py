"""Terminology: the vocabulary's labels are rendered the same way in every edition.

The vocabulary already is a trilingual glossary: when a master text contains a term's Japanese
label, its translation must contain that term's label in its own language, or an accepted
variant ([terms.variants.<lang>] in parity.toml). Labels match by word stems, so "collection"
also finds "collect" and "персональная информация" finds "персональной информации".
Japanese words that merely contain a label (利用者 "user" contains 利用 "use") are listed in
terms.not_terms. (Proper nouns are the names check's, engine/checks/names.py.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..findings import Code, Diagnostic, Severity, make
from ..model import VOCABULARY_KINDS
from ..parity.context import Context, Pair, unit_id
from ..parity.fields import fields, quote, where
from .unit import Check, Scope

TERM001 = Code("TERM001", Severity.ERROR,
               "a vocabulary term in the master text is missing from its translation")

_WORDS = re.compile(r"[^\W_]+")


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
    return " " + " ".join(_WORDS.findall(text.casefold()))


def _has_stems(text: str, found: tuple[str, ...]) -> bool:
    folded = _words(text)
    return all(f" {s}" in folded for s in found)


def rendered(text: str, label: str, variants: tuple[str, ...]) -> bool:
    """Whether a translated text renders a term: its label or a variant, by word stems."""
    return any(_has_stems(text, stems(form)) for form in (label, *variants) if stems(form))


Glossary = dict[str, list[tuple[str, str, str]]]
_GLOSSARY: dict[int, tuple[object, Glossary, tuple[str, ...]]] = {}


def _glossary(vocabulary: object) -> tuple[Glossary, tuple[str, ...]]:
    """Japanese label -> (kind, term id, label) of its terms, and the labels; once per master."""
    hit = _GLOSSARY.get(id(vocabulary))
    if hit is not None and hit[0] is vocabulary:
        return hit[1], hit[2]
    by_label: Glossary = {}
    for kind in VOCABULARY_KINDS:
        for term_id, term in getattr(vocabulary, kind).items():
            by_label.setdefault(term.label, []).append((kind, term_id, term.label))
    labels = tuple(sorted(by_label))
    if len(_GLOSSARY) > 16:
        _GLOSSARY.clear()
    _GLOSSARY[id(vocabulary)] = (vocabulary, by_label, labels)  # kept alive: ids stay unique
    return by_label, labels


@lru_cache(maxsize=65536)
def _present(text: str, labels: tuple[str, ...], not_terms: tuple[str, ...]) -> frozenset[str]:
    """The labels that occur in a master text outside the words listed as not terms."""
    text = _blank(text, not_terms)
    pattern, prefixes = _label_pattern(labels)
    return frozenset(pattern.findall(text)) | {x for x in prefixes if x in text}


@lru_cache(maxsize=16)
def _label_pattern(labels: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """All labels in one pattern (a lookahead, so overlapping labels are all found), and the
    labels that begin another label, which the pattern can shadow and are looked up apart."""
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    prefixes = tuple(a for a in labels if any(b != a and b.startswith(a) for b in labels))
    return re.compile(f"(?=({alts}))"), prefixes


def _blank(text: str, words: tuple[str, ...]) -> str:
    for w in words:
        if w in text:
            text = text.replace(w, "\u3000" * len(w))
    return text


def run(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    ed, mu = pair.edition, pair.master
    qa = ctx.config.prose
    variants = qa.term_variants.get(ed.lang, {})
    by_label, labels_ja = _glossary(ctx.master.vocabulary)
    for f in fields(pair):
        present = _present(f.master, labels_ja, qa.not_terms)
        for kind, term_id, ja_label in (t for label in sorted(present) for t in by_label[label]):
            labels: dict[str, str] = getattr(ed.model.vocabulary, kind)
            label = labels.get(term_id)
            if not label or rendered(f.text, label, variants.get(term_id, ())):
                continue
            pos = where(ctx, pair, f)
            yield make(TERM001, f"the master's {f.name} uses the term "
                       f"{quote(ja_label)} ({kind}: {term_id}), but the translation has "
                       f"neither its label {quote(label)} nor an accepted variant",
                       ed.file, pos.line, pos.col, unit=unit_id(mu), lang=ed.lang,
                       hint=f"use {quote(label)} as the vocabulary does; if another "
                            "wording is right here, add it to [terms.variants."
                            f"{ed.lang}] {term_id} in parity.toml")


CHECK = Check(name="terminology", scope=Scope.PAIR, codes=(TERM001,), run=run,
              settings=("terms",),
              summary="a vocabulary term of the master text is rendered by its label")


def cache_clear() -> None:
    """Forget every memoised result (benchmarks start each run cold, as a process does)."""
    for fn in (_words, _present, stems, _label_pattern):
        fn.cache_clear()
    _GLOSSARY.clear()
