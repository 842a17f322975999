"""`policy check --lang ja|ru|en` on small policies with seeded findings: golden text, and no
English in the Japanese or Russian text outside quotations, ids, codes, paths and commands.

Each case composes fixture snippets of tests/checks/ (one per file) over tests/checks/base/.
Regenerate after an intended change with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_check_words_golden.py` and review the diff of
tests/golden/check.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import main

from .test_checks import FIXTURES, _folder

GOLDEN = Path(__file__).resolve().parent / "golden" / "check"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# case -> the fixture cases (code, name) it is made of, each changing different files
CASES: dict[str, tuple[tuple[str, str], ...]] = {
    "prose": (("NEG001", "ja→ru, «не» dropped: the promise is reversed"),
              ("TYPO003", "ja→en, a doubled space")),
    "fact-changed": (("PARITY008", "another e-mail address"),),
    "date-changed": (("INV002", "another date"),),
    "clause-left-out": (("PARITY001", "clause 2 (use) is left out of the Russian edition"),),
    "negation-added": (("NEG002", "ja→ru, a negation the master lacks"),),
    "translation-pending": (("DRIFT001", "a fingerprint of another master text"),
                            ("REVIEW003", "an approval for a clause the Russian edition does "
                                          "not have")),
    "notes-and-terms": (("NOTE002", "the Russian note of 2022 is the draft placeholder"),
                        ("TERM001", "ja→en, “consent” rendered by another word")),
    "id-changed-in-master": (("PARITY012", "the master's id changed and every translation has "
                                           "the old one, reported in the master"),),
    "id-changed-in-translation": (("PARITY012", "a clause with items renamed in one translation "
                                                "is reported once, at the clause"),),
    "sentences": (("SENT001", "ja→ru, a sentence added"),
                  ("PARITY004", "clause 3 numbered 2 once clause 2 is left out")),
}


def _case(parts: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for code, name in parts:
        found = [c for k, c in FIXTURES if k == code and c["name"] == name]
        assert len(found) == 1, (code, name)
        for key, value in found[0].items():
            if key.endswith((".yaml", ".toml")):
                assert key not in merged, f"{code}: {key} is changed twice"
                merged[key] = value
    return merged


def _check(tmp_path: Path, case: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    _folder(tmp_path, _case(CASES[case]))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--policy", "policy", "--lang", lang],
                                env={"NO_COLOR": "1"}, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _check(tmp_path, case, lang, monkeypatch)
    golden = GOLDEN / f"{case}.{lang}.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


# What may stay in Latin letters in a Japanese or Russian report: quotations, paths,
# `file:line:col`, codes, commands and their options, ids (slugs), the settings' own keys, and
# the language codes.
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|«[^»]*»|'[^']*'|`[^`]*`|（[a-z0-9-]+）|\([a-z0-9-]+\)")
_PATHS = re.compile(r"\S*(?:\.yaml|\.toml)(?::\d+)*(?::\d+)?|\[[A-Z]+\d+\]")
_COMMAND = re.compile(r"policy (?:stamp|approve|check|revise|renumber)(?: [\w.…-]+)*"
                      r"|--[a-z-]+(?: [^\s,]+)?|check [A-Z]+\d+")
_ALLOWED = {"ja", "ru", "en", "parity", "toml", "markers", "waiver", "facts", "footer",
            "revisions", "terms", "variants", "negation", "id", "email", "url", "version"}
_LATIN = re.compile(r"[A-Za-z][A-Za-z]+")


_KEY = re.compile(r"^\s*(?:- )?(?:id: *(\S+)|([A-Za-z][\w-]*):)|\bby: *([^,}\n]+)",
                  re.MULTILINE)


def ids_of(folder: Path) -> set[str]:
    """The words of the policy's ids, keys and approvers' names (data, kept as written)."""
    words: set[str] = set()
    for path in folder.glob("*.yaml"):
        for m in _KEY.finditer(path.read_text("utf-8")):
            words.update(w.lower() for w in _LATIN.findall(" ".join(g for g in m.groups() if g)))
    return words


def english_words(text: str, ids: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Latin words of a ja or ru report outside what may stay as written."""
    rest = _PATHS.sub(" ", _COMMAND.sub(" ", _QUOTED.sub(" ", text)))
    return [w for w in _LATIN.findall(rest) if w.lower() not in _ALLOWED | ids]


@pytest.mark.parametrize("lang", ["ja", "ru"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_no_english_outside_quotations_ids_codes_and_paths(
        case: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _check(tmp_path, case, lang, monkeypatch)
    assert english_words(text, ids_of(tmp_path / "policy")) == [], text


def test_the_english_words_test_can_fail() -> None:
    assert english_words("ja.yaml:3:1: 要修正: the text is missing [PARITY001]") == [
        "the", "text", "is", "missing"]
    assert english_words("本文が原文のままです「We collect」 policy stamp ru 10") == []


@pytest.mark.parametrize(("env", "word"), [
    ({"POLICY_LANG": "ja"}, "まだ公開できません"),
    ({"LANG": "ru_RU.UTF-8"}, "Не готово к публикации"),
    ({"LC_ALL": "ja_JP.UTF-8", "LANG": "ru_RU.UTF-8"}, "まだ公開できません"),
    ({"LANG": "C.UTF-8"}, "Not ready to publish"),
])
def test_check_speaks_the_language_of_the_environment(
        env: dict[str, str], word: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _folder(tmp_path, _case(CASES["prose"]))
    monkeypatch.chdir(tmp_path)
    for key in ("POLICY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(key, raising=False)
    result = CliRunner().invoke(main, ["check", "--policy", "policy"], env=env,
                                catch_exceptions=False)
    assert word in result.stdout
