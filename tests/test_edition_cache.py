"""The per-file cache of the loader (engine/loader.py `Editions`): after an edit of one file, the
files that did not change come from their own entries, and the load is what a fresh one gives.

* A load after an edit of the master equals a fresh load (documents, positions, file names,
  findings), and reads and shapes only the edited file; each translation is still validated
  against the master.
* A change of the tool, a corrupt or foreign entry, or another name for the file (a moved
  folder) is a miss, read afresh; nothing is stored when a file changed while it was read.
No timings here: bench/bench_cli.py measures it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import lineread, loader, validate
from engine.cli import cached
from engine.inputs import Digest


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own cache folder (the per-file entries' folder), the server's memory off."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cached.CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(loader, "_KEEP", False)
    return loader.editions_cache_dir()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The files read, shaped (`name kind`) and validated as the master or a translation."""
    seen: dict[str, list[str]] = {"read": [], "shape": [], "master": [], "translation": []}

    def spy(kind: str, real: Callable[..., Any], name: Callable[..., str]) -> Callable[..., Any]:
        def counted(*args: Any) -> Any:
            seen[kind].append(name(*args))
            return real(*args)
        return counted

    monkeypatch.setattr(lineread, "read_bytes_fastest",
                        spy("read", lineread.read_bytes_fastest, lambda raw, name: name))
    monkeypatch.setattr(loader, "_shape",
                        spy("shape", loader._shape, lambda doc, kind: f"{doc.file} {kind}"))
    monkeypatch.setattr(validate, "validate_master",
                        spy("master", validate.validate_master, lambda m, doc: doc.file))
    monkeypatch.setattr(validate, "validate_translation", spy(
        "translation", validate.validate_translation, lambda tr, doc, m, lang: doc.file))
    return seen


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _edit(policy: Path, name: str = "ja.yaml", added: str = "等") -> None:
    """Add `added` to the end of the first clause title: a new text of that file."""
    path = policy / name
    text = path.read_text("utf-8")
    at = text.index("\n    title: ") + len("\n    title: ")
    end = text.index("\n", at)
    path.write_text(text[:end] + added + text[end:], "utf-8")


def _clear(seen: dict[str, list[str]]) -> None:
    for found in seen.values():
        found.clear()


def _fresh(folder: Path) -> loader.Sources:
    return loader.load_folder(folder, cache=False)


def _same(got: loader.Sources, fresh: loader.Sources) -> None:
    assert got == fresh
    assert [str(d) for d in got.diagnostics] == [str(d) for d in fresh.diagnostics]
    for lang, doc in fresh.documents.items():
        mine = got.documents[lang]
        assert (mine.file, mine.text, mine.positions, mine.key_positions) == (
            doc.file, doc.text, doc.positions, doc.key_positions)
        assert list(mine.positions) == list(doc.positions)  # in the file's order too


def _broken(policy: Path) -> None:
    """A shape mistake in ru.yaml and a YAML mistake in en.yaml: neither is kept."""
    ru = policy / "ru.yaml"
    ru.write_text(ru.read_text("utf-8").replace("\ntitle:", "\ntitel:", 1), "utf-8")
    en = policy / "en.yaml"
    en.write_text(en.read_text("utf-8") + "\n  bad: [\n", "utf-8")


@pytest.mark.parametrize("broken", [False, True], ids=["shipped", "with mistakes"])
def test_a_load_after_an_edit_equals_a_fresh_one_and_reads_only_the_edited_file(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]], broken: bool) -> None:
    if broken:
        _broken(policy_copy)
    loader.load_folder(policy_copy, cache=True)  # fills the entries
    assert len(_names(cache)) == (1 if broken else 3)  # a file with a finding is not kept
    _edit(policy_copy)
    _clear(calls)
    got = loader.load_folder(policy_copy, cache=True)  # the folder's key misses
    expected = ["policy/ja.yaml"] if not broken else [
        "policy/en.yaml", "policy/ja.yaml", "policy/ru.yaml"]
    assert sorted(calls["read"]) == expected
    assert sorted(calls["shape"]) == ["policy/ja.yaml master"] + (
        ["policy/ru.yaml translation"] if broken else [])
    assert calls["master"] == ["policy/ja.yaml"]
    assert sorted(calls["translation"]) == ([] if broken else ["policy/en.yaml",
                                                                "policy/ru.yaml"])
    _same(got, _fresh(policy_copy))
    assert bool(got.diagnostics) == broken


