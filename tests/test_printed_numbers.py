"""A lawyer names clauses as their edition prints or cites them (第5項第1号, п. 5.1, clause 5.1),
is told in their own language when a number names nothing, and reads clause titles in their own
edition's words, never cut in the middle of a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import example, given
from hypothesis import strategies as st

from engine.cli import main

BY = "Hanako Yamada"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _master(folder: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Each top-level clause number -> its items' numbers; each number -> the key of its unit."""
    from engine.loader import load_folder
    from engine.model import master_units

    src = load_folder(folder)
    assert src.master is not None
    items: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    for u in master_units(src.master):
        if u.number:
            keys[u.number] = u.key
            top = u.number.split(".")[0]
            items.setdefault(top, [])
            if "." in u.number:
                items[top].append(u.number)
    return items, keys


def _titles(folder: Path, lang: str) -> dict[str, str]:
    from engine.loader import load_folder
    from engine.parity.stamp import titles_in

    return titles_in(load_folder(folder), lang)


@pytest.mark.parametrize("form", ["{c}.{i}", "第{c}項第{i}号", "п. {c}.{i}", "пункт {c}.{i}",
                                  "clause {c}.{i}"])
def test_approve_takes_an_item_as_any_edition_prints_or_cites_it(policy_copy: Path,
                                                                  form: str) -> None:
    items, _ = _master(policy_copy)
    clause = next(c for c, its in items.items() if its)
    c, i = items[clause][0].split(".")
    for lang in ("ja", "ru", "en"):
        result = _run("approve", lang, form.format(c=c, i=i), "--by", BY, "--lang", "en",
                      "--policy", str(policy_copy))
        assert result.exit_code == 0, result.output
        assert f"approved clause {c}.{i} " in result.output
        assert "PARITY011" not in result.output


def test_approve_a_japanese_clause_number_approves_the_clause_and_its_items(
        policy_copy: Path) -> None:
    items, _ = _master(policy_copy)
    clause = next(c for c, its in items.items() if its)
    result = _run("approve", "ja", f"第{clause}項", "--by", BY, "--policy", str(policy_copy))
    assert result.exit_code == 0, result.output
    assert f"approved clause {clause} " in result.output
    assert f"Naming clause {clause} approved its items too: {', '.join(items[clause])}." \
        in result.output


def test_stamp_takes_a_russian_citation(policy_copy: Path) -> None:
    items, _ = _master(policy_copy)
    result = _run("stamp", "ru", f"п. {next(iter(items))}", "--policy", str(policy_copy))
    assert result.exit_code == 0, result.output
    assert "PARITY011" not in result.output


# Each part with no printed number, by every name the tool prints for it (as `policy stamp`
# says "уже актуально: заголовок", "既に最新です：前文") and the help page uses.
PRINTED_PARTS = [("title", ["title", "Title", "the title", "表題", "題名", "заголовок", "Заголовок",
                            "название"]),
                 ("preamble", ["preamble", "the preamble", "前文", "преамбула", "Преамбула"]),
                 ("footer.signature", ["signature", "the signature", "署名", "подпись"]),
                 ("footer.established", ["date of establishment", "制定日", "дата принятия",
                                         "Дата  принятия"])]


@pytest.mark.parametrize(("key", "names"), PRINTED_PARTS, ids=[k for k, _ in PRINTED_PARTS])
def test_a_part_is_taken_back_by_the_name_the_tool_prints_for_it(
        policy_copy: Path, key: str, names: list[str]) -> None:
    from engine.loader import load_folder
    from engine.model import master_units
    from engine.parity.stamp import resolve

    src = load_folder(policy_copy)
    assert src.master is not None
    units = list(master_units(src.master))
    for name in names:
        chosen, unknown = resolve(units, [name])
        assert unknown == [] and [u.key for u in chosen] == [key], name


@pytest.mark.parametrize(("say", "name", "printed"), [
    ("ru", "заголовок", "уже актуально: заголовок"), ("ru", "преамбула", "уже актуально: преамбула"),
    ("ja", "前文", "既に最新です：前文"), ("ja", "表題", "既に最新です：表題"),
    ("en", "the signature", "already up to date: the signature")])
