"""`edit_text(..., only=...)` edits only the named top-level keys' lines and gives exactly the
text the whole-file edit gives; where the layout does not allow it, it edits the whole text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap

from engine import edit
from engine.edit import edit_text, set_key
from engine.read import read_text

from .conftest import POLICY


def _where(text: str) -> dict[Any, tuple[int, int]]:
    doc = read_text(text, "x.yaml").document
    assert doc is not None
    return {k[0]: (p.line, p.col) for k, p in doc.key_positions.items() if len(k) == 1}


def _version(data: CommentedMap) -> None:
    set_key(data["facts"], "version", "9.9.9")


def _note(data: CommentedMap) -> None:
    notes = data["footer"].setdefault("revisions", CommentedMap())
    notes["rev-2099-01-01"] = "a new note" if data.get("lang") == "ja" else CommentedMap(
        [("text", "a new note")])


def _date(data: CommentedMap) -> None:
    set_key(data["facts"], "revised", dt.date(2099, 1, 1))


def _new_top_level_key(data: CommentedMap) -> None:
    set_key(data, "extra", "added")


MUTATIONS: list[Callable[[CommentedMap], None]] = [_version, _note, _date, _new_top_level_key]


@pytest.mark.parametrize("name", ["ja.yaml", "en.yaml", "ru.yaml"])
@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda m: m.__name__)
def test_part_edit_is_the_whole_edit(name: str, mutate: Callable[[CommentedMap], None]) -> None:
    text = (POLICY / name).read_text("utf-8")
    whole = edit_text(text, mutate)
    part = edit_text(text, mutate, only=(("lang", "facts", "footer"), _where(text)))
    assert part == whole
    assert whole != text


def test_the_part_edit_is_used_and_other_keys_are_untouched(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = (POLICY / "ja.yaml").read_text("utf-8")
    loaded: list[str] = []
    real = edit._load

    def spy(part: str) -> Any:
        loaded.append(part)
        return real(part)

    monkeypatch.setattr(edit, "_load", spy)
    out = edit_text(text, _version, only=(("facts",), _where(text)))
    assert len(loaded) == 1 and loaded[0].startswith("facts:") and "clauses:" not in loaded[0]
    changed = [(a, b) for a, b in zip(text.splitlines(), out.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("  version: 9.9.9 ")


def test_a_layout_the_part_edit_cannot_split_is_edited_whole() -> None:
    flow = "{lang: ja, facts: {version: 1.0.0}}\n"
    where = {"lang": (1, 2), "facts": (1, 11)}
    assert edit_text(flow, _version, only=(("facts",), where)) == edit_text(flow, _version)
    directive = "%YAML 1.2\n---\nlang: ja\nfacts:\n  version: 1.0.0\n"
    where = {"lang": (3, 1), "facts": (4, 1)}
    assert edit_text(directive, _version, only=(("facts",), where)) == edit_text(
        directive, _version)
    # A start marker before the keys stays as it is, with the part edit.
    marked = "--- # the policy\nlang: ja\nfacts:\n  version: 1.0.0 # now\nother: [1,\n  2]\n"
    out = edit_text(marked, _version, only=(("facts",), _where(marked)))
    assert out == edit_text(marked, _version)
    assert out == marked.replace("1.0.0", "9.9.9")
