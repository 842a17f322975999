"""Issue 12.3: `policy stamp` never publishes an old translation as current by accident.

Units must be named (or `--all` given); a unit whose translation did not change since its last
stamp while the master did is refused unless `--unchanged-ok`; output names units by printed
number and title.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.loader import load_folder

from .conftest import POLICY


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _copy(tmp_path: Path, *, git: bool) -> Path:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    if git:
        for cmd in (["init", "-q", "-b", "main"], ["add", "-A"],
                    ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "x"]):
            subprocess.run(["git", *cmd], cwd=tmp_path, check=True)
    return folder


def _edit_master_title(folder: Path) -> tuple[str, str, str]:
    """Append a character to the title of the master's last clause; returns (number, id,
    Russian title). The commands' English names the clause by the English edition's title
    (`_in_english`), as a reader of English finds it."""
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-1]
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    old = f"    title: {clause.title}\n"
    assert text.count(old) == 1
    ja.write_text(text.replace(old, f"    title: {clause.title}等\n"), "utf-8")
    ru_title = next(c.title for c in src.translations["ru"].clauses if c.id == clause.id)
    return str(clause.number), clause.id, ru_title


def _in_english(folder: Path, number: str) -> str:
    """The title of clause `number` in the English edition."""
    src = load_folder(folder)
    return next(str(c.title) for c in src.translations["en"].clauses if str(c.number) == number)


def test_stamp_without_units_or_all_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path, git=False)
    _edit_master_title(folder)
    before = (folder / "ru.yaml").read_bytes()
    code, out, err = _run("stamp", "ru", "--policy", str(folder))
    assert code == 2 and out == ""
    assert "--all" in err and "nothing was stamped" in err
    assert (folder / "ru.yaml").read_bytes() == before


def test_unchanged_translation_is_not_stamped_after_a_master_change_git(tmp_path: Path) -> None:
    folder = _copy(tmp_path, git=True)  # the last stamp is read from git HEAD
    number, _id, ru_title = _edit_master_title(folder)
    before = (folder / "ru.yaml").read_bytes()
    code, _out, err = _run("stamp", "ru", "--all", "--policy", str(folder))
    assert code == 1
    assert f"not stamped: clause {number} {_in_english(folder, number)}" in err
    assert "--unchanged-ok" in err and ru_title not in err
    assert (folder / "ru.yaml").read_bytes() == before
    code, out, _ = _run("stamp", "ru", number, "--unchanged-ok", "--policy", str(folder))
    assert code == 0 and f"stamped clause {number} {_in_english(folder, number)}" in \
        out.splitlines()
    assert (folder / "ru.yaml").read_bytes() != before


def test_recorded_target_refuses_without_git_and_a_new_translation_is_stamped(
        tmp_path: Path) -> None:
    folder = _copy(tmp_path, git=False)
    number, _id, ru_title = _edit_master_title(folder)
    assert _run("stamp", "ru", number, "--unchanged-ok", "--policy", str(folder))[0] == 0
    assert "target: " in (folder / "ru.yaml").read_text("utf-8")
    # The master changes again; the Russian still has not: refused, from the recorded target.
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("等\n", "等々\n", 1), "utf-8")
    code, _, err = _run("stamp", "ru", number, "--policy", str(folder))
    assert code == 1 and "not stamped" in err
    # The translator updates the Russian title: now it is stamped.
    ru = folder / "ru.yaml"
    ru.write_text(ru.read_text("utf-8").replace(f"title: {ru_title}\n",
                                                f"title: {ru_title} и др.\n", 1), "utf-8")
    code, out, _ = _run("stamp", "ru", number, "--policy", str(folder))
    assert code == 0 and f"stamped clause {number} {_in_english(folder, number)}" in out
    # and a reader of Russian, by the Russian edition's (as it is now)
    code, out, _ = _run("stamp", "ru", number, "--policy", str(folder), "--lang", "ru")
    assert code == 0 and f"п. {number} {ru_title} и др." in out, out
    assert _run("check", "--policy", str(folder))[0] != 0  # en still needs translating
    assert load_folder(folder).ok


def test_what_a_stamp_leaves_wrong_is_a_value_the_library_gives() -> None:
    """The findings `policy stamp` exits with come from the stamp's result, not the CLI:
    a named unit the translation lacks is the structure check's PARITY001, a refused one the
    drift check's DRIFT001, both errors at the edition's file."""
    from engine.findings import Severity
    from engine.parity.stamp import Stamped, StampResult

    missing = Stamped("clauses.10", "purposes", "10", "Purposes")
    refused = Stamped("clauses.3.2", "collection.consent", "3.2", "Consent")
    result = StampResult("ru", Path("policy/ru.yaml"), stamped=(), unchanged=(),
                         missing=(missing,), refused=(refused,))
    assert [(d.code, d.severity, d.file, d.message) for d in result.findings()] == [
        ("PARITY001", Severity.ERROR, "policy/ru.yaml",
         "clauses.10 is not translated yet; not stamped"),
        ("DRIFT001", Severity.ERROR, "policy/ru.yaml",
         "clauses.3.2 did not change with the master; not stamped")]
    assert StampResult("ru", Path("policy/ru.yaml"), (), (missing,), (), ()).findings() == []


@pytest.mark.parametrize(("say", "drafted", "master_drafted"), [
    ("en", "it is still the draft placeholder policy revise wrote. Write the note in English "
           "first, then stamp it",
     "the Japanese note is still the draft placeholder policy revise wrote. Once the legal "
     "team has written it, translate it and stamp it"),
    ("ja", "policy revise が書いた下書きのままです。先に英語でお知らせを書き、その後に記録してください。",
     "原文（日本語）のお知らせが、policy revise が書いた下書きのままです。"),
    ("ru", "это всё ещё черновик, который написала команда policy revise. Сначала напишите "
           "заметку по-английски, затем отметьте её.",
     "в японской версии (оригинале) эта заметка — всё ещё черновик")])
def test_a_release_note_left_as_the_placeholder_is_never_stamped(
        tmp_path: Path, say: str, drafted: str, master_drafted: str) -> None:
    """Right after `policy revise`, `policy status` lists the new release note as never
    checked against the master, with the stamp command: a stamp then recorded the placeholder
    as "translated from this master text", and the note, written later, was taken as current
    without ever being stamped. The placeholder is refused, by name, in the translation and in
    the master; `--all` leaves it too; nothing is written."""
    from engine.releasenotes import draft

    from .test_draft_note_followons import EN_NOTE, JA_NOTE, _revised

    for ja, en, said in ((JA_NOTE, draft("en", "2026-12-06"), drafted),
                         (draft("ja", "2026-12-06"), EN_NOTE, master_drafted)):
        shutil.rmtree(tmp_path / "policy", ignore_errors=True)
        folder = _revised(tmp_path, ja=ja, en=en, ru=draft("ru", "2026-12-06"))
        before = (folder / "en.yaml").read_bytes()
        code, out, err = _run("stamp", "en", "--release-note", "2026-12-06", "--policy",
                              str(folder), "--lang", say)
        assert code == 1, (out, err)
        assert said in err, err
        assert (folder / "en.yaml").read_bytes() == before
        # --all stamps whatever else needs it, never the placeholder
        code, out, err = _run("stamp", "en", "--all", "--policy", str(folder), "--lang", say)
        assert code == 1 and said in err, (out, err)
        note = load_folder(folder).translations["en"].footer.revisions["rev-2026-12-06"]
        assert note.source is None


def test_a_stamp_of_the_wrong_part_names_the_command_for_a_key_point(tmp_path: Path) -> None:
    """`policy stamp ru 10` while only a key point lags behind: the command it offers stamps
    that key point (`--key-point N`), never `policy status`, which stamps nothing."""
    folder = _copy(tmp_path, git=False)
    master = load_folder(folder).master
    assert master is not None
    point = master.summary[0].text
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    assert text.count(point) == 1
    ja.write_text(text.replace(point, point + "等"), "utf-8")
    for lang, said in (("en", "after translating, run policy stamp ru --key-point 1"),
                       ("ja", "翻訳した後に policy stamp ru --key-point 1 で記録してください。")):
        code, out, _ = _run("stamp", "ru", "10", "--policy", str(folder), "--lang", lang)
        assert code == 0 and said in out and "policy status" not in out, out