def test_stamp_and_approve_take_the_printed_names(policy_copy: Path, say: str, name: str,
                                                  printed: str) -> None:
    result = _run("stamp", "ru", name, "--lang", say, "--policy", str(policy_copy))
    assert result.exit_code == 0 and printed in result.output, result.output
    result = _run("approve", "ja", name, "--by", BY, "--lang", say, "--policy", str(policy_copy))
    assert result.exit_code == 0 and "PARITY011" not in result.output, result.output


def test_the_footer_is_still_the_whole_footer_in_every_language(policy_copy: Path) -> None:
    from engine.loader import load_folder
    from engine.model import master_units
    from engine.parity.stamp import resolve

    src = load_folder(policy_copy)
    assert src.master is not None
    units = list(master_units(src.master))
    footer = {u.key for u in resolve(units, ["footer"])[0]}
    assert len(footer) > 2
    for name in ("末尾", "заключительная часть"):
        assert {u.key for u in resolve(units, [name])[0]} == footer


def _missing(folder: Path) -> tuple[str, str]:
    """An item number past the end of a clause's items, and the clause's first item."""
    items, _ = _master(folder)
    clause = next(c for c, its in items.items() if its)
    return f"{clause}.{len(items[clause]) + 5}", items[clause][0]


def test_a_number_that_names_nothing_is_said_in_english_with_the_edition_asked_about(
        policy_copy: Path) -> None:
    gone, _ = _missing(policy_copy)
    result = _run("approve", "ru", gone, "--by", BY, "--lang", "en",
                  "--policy", str(policy_copy))
    assert result.exit_code == 2
    assert (f"there is no clause or item {gone} in the Russian edition (every edition is "
            "numbered as the master, the Japanese edition)") in result.output
    assert "Did you mean clause " in result.output
    assert "Use the printed numbers, such as 5 or 5.1." in result.output
    assert "[PARITY011]" in result.output


def test_a_number_that_names_nothing_is_said_in_russian(policy_copy: Path) -> None:
    gone, _ = _missing(policy_copy)
    result = _run("approve", "ru", gone, "--by", BY, "--lang", "ru",
                  "--policy", str(policy_copy))
    assert result.exit_code == 2
    assert (f"в русской версии нет п. {gone} (нумерация во всех версиях та же, что в "
            "оригинале, то есть в японской версии)") in result.output
    assert "Возможно, имелось в виду п. " in result.output
    assert "Укажите номер, как он напечатан: 5, 5.1, п. 5.1." in result.output
    for english in ("there is no", "подробности", "Did you mean", "clause"):
        assert english not in result.output


def test_a_number_that_names_nothing_is_said_in_japanese(policy_copy: Path) -> None:
    gone, _ = _missing(policy_copy)
    c, i = gone.split(".")
    result = _run("approve", "ja", f"第{c}項第{i}号", "--by", BY, "--lang", "ja",
                  "--policy", str(policy_copy))
    assert result.exit_code == 2
    assert f"日本語版に第{c}項第{i}号はありません（番号はどの言語版も原文（日本語版）と同じです）" \
        in result.output
    assert "ではありませんか。" in result.output
    for english in ("there is no", "詳細", "Did you mean", "clause"):
        assert english not in result.output


def test_a_name_that_names_nothing_is_said_with_the_nearest_name(policy_copy: Path) -> None:
    for say, words in (("en", "there is no clause, item or part named 'preambel'"),
                       ("ru", "пункта, подпункта или части с именем «preambel» нет"),
                       ("ja", "「preambel」という名前の条項・号・箇所はありません")):
        result = _run("stamp", "ru", "preambel", "--lang", say, "--policy", str(policy_copy))
        assert result.exit_code == 2
        assert words in result.output
        assert "preamble" in result.output.replace("preambel", "")


