"""Phase 5 — compile a validated policy into the bundle: one JSON document the engine answers from.

The bundle holds the version, the vocabulary with labels in every language (groups expanded
to their members), every clause's printed number, title and excerpt in every language, and the
rules with `*` and groups already expanded. A content hash makes it verifiable. Loading a bundle
needs no YAML, pydantic or schema code, which keeps a service's start-up fast.
"""

from __future__ import annotations

import re
from typing import Any

from . import patterns
from .hashing import BUNDLE_FORMAT, content_hash
from .model import (
    VOCABULARY_KINDS,
    Master,
    Translation,
    master_units,
    rules_with_units,
    translation_units,
)

RULE_FIELDS = ("actions", "data", "purposes")
_MD_NOISE = patterns.compile(r"[*_`#>\[\]]|\(#[a-z0-9-]+\)|^\s*[-+]\s+", re.MULTILINE)


def excerpt(text: str, limit: int = 160) -> str:
    """The first sentence of a unit, without Markdown marks, for explanations."""
    plain = " ".join(_MD_NOISE.sub("", text).split())
    for stop in ("。", ". ", "! ", "? "):
        cut = plain.find(stop)
        if 0 < cut < limit:
            return plain[: cut + len(stop.strip())]
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def _expand(refs: tuple[str, ...], terms: dict[str, Any]) -> list[str]:
    """Rule references to leaf terms: `*` is every leaf, a group is its members."""
    leaves = [t for t, term in terms.items() if term.members is None]
    out: list[str] = []
    for ref in refs:
        if ref == "*":
            picked = leaves
        elif terms[ref].members is not None:
            picked = list(terms[ref].members)
        else:
            picked = [ref]
        out.extend(p for p in picked if p not in out)
    return out


def compile_policy(master: Master, translations: dict[str, Translation]) -> dict[str, Any]:
    """Build the bundle from a master and its translations (both already validated)."""
    langs = [master.lang] + [t for t in master.facts.translations if t in translations]
    vocab = master.vocabulary
    vocabulary: dict[str, dict[str, Any]] = {}
    for kind in VOCABULARY_KINDS:
        terms = getattr(vocab, kind)
        entries: dict[str, Any] = {}
        for tid, term in terms.items():
            labels = {master.lang: term.label}
            for lang in langs[1:]:
                labels[lang] = getattr(translations[lang].vocabulary, kind).get(tid) or term.label
            entry: dict[str, Any] = {"labels": labels}
            if term.members is not None:
                entry["members"] = list(term.members)
            entries[tid] = entry
        vocabulary[kind] = entries

    # Titles and excerpts per language, keyed by the master's id paths.
    clauses: dict[str, Any] = {}
    top_titles: dict[str, dict[str, str]] = {}
    for unit in master_units(master):
        if not unit.id_path:
            continue
        clause_id = unit.id_path.split(".")[0]
        if unit.level == 0:
            top_titles[clause_id] = {master.lang: unit.title or ""}
        clauses[unit.id_path] = {
            "number": unit.number,
            "anchor": unit.anchor,
            "title": dict(top_titles[clause_id]),
            "excerpt": {master.lang: excerpt(unit.text or unit.title or "")},
        }
    for lang in langs[1:]:
        for tunit, _node in translation_units(translations[lang]):
            found = clauses.get(tunit.id_path)
            if found is None:
                continue
            clause_id = tunit.id_path.split(".")[0]
            if tunit.level == 0:
                top_titles[clause_id][lang] = tunit.title or ""
            found["excerpt"][lang] = excerpt(tunit.text or tunit.title or "")
        for path, entry in clauses.items():
            entry["title"] = dict(top_titles[path.split(".")[0]])
            entry["excerpt"].setdefault(lang, entry["excerpt"][master.lang])
            entry["title"].setdefault(lang, entry["title"][master.lang])

    rules = []
    for unit, _index, rule in rules_with_units(master):
        compiled: dict[str, Any] = {"clause": unit.id_path, "effect": rule.effect}
        for field in RULE_FIELDS:
            terms = _expand(getattr(rule, field), getattr(vocab, field))
            if rule.except_ is not None:
                left_out = set(_expand(getattr(rule.except_, field), getattr(vocab, field)))
                terms = [t for t in terms if t not in left_out]
            compiled[field] = terms
        compiled["when"] = dict(sorted(rule.when.items()))
        compiled["obligations"] = list(rule.obligations)
        rules.append(compiled)

    body: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "version": master.facts.version,
        "languages": langs,
        "prevailing_language": master.facts.prevailing_language,
        "revised": str(master.facts.revisions[-1].date) if master.facts.revisions
        else str(master.facts.effective),
        "vocabulary": vocabulary,
        "clauses": clauses,
        "rules": rules,
    }
    body["hash"] = content_hash(body)
    return body


def bundle_text(bundle: dict[str, Any]) -> str:
    """The bundle as written to disk: deterministic, readable, final newline (as
    json.dumps(ensure_ascii=False, indent=1, sort_keys=True) writes it, sooner)."""
    from .jsontext import indented

    return indented(bundle) + "\n"
