"""Legal sign-off: `policy approve` records who approved which text; check and pages read it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from ruamel.yaml.comments import CommentedMap

from engine.check import check_sources
from engine.cli import main
from engine.edit import edit_yaml
from engine.loader import load_folder
from engine.model import Unit, master_units, translation_units
from engine.review import review_states
from engine.wording import language_name, short

from .conftest import POLICY


def _approve(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["approve", *args, "--policy", str(folder)])
    return result.exit_code, result.output


def codes(folder: Path, code: str) -> list[str]:
    return [d.message for d in check_sources(load_folder(folder)).diagnostics if d.code == code]


def test_shipped_policy_is_unapproved_and_says_where_words_come_from() -> None:
    states = review_states(load_folder(POLICY))
    assert {s.state for lang in states for s in states[lang]} == {"unapproved"}
    assert {s.origin for s in states["ja"]} == {"reconstructed"}
    # The published Russian edition had clauses 7-9 (and the revision note) in English.
    # The key points (summary:) and the 2026 revision note were written here in every language.
    summary = {f"summary.{p.id}" for p in load_folder(POLICY).master.summary}  # type: ignore[union-attr]
    written_here = summary | {"footer.revisions.rules-review-2026"}
    translated = {s.key for s in states["ru"] if s.origin == "translated"}
    assert translated == {"communications", "integrations", "erasure",
                          "footer.revisions.contact-2022"} | written_here
    published_en = {s.key for s in states["en"] if s.origin == "published"}
    assert published_en == translated - written_here


def test_approve_records_who_and_when_and_changes_nothing_else(policy_copy: Path) -> None:
    before = (policy_copy / "ja.yaml").read_text("utf-8")
    code, out = _approve(policy_copy, "ja", "5.1", "--by", "Test Lawyer", "--date", "2026-12-01")
    assert code == 0 and "approved clause 5.1 (" in out
    after = (policy_copy / "ja.yaml").read_text("utf-8")
    assert after.replace("approvals:\n  disclosure-law: {by: Test Lawyer, date: 2026-12-01, "
                         "text: '75477e2234'}\n", "approvals: {}\n") == before
    state = {s.key: s for s in review_states(load_folder(policy_copy))["ja"]}
    assert state["disclosure-law"].state == "approved"
    assert state["disclosure-law"].approval is not None
    assert state["disclosure-law"].approval.by == "Test Lawyer"
    # again: nothing to write
    code, out = _approve(policy_copy, "ja", "5.1", "--by", "Test Lawyer", "--date", "2026-12-01")
    assert code == 0 and "already approved" in out


def test_an_approval_goes_stale_when_the_text_changes(policy_copy: Path) -> None:
    _approve(policy_copy, "ja", "5.1", "--by", "Test Lawyer")
    assert codes(policy_copy, "REVIEW002") == []
    path = policy_copy / "ja.yaml"
    path.write_text(path.read_text("utf-8").replace("text: 法令に基づく場合\n",
                                                    "text: 法令に基づく場合等\n"), "utf-8")
    stale = codes(policy_copy, "REVIEW002")
    assert len(stale) == 1 and stale[0].startswith("clause 5.1 (法令に基づく場合等)") and "Test Lawyer" in stale[0]


def test_an_approval_for_a_part_that_does_not_exist(policy_copy: Path) -> None:
    path = policy_copy / "ru.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "approvals: {}", "approvals:\n  no-such-clause: {by: Somebody, date: 2026-12-01, "
        "text: '0123456789'}"), "utf-8")
    assert len(codes(policy_copy, "REVIEW003")) == 1


def test_approve_needs_units_and_a_name(policy_copy: Path) -> None:
    code, out = _approve(policy_copy, "ja", "--by", "Test Lawyer")
    assert code == 2 and "REVIEW004" in out
    code, out = _approve(policy_copy, "ja", "99.9", "--by", "Test Lawyer")
    assert code == 2 and "PARITY011" in out
    code, out = _approve(policy_copy, "ja", "5", "--by", "Test Lawyer", "--date", "tomorrow")
    assert code == 2 and "YYYY-MM-DD" in out


def test_parts_awaiting_review_are_named_in_the_editions_own_words() -> None:
    """A lawyer reads which parts await review: clause numbers and titles, key points by their
    own first words in the edition's language; never an id, a fingerprint or a data path."""
    src = load_folder(POLICY)
    assert src.master is not None
    found = {d.lang: d for d in check_sources(src).diagnostics if d.code == "REVIEW001"}
    units = {src.master.lang: list(master_units(src.master)),
             **{lang: [u for u, _ in translation_units(tr)]
                for lang, tr in src.translations.items()}}
    assert set(found) == set(units)
    for lang, d in found.items():
        listed = " ".join(d.detail)
        point = next(u for u in units[lang] if u.key.startswith("summary."))
        assert f"the key point “{short(point.text or '', 30)}”" in listed
        assert "summary." not in listed and "footer." not in listed
        assert f"parts of the {language_name(lang)} edition" in d.message


def test_review_and_note_messages_show_no_ids_fingerprints_or_paths(policy_copy: Path) -> None:
    """Stale approvals, unknown approvals and release notes, each said in words."""
    _approve(policy_copy, "en", "--by", "Test Lawyer", "title", "preamble",
             next(k for k in _keys(policy_copy, "en") if k.startswith("summary.")))
    rid = next(iter(load_folder(policy_copy).master.footer.revisions))  # type: ignore[union-attr]

    def change(data: CommentedMap) -> None:
        data["summary"][0]["text"] += " X"  # the approved key point changes
        del data["footer"]["revisions"][rid]  # and a release note goes missing

    edit_yaml(policy_copy / "en.yaml", change)
    found = [d for d in check_sources(load_folder(policy_copy)).diagnostics
             if d.code.startswith(("REVIEW", "NOTE"))]
    assert {d.code for d in found} >= {"REVIEW001", "REVIEW002", "NOTE001"}
    for d in found:
        shown = " ".join((d.message, d.hint or "", *d.detail))
        assert not re.search(r"\b[0-9a-f]{10}\b", shown), shown
        assert not re.search(r"\b(?:clauses|items|summary|revisions)[./]\d", shown), shown
        # The one id shown is the argument of the command to type (`policy approve en
        # summary.<id>`): a key point has no number.
        assert "summary." not in " ".join((d.message, *d.detail)), shown
    stale = next(d for d in found if d.code == "REVIEW002")
    assert stale.message.startswith("the key point “"), stale.message


def _keys(folder: Path, lang: str) -> list[str]:
    return [u.key for u in units_of(folder, lang)]


def units_of(folder: Path, lang: str) -> list[Unit]:
    src = load_folder(folder)
    assert src.master is not None
    if lang == src.master.lang:
        return list(master_units(src.master))
    return [u for u, _ in translation_units(src.translations[lang])]
