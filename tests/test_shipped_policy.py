"""Invariants of the shipped policy: it validates, ids are unique, references resolve, and the
published seed's text is carried over word for word (Russian) and clauses 7–9 (English)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from engine.loader import load_folder
from engine.model import master_units, rules_with_units, translation_units
from engine.readfile import read_file
from engine.schema import SCHEMA_FILES, schema_text

from .conftest import POLICY, ROOT, SEED

SRC = load_folder(POLICY)


def _plain(text: str) -> str:
    """Text as a reader sees it: Markdown list marks and line breaks folded to spaces."""
    text = re.sub(r"(?m)^\s*[-*]\s+", "", text)
    text = text.replace("\\\n", " ")
    return " ".join(unicodedata.normalize("NFC", text).split())


def _edition_text(lang: str) -> str:
    if lang == SRC.master.lang:  # type: ignore[union-attr]
        units = list(master_units(SRC.master))  # type: ignore[arg-type]
    else:
        units = [u for u, _ in translation_units(SRC.translations[lang])]
    return "\n".join(_plain(u.source_text()) for u in units)


def test_shipped_policy_validates_cleanly() -> None:
    assert SRC.master is not None
    assert set(SRC.translations) == {"ru", "en"}
    assert SRC.diagnostics == []


def test_twenty_clauses_numbered_as_published() -> None:
    assert SRC.master is not None
    assert [c.number for c in SRC.master.clauses] == list(range(1, 21))


def test_ids_unique_across_every_level() -> None:
    assert SRC.master is not None
    ids = [u.anchor for u in master_units(SRC.master) if u.id_path]
    assert len(ids) == len(set(ids))


def test_translations_carry_the_same_ids_in_the_same_order() -> None:
    assert SRC.master is not None
    master_keys = [u.key for u in master_units(SRC.master)]
    for lang, tr in SRC.translations.items():
        assert [u.key for u, _ in translation_units(tr)] == master_keys, lang


def test_every_rule_reference_resolves_to_vocabulary() -> None:
    assert SRC.master is not None
    vocab = SRC.master.vocabulary
    seen = 0
    for _unit, _i, rule in rules_with_units(SRC.master):
        for kind in ("actions", "data", "purposes"):
            for ref in getattr(rule, kind):
                assert ref == "*" or ref in getattr(vocab, kind)
        assert set(rule.when) <= set(vocab.context)
        assert set(rule.obligations) <= set(vocab.obligations)
        seen += 1
    assert seen > 0


def test_every_vocabulary_term_is_labelled_in_every_translation() -> None:
    assert SRC.master is not None
    for lang, tr in SRC.translations.items():
        for kind in ("actions", "data", "purposes", "context", "obligations"):
            master_terms = getattr(SRC.master.vocabulary, kind)
            labels = getattr(tr.vocabulary, kind)
            assert list(labels) == list(master_terms), (lang, kind)
            assert all(v.strip() for v in labels.values()), (lang, kind)


@pytest.mark.parametrize("path", sorted(POLICY.glob("*.yaml")), ids=lambda p: p.name)
def test_files_declare_their_schema_for_editors(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=./schema.")


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_committed_schema_matches_models(kind: str) -> None:
    committed = (POLICY / SCHEMA_FILES[kind]).read_text("utf-8")  # type: ignore[index]
    assert committed == schema_text(kind), "run `policy schema` and commit policy/schema.*.json"


@pytest.mark.parametrize("path", sorted(POLICY.glob("*.yaml")), ids=lambda p: p.name)
def test_files_validate_against_committed_schema_with_jsonschema(path: Path) -> None:
    doc = read_file(path).document
    assert doc is not None
    kind = "master" if path.stem == "ja" else "translation"
    schema = json.loads((POLICY / SCHEMA_FILES[kind]).read_text("utf-8"))  # type: ignore[index]
    jsonschema.validate(doc.data, schema)


# -- the published seed -------------------------------------------------------------------------

SEED_LINES = SEED.read_text("utf-8").splitlines()
_CLAUSE_HEAD = re.compile(r"^(\d+)\.\s+(.*)$")
_ITEM_MARK = re.compile(r"^(\d+\)|[①-⑳])\s*")


def _seed_sections() -> list[tuple[int, str]]:
    """(clause number, line) for every text line of the seed; 0 before clause 1, 99 in the footer."""
    out: list[tuple[int, str]] = []
    clause = 0
    for line in SEED_LINES:
        line = line.strip()
        if not line or line == "-":
            continue
        head = _CLAUSE_HEAD.match(line)
        if head and int(head.group(1)) == clause + 1:
            clause = int(head.group(1))
            out.append((clause, head.group(2)))
            continue
        if line.startswith("Утверждено"):
            clause = 99
        out.append((clause, _ITEM_MARK.sub("", line)))
    return out


def _sentences(line: str) -> list[str]:
    # Split after sentence ends, including the seed's glued "obligations.Information".
    parts = re.split(r"(?<=[.!?»)])\s+|(?<=[a-z]\.)(?=[A-Z])", line)
    return [p.strip() for p in parts if len(p.strip()) > 3]


def _is_cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in text)


def test_seed_copy_matches_shared_seed() -> None:
    shared = ROOT.parent / "shared" / "seeds" / "000_333444bb4e3f81e7.txt"
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert shared.read_bytes() == SEED.read_bytes()


def test_every_russian_sentence_of_the_seed_is_in_ru_yaml() -> None:
    ru = _edition_text("ru")
    checked = 0
    for clause, line in _seed_sections():
        if clause in (7, 8, 9) or not _is_cyrillic(line):
            continue
        for sentence in _sentences(line):
            assert _plain(sentence) in ru, f"clause {clause}: {sentence!r}"
            checked += 1
    assert checked >= 90  # the seed has 93 Russian sentences outside 7–9


def test_clauses_7_to_9_and_revised_line_of_the_seed_are_in_en_yaml() -> None:
    en = _edition_text("en")
    checked = 0
    for clause, line in _seed_sections():
        english = clause in (7, 8, 9) or line.startswith("Revised:")
        if not english:
            continue
        for sentence in _sentences(line):
            assert _plain(sentence) in en, f"clause {clause}: {sentence!r}"
            checked += 1
    assert checked > 15


def test_clauses_7_to_9_are_translated_into_russian() -> None:
    assert SRC.master is not None
    ru = SRC.translations["ru"]
    for clause in ru.clauses:
        if clause.number in (7, 8, 9):
            letters = [ch for ch in clause.title + (clause.text or "") if ch.isalpha()]
            cyrillic = [ch for ch in letters if _is_cyrillic(ch)]
            assert len(cyrillic) / len(letters) > 0.8, clause.id
    note = next(iter(ru.footer.revisions.values())).text
    assert _is_cyrillic(note) and "Revised" not in note


def test_master_keeps_names_in_the_form_the_seed_gives() -> None:
    assert SRC.master is not None
    facts = SRC.master.facts
    assert facts.company == "Small Bridge, Inc."
    assert facts.representative in SEED.read_text("utf-8")
    assert "Kotaro Hashizume" in SRC.master.footer.signature
    assert str(facts.effective) == "2010-04-20"
    # The seed's one revision; later revisions are this repository's own (2.0.0: the rules).
    assert str(facts.revisions[0].date) == "2022-04-01"
    assert facts.email in SEED.read_text("utf-8")
    assert facts.url in SEED.read_text("utf-8")
