"""Round-trip editing (engine/edit.py) and stamping: only the intended values change; the rest survives byte for byte."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from engine.diagnostics import PolicyLoadError
from engine.edit import EditError, edit_text, edit_yaml, set_key
from engine.loader import load_folder
from engine.model import fingerprint, master_units
from engine.parity.stamp import stamp
from engine.read import read_text

from .conftest import FIXTURES, POLICY

SHIPPED = sorted(POLICY.glob("*.yaml")) + sorted((FIXTURES / "mini").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_load_and_dump_without_changes_is_byte_identical(path: Path) -> None:
    text = path.read_text("utf-8")
    assert edit_text(text, lambda data: None) == text


def test_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "ru.yaml"
    shutil.copyfile(POLICY / "ru.yaml", target)
    before = target.stat().st_mtime_ns
    result = edit_yaml(target, lambda data: None)
    assert not result.changed and target.stat().st_mtime_ns == before


def _changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_value_change_in_the_master_touches_only_that_line() -> None:
    text = (POLICY / "ja.yaml").read_text("utf-8")

    def bump(data: CommentedMap) -> None:
        data["facts"]["version"] = "9.9.9"

    new = edit_text(text, bump)
    changed = _changed_lines(text, new)
    assert len(changed) == 2
    assert changed[0].startswith("-  version:") and changed[1].startswith("+  version: 9.9.9")
    # the comment after the value survives
    assert changed[0].split("#", 1)[1] == changed[1].split("#", 1)[1]


def test_a_change_where_the_layout_cannot_be_kept_is_refused() -> None:
    text = (POLICY / "ja.yaml").read_text("utf-8")

    def regroup(data: CommentedMap) -> None:  # this flow list spans lines in the file
        data["vocabulary"]["data"]["sensitive"]["members"].append("extra")

    with pytest.raises(EditError) as refused:
        edit_text(text, regroup)
    # said as a layout that cannot be kept, at a line of that list (counted from 1)
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("members: [beliefs"))
    last = next(n for n in range(first, len(lines) + 1) if lines[n - 1].rstrip().endswith("]"))
    assert refused.value.form == "layout" and first <= refused.value.line <= last


def test_a_refusal_in_part_of_the_text_is_placed_in_the_whole_text() -> None:
    text = ("title: x\nnotes: y\nfacts:\n  version: 1.0.0\n"
            "  courts: [Tokyo District Court, Tokyo Summary Court, Osaka District Court,\n"
            "    Nagoya District Court]\ntail: z\n")

    def add_court(data: CommentedMap) -> None:
        data["facts"]["courts"].append("Kyoto District Court")

    where = {"title": (1, 1), "notes": (2, 1), "facts": (3, 1), "tail": (7, 1)}
    for only in (None, (("facts",), where)):  # the whole text, and the facts' lines alone
        with pytest.raises(EditError) as refused:
            edit_text(text, add_court, only=only)
        assert (refused.value.form, refused.value.line) == ("layout", 5)


@pytest.mark.parametrize("lang, said", [
    ("ja", "この部分は、現在の書き方のままでは自動で書き換えられません。何も書き込んでいません"),
    ("ru", "этот участок файла нельзя изменить автоматически, не нарушив его оформления; "
           "ничего не записано"),
    ("en", "this part of the file cannot be changed automatically without changing its "
           "layout; nothing was written"),
])
def test_an_approval_the_editor_cannot_write_is_said_at_its_line(
        policy_copy: Path, lang: str, said: str) -> None:
    from click.testing import CliRunner

    from engine.cli import main

    master = policy_copy / "ja.yaml"
    text = master.read_text("utf-8").replace("approvals: {}", "approvals: {\n  }")
    master.write_text(text, "utf-8")
    line = text.splitlines().index("approvals: {") + 1
    result = CliRunner().invoke(main, ["approve", "ja", "1", "--by", "Hanako Yamada",
                                       "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert f"ja.yaml:{line}:1:" in result.output and said in result.output
    assert "[DIFF006]" in result.output and "layout cannot be kept" not in result.output
    assert master.read_text("utf-8") == text  # nothing written


def test_renumber_says_which_file_it_cannot_edit(policy_copy: Path) -> None:
    from click.testing import CliRunner

    from engine.cli import main

    ru = policy_copy / "ru.yaml"
    text = ru.read_text("utf-8")
    # the first clause numbered 2 in a flow mapping over two lines (its text moved to an entry
    # of its own, which renumber leaves alone: the master has no such id)
    text = text.replace("  - id: definition\n    number: 1\n",
                        "  - {id: definition,\n     number: 2}\n  - id: definition-text\n", 1)
    ru.write_text(text, "utf-8")
    line = text.splitlines().index("  - {id: definition,") + 1
    result = CliRunner().invoke(main, ["renumber", "--policy", str(policy_copy), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert f"ru.yaml:{line}:1: error: this part of the file cannot be changed" in result.output
    assert ru.read_text("utf-8") == text


def test_a_file_gone_before_its_edit_is_said_as_not_found(tmp_path: Path) -> None:
    with pytest.raises(EditError) as refused:
        edit_yaml(tmp_path / "gone.yaml", lambda data: None)
    found = refused.value.diagnostic("policy/gone.yaml")
    assert (found.code, dict(found.params).get("form")) == ("IO001", "missing")


def test_stamp_adds_only_source_lines(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    ru = folder / "ru.yaml"
    stamped = ru.read_text("utf-8")
    # Strip every fingerprint, then stamp again: the result is the shipped file, byte for byte.
    bare = "".join(line for line in stamped.splitlines(keepends=True)
                   if not line.lstrip().startswith(("source: ", "target: ")))
    stamped = "".join(line for line in stamped.splitlines(keepends=True)
                      if not line.lstrip().startswith("target: "))
    ru.write_text(bare, "utf-8")
    result = stamp(load_folder(folder), "ru", every=True)
    assert len(result.stamped) == len(list(master_units(load_folder(folder).master)))  # type: ignore[arg-type]
    # Each unit gets its `source` back (as shipped) plus a `target` line of its own text.
    after = ru.read_text("utf-8")
    assert "".join(line for line in after.splitlines(keepends=True)
                   if not line.lstrip().startswith("target: ")) == stamped
    assert all(line.startswith("+") and ("source: " in line or "target: " in line)
               for line in _changed_lines(bare, after))


def test_stamp_named_units_and_their_items(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    en = folder / "en.yaml"
    bare = "".join(line for line in en.read_text("utf-8").splitlines(keepends=True)
                   if not line.lstrip().startswith("source: "))
    en.write_text(bare, "utf-8")
    result = stamp(load_folder(folder), "en", ["3.3", "preamble", "integrations"])
    assert tuple(u.unit for u in result.stamped) == (
        "preamble", "collection.collection-sensitive",
        "collection.collection-sensitive.sensitive-beliefs",
        "collection.collection-sensitive.sensitive-origin",
        "collection.collection-sensitive.sensitive-labor",
        "collection.collection-sensitive.sensitive-civic",
        "collection.collection-sensitive.sensitive-health", "integrations")
    again = stamp(load_folder(folder), "en", ["integrations"])
    assert again.stamped == () and [u.unit for u in again.unchanged] == ["integrations"]


def test_stamp_refuses_unknown_units_with_a_hint(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    before = (folder / "ru.yaml").read_bytes()
    with pytest.raises(PolicyLoadError) as err:
        stamp(load_folder(folder), "ru", ["integration"])
    assert err.value.diagnostics[0].hint and "integrations" in err.value.diagnostics[0].hint
    assert (folder / "ru.yaml").read_bytes() == before


def test_interrupted_write_leaves_the_file_intact(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "en.yaml"
    shutil.copyfile(POLICY / "en.yaml", target)
    before = target.read_bytes()

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        edit_yaml(target, lambda d: set_key(d["title"], "source", "abcdef0123"))
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["en.yaml"]  # no temporary file left


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789abcdef", min_size=10, max_size=10))
def test_fingerprints_that_look_like_numbers_stay_strings(fp: str) -> None:
    text = "title:\n  text: Privacy Policy\n"
    new = edit_text(text, lambda d: set_key(d["title"], "source", fp, before=("text",)))
    doc = read_text(new, "x.yaml").document
    assert doc is not None and doc.data["title"]["source"] == fp


def test_fingerprint_is_of_the_normalized_master_text() -> None:
    src = load_folder(POLICY)
    assert src.master is not None
    unit = next(u for u in master_units(src.master) if u.key == "clause:language")
    assert fingerprint(unit.source_text()) == fingerprint("  " + unit.source_text() + "\n")


def test_one_value_written_twice_is_written_out_twice_not_as_an_alias() -> None:
    import datetime as dt

    from ruamel.yaml.comments import CommentedMap as Map

    day = dt.date(2026, 1, 1)

    def mutate(data: Map) -> None:
        data["a"] = Map(date=day)
        data["b"] = Map(date=day)

    out = edit_text("x: 1\n", mutate)
    assert "&" not in out and "*" not in out
    assert out.count("2026-01-01") == 2


def test_a_control_character_in_a_folded_text_is_written_quoted_not_a_crash() -> None:
    """ruamel.yaml keeps a folded value's style for the value put in its place, and its emitter
    fails on a BEL in a folded scalar; such a text is written double-quoted instead (found by
    tests/test_parity_fuzz.py)."""
    text = "a:\n  text: >-\n    Revised: April 1, 2022 (the contact\n    information)\n"

    def put(data: CommentedMap) -> None:
        data["a"]["text"] = "0\x07"

    out = edit_text(text, put)
    assert out == 'a:\n  text: "0\\a"\n'
