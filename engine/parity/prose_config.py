"""The settings of the prose checks in parity.toml: abbreviations, length ratios, negation words, terms, names, typography.

Parsed from the same file as the rest of the parity settings (engine/parity/config.py calls
`parse_prose` and keeps the result as `ParityConfig.prose`), because several checks share a
table (the abbreviations split sentences for the sentence, negation and typography checks).
Every problem is a CHECK002 finding through the `bad` callback, never an exception. A missing table means the built-in defaults below, which check nothing
language-specific: the word lists are data, kept in policy/parity.toml.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..values import field, record
from .prose import NegationWords

PROSE_TABLES = ("sentences", "length", "negation", "terms", "names", "typography")

Bad = Callable[[str, str], None]


@record
class Name:
    """A proper noun as each edition writes it (the forms are alternatives, e.g. Russian
    cases); `fact` names the master's facts field that holds it, if any."""

    forms: dict[str, tuple[str, ...]]
    fact: str | None = None


@record
class ProseConfig:
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    length_factor: float = 1.8
    length_min_chars: int = 30
    negation: dict[str, NegationWords] = field(default_factory=dict)
    not_terms: tuple[str, ...] = ()
    term_variants: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    names: tuple[Name, ...] = ()
    repeated_ok: tuple[str, ...] = ()
    added_stops: tuple[str, ...] = ()


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    return None


def _table(data: Mapping[str, Any], key: str, bad: Bad) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        bad(key, f"[{key}] must be a table")
        return {}
    return value


def _lists_by_lang(table: Any, key: str, bad: Bad) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    if not isinstance(table, dict):
        bad(key, f"{key} must be a table: edition = [words]")
        return out
    for lang, words in sorted(table.items()):
        ws = _strings(words)
        if ws is None:
            bad(lang, f"{key}.{lang} must be a list of non-empty strings")
            continue
        out[lang] = ws
    return out


def parse_prose(data: Mapping[str, Any], bad: Bad) -> ProseConfig:
    """The prose-check settings of a parsed parity.toml."""
    sentences = _table(data, "sentences", bad)
    for key in sorted(set(sentences) - {"abbreviations"}):
        bad(key, f"unknown setting 'sentences.{key}'")
    abbreviations = {lang: tuple(w.casefold() for w in words) for lang, words in
                     _lists_by_lang(sentences.get("abbreviations", {}), "abbreviations",
                                    bad).items()}  # compared without regard to case

    length = _table(data, "length", bad)
    factor, min_chars = 1.8, 30
    for key, value in sorted(length.items()):
        if key == "factor":
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1:
                factor = float(value)
            else:
                bad(key, "length.factor must be a number greater than 1")
        elif key == "min_chars":
            if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                min_chars = value
            else:
                bad(key, "length.min_chars must be a positive integer")
        else:
            bad(key, f"unknown setting 'length.{key}'")

    negation: dict[str, NegationWords] = {}
    for lang, table in sorted(_table(data, "negation", bad).items()):
        if not isinstance(table, dict):
            bad(f"negation.{lang}", f"[negation.{lang}] must be a table")
            continue
        markers = _strings(table.get("markers"))
        exceptions = _strings(table.get("exceptions", []))
        unknown = set(table) - {"markers", "exceptions"}
        if markers is None or exceptions is None or unknown:
            bad(f"negation.{lang}", f"[negation.{lang}] needs markers = [...] and an optional "
                "exceptions = [...], lists of words")
            continue
        negation[lang] = NegationWords(markers, exceptions)

    terms = _table(data, "terms", bad)
    not_terms = _strings(terms.get("not_terms", [])) if "not_terms" in terms else ()
    if not_terms is None:
        bad("not_terms", "terms.not_terms must be a list of words")
        not_terms = ()
    variants: dict[str, dict[str, tuple[str, ...]]] = {}
    vdata = terms.get("variants", {})
    if not isinstance(vdata, dict):
        bad("variants", "[terms.variants] must be a table")
        vdata = {}
    for lang, table in sorted(vdata.items()):
        variants[lang] = _lists_by_lang(table, f"terms.variants.{lang}", bad)
    for key in sorted(set(terms) - {"not_terms", "variants"}):
        bad(key, f"unknown setting 'terms.{key}'")

    names: list[Name] = []
    ndata = data.get("names", [])
    if not isinstance(ndata, list):
        bad("names", "names must be an array of tables ([[names]])")
        ndata = []
    for entry in ndata:
        if not isinstance(entry, dict):
            bad("names", "each [[names]] entry must be a table")
            continue
        fact = entry.get("fact")
        if fact is not None and not isinstance(fact, str):
            bad("names", "names.fact must be the name of a facts field")
            fact = None
        forms: dict[str, tuple[str, ...]] = {}
        for lang, words in entry.items():
            if lang == "fact":
                continue
            ws = _strings(words)
            if ws is None:
                bad("names", f"names.{lang} must be a list of written forms")
                continue
            forms[lang] = ws
        names.append(Name(forms, fact))

    typo = _table(data, "typography", bad)
    repeated = _strings(typo.get("repeated_ok", [])) if "repeated_ok" in typo else ()
    stops = _strings(typo.get("added_stops", [])) if "added_stops" in typo else ()
    if repeated is None:
        bad("repeated_ok", "typography.repeated_ok must be a list of words")
    if stops is None:
        bad("added_stops", "typography.added_stops must be a list of stops")
    for key in sorted(set(typo) - {"repeated_ok", "added_stops"}):
        bad(key, f"unknown setting 'typography.{key}'")
    return ProseConfig(abbreviations, factor, min_chars, negation, not_terms, variants,
                    tuple(names), repeated or (), stops or ())
