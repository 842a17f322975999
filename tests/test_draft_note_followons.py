"""A release note still the placeholder `policy revise` drafted (NOTE002) is one thing to do:
write the note. What the other checks find in the placeholder (the master's number 11 it lacks,
the terms it does not render, that it was never stamped) only follows from it, so `policy
check` tells NOTE002 alone there (engine/check.py `without_draft_followons`); and a written
translation is not compared with a master note still drafted.

The revision of the shipped policy as the legal team makes it: clause 11 reworded, `policy
revise --date 2026-12-06`, the Japanese note written, the translations' notes not yet.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from engine.check import check_sources
from engine.cli import main
from engine.diagnostics import Diagnostic, Severity
from engine.loader import load_folder
from engine.releasenotes import draft

from .conftest import POLICY
from .test_parity_cases import NO_PYPROJECT

NOTE = "footer.revisions.rev-2026-12-06"
JA_NOTE = ("2026年12月6日改定（第11項に、保有する個人情報に誤りがあることを知ったときは速やかに"
           "訂正するよう努める旨を加えました）")
EN_NOTE = ("Revised: December 6, 2026 (clause 11 now says that when we learn that personal "
           "information we retain is inaccurate, we strive to correct it promptly)")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _revised(tmp_path: Path, *, ja: str, en: str, ru: str) -> Path:
    """The shipped policy with a revision of 2026-12-06 whose notes are `ja`, `en`, `ru`."""
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    _replace(folder / "ja.yaml", "    - id: rev-2026-12-05\n      date: 2026-12-05\n",
             "    - id: rev-2026-12-05\n      date: 2026-12-05\n"
             "    - id: rev-2026-12-06\n      date: 2026-12-06\n")
    for lang, note in (("ja", ja), ("en", en), ("ru", ru)):
        path = folder / f"{lang}.yaml"
        if lang != "ja":
            _replace(path, "  revised: 2026-12-05", "  revised: 2026-12-06")
        text = path.read_text("utf-8")
        start = text.index("\n  signature:")  # the notes end where the signature starts
        quoted = json.dumps(note, ensure_ascii=False)  # JSON's string is YAML's
        entry = (f"\n    rev-2026-12-06: {quoted}" if lang == "ja"
                 else f"\n    rev-2026-12-06:\n      text: {quoted}")
        path.write_text(text[:start] + entry + text[start:], "utf-8")
    return folder


def _check(folder: Path) -> list[Diagnostic]:
    return check_sources(load_folder(folder, cache=False), pyproject=NO_PYPROJECT,
                         cache=False).diagnostics


def _on(found: list[Diagnostic], lang: str) -> set[str]:
    return {d.code for d in found if d.lang == lang and d.unit == NOTE}


def test_a_drafted_translation_note_is_told_once_as_the_draft(tmp_path: Path) -> None:
    folder = _revised(tmp_path, ja=JA_NOTE, en=draft("en", "2026-12-06"),
                      ru=draft("ru", "2026-12-06"))
    found = _check(folder)
    # it was NOTE002 with INV001 (no 11), TERM001 twice (保有, 個人情報) and DRIFT002 beside it
    assert _on(found, "en") == {"NOTE002"}
    assert _on(found, "ru") == {"NOTE002"}
    assert _on(found, "ja") == set()
    result = CliRunner().invoke(main, ["check", "--policy", str(folder), "--lang", "en"])
    assert result.exit_code == 1
    assert "Not ready to publish: 2 problems to fix." in result.output, result.output[-600:]


def test_a_written_translation_is_not_compared_with_a_drafted_master_note(
        tmp_path: Path) -> None:
    folder = _revised(tmp_path, ja=draft("ja", "2026-12-06"), en=EN_NOTE,
                      ru=draft("ru", "2026-12-06"))
    found = _check(folder)
    assert _on(found, "ja") == {"NOTE002"}
    assert _on(found, "ru") == {"NOTE002"}
    # nothing to compare the English note with, nor to stamp it against, until the master's
    # note is written: then it is compared (and DRIFT002 asks for its stamp)
    assert _on(found, "en") == set()


def test_the_findings_come_back_once_the_note_is_written(tmp_path: Path) -> None:
    """Written, the English note is compared with the master's: the 11 it lacks is told."""
    folder = _revised(tmp_path, ja=JA_NOTE, en="Revised: December 6, 2026",
                      ru=draft("ru", "2026-12-06"))
    found = _check(folder)
    assert {"INV001", "DRIFT002"} <= _on(found, "en")
    assert "NOTE002" not in _on(found, "en")


def test_held_only_while_the_draft_is_an_error(tmp_path: Path) -> None:
    """With NOTE002 made a warning in [tool.policy.severity], the draft no longer stops the
    build: what the other checks find in it is told again, as it would stop the build."""
    folder = _revised(tmp_path, ja=JA_NOTE, en=draft("en", "2026-12-06"),
                      ru=draft("ru", "2026-12-06"))
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.policy.severity]\nNOTE002 = "warning"\n', "utf-8")
    found = check_sources(load_folder(folder, cache=False), pyproject=pyproject,
                          cache=False).diagnostics
    en = {d.code: d.severity for d in found if d.lang == "en" and d.unit == NOTE}
    assert en.get("NOTE002") is Severity.WARNING
    assert "INV001" in en


def test_status_lists_a_drafted_note_as_not_translated_yet(tmp_path: Path) -> None:
    """`policy status` listed the placeholder as "needs review (never checked against the
    master)" with `policy stamp en --release-note 2026-12-06` to run: it is to write first.
    Written, it is a text to review and stamp."""
    from engine.check import unit_states

    folder = _revised(tmp_path, ja=JA_NOTE, en=draft("en", "2026-12-06"),
                      ru=draft("ru", "2026-12-06"))
    assert unit_states(load_folder(folder, cache=False))["en"][NOTE] == "untranslated"
    result = CliRunner().invoke(main, ["status", "--policy", str(folder), "--lang", "en"])
    assert "needs translation (not translated yet):\n    the release note of the revision of " \
           "2026-12-06" in result.output, result.output
    assert "--release-note 2026-12-06" not in result.output
    _replace(folder / "en.yaml", json.dumps(draft("en", "2026-12-06"), ensure_ascii=False),
             json.dumps(EN_NOTE))
    assert unit_states(load_folder(folder, cache=False))["en"][NOTE] == "unreviewed"