@pytest.mark.parametrize(("say", "said"), [
    ("ja", "「xyzzy」という名前の条項・号・箇所はありません。条項・号は印刷されている番号（5、5.1、"
           "第5項第1号など）で、表題・前文・制定日・署名はその名前のまま、要約の要点は `--key-point N`、"
           "改定のお知らせは `--release-note 日付` で指定してください。"),
    ("ru", "пункта, подпункта или части с именем «xyzzy» нет. Пункты и подпункты указывайте "
           "номерами, как они напечатаны (5, 5.1, п. 5.1); заголовок, преамбулу, дату принятия и "
           "подпись — этими словами; тезис краткого изложения — через `--key-point N`; заметку о "
           "редакции — через `--release-note ДАТА`."),
    ("en", "there is no clause, item or part named 'xyzzy'. Name clauses and items by their "
           "printed numbers, such as 5 or 5.1; the title, the preamble, the date of establishment "
           "and the signature by those words; a key point of the summary with `--key-point N` and a "
           "release note with `--release-note DATE`.")])
def test_a_name_with_nothing_near_is_told_what_names_each_part(policy_copy: Path, say: str,
                                                               said: str) -> None:
    """No empty quotes where there is nothing to suggest: the words that do name each part."""
    result = _run("stamp", "ru", "xyzzy", "--lang", say, "--policy", str(policy_copy))
    assert result.exit_code == 2
    assert said in " ".join(result.output.split()), result.output
    for empty in ("「」", "«»", "“”"):
        assert empty not in result.output


def test_a_clause_is_named_by_its_title_in_the_readers_edition(policy_copy: Path) -> None:
    from engine.wording import short

    items, keys = _master(policy_copy)
    clause = next(iter(items))
    key = keys[clause]
    for say, cited in (("ja", f"第{clause}項 "), ("ru", f"п. {clause} "),
                       ("en", f"clause {clause} ")):
        title = _titles(policy_copy, say)[key]
        result = _run("stamp", "en", clause, "--lang", say, "--policy", str(policy_copy))
        assert result.exit_code == 0, result.output
        assert cited + short(title) in result.output


@pytest.mark.parametrize(("text", "said"), [
    ("Definition and Use of Personal Information", "Definition and Use of Personal…"),
    ("Мы собираем информацию об учащихся и преподавателях", "Мы собираем информацию об учащихся и…"),
    ("当社は、クッキー（サーバーが利用者のブラウザから情報を読み取る標準的な技術）を使います",
     "当社は、クッキー（サーバーが利用者のブラウザから情報を読み取る標準的な技術）を…"),
    ("short enough", "short enough"),
])
def test_a_shortened_title_is_never_cut_in_the_middle_of_a_word(text: str, said: str) -> None:
    from engine.wording import short

    assert short(text) == said


@given(st.text(st.sampled_from("ab 、当社Мы,;"), max_size=12), st.integers(1, 14))
@example("ab", 1)  # the cut before the mark is empty: it crashed (IndexError)
def test_a_shortened_text_never_passes_its_width(text: str, n: int) -> None:
    from engine.wording import short

    said = short(text, n)
    flat = " ".join(text.split())
    assert len(said) <= n
    assert said == flat if len(flat) <= n else said.endswith("…")


def _unstamp(folder: Path) -> tuple[str, str, str]:
    """Remove the stamp of the en edition's first key point and last release note; return the
    key point's place, the note's revision date and the note's id."""
    import re

    from engine.loader import load_folder

    src = load_folder(folder)
    assert src.master is not None
    revision = src.master.facts.revisions[-1]
    point = src.master.summary[0].id
    path = folder / "en.yaml"
    text = path.read_text("utf-8")
    for anchor in (f"- id: {point}\n", f"    {revision.id}:\n"):
        at = text.index(anchor) + len(anchor)
        head, tail = text[:at], text[at:]
        tail = re.sub(r"\A(\s+)source: \w+\n", r"", tail, count=1)
        tail = re.sub(r"\A(\s+)target: \w+\n", r"", tail, count=1)
        text = head + tail
    path.write_text(text, "utf-8")
    return "1", revision.date.isoformat(), revision.id


@pytest.mark.parametrize("say", ["en", "ja", "ru"])
def test_an_unreviewed_key_point_or_release_note_is_proposed_as_a_lawyer_types_it(
        policy_copy: Path, say: str) -> None:
    point, date, _ = _unstamp(policy_copy)
    result = _run("check", "--lang", say, "--policy", str(policy_copy))
    assert result.exit_code in (0, 1), result.output
    drift = [line for line in result.output.splitlines() if "[DRIFT002]" in line]
    assert any(f"`policy stamp en --key-point {point}`" in line for line in drift), drift
    assert any(f"`policy stamp en --release-note {date}`" in line for line in drift), drift
    assert "summary." not in "".join(drift) and "footer.revisions" not in "".join(drift)