def test_an_edited_translation_takes_the_master_and_its_findings_from_its_entry(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]]) -> None:
    _edit(policy_copy, "ja.yaml", " [x](#nowhere)")  # the master's own finding (POLICY003)
    loader.load_folder(policy_copy, cache=True)
    _edit(policy_copy, "ru.yaml")
    _clear(calls)
    got = loader.load_folder(policy_copy, cache=True)
    assert (calls["read"], calls["shape"], calls["master"]) == (
        ["policy/ru.yaml"], ["policy/ru.yaml translation"], [])
    assert sorted(calls["translation"]) == ["policy/en.yaml", "policy/ru.yaml"]
    _same(got, _fresh(policy_copy))
    assert [(d.code, d.file) for d in got.diagnostics] == [("POLICY003", "policy/ja.yaml")]


def test_a_moved_folder_is_read_afresh_and_named_anew(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]]) -> None:
    _edit(policy_copy, "ja.yaml", " [x](#nowhere)")
    loader.load_folder(policy_copy, cache=True)
    moved = policy_copy.rename(policy_copy.parent / "moved")
    _clear(calls)
    got = loader.load_folder(moved, cache=True)
    assert sorted(calls["read"]) == ["moved/en.yaml", "moved/ja.yaml", "moved/ru.yaml"]
    _same(got, _fresh(moved))
    assert [(d.code, d.file) for d in got.diagnostics] == [("POLICY003", "moved/ja.yaml")]
    assert len(_names(cache)) == 6  # each name its own entry
    _edit(moved)
    _clear(calls)
    got = loader.load_folder(moved, cache=True)
    assert calls["read"] == ["moved/ja.yaml"]
    _same(got, _fresh(moved))


def test_a_change_of_the_tool_reads_every_file_again(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    loader.load_folder(policy_copy, cache=True)
    _edit(policy_copy)
    real = loader.add_tool

    def another_tool(digest: Digest) -> None:  # as after an edit of the engine's sources
        real(digest)
        digest.add("tool", "another engine")

    monkeypatch.setattr(loader, "add_tool", another_tool)
    _clear(calls)
    got = loader.load_folder(policy_copy, cache=True)
    assert sorted(calls["read"]) == ["policy/en.yaml", "policy/ja.yaml", "policy/ru.yaml"]
    _same(got, _fresh(policy_copy))
    assert len(_names(cache)) == 6


def _garbage(entry: Path) -> Iterator[bytes]:
    """Damaged entries: empty, another format, truncated, a pickle of another shape."""
    head = loader.EDITIONS_FORMAT + b" " + entry.stem.encode() + b"\n"
    kept = pickle.loads(entry.read_bytes()[len(head):])
    yield from (b"", b"garbage", head, head + b"\x80\x05not a pickle", head + b"\x80")
    yield head + pickle.dumps(("master", *kept[1:]))  # a translation's model as a master
    yield head + pickle.dumps((*kept[:3], kept[3][:-1], *kept[4:]))  # unpaired positions
    yield head + pickle.dumps(kept[:-1])
    yield head + pickle.dumps(None)


def test_a_damaged_entry_is_ignored_and_written_again(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]]) -> None:
    loader.load_folder(policy_copy, cache=True)
    ru = loader._sources_key("edition\0policy/ru.yaml",
                             [("policy/ru.yaml", (policy_copy / "ru.yaml").read_bytes())])
    entry = cache / f"{ru}.pickle"
    good = entry.read_bytes()
    for count, garbage in enumerate(_garbage(entry)):
        entry.write_bytes(garbage)
        _edit(policy_copy, added=str(count))
        _clear(calls)
        got = loader.load_folder(policy_copy, cache=True)
        assert sorted(calls["read"]) == ["policy/ja.yaml", "policy/ru.yaml"]
        _same(got, _fresh(policy_copy))
        assert entry.read_bytes() == good  # written again
    assert count == 8


def test_an_entry_others_could_write_is_never_loaded(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]]) -> None:
    loader.load_folder(policy_copy, cache=True)
    assert cache.stat().st_mode & 0o077 == 0
    for entry in cache.iterdir():
        assert entry.stat().st_mode & 0o077 == 0
        entry.chmod(entry.stat().st_mode | 0o020)
    _edit(policy_copy)
    _clear(calls)
    got = loader.load_folder(policy_copy, cache=True)
    assert len(calls["read"]) == 3
    _same(got, _fresh(policy_copy))


