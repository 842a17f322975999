"""The published Russian edition never writes ё («цель ее сбора», «не несем»); the Russian
that this repository wrote into it (clauses 7–9 and the release notes, as ru.yaml's header
says) follows it, so that one page does not spell the same word two ways.

The key points of the summary and the vocabulary's labels are ours too and still write ё: the
tool counts a change to them as a change of the translation, which needs a revision of its own
(docs/legal-proposals.md, proposal 41)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from .conftest import POLICY


def _ours(edition: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for clause in edition["clauses"]:
        if clause.get("origin") == "translated":
            yield f"clause {clause['number']}", f"{clause['title']}\n{clause['text']}"
    for key, note in edition["footer"]["revisions"].items():
        yield f"release note {key}", note["text"]


def _published(edition: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield "preamble", edition["preamble"]["text"]
    for clause in edition["clauses"]:
        if clause.get("origin") != "translated":
            yield f"clause {clause['number']}", yaml.safe_dump(clause, allow_unicode=True)


def _ru() -> dict[str, Any]:
    with open(POLICY / "ru.yaml", encoding="utf-8") as f:
        edition: dict[str, Any] = yaml.safe_load(f)
    return edition


def test_the_published_russian_never_writes_yo() -> None:
    found = [where for where, text in _published(_ru()) if "ё" in text.lower()]
    assert not found, found


def test_our_russian_spells_as_the_published_text() -> None:
    units = list(_ours(_ru()))
    assert {where for where, _ in units} >= {"clause 7", "clause 8", "clause 9",
                                              "release note rev-2026-12-05"}
    found = [where for where, text in units if "ё" in text.lower()]
    assert not found, found
