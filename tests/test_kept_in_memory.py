"""What the resident server keeps in memory for its commands, and the cache work they do after
their answer: never a different answer.

engine/loader.py keeps, only where `keep_reads()` was called (the server), each file's read
and shaped model by its bytes and name, and whole loaded folders by the sources cache's key;
engine/inputs.py's `later` runs cache work at once, or after the answer in a server's
command. These tests hold a kept load equal to a fresh one, an edited file read afresh, the
caches' off switch obeyed, and every piece of deferred work run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from engine import inputs, loader
from engine.check import check_sources
from engine.checks import CHECKS, Check
from engine.checks import unit as check_unit
from engine.checks.sentences import SENT001
from engine.findings import Diagnostic, make
from engine.loader import load_folder
from engine.model import Unit
from engine.parity.context import Context
from engine.values import replace


@pytest.fixture
def keeping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(inputs.CACHE_ENV, "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(loader, "_KEEP", False)
    monkeypatch.setattr(loader, "_KEPT", {})
    monkeypatch.setattr(loader, "_KEPT_MODELS", {})
    monkeypatch.setattr(loader, "_COPIED_FROM", {})
    loader.keep_reads()
    yield


def _fresh(folder: Path, monkeypatch: pytest.MonkeyPatch) -> loader.Sources:
    with monkeypatch.context() as m:
        m.setattr(loader, "_KEEP", False)
        return load_folder(folder, cache=False)


def _retitle(path: Path, mark: str) -> None:
    text = path.read_text("utf-8")
    at = text.index("\n    title: ") + len("\n    title: ")
    end = text.index("\n", at)
    path.write_text(text[:end] + mark + text[end:], "utf-8")


def test_a_kept_load_is_a_fresh_load(keeping: None, policy_copy: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_folder(policy_copy)
    fresh = _fresh(policy_copy, monkeypatch)
    assert first == fresh
    assert [str(d) for d in first.diagnostics] == [str(d) for d in fresh.diagnostics]
    assert load_folder(policy_copy) is first  # the whole folder, from memory
    assert fresh.documents["en"] is not first.documents["en"]  # nothing kept without keep_reads


def test_an_edited_file_is_read_afresh_and_the_others_are_kept(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_folder(policy_copy)
    _retitle(policy_copy / "ru.yaml", "!")
    second = load_folder(policy_copy)
    assert second == _fresh(policy_copy, monkeypatch)
    assert second != first  # the edit is seen
    assert second.documents["ru"].text != first.documents["ru"].text
    assert second.documents["en"] is first.documents["en"]  # unchanged: read once
    assert second.translations["en"] is first.translations["en"]  # and shaped once


def test_no_cache_keeps_nothing(keeping: None, policy_copy: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    first, second = load_folder(policy_copy), load_folder(policy_copy)
    assert first == second
    assert second.documents["en"] is not first.documents["en"]
    assert loader._KEPT == {} and loader._KEPT_MODELS == {}


def test_cache_work_runs_at_once_unless_deferred(monkeypatch: pytest.MonkeyPatch) -> None:
    done: list[str] = []
    monkeypatch.setattr(inputs, "_LATER", None)
    inputs.later(lambda: done.append("now"))
    assert done == ["now"]
    inputs.defer_cache_work()

    def failing() -> None:
        raise OSError("a cache that cannot be written")

    def adding() -> None:
        done.append("second")
        inputs.later(lambda: done.append("added while running"))

    inputs.later(lambda: done.append("first"))
    inputs.later(failing)
    inputs.later(adding)
    assert done == ["now"]  # nothing before the answer
    inputs.run_cache_work()
    assert done == ["now", "first", "second", "added while running"]


def test_test_tables_are_kept_by_their_bytes(keeping: None, policy_copy: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.testing import read_tables

    files, _found, not_run = read_tables(policy_copy)
    not_run.append(None)  # type: ignore[arg-type]  # a caller's list is its own
    again = read_tables(policy_copy)
    assert again[0][0] is files[0] and again[2] == []
    table = sorted((policy_copy / "tests").glob("*.yaml"))[0]
    table.write_text(table.read_text("utf-8") + "\nnot: [closed\n", "utf-8")
    edited = read_tables(policy_copy)
    with monkeypatch.context() as m:
        m.setattr(loader, "_KEEP", False)
        fresh = read_tables(policy_copy)
    assert [str(d) for d in edited[1]] == [str(d) for d in fresh[1]] != []
    assert [t.path for t in edited[0]] == [t.path for t in fresh[0]]


def test_a_fresh_process_reads_the_test_tables_from_the_cache_until_they_change(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the server, with the caches on, the tables come from the user's cache by their
    bytes and the tool's hash: equal to a fresh read, read again after an edit of a table, a
    change of the tool or damage to the entry."""
    from engine import testing
    from engine.testing import read_tables

    monkeypatch.setattr(loader, "_KEEP", False)  # the console script, not the server
    reads: list[Path] = []
    real = testing._read_tables
    monkeypatch.setattr(testing, "_read_tables", lambda d: (reads.append(d), real(d))[1])

    def shown(tables: testing.Tables) -> tuple[object, ...]:
        files, found, not_run = tables
        return ([(t.path, t.table, t.doc.data) for t in files], [str(d) for d in found], not_run)

    def fresh() -> testing.Tables:
        with monkeypatch.context() as m:
            m.setenv("POLICY_NO_CACHE", "1")
            return real(policy_copy)

    first = read_tables(policy_copy)
    assert len(reads) == 1
    again = read_tables(policy_copy)
    assert len(reads) == 1, "the second process reads the tables from the cache"
    assert shown(again) == shown(first) == shown(fresh())
    [entry] = (tmp := Path.cwd() / "cache" / "cafetalk-policy" / "tables").glob("*.pickle")

    table = sorted((policy_copy / "tests").glob("*.yaml"))[0]
    table.write_text(table.read_text("utf-8") + "\nnot: [closed\n", "utf-8")
    edited = read_tables(policy_copy)
    assert len(reads) == 2 and shown(edited) == shown(fresh()) and edited[1]
    assert shown(read_tables(policy_copy)) == shown(edited) and len(reads) == 2

    table.write_text(table.read_text("utf-8").replace("\nnot: [closed\n", ""), "utf-8")
    assert shown(read_tables(policy_copy)) == shown(first) and len(reads) == 2, \
        "the first tables again: their entry"
    entry.write_bytes(entry.read_bytes()[:-30])  # damaged: read afresh
    assert shown(read_tables(policy_copy)) == shown(first) and len(reads) == 3
    assert len(list(tmp.glob("*.pickle"))) == 2

    real_tool = inputs.add_tool
    monkeypatch.setattr(inputs, "add_tool",
                        lambda digest, root=None: (real_tool(digest, root), digest.add("x", "y")))
    assert shown(read_tables(policy_copy)) == shown(first) and len(reads) == 4, \
        "another tool: read again"