def test_stamp_takes_a_key_point_and_a_release_note_by_option_and_by_id(
        policy_copy: Path) -> None:
    point, date, rid = _unstamp(policy_copy)
    result = _run("stamp", "en", "--key-point", point, "--release-note", date,
                  "--policy", str(policy_copy))
    assert result.exit_code == 0, result.output
    assert "stamped the key point “" in result.output
    assert "summary." not in result.output
    assert f"stamped the release note of the revision of {date}" in result.output
    assert rid not in result.output  # a release note is known by its date, not its id
    assert "English" in result.output and ": 2 stamped" in result.output
    again = _run("check", "--policy", str(policy_copy))
    assert "[DRIFT002]" not in again.output
    from engine.loader import load_folder

    src = load_folder(policy_copy)
    assert src.master is not None
    old = _run("stamp", "en", f"summary.{src.master.summary[0].id}",
               f"footer.revisions.{rid}", "--policy", str(policy_copy))
    assert old.exit_code == 0, old.output
    assert "already up to date" in old.output


@pytest.mark.parametrize(("say", "words"), [
    ("en", "there is no clause, item or part named '--release-note 1999-01-01'"),
    ("ja", "「--release-note 1999-01-01」という名前の条項・号・箇所はありません"),
    ("ru", "пункта, подпункта или части с именем «--release-note 1999-01-01» нет"),
])
def test_a_release_note_of_no_revision_is_refused(policy_copy: Path, say: str,
                                                  words: str) -> None:
    result = _run("stamp", "en", "--release-note", "1999-01-01", "--lang", say,
                  "--policy", str(policy_copy))
    assert result.exit_code == 2
    assert words in result.output
    assert "--release-note 20" in result.output.replace("1999-01-01", "")


@pytest.mark.parametrize(("say", "start", "tags"), [
    ("ja", "コマンドの指定：", ("要修正", "policy/ja.yaml", "ja.yaml（", "）（")),
    ("ru", "В команде: ", ("ошибка", "ja.yaml", "(японский, оригинал)", ") (")),
    ("en", "On the command line: ", ("error:", "ja.yaml", "(Japanese, the master)", ") ("))])
@pytest.mark.parametrize("args", [("approve", "ja", "99", "--by", BY),
                                  ("approve", "ja", "5", "--by", "山"),
                                  ("stamp", "ru", "33")], ids=["approve 99", "--by 山", "stamp 33"])
def test_a_mistyped_argument_is_said_as_the_command_line_not_as_a_broken_file(
        policy_copy: Path, say: str, start: str, tags: tuple[str, ...],
        args: tuple[str, ...]) -> None:
    """What was typed names nothing: no file heading, no file's error tag, and the hint a
    sentence after the message rather than a second bracket."""
    result = _run(*args, "--lang", say, "--policy", str(policy_copy))
    assert result.exit_code == 2
    assert result.output.startswith(start), result.output
    for tag in tags:
        assert tag not in result.output, result.output


@pytest.mark.parametrize(("say", "offered"), [("en", "Did you mean clause {c} "),
                                              ("ru", "имелось в виду п. {c} «"),
                                              ("ja", "第{c}項「")])
def test_an_item_of_a_clause_without_items_offers_that_clause_first(
        policy_copy: Path, say: str, offered: str) -> None:
    """`policy stamp ru 10.1` where clause 10 has no items: clause 10 is what was meant, and is
    offered first (the nearest-looking numbers alone were 16.1 and 14.1)."""
    items, _ = _master(policy_copy)
    clause = next(c for c, its in items.items() if not its)
    result = _run("stamp", "ru", f"{clause}.1", "--lang", say, "--policy", str(policy_copy))
    assert result.exit_code == 2 and "PARITY011" in result.output
    assert offered.format(c=clause) in result.output, result.output
