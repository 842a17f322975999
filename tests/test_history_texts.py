"""The old master texts a stale finding quotes (engine/history.py `texts_by_fingerprint`) cover every unit of the master that a translation records a fingerprint of: the title, the preamble, each key point of the summary, every clause and item, the footer.

A unit left out could never show its before and after: a lawyer who edits a key point was told
"previous text not available" under "Needs translation".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.history import texts_by_fingerprint
from engine.loader import load_folder
from engine.model import fingerprint, master_units

from .conftest import POLICY, committed_repo


def test_every_master_unit_is_found_by_its_fingerprint() -> None:
    src = load_folder(POLICY)
    assert src.master is not None
    texts = texts_by_fingerprint((POLICY / "ja.yaml").read_bytes(), "ja.yaml")
    units = list(master_units(src.master))
    assert any(u.key.startswith("summary.") for u in units)
    missing = [u.key for u in units
               if u.source_text() and texts.get(fingerprint(u.source_text())) != u.source_text()]
    assert missing == []


def test_an_edited_key_point_shows_its_text_before_and_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = committed_repo(tmp_path, monkeypatch)
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    ja = root / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    summary = text.index("\nsummary:")
    m = re.compile(r"\n    text: (\S[^\n]*)").search(text, summary)
    assert m is not None
    old = m.group(1)
    ja.write_text(text[:m.end(1)] + "（例）" + text[m.end(1):], "utf-8")
    done = CliRunner().invoke(main, ["check"])
    said = done.output
    assert "Needs translation" in said, said
    assert "not available" not in said, said
    assert "before:" in said and old[-8:] in said, said