def test_a_long_command_holds_only_so_much_deferred_work(monkeypatch: pytest.MonkeyPatch) -> None:
    done: list[int] = []
    monkeypatch.setattr(inputs, "_LATER", None)
    inputs.defer_cache_work()
    for i in range(inputs.MAX_LATER + 5):
        inputs.later(lambda i=i: done.append(i))  # type: ignore[misc]
    assert done == [0, 1, 2, 3, 4]  # the oldest ran; the rest wait for the answer
    inputs.run_cache_work()
    assert done == list(range(inputs.MAX_LATER + 5))


@pytest.mark.parametrize("keep", [True, False])
def test_a_fifo_among_the_tables_is_said_not_waited_on(keep: bool, keeping: None,
                                                       policy_copy: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A fifo named tests/*.yaml is "not a regular file" (IO002), as before the tables were
    kept: its bytes are never read for a key (which would wait for a writer)."""
    import os
    import threading
    import time

    from engine.testing import read_tables

    if not keep:
        monkeypatch.setattr(loader, "_KEEP", False)
    fifo = policy_copy / "tests" / "fifo.yaml"
    os.mkfifo(fifo)

    done = threading.Event()

    def writer() -> None:  # lets a reader that waits on the fifo go after 5 seconds
        done.wait(5)
        os.close(os.open(fifo, os.O_RDWR))  # a writer that comes and goes: the reader sees EOF

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    started = time.monotonic()
    _files, found, not_run = read_tables(policy_copy)
    assert time.monotonic() - started < 4, "the fifo was waited on"
    done.set()
    thread.join()  # gone before the next test (a warm-up refuses to end with a thread left)
    assert [d.code for d in found if d.file == str(fifo)] == ["IO002"]
    assert str(fifo) in [n.file for n in not_run]


# ---------------------------------------------------------------- the pair checks' findings
# engine/checks/unit.py keeps the findings of every pair check that declares what it `reads`,
# per pair, where the server keeps reads. Each edit below changes what some check finds (the
# test asserts it), so a kept finding the edit should have replaced would show as a difference
# from a run that keeps nothing.


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


EDITS: dict[str, tuple[str, str, str]] = {
    # a master text: the dates of the footer's established line no longer agree (INV)
    "master text": ("ja.yaml", "2010年4月20日制定", "2011年4月20日制定"),
    # a line above every unit of the master: the master's positions move, no translation's
    "master line": ("ja.yaml", "\nvocabulary:\n", "\n# a note\nvocabulary:\n"),
    # the master's vocabulary: the term 取得 gets another label (TERM001 changes)
    "master vocabulary": ("ja.yaml", "collect: {label: 取得}", "collect: {label: 取り扱い}"),
    # a translated text: a date no longer agrees with the master's (INV)
    "translation text": ("ru.yaml", "с 20 апреля 2010 года", "с 21 апреля 2010 года"),
    # a line at the top of a translation: every finding in it moves down a line
    "translation line": ("ru.yaml", "", "# a note\n"),
    # the settings: a variant of the term 取得 in Russian is dropped (TERM001 errors come)
    "settings": ("parity.toml", 'collect = ["собирать", "собранный", "получать"]',
                 'collect = ["собирать", "собранный"]'),
    # an id used twice in the master: clause 3 takes clause 2's id, so both master units pair
    # with the one translated unit of that id; each is compared with it on its own text
    # (clause 3's Japanese against clause 2's translation finds what clause 2's does not)
    "master id twice": ("ja.yaml", "  - id: compliance\n", "  - id: definition\n"),
}


def _check(folder: Path, monkeypatch: pytest.MonkeyPatch, *, keep: bool) -> list[Diagnostic]:
    if keep:
        return check_sources(load_folder(folder), cache=False).diagnostics
    with monkeypatch.context() as m:
        m.setattr(loader, "_KEEP", False)
        return check_sources(load_folder(folder, cache=False), cache=False).diagnostics


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.usefixtures("stale_followons_told")  # a master edit makes its unit stale
def test_a_kept_check_run_after_an_edit_finds_what_a_fresh_run_finds(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch, edit: str) -> None:
    monkeypatch.setattr(check_unit, "_KEPT", {})
    before = _check(policy_copy, monkeypatch, keep=True)  # as the server's warm-up
    assert check_unit._KEPT, "the pair checks' findings are kept"
    name, old, new = EDITS[edit]
    if old:
        _edit(policy_copy / name, old, new)
    else:
        (policy_copy / name).write_text(new + (policy_copy / name).read_text("utf-8"), "utf-8")
    fresh = _check(policy_copy, monkeypatch, keep=False)
    assert _pair_findings(fresh) != _pair_findings(before) or edit == "master line", \
        "the edit changes what a pair check finds"
    assert _check(policy_copy, monkeypatch, keep=True) == fresh


def _pair_findings(found: list[Diagnostic]) -> list[Diagnostic]:
    codes = {c.code for check in CHECKS if check.reads is not None for c in check.codes}
    return [d for d in found if d.code in codes]


@pytest.mark.usefixtures("stale_followons_told")  # the edited unit is stale
def test_unchanged_pairs_are_answered_from_memory_and_an_edited_one_is_checked(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_unit, "_KEPT", {})
    _check(policy_copy, monkeypatch, keep=True)
    marker = make(SENT001, "from memory", "marker")
    for table in check_unit._KEPT.values():  # what memory holds, made recognisable
        for unit in table:
            table[unit] = (marker,)
    _edit(policy_copy / "ja.yaml", "2010年4月20日制定", "2011年4月20日制定")
    found = check_sources(load_folder(policy_copy), cache=False).diagnostics
    from_memory = [d for d in found if d.file == "marker"]
    checked = [d for d in found if d.unit == "footer.established" and d.code.startswith("INV")]
    assert from_memory, "unchanged pairs come from memory"
    assert {d.lang for d in checked} == {"en", "ru"}, "the edited pair is checked again"


def _counting_master(calls: list[str]) -> list[Check]:
    """The registered checks, each `per_master_unit` noting the key of every unit it is
    called on in `calls`."""
    def counting(check: Check) -> Check:
        real = check.per_master_unit
        if real is None:
            return check

        def per_master_unit(mu: Unit, ctx: Context) -> Iterable[Diagnostic]:
            calls.append(mu.key)
            return real(mu, ctx)

        return replace(check, per_master_unit=per_master_unit)

    return [counting(c) for c in CHECKS]


# A Latin sentence left in the Japanese master (the scripts check's L10N003 in ja).
LATIN = ("ja.yaml", "2010年4月20日制定・施行", "2010年4月20日制定・施行。Privacy Office Tokyo")


def test_the_master_units_found_clean_are_kept_and_an_edited_one_is_checked(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.model import master_units

    monkeypatch.setattr(check_unit, "_KEPT", {})
    monkeypatch.setattr(check_unit, "_KEPT_CLEAN", {})
    calls: list[str] = []
    checks = _counting_master(calls)

    def check() -> list[Diagnostic]:
        calls.clear()
        return check_sources(load_folder(policy_copy), checks=checks, cache=False).diagnostics

    check()  # as the server's warm-up
    master = load_folder(policy_copy).master
    assert master is not None and calls == [mu.key for mu in master_units(master)]
    assert check_unit._KEPT_CLEAN, "the units found clean are kept"
    check()
    assert calls == []
    _edit(policy_copy / "ja.yaml", "2010年4月20日制定", "2011年4月20日制定")
    check()
    assert calls == ["footer.established"]
    # a unit with a finding is checked every run, and found where it now is
    _edit(policy_copy / "ja.yaml", "2011年4月20日制定・施行", "2011年4月20日制定・施行。Privacy Office Tokyo")
    [line] = [d.line for d in check() if d.code == "L10N003" and d.lang == "ja"]
    assert calls == ["footer.established"]
    _edit(policy_copy / "ja.yaml", "\nfooter:\n", "\n# a note\nfooter:\n")  # a line above it
    kept = check()
    assert calls == ["footer.established"]
    assert [d.line for d in kept if d.code == "L10N003" and d.lang == "ja"] == [line + 1]
    assert kept == _check(policy_copy, monkeypatch, keep=False)


def test_a_master_unit_found_clean_under_other_settings_is_checked_again(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kept name taken out of parity.toml brings the master's Latin sentence back."""
    monkeypatch.setattr(check_unit, "_KEPT", {})
    monkeypatch.setattr(check_unit, "_KEPT_CLEAN", {})
    settings = policy_copy / "parity.toml"
    shipped = settings.read_text("utf-8")
    settings.write_text(shipped + '\n[[keep]]\nname = "Privacy Office Tokyo"\n', "utf-8")
    _edit(policy_copy / LATIN[0], LATIN[1], LATIN[2])
    assert not any(d.code == "L10N003" for d in _check(policy_copy, monkeypatch, keep=True))
    settings.write_text(shipped, "utf-8")
    fresh = _check(policy_copy, monkeypatch, keep=False)
    assert [d.unit for d in fresh if d.code == "L10N003" and d.lang == "ja"] == \
        ["footer.established"]
    assert _check(policy_copy, monkeypatch, keep=True) == fresh


def test_the_settings_are_parsed_once_per_text(keeping: None, policy_copy: Path) -> None:
    from engine.parity.config import load_config

    first, _ = load_config(policy_copy, known={"terms"})
    assert load_config(policy_copy, known={"terms"})[0] is first
    _edit(policy_copy / "parity.toml", 'collect = ["собирать",', 'collect = ["узнавать", "собирать",')
    edited, _ = load_config(policy_copy, known={"terms"})
    assert edited is not first and edited.prose.term_variants != first.prose.term_variants


def test_the_warm_up_keeps_the_test_tables_under_the_names_a_command_beside_them_prints(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import resident, testing

    assert "test" not in resident.warm_up(str(policy_copy))  # (`diff` needs git: none here)
    monkeypatch.chdir(policy_copy.parent)

    def read_again(policy_dir: Path) -> object:
        raise AssertionError(f"the tables of {policy_dir} were read again")

    monkeypatch.setattr(testing, "_read_tables", read_again)
    files, _, _ = testing.read_tables(Path("policy"))  # as `policy test` beside it finds them
    assert files and all(f.path.startswith("policy/tests/") for f in files)


def test_a_copy_of_the_folder_is_the_same_documents_under_its_own_names(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from engine import quickread, schema

    load_folder(policy_copy)  # as the server's warm-up
    base = policy_copy.parent / "base"
    shutil.copytree(policy_copy, base)
    (base / "en.yaml").write_text((base / "en.yaml").read_text("utf-8") + "oops: [\n", "utf-8")
    read: list[str] = []
    real_read, real_shape = quickread.read_bytes_quickly, schema.build_model
    monkeypatch.setattr(quickread, "read_bytes_quickly",
                        lambda raw, name: (read.append(name), real_read(raw, name))[1])
    monkeypatch.setattr(schema, "build_model",
                        lambda doc, kind: (read.append(f"shape {doc.file}"),
                                           real_shape(doc, kind))[1])
    copy = load_folder(base)
    assert read == ["base/en.yaml"], "only the file that differs is read (names: from tmp_path)"
    monkeypatch.setattr(quickread, "read_bytes_quickly", real_read)
    monkeypatch.setattr(schema, "build_model", real_shape)
    fresh = _fresh(base, monkeypatch)
    assert copy == fresh
    assert [str(d) for d in copy.diagnostics] == [str(d) for d in fresh.diagnostics]
    assert {doc.file for doc in copy.documents.values()} == {"base/ja.yaml", "base/ru.yaml"}
    assert any(d.file == "base/en.yaml" for d in copy.diagnostics)


def test_a_kept_check_run_after_a_translation_is_renamed_names_its_new_file(
        keeping: None, policy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same text under another name (ru.yaml renamed ru.yml): its findings name the file
    as it is now called, as a fresh run's do."""
    monkeypatch.setattr(check_unit, "_KEPT", {})
    before = _check(policy_copy, monkeypatch, keep=True)
    (policy_copy / "ru.yaml").rename(policy_copy / "ru.yml")
    fresh = _check(policy_copy, monkeypatch, keep=False)
    assert {d.file for d in _pair_findings(fresh)} != {d.file for d in _pair_findings(before)}
    assert _check(policy_copy, monkeypatch, keep=True) == fresh
