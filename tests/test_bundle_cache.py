"""The compiled-bundle cache (engine/bundle.py `load_folder_cached`): its entries are written without waiting for the disk, so a damaged entry must be refused and compiled again."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import load


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "cafetalk-policy").glob("*.json"))


def test_a_damaged_entry_is_compiled_again(policy_copy: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    fresh = load(policy_copy)
    [entry] = _entries(cache)
    whole = entry.read_bytes()
    question = ("use", "contact", "newsletter")
    for damaged in (whole[: len(whole) // 2],  # cut off by a crash
                    whole.replace(b'"version": "', b'"version": "9', 1)):  # its hash no longer fits
        assert damaged != whole
        entry.write_bytes(damaged)
        again = load(policy_copy)
        assert bool(again.allows(*question)) == bool(fresh.allows(*question))
        assert bool(again.allows(*question, opted_out=True)) == bool(
            fresh.allows(*question, opted_out=True))
        assert entry.read_bytes() == whole  # written again, whole
