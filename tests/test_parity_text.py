"""Text analysis of the parity checks (scripts, dates, numbers, names), settings, severities and the GitHub escaping."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.check import check_sources, load_severities
from engine.checks.scripts import wrong_script
from engine.diagnostics import Diagnostic, Severity
from engine.loader import load_folder
from engine.parity.config import load_config
from engine.parity.text import (
    dates,
    emails,
    letter_script_set,
    letter_scripts,
    numbers,
    script_counts,
    urls,
)
from engine.report import _escape_data, _escape_property, format_github

from .conftest import POLICY
from .test_parity_cases import NO_PYPROJECT

CONFIG, _ = load_config(POLICY)


@pytest.mark.parametrize("text", ["2010年4月20日制定・施行", "с 20 апреля 2010 года",
                                  "as of April 20, 2010", "effective 2010-04-20",
                                  "20 April 2010"])
def test_dates_are_parsed_however_they_are_written(text: str) -> None:
    assert [d for d, _ in dates(text)] == [dt.date(2010, 4, 20)]


def test_impossible_dates_are_not_dates() -> None:
    assert dates("2010年2月30日") == ()


def test_numbers_skip_dates_names_addresses_and_circled_digits() -> None:
    text = "①第2条 JISQ15001 2022年4月1日 http://x1.example info2@cafetalk.com ３件"
    assert [s.value for s in numbers(text, CONFIG.keep_forms())] == ["2", "3"]


def test_emails_and_urls() -> None:
    text = "Cafetalk（http://cafetalk.com）まで info@cafetalk.com へ。 See https://a.example/x."
    assert [s.value for s in emails(text)] == ["info@cafetalk.com"]
    assert [s.value for s in urls(text)] == ["http://cafetalk.com", "https://a.example/x"]


def test_scripts_are_counted_from_unicode_names() -> None:
    assert script_counts("Яaかカー漢々Ａ1!") == {"Cyrillic": 1, "Latin": 2, "Hiragana": 1,
                                                 "Katakana": 2, "Han": 2}


@given(st.text(alphabet=st.sampled_from("aZЯёかカー漢々Ａ1!@ .:/（）「」 Cafetalk info@x.jp "
                                         "https://a.example Zoom"), max_size=80))
def test_the_set_of_scripts_is_the_scripts_counted(text: str) -> None:
    """`letter_script_set` (each letter looked up once) names exactly the scripts
    `letter_scripts` counts, addresses and kept names masked alike."""
    forms = CONFIG.keep_forms()
    assert letter_script_set(text, forms) == frozenset(letter_scripts(text, forms))
    assert letter_script_set("Яaかカー漢々Ａ1!", ()) == {"Cyrillic", "Latin", "Hiragana",
                                                        "Katakana", "Han"}


def test_kept_names_are_not_foreign_script() -> None:
    ru = "Некоторые разделы Cafetalk связаны с Zoom, Vimeo и Google Calendar (info@cafetalk.com)."
    assert wrong_script(ru, "ru", CONFIG) == []
    assert wrong_script("Parts of Cafetalk may link to third-party services.", "ru", CONFIG)
    assert wrong_script("Policy of 日本", "en", CONFIG)[0][1] == "Han letters"
    assert wrong_script("これはCafetalkのPolicyです。", "ja", CONFIG) == []


def test_settings_errors_are_findings(tmp_path: Path) -> None:
    (tmp_path / "parity.toml").write_text("[scripts]\nforeign_share = 2\n[extra]\n", "utf-8")
    _, found = load_config(tmp_path)
    assert sorted((d.code, d.line) for d in found) == [("CHECK002", 2), ("CHECK002", 3)]
    (tmp_path / "parity.toml").write_text("[scripts\n", "utf-8")
    _, found = load_config(tmp_path)
    assert [(d.code, d.line) for d in found] == [("CHECK002", 1)]


def test_severity_table_changes_and_turns_off_codes(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    text = (folder / "en.yaml").read_text("utf-8")
    first = text.index("  source:")
    (folder / "en.yaml").write_text(text[:first] + text[text.index("\n", first) + 1:], "utf-8")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.policy.severity]\nDRIFT002 = "error"\nREVIEW001 = "off"\n',
                         "utf-8")
    found = check_sources(load_folder(folder), pyproject=pyproject).diagnostics
    # (the shipped editions' waived findings stay notes whatever the table says)
    assert [(d.code, d.severity) for d in found if d.severity is not Severity.NOTE] == [
        ("DRIFT002", Severity.ERROR)]
    pyproject.write_text('[tool.policy.severity]\nDRIFT002 = "off"\nREVIEW001 = "off"\n',
                         "utf-8")
    assert all(d.severity is Severity.NOTE for d in check_sources(
        load_folder(folder), pyproject=pyproject).diagnostics)
    pyproject.write_text('[tool.policy.severity]\nNOPE001 = "error"\nINV001 = "loud"\n', "utf-8")
    table = load_severities(pyproject)
    assert [(d.code, d.line) for d in table.diagnostics] == [("CHECK001", 3), ("CHECK001", 2)]


def test_a_check_with_every_code_turned_off_is_not_run(tmp_path: Path) -> None:
    from engine.checks import CHECKS, Check, Scope

    def explode(*_: object) -> list[Diagnostic]:
        raise RuntimeError("the check ran")

    terminology = next(c for c in CHECKS if c.name == "terminology")
    bomb = Check(name="bomb", scope=Scope.PAIR, codes=terminology.codes, run=explode)
    src = load_folder(POLICY)
    with pytest.raises(RuntimeError, match="the check ran"):
        check_sources(src, pyproject=NO_PYPROJECT, checks=(*CHECKS, bomb))
    pyproject = tmp_path / "pyproject.toml"
    off = "".join(f'{c.code} = "off"\n' for c in terminology.codes)
    pyproject.write_text("[tool.policy.severity]\n" + off, "utf-8")
    found = check_sources(src, pyproject=pyproject, checks=(*CHECKS, bomb)).diagnostics
    # nothing of the skipped check, and its waivers in the editions are not called unused
    assert not [d for d in found if d.code in terminology.code_names or d.code == "PARITY010"]


def test_waivers_of_checks_that_did_not_run_are_not_called_unused() -> None:
    from engine.checks import CHECKS

    src = load_folder(POLICY)
    waived = {d.code for d in check_sources(src, pyproject=NO_PYPROJECT).diagnostics
              if d.hint and d.hint.startswith("waived:")}
    assert {"TERM001", "TYPO002"} <= waived  # the shipped editions waive these
    some = tuple(c for c in CHECKS if not c.code_names & waived)
    assert not [d for d in check_sources(src, pyproject=NO_PYPROJECT, checks=some).diagnostics
                if d.code == "PARITY010"]


def test_shipped_pyproject_table_is_valid() -> None:
    assert load_severities(POLICY.parent / "pyproject.toml").diagnostics == ()


def test_a_folder_without_settings_has_no_keep_list() -> None:
    from .conftest import FIXTURES

    found = check_sources(load_folder(FIXTURES / "mini"), pyproject=NO_PYPROJECT).diagnostics
    # No keep list: the signature "Small Bridge, Inc." counts as text left untranslated.
    assert {(d.code, d.unit) for d in found if d.code.startswith("L10N")} == {
        ("L10N001", "footer.signature")}
    # nor names to compare the facts by (the prose checks say so too)
    assert {(d.code, d.unit) for d in found if d.code == "TERM003"} == {
        ("TERM003", "facts.company"), ("TERM003", "facts.service")}
    assert sum(d.code == "DRIFT002" for d in found) == 9


def _unescape(text: str) -> str:
    for raw, esc in (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")):
        text = text.replace(esc, raw)
    return text


@given(st.text())
def test_github_property_escaping_round_trips(text: str) -> None:
    escaped = _escape_property(text)
    assert not set(escaped) & {"\r", "\n", ":", ","}
    assert _unescape(escaped) == text
    assert "\n" not in _escape_data(text) and "\r" not in _escape_data(text)


def test_github_annotation_escapes_paths_and_messages() -> None:
    d = Diagnostic("L10N003", "50% done,\nnext: line", "a,b:c.yaml", 3, 4,
                   severity=Severity.WARNING)
    assert format_github([d]) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=L10N003::50%25 done,%0Anext: line\n")


def test_the_letters_known_by_range_are_what_their_names_say() -> None:
    """`COMMON_RANGES` give the policy's own letters their script without a name lookup each:
    every one is the script `script_of` reads from its Unicode name."""
    from engine.parity.text import COMMON_RANGES, script_of

    letters = [(cp, script) for start, end, script in COMMON_RANGES for cp in range(start, end)]
    assert len(letters) > 20_000
    wrong = {hex(cp): (script, script_of(chr(cp))) for cp, script in letters
             if script_of(chr(cp)) != script}
    assert wrong == {}
