"""The read cache of declaration folders (engine/uses/sources.py): a folder read through the
cache gives exactly what a fresh read gives, any changed byte reads afresh, a damaged entry is
ignored, and POLICY_NO_CACHE turns it off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.uses import load_uses
from engine.uses.sources import NO_CACHE_ENV, Declarations

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "uses"


def snapshot(decls: Declarations) -> list[object]:
    """Everything a reader of the declarations sees, positions included."""
    out: list[object] = [str(d) for d in decls.diagnostics]
    for system in decls.systems:
        out.append((system.id, system.names, system.owner, system.file, system.line, system.col))
        for use in system.uses:
            out.append((use.key, use.action, use.data, use.purpose, use.when, use.obligations,
                        use.line, use.col, use.pos("data", 0), use.pos("key", "when"),
                        use.source))
    return out


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    target = tmp_path / "uses"
    shutil.copytree(EXAMPLES, target)
    # One text over two lines: engine/lineread.py leaves it to the quick reader, so the folder
    # is not read wholly line by line and its read is kept (see the last test).
    mailer = target / "mailer.yaml"
    text = mailer.read_text("utf-8")
    line = "    note: A mail delivery contractor sends the digest.\n"
    assert line in text
    mailer.write_text(text.replace(line, "    note: A mail delivery contractor\n"
                                         "      sends the digest.\n"), "utf-8")
    return target


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("*.marshal"))


def test_a_cached_read_equals_a_fresh_one(folder: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_uses(folder)
    assert entries(tmp_path), "the first read keeps an entry"
    cached = load_uses(folder)
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    fresh = load_uses(folder)
    assert first.systems and snapshot(cached) == snapshot(first) == snapshot(fresh)


def test_a_changed_byte_reads_afresh(folder: Path, tmp_path: Path) -> None:
    load_uses(folder)
    path = sorted(folder.glob("*.yaml"))[0]
    text = path.read_text("utf-8")
    owner = next(line for line in text.splitlines() if line.startswith("owner:"))
    path.write_text(text.replace(owner, "owner: another team", 1), "utf-8")
    changed = load_uses(folder)
    assert len(entries(tmp_path)) == 2
    assert "another team" in [s.owner for s in changed.systems]
    path.write_text(text.replace("system:", "system: [", 1), "utf-8")  # now unreadable
    broken = load_uses(folder)
    assert any(d.file.endswith(path.name) and d.code.startswith("YAML")
               for d in broken.diagnostics)


def test_a_damaged_entry_is_ignored(folder: Path, tmp_path: Path) -> None:
    first = load_uses(folder)
    for entry in entries(tmp_path):
        entry.write_bytes(b"\x00not marshal")
    assert snapshot(load_uses(folder)) == snapshot(first)


def test_no_cache_writes_nothing(folder: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    load_uses(folder)
    assert not entries(tmp_path)


def test_a_folder_read_wholly_line_by_line_needs_no_entry(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of the plainest YAML (engine/lineread.py): reading them again is quicker than
    an entry, so none is kept; what is read is what a read without the cache gives."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    target = tmp_path / "uses"
    shutil.copytree(EXAMPLES, target)
    (target / "messaging.yaml").unlink()  # its note is a `>-` text
    first = load_uses(target)
    assert not entries(tmp_path)
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    assert first.systems and snapshot(load_uses(target)) == snapshot(first)
