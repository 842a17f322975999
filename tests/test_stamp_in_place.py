"""A restamp (the unit already carries `source` and `target`) replaces the two fingerprints in
the text without the round-trip editor, and writes exactly the file the editor would write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import engine.parity.stamp as stamping
from engine.loader import load_folder

from .conftest import POLICY


def _edit_title(path: Path, clause_number: int, suffix: str) -> None:
    """Append `suffix` to the title of the clause printed `clause_number` in `path`."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line == f"    number: {clause_number}\n")
    title = next(i for i in range(at, len(lines)) if lines[i].startswith("    title: "))
    lines[title] = lines[title].rstrip("\n") + suffix + "\n"
    path.write_text("".join(lines), "utf-8")


def _restamped(tmp_path: Path, name: str, *, in_place: bool,
               monkeypatch: pytest.MonkeyPatch, quoted: bool = False) -> bytes:
    """ru.yaml after clause 1 is stamped, both texts change, and clause 1 is stamped again;
    with `quoted`, the first stamps are then written quoted, as a stamp that looked like a
    number (75477e2234) had to be."""
    folder = tmp_path / name / "policy"
    shutil.copytree(POLICY, folder)
    _edit_title(folder / "ja.yaml", 1, "等")
    _edit_title(folder / "ru.yaml", 1, " и прочее")
    stamping.stamp(load_folder(folder, cache=False), "ru", ["1"])  # both stamps now written
    if quoted:
        ru = folder / "ru.yaml"
        text = ru.read_text("utf-8")
        at = text.index("    number: 1\n")
        head, tail = text[:at], text[at:]
        for key in ("source", "target"):
            start = tail.index(f"    {key}: ") + len(f"    {key}: ")
            tail = tail[:start] + "'" + tail[start:start + 10] + "'" + tail[start + 10:]
        ru.write_text(head + tail, "utf-8")
    _edit_title(folder / "ja.yaml", 1, "ほか")
    _edit_title(folder / "ru.yaml", 1, " и др.")
    with monkeypatch.context() as patch:
        if in_place:
            def editor(*_args: object, **_kwargs: object) -> None:
                raise AssertionError("the round-trip editor was used for a restamp")

            patch.setattr(stamping, "_write", editor)  # the round-trip editor's only caller
        else:
            patch.setattr(stamping, "_restamp_in_place", lambda *_args: False)
        result = stamping.stamp(load_folder(folder, cache=False), "ru", ["1"])
    assert [u.number for u in result.stamped] == ["1"]
    return (folder / "ru.yaml").read_bytes()


def test_restamp_in_place_writes_what_the_editor_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _restamped(tmp_path, "fast", in_place=True, monkeypatch=monkeypatch)
    slow = _restamped(tmp_path, "slow", in_place=False, monkeypatch=monkeypatch)
    assert fast == slow
    # And the stamps are the current ones: nothing is left stale for clause 1.
    folder = tmp_path / "fast" / "policy"
    again = stamping.stamp(load_folder(folder, cache=False), "ru", ["1"])
    assert not again.stamped and [u.number for u in again.unchanged] == ["1"]


def test_a_quoted_stamp_is_restamped_as_the_editor_writes_a_new_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stamp that had to be quoted (it read as a number) and is replaced by one that need
    not be is written plain, as the editor writes it: a restamp and a first stamp of the same
    texts give the same file."""
    fast = _restamped(tmp_path, "fast", in_place=True, monkeypatch=monkeypatch, quoted=True)
    slow = _restamped(tmp_path, "slow", in_place=False, monkeypatch=monkeypatch, quoted=True)
    assert fast == slow
    assert b"source: '" not in fast.split(b"    number: 1\n", 1)[1].split(b"\n  - ", 1)[0]


def test_a_file_changed_since_it_was_loaded_goes_to_the_editor(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    src = load_folder(folder, cache=False)
    doc = src.documents["ru"]
    (folder / "ru.yaml").write_text(doc.text + "# a comment added after the load\n", "utf-8")
    clause = next(c for c in src.translations["ru"].clauses if c.source is not None)
    path = ("clauses", src.translations["ru"].clauses.index(clause))
    assert not stamping._restamp_in_place(folder / "ru.yaml", doc, [(path, "0" * 10, "1" * 10)])
    assert (folder / "ru.yaml").read_text("utf-8").endswith("after the load\n")