def test_nothing_is_kept_when_a_file_changed_while_the_folder_was_read(
        cache: Path, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = loader._load_folder

    def edited_meanwhile(folder: Path, *args: Any) -> loader.Sources:
        src = real(folder, *args)
        _edit(policy_copy, "ru.yaml")
        return src

    monkeypatch.setattr(loader, "_load_folder", edited_meanwhile)
    loader.load_folder(policy_copy, cache=True)
    assert not cache.exists()
    assert not loader.sources_cache_dir().exists()
    monkeypatch.setattr(loader, "_load_folder", real)
    loader.load_folder(policy_copy, cache=True)
    assert len(_names(cache)) == 3


def test_editions_given_as_bytes_share_the_entries(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]]) -> None:
    files = {p.name: p.read_bytes() for p in policy_copy.glob("*.yaml")}
    loader.load_texts(files, "abc1234567:policy", cache=True)
    files["ja.yaml"] = files["ja.yaml"].replace(b"\n    title: ", b"\n    title: X", 1)
    _clear(calls)
    got = loader.load_texts(files, "abc1234567:policy", cache=True)
    assert calls["read"] == ["abc1234567:policy/ja.yaml"]
    assert got == loader.load_texts(files, "abc1234567:policy", cache=False)


def test_the_entries_are_used_only_with_the_caches_on(
        cache: Path, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loader.load_folder(policy_copy, cache=False)
    loader.load_folder(policy_copy)  # the console script did not turn the caches on
    assert not cache.exists()
    # The server keeps files in memory instead (with the caches on, as the console script
    # turns them on).
    for name, value in (("_KEEP", True), ("_KEPT", {}), ("_KEPT_MODELS", {}),
                        ("_COPIED_FROM", {})):
        monkeypatch.setattr(loader, name, value)
    monkeypatch.setenv(loader.CACHE_ENV, "1")
    assert loader.keeping()
    _same(loader.load_folder(policy_copy), _fresh(policy_copy))
    assert loader.sources_cache_dir().is_dir() and not cache.exists()


@pytest.mark.parametrize("broken", [False, True], ids=["shipped", "with mistakes"])
def test_a_folder_whose_files_are_all_kept_is_stored_by_their_names(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]], broken: bool) -> None:
    """After an edit, the folder's entry in the sources cache names its files (each in the
    per-file cache already) instead of pickling all three again; loaded from there, it is the
    folder as a fresh load gives it, reading, shaping and validating nothing. With mistakes,
    the files that could not be read or shaped are not among its documents: what the load
    found in them is in the entry's findings."""
    if broken:
        _broken(policy_copy)
    loader.load_folder(policy_copy, cache=True)
    _edit(policy_copy)
    loader.load_folder(policy_copy, cache=True)  # the folder's entry, after the edit
    entries = list(loader.sources_cache_dir().glob("*.pickle"))
    stored = [pickle.loads(p.read_bytes().split(b"\n", 1)[1]) for p in entries]
    assert [type(e).__name__ for e in stored] == ["_ByEdition"] * 2  # before and after the edit
    _clear(calls)
    got = loader.load_folder(policy_copy, cache=True)  # nothing changed: the folder's entry
    assert calls == {"read": [], "shape": [], "master": [], "translation": []}
    _same(got, _fresh(policy_copy))
    assert list(got.documents) == list(_fresh(policy_copy).documents)  # master first
    if not broken:  # a file's entry gone (the oldest of the per-file cache): read afresh
        for entry in cache.glob("*.pickle"):
            entry.unlink()
        _clear(calls)
        got = loader.load_folder(policy_copy, cache=True)
        assert sorted(calls["read"]) == ["policy/en.yaml", "policy/ja.yaml", "policy/ru.yaml"]
        _same(got, _fresh(policy_copy))


def test_a_folder_entry_of_another_shape_is_read_afresh(
        cache: Path, policy_copy: Path, calls: dict[str, list[str]]) -> None:
    """An entry naming its files in a shape this tool does not write (an older format, a
    damaged one) is not an error: the folder is loaded afresh, as a fresh load gives it."""
    loader.load_folder(policy_copy, cache=True)
    for entry in loader.sources_cache_dir().glob("*.pickle"):
        head = entry.read_bytes().split(b"\n", 1)[0] + b"\n"
        entry.write_bytes(head + pickle.dumps(loader._ByEdition("ja", (("ja",),), ())))
    _clear(calls)
    got = loader.load_folder(policy_copy, cache=True)
    _same(got, _fresh(policy_copy))
