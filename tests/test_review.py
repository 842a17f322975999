"""Legal sign-off: `policy approve` records who approved which text; check and pages read it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml.comments import CommentedMap

from engine.check import check_sources
from engine.cli import main
from engine.diagnostics import PolicyLoadError
from engine.edit import edit_yaml
from engine.loader import load_folder
from engine.model import Unit, master_units, translation_units
from engine.review import approve, review_states
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
    # The key points (summary:) and every release note of a revision made since (all but
    # contact-2022, the one the published edition had) were written here in every language.
    master = load_folder(POLICY).master
    assert master is not None
    summary = {f"summary.{p.id}" for p in master.summary}
    written_here = summary | {f"footer.revisions.{r}" for r in master.footer.revisions
                              if r != "contact-2022"}
    assert "footer.revisions.rev-2026-12-05" in written_here
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
    # named in English as the English edition names it (the master's words in Japanese)
    assert len(stale) == 1 and stale[0].startswith("clause 5.1 (When required by law.)")
    assert "Test Lawyer" in stale[0]
    # named and placed as the unit's other findings are: its id path, the line of its text
    [found] = [d for d in check_sources(load_folder(policy_copy)).diagnostics
               if d.code == "REVIEW002"]
    assert found.unit == "disclosure.disclosure-law"
    lines = path.read_text("utf-8").splitlines()
    assert lines[found.line - 1].strip() == "text: 法令に基づく場合等"


def test_a_key_point_and_a_release_note_are_approved_as_the_stale_hint_names_them(
        policy_copy: Path) -> None:
    """Key points and release notes have no printed number: `approve` takes them as `stamp`
    does (--key-point N, --release-note DATE), and REVIEW002 proposes that command, which
    then records the new text."""
    master = load_folder(policy_copy).master
    assert master is not None
    note = master.facts.revisions[0]
    day = note.date.isoformat()
    code, out = _approve(policy_copy, "ja", "--key-point", "1", "--release-note", day,
                         "--by", "Test Lawyer", "--date", "2026-12-01")
    assert code == 0 and "approved the key point" in out and "release note" in out, out
    state = {s.key: s.state for s in review_states(load_folder(policy_copy))["ja"]}
    assert state[f"summary.{master.summary[0].id}"] == state[f"footer.revisions.{note.id}"] \
        == "approved"
    path = policy_copy / "ja.yaml"
    text = path.read_text("utf-8")
    old = master.summary[0].text
    assert old is not None and text.count(old) == 1
    path.write_text(text.replace(old, old + "等"), "utf-8")
    [hint] = [d.hint for d in check_sources(load_folder(policy_copy)).diagnostics
              if d.code == "REVIEW002"]
    assert hint is not None and "policy approve ja --key-point 1 --by NAME" in hint
    typed = hint.split("then: ")[1].replace("NAME", "Tester").split()
    assert _approve(policy_copy, *typed[2:])[0] == 0
    assert codes(policy_copy, "REVIEW002") == []


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


def _approve_in(folder: Path, lang: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["approve", *args, "--policy", str(folder), "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "the approval date 2030-01-01 is after today ({today}): an approval is "
           "recorded once it has happened; nothing was recorded"),
    ("ja", "承認日（2030-01-01）は今日（{today}）より後の日付です。承認は行われた後に"
           "記録します。何も記録していません"),
    ("ru", "дата одобрения 2030-01-01 позже сегодняшней ({today})"),
])
def test_approve_refuses_a_date_after_today(policy_copy: Path, lang: str, said: str) -> None:
    before = {p.name: p.read_bytes() for p in policy_copy.iterdir() if p.is_file()}
    code, out, err = _approve_in(policy_copy, lang, "ja", "16", "--by", "Hanako Yamada",
                                 "--date", "2030-01-01")
    assert code == 2 and out == ""
    assert said.format(today=dt.date.today().isoformat()) in err, err
    assert {p.name: p.read_bytes() for p in policy_copy.iterdir() if p.is_file()} == before
    # today itself is fine
    code, out, _ = _approve_in(policy_copy, lang, "ja", "16", "--by", "Hanako Yamada",
                               "--date", dt.date.today().isoformat())
    assert code == 0


def test_the_api_refuses_a_date_after_the_day_it_is_told_is_today(policy_copy: Path) -> None:
    src = load_folder(policy_copy)
    with pytest.raises(PolicyLoadError) as refused:
        approve(src, "ja", ["16"], "Hanako Yamada", dt.date(2026, 12, 2),
                today=dt.date(2026, 12, 1))
    assert [d.code for d in refused.value.diagnostics] == ["REVIEW004"]
    assert dict(refused.value.diagnostics[0].params)["form"] == "future"
    done = approve(src, "ja", ["16"], "Hanako Yamada", dt.date(2026, 12, 1),
                   today=dt.date(2026, 12, 1))
    assert done.written and len(done.approved) == 4


@pytest.mark.parametrize(("lang", "refused", "replaced"), [
    ("en", "clause 16 Inquiries Regarding Personal Information was already approved for this text "
           "by Hanako Yamada on 2026-12-01; nothing was recorded. To record Taro Yamada's "
           "approval in its place, run the command again with --replace.",
     "the approval by Hanako Yamada (2026-12-01) was replaced by Taro Yamada's of"),
    ("ja", "この文章のまま「Hanako Yamada」が2026-12-01に承認しています。何も記録していません。"
           "「Taro Yamada」の承認に置き換える場合は、--replace を付けてもう一度実行してください。",
     "の承認を、「Hanako Yamada」（2026-12-01）から「Taro Yamada」"),
    ("ru", "этот текст уже одобрен (Hanako Yamada, 2026-12-01); ничего не записано. Чтобы "
           "записать вместо него новое одобрение (Taro Yamada), запустите команду снова с "
           "--replace.",
     "одобрение (Hanako Yamada, 2026-12-01) заменено новым (Taro Yamada,"),
])
def test_another_lawyers_sign_off_is_replaced_only_when_asked(
        policy_copy: Path, lang: str, refused: str, replaced: str) -> None:
    code, _, _ = _approve_in(policy_copy, lang, "ja", "16", "--by", "Hanako Yamada",
                             "--date", "2026-12-01")
    assert code == 0
    signed = (policy_copy / "ja.yaml").read_bytes()
    code, out, err = _approve_in(policy_copy, lang, "ja", "16", "--by", "Taro Yamada")
    assert code == 2 and out == "" and refused in err, err
    assert (policy_copy / "ja.yaml").read_bytes() == signed  # the first sign-off is kept
    code, out, _ = _approve_in(policy_copy, lang, "ja", "16", "--by", "Taro Yamada",
                               "--replace")
    assert code == 0 and replaced in out, out
    approvals = load_folder(policy_copy).master.approvals  # type: ignore[union-attr]
    assert {a.by for a in approvals.values()} == {"Taro Yamada"}


def test_approve_refuses_a_date_before_the_policy_took_effect(policy_copy: Path) -> None:
    before = (policy_copy / "ja.yaml").read_bytes()
    code, out, err = _approve_in(policy_copy, "ja", "ja", "10", "--by", "Hanako Yamada",
                                 "--date", "1999-01-01")
    assert code == 2 and out == ""
    assert "承認日（1999-01-01）は、このポリシーの施行日（2010-04-20）より前の日付です" in err, err
    assert (policy_copy / "ja.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("en", "On the command line: the approver's name 'X' is too short: give the full name "
           "with --by. For example: `policy approve ja 5 --by \"Hanako Yamada\"`.",
     "give the approver's name with --by"),
    ("ja", "承認した人の名前「X」は短すぎます。--by には氏名をすべて書いてください",
     "承認した人の名前を --by で指定してください"),
    ("ru", "имя «X» слишком короткое: укажите в --by полное имя", "укажите имя того"),
])
def test_a_one_letter_name_is_too_short_not_missing(policy_copy: Path, lang: str, said: str,
                                                    not_said: str) -> None:
    before = (policy_copy / "ja.yaml").read_bytes()
    code, out, err = _approve_in(policy_copy, lang, "ja", "16", "--by", "X")
    assert code == 2 and out == "" and said in err and not_said not in err, err
    assert (policy_copy / "ja.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "name", "said"), [
    ("en", "NAME", "On the command line: 'NAME' is the example's placeholder, not a name: give "
                   "the approving lawyer's full name with --by."),
    ("en", "Full Name", "'Full Name' is the example's placeholder, not a name"),
    ("ja", "氏名", "「氏名」は例に書かれた仮の名前です。--by には承認した弁護士の氏名を書いてください"),
    ("ru", "ИМЯ", "«ИМЯ» — это образец из примера, а не имя: укажите в --by полное имя юриста"),
])
def test_the_examples_placeholder_is_not_recorded_as_the_approver(
        policy_copy: Path, lang: str, name: str, said: str) -> None:
    """The help and the README write the approver as NAME, 氏名 or ИМЯ: copied as it is, the
    command says so and records nothing (exit 2)."""
    before = (policy_copy / "ja.yaml").read_bytes()
    code, out, err = _approve_in(policy_copy, lang, "ja", "16", "--by", name)
    assert code == 2 and out == "" and said in err, err
    assert (policy_copy / "ja.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "current", "nothing", "items"), [
    ("en", "(Japanese) was already approved by Hanako Yamada on 2026-11-01 for this text; "
           "left as it was",
     "policy approve: nothing was recorded: Hanako Yamada had already approved every part "
     "named, for its current text.", "Naming clause 16 approved its items too"),
    ("ja", "（日本語版）は、この文章のまま「Hanako Yamada」が2026-11-01に既に承認しています。"
           "変更していません",
     "policy approve：何も記録していません。指定された箇所はすべて、現在の文章のまま"
     "「Hanako Yamada」が既に承認しています。", "その号も承認しました"),
    ("ru", "(японская версия): именно этот текст уже одобрен (Hanako Yamada, 2026-11-01); "
           "оставлено как было",
     "policy approve: ничего не записано: все указанные части в их нынешнем виде уже одобрены "
     "(Hanako Yamada).", "одобрены и его подпункты"),
])
def test_approving_again_says_nothing_was_recorded(policy_copy: Path, lang: str, current: str,
                                                   nothing: str, items: str) -> None:
    code, out, _ = _approve_in(policy_copy, lang, "ja", "16", "--by", "Hanako Yamada",
                               "--date", "2026-11-01")
    assert code == 0 and items in out
    before = (policy_copy / "ja.yaml").read_bytes()
    for again in (["--date", "2026-11-01"], []):  # the same day, or none (today): kept
        code, out, _ = _approve_in(policy_copy, lang, "ja", "16", "--by", "Hanako Yamada",
                                   *again)
        lines = out.splitlines()
        assert code == 0 and len(lines) == 5, out
        assert all(current in line for line in lines[:4]), out
        assert lines[-1] == nothing and items not in out
        assert (policy_copy / "ja.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "said", "items"), [
    ("en", "(Japanese) was already approved by Hanako Yamada for this text; the date of the "
           "approval changed from 2026-11-01 to 2026-11-20",
     "Naming clause 16 approved its items too: 16.1, 16.2, 16.3."),
    ("ja", "（日本語版）は、この文章のまま「Hanako Yamada」が既に承認しています。承認日を"
           "2026-11-01から2026-11-20に変更しました", "第16項を指定したため、その号も承認しました"),
    ("ru", "(японская версия): именно этот текст уже одобрен (Hanako Yamada); дата одобрения "
           "изменена с 2026-11-01 на 2026-11-20", "одобрены и его подпункты"),
])
def test_a_new_date_for_the_same_approval_replaces_the_old_and_says_so(
        policy_copy: Path, lang: str, said: str, items: str) -> None:
    _approve_in(policy_copy, lang, "ja", "16", "--by", "Hanako Yamada", "--date", "2026-11-01")
    code, out, _ = _approve_in(policy_copy, lang, "ja", "16", "--by", "Hanako Yamada",
                               "--date", "2026-11-20")
    lines = out.splitlines()
    assert code == 0 and all(said in line for line in lines[:4]) and items in lines[4], out
    assert "nothing was recorded" not in out and "何も記録していません" not in out
    assert "ничего не записано" not in out
    model = load_folder(policy_copy).master
    assert model is not None
    dates = {key: a.date for key, a in model.approvals.items()}
    assert dates == dict.fromkeys(["inquiries", "inquiries-contact", "inquiries-procedures",
                                   "inquiries-documents"], dt.date(2026, 11, 20))


def test_only_the_items_recorded_now_are_said_to_be_approved(policy_copy: Path) -> None:
    _approve_in(policy_copy, "en", "ja", "16.2", "--by", "Hanako Yamada", "--date", "2026-11-01")
    code, out, _ = _approve_in(policy_copy, "en", "ja", "16", "--by", "Hanako Yamada",
                               "--date", "2026-11-01")
    assert code == 0
    assert "Naming clause 16 approved its items too: 16.1, 16.3." in out, out
    assert "clause 16.2 (" in out and "left as it was" in out
    assert "nothing was recorded" not in out


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Note: clause 1 Definition and Use of Personal… (Russian) was translated from an "
           "earlier Japanese text; the master has changed since"),
    ("ja", "注意：第1項 個人情報の定義と利用（ロシア語版）は、以前の原文から翻訳されたものです。"),
    ("ru", "Внимание: п. 1 Определение и использование… (русская версия) — перевод сделан с "
           "прежнего японского текста"),
])
def test_approving_a_translation_the_master_changed_since_says_so(
        policy_copy: Path, lang: str, said: str) -> None:
    """Signing off the wrong thing: a lawyer approves the Russian of clause 1 after the
    Japanese changed and before it was translated again. The approval is recorded as asked,
    and the command says the text approved does not yet say what the master says."""
    path = policy_copy / "ja.yaml"
    text = path.read_text("utf-8")
    assert text.count("当社は責任を負いません。") == 1
    path.write_text(text.replace("当社は責任を負いません。", "当社は一切の責任を負いません。"),
                    "utf-8")
    code, out, _err = _approve_in(policy_copy, lang, "ru", "1", "2", "--by", "Ivan Petrov",
                                  "--date", "2026-12-01")
    assert code == 0
    assert said in out, out
    assert out.count("\n") == 3, out  # clause 2 is up to date: no note for it
    assert {s.key: s.state for s in review_states(load_folder(policy_copy))["ru"]}[
        "definition"] == "approved"


def test_approving_a_translation_never_stamped_says_so(policy_copy: Path) -> None:
    path = policy_copy / "ru.yaml"
    text = path.read_text("utf-8")
    assert text.count("  source: 2289dd2c88\n") == 1
    path.write_text(text.replace("  source: 2289dd2c88\n", ""), "utf-8")
    code, out, _err = _approve_in(policy_copy, "en", "ru", "title", "--by", "Ivan Petrov")
    assert code == 0
    assert "Note: the title (Russian) has never been checked against the Japanese master" in out
    # the master itself is never said to lag behind
    code, out, _err = _approve_in(policy_copy, "en", "ja", "title", "--by", "Ivan Petrov")
    assert code == 0 and "Note:" not in out


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "76 of 76 parts of the Japanese edition await legal review; none is approved yet "
           "(once a lawyer has approved a text, record it: policy approve ja CLAUSE… --by NAME)"),
    ("ja", "日本語版の76か所中76か所が法務の承認待ちで、まだ一つも承認されていません"
           "（弁護士が承認したら記録してください：policy approve ja 条項番号… --by 氏名）"),
    ("ru", "76 из 76 частей японской версии ждут одобрения юриста; ни одна ещё не одобрена "
           "(когда юрист одобрит текст, запишите это: policy approve ja ПУНКТ… --by ИМЯ)"),
])
def test_parts_awaiting_review_are_said_in_one_sentence_before_the_hints_bracket(
        lang: str, said: str) -> None:
    """The message has no bracket of its own: `policy check` puts the hint in one after it,
    and "(none is approved yet) (once a lawyer …)" read as two afterthoughts."""
    result = CliRunner().invoke(main, ["check", "--policy", str(POLICY), "--lang", lang])
    [line] = [line for line in result.output.splitlines()
              if "REVIEW001" in line and "ja.yaml" in line]
    assert said in line, line
    assert line.count("(") + line.count("（") == 1, line
