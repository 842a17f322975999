"""Mistakes a lawyer makes in the policy folder, said in the lawyer's language: what is wrong
and what to do, with no English detail left inside a Japanese or Russian sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

QUIET = {"POLICY_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def _run(*args: str, lang: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="policy",
                                env={**QUIET, "POLICY_LANG": lang, "POLICY_NO_CACHE": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _insert_clause(folder: Path) -> None:
    """A new clause typed in before clause 10 and given its number, 10 (the next one is not
    renumbered)."""
    ja = folder / "ja.yaml"
    text = ja.read_text(encoding="utf-8")
    at = text.index("  - id: opt-out\n")
    ja.write_text(text[:at] + "  - id: new-thing\n    number: 10\n    title: 新しい条項\n"
                  "    text: >-\n      当社は新しいことをします。\n" + text[at:], encoding="utf-8")


@pytest.mark.parametrize(("lang", "said", "todo"), [
    ("ja", "この条項の番号は10ですが、並び順では11番目の条項です", "`policy renumber` を実行すると"),
    ("ru", "у этого пункта номер 10, а по порядку он 11-й", "команда `policy renumber`"),
    ("en", "clause number 10 should be 11", "policy renumber fixes it"),
])
def test_a_clause_numbered_out_of_order_is_said_in_the_readers_words(
        policy_copy: Path, lang: str, said: str, todo: str) -> None:
    _insert_clause(policy_copy)
    code, out = _run("validate", "--policy", str(policy_copy), lang=lang)
    assert code == 1 and "POLICY005" in out, out
    assert said in out and todo in out, out
    if lang != "en":
        assert "should be" not in out and "詳細" not in out and "подробности" not in out, out


@pytest.mark.parametrize(("lang", "heading", "stamped"), [
    ("ja", "  2026-12-02の改定のお知らせ", "既に最新です：2026-12-02の改定のお知らせ"),
    ("ru", "  заметка о редакции от 2026-12-02", "уже актуально: заметка о редакции от 2026-12-02"),
])
def test_a_release_note_is_named_by_its_revisions_date_not_its_id(
        policy_copy: Path, lang: str, heading: str, stamped: str) -> None:
    """The revision's id (`rules-review-2026`) is the YAML's key, not a name a lawyer knows:
    `policy check` heads the note's findings, and `policy stamp` names it, by the date the
    footer gives the revision, the date `--release-note` takes."""
    # the note's finding there is waived: listed with --show-waived
    code, out = _run("check", "--policy", str(policy_copy), "--show-waived", lang=lang)
    assert heading in out.splitlines(), out
    assert "rules-review-2026" not in out, out
    code, out = _run("stamp", "ru", "--release-note", "2026-12-02", "--policy",
                     str(policy_copy), lang=lang)
    assert code == 0 and stamped in out and "rules-review-2026" not in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "存在しない条項「opt-outt」を指しています（「opt-out」または「cookies-opt-out」ではありませんか？）"),
    ("ru", "несуществующий пункт «opt-outt» (возможно, имелось в виду «opt-out» или "
           "«cookies-opt-out»?)"),
    ("en", "names unknown clause 'opt-outt' (did you mean 'opt-out' or 'cookies-opt-out'?)"),
])
def test_a_mistyped_clause_reference_suggests_ids_quoted_as_the_language_quotes(
        policy_copy: Path, lang: str, said: str) -> None:
    """The nearest ids are quoted 「…」 in Japanese and «…» in Russian, not as Python's repr
    ('opt-out') inside a Japanese or Russian sentence."""
    ja = policy_copy / "ja.yaml"
    ja.write_text(ja.read_text(encoding="utf-8").replace("    clause: opt-out\n",
                                                         "    clause: opt-outt\n", 1),
                  encoding="utf-8")
    code, out = _run("validate", "--policy", str(policy_copy), lang=lang)
    assert code == 1 and said in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "（「newsletter」（メールマガジンの配信）ではありませんか。"),
    ("ru", "(возможно, имелось в виду «newsletter» (メールマガジンの配信)?"),
    ("en", "(Did you mean 'newsletter' (メールマガジンの配信)?"),
])
def test_a_mistyped_term_in_a_rule_suggests_the_term_quoted_as_the_language_quotes(
        policy_copy: Path, lang: str, said: str) -> None:
    ja = policy_copy / "ja.yaml"
    text = ja.read_text(encoding="utf-8")
    assert "purposes: [newsletter, " in text
    ja.write_text(text.replace("purposes: [newsletter, ", "purposes: [newsleter, ", 1),
                  encoding="utf-8")
    code, out = _run("validate", "--policy", str(policy_copy), lang=lang)
    assert code == 1 and "POLICY002" in out and said in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "（583行目の「number:」とそろえてください（左から4文字分））"),
    ("ru", "(выровняйте по «number:» в строке 583: 4 пробела от левого края)"),
    ("en", "(line this up with `number:` on line 583: 4 spaces from the left)"),
])
def test_a_line_indented_too_far_names_the_key_to_line_up_with_as_the_language_quotes(
        policy_copy: Path, lang: str, said: str) -> None:
    """Japanese quotes the key to line up with in 「」 and Russian in «», not in backticks."""
    ja = policy_copy / "ja.yaml"
    lines = ja.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("    title: メール配信の停止\n")
    lines[at] = "  " + lines[at]
    ja.write_text("".join(lines), encoding="utf-8")
    code, out = _run("validate", "--policy", str(policy_copy), lang=lang)
    said = said.replace("583", str(at)).replace("584", str(at + 1))
    assert code == 1 and "YAML015" in out and said in out, out
    if lang != "en":
        assert "`number:`" not in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "原文の第10項が、ここにありません"),
    ("ru", "здесь нет части оригинала: п. 10 ("),
    ("en", "clause 10 of the master is missing here"),
])
def test_a_new_clause_not_yet_translated_is_named_as_the_reader_cites_it(
        policy_copy: Path, lang: str, said: str) -> None:
    """A clause added to the master and not to the translations: PARITY001 names it 第10項 /
    п. 10 (its title is the heading above), not 「条項 10（new-thing）」 with its id."""
    _insert_clause(policy_copy)
    code, out = _run("renumber", "--policy", str(policy_copy), lang=lang)
    assert code == 0, out
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    missing = [line for line in out.splitlines() if "[PARITY001]" in line]
    assert code == 1 and len(missing) == 2 and all(said in line for line in missing), out
    assert "new-thing" not in "".join(missing), missing


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "原文の要点「当社は、"), ("ru", "здесь нет части оригинала: тезис «当社は、"),
    ("en", "the key point “当社は、"),
])
def test_a_key_point_missing_from_a_translation_is_named_by_its_first_words(
        policy_copy: Path, lang: str, said: str) -> None:
    ru = policy_copy / "ru.yaml"
    text = ru.read_text(encoding="utf-8")
    start = text.index("\n  - id: ", text.index("\nsummary:"))
    end = text.index("\n  - ", start + 1)
    ru.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    missing = [line for line in out.splitlines() if "[PARITY001]" in line]
    assert code == 1 and missing and said in missing[0], out
    assert "summary." not in missing[0], missing
    # named once, by its first words: the hint does not quote them again
    assert missing[0].count("当社は、") == 1, missing


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "第15項（improvement）は原文にありません"),
    ("ru", "в оригинале нет такой части: пункт 15 (improvement)"),
    ("en", "clause 15 (improvement) does not exist in the master"),
])
def test_a_clause_deleted_from_the_master_only_is_cited_as_the_reader_cites_it(
        policy_copy: Path, lang: str, said: str) -> None:
    """A clause deleted from the master and left in the translations: PARITY002 names it 第15項
    in Japanese, not 「条項 15」."""
    ja = policy_copy / "ja.yaml"
    text = ja.read_text(encoding="utf-8")
    start = text.index("  - id: improvement\n")
    ja.write_text(text[:start] + text[text.index("\n  - id: ", start + 1) + 1:],
                  encoding="utf-8")
    code, out = _run("renumber", "--policy", str(policy_copy), lang=lang)
    assert code == 0, out
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    extra = [line for line in out.splitlines() if "[PARITY002]" in line]
    assert code == 1 and len(extra) == 2 and all(said in line for line in extra), out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "policy approve は実行されませんでした（何も書き込んでいません）。上記のとおりコマンドを直して、"
           "もう一度実行してください。"),
    ("ru", "Команда policy approve не выполнена, ничего не записано: исправьте команду, как "
           "сказано выше, и запустите её снова."),
    ("en", "`policy approve` did not run, and nothing was written: correct the command as said "
           "above and run it again."),
])
@pytest.mark.parametrize("typed", [["99", "--by", "Hanako Yamada"], ["5", "--by", "Y"]],
                         ids=["a clause that does not exist", "a name too short"])
def test_a_mistake_in_what_was_typed_is_closed_by_asking_to_correct_the_command(
        policy_copy: Path, lang: str, said: str, typed: list[str]) -> None:
    """A clause number that names nothing, or an approver's name too short, is a mistake in
    the command line, not in the policy: the closing sentence says to correct the command
    (not 「先に上記の要修正1件を直してください」, which sends a lawyer to the YAML)."""
    before = (policy_copy / "ja.yaml").read_bytes()
    result = CliRunner().invoke(main, ["approve", "ja", *typed, "--policy", str(policy_copy)],
                                env={**QUIET, "POLICY_LANG": lang, "NO_COLOR": "1"})
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == said, result.stderr
    assert (policy_copy / "ja.yaml").read_bytes() == before


def _replace(path: Path, old: str, new: str) -> int:
    """`old` replaced by `new` once in the file; the line `old` began on (from 1)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def _errors(out: str, lang: str) -> list[str]:
    """The error lines of `policy check`'s report in `lang`."""
    error = {"ja": "要修正", "ru": "ошибка", "en": "error"}[lang]
    return [line for line in out.splitlines() if f": {error}: " in line]


def _findings(folder: Path) -> set[tuple[str, str, int, int]]:
    """What `policy check` finds, as the machine formats keep it: every finding, none held."""
    import json

    code, out = _run("check", "--policy", str(folder), "--format", "json", lang="en")
    assert code in (0, 1), out
    return {(Path(d["file"]).name, d["code"], d["line"], d["col"])
            for d in json.loads(out)["diagnostics"]}


@pytest.mark.parametrize("typed", ["de", "en", "ja"])
def test_a_wrong_lang_line_is_one_finding_at_that_line(policy_copy: Path, typed: str) -> None:
    """`lang: de` (or another edition's language) typed into ru.yaml is one mistake: one
    finding at the lang: line, and nothing that only follows from it (every term, sentence
    and name of the Russian text compared as another language's, the edition left out)."""
    before = _findings(policy_copy)
    line = _replace(policy_copy / "ru.yaml", "lang: ru\n", f"lang: {typed}\n")
    assert _findings(policy_copy) - before == {("ru.yaml", "POLICY010", line, 7)}
    assert before - _findings(policy_copy) == set()


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "「lang:」に「de」と書かれていますが、このファイルはロシア語版です（「lang: ru」と書いて"
           "ください。翻訳の「lang:」には、ファイル名が示す言語を書きます。"),
    ("ru", "в «lang:» указано «de», но этот файл — русская версия (напишите «lang: ru»: в "
           "«lang:» перевода указывают язык, которому соответствует имя файла;"),
    ("en", "lang: says 'de', but this file is the Russian edition (write `lang: ru`: a "
           "translation's lang: is the language its file is named for;"),
])
def test_a_wrong_lang_line_says_what_to_write_there_and_why(policy_copy: Path, lang: str,
                                                          said: str) -> None:
    _replace(policy_copy / "ru.yaml", "lang: ru\n", "lang: de\n")
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    errors = _errors(out, lang)
    assert code == 1 and len(errors) == 1 and said in errors[0], out


@pytest.mark.parametrize(("typed", "lang", "said"), [
    ("jp", "ja", "policy/ja.yaml（日本語、原文）\n    policy/ja.yaml:{line}:7: 要修正: 「lang:」に"
                 "「jp」と書かれていますが、このファイルは原文（日本語版）です（「lang: ja」と"
                 "書いてください。原文の「lang:」には、ファイル名と「facts:」の"
                 "「prevailing_language:」が示す言語を書きます。"),
    ("jpn", "ru", "policy/ja.yaml (японский, оригинал)\n    policy/ja.yaml:{line}:7: ошибка: в "
                  "«lang:» указано «jpn», но этот файл — японская версия, то есть оригинал "
                  "(напишите «lang: ja»: этот язык указан в имени файла и в "
                  "«prevailing_language:»"),
    ("en", "en", "policy/ja.yaml (Japanese, the master)\n    policy/ja.yaml:{line}:7: error: "
                 "lang: says 'en', but this file is the master, the Japanese edition (write "
                 "`lang: ja`")])
def test_a_wrong_lang_line_in_the_master_is_one_finding_at_that_line(
        policy_copy: Path, typed: str, lang: str, said: str) -> None:
    """`lang: jp` typed into ja.yaml, whose name and facts.prevailing_language say ja: one
    finding at the lang: line, saying to write `lang: ja` (not to rename the file to jp.yaml),
    and the master checked meanwhile as Japanese: no finding that only follows from it (a
    name with no `jp` form, clause 20 not naming the prevailing language, held translation
    findings)."""
    before = _findings(policy_copy)
    line = _replace(policy_copy / "ja.yaml", "lang: ja\n", f"lang: {typed}\n")
    assert _findings(policy_copy) - before == {("ja.yaml", "POLICY010", line, 7)}
    assert before - _findings(policy_copy) == set()
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    errors = _errors(out, lang)
    assert code == 1 and len(errors) == 1, out
    assert said.format(line=line).replace("policy/", f"{policy_copy}/") in out, out
    assert not any(rename in out for rename in ("name the file", "ファイル名を", "назовите файл"))


def test_a_copy_for_an_edition_the_master_does_not_declare_is_one_finding(
        policy_copy: Path) -> None:
    """ru.yaml copied to de.yaml to start a German edition, before the master lists de: one
    POLICY004 there, and the Russian edition not told that its every text is the same as
    the 'de' edition's."""
    before = _findings(policy_copy)
    copy = policy_copy / "de.yaml"
    copy.write_bytes((policy_copy / "ru.yaml").read_bytes())
    line = _replace(copy, "lang: ru\n", "lang: de\n")
    assert _findings(policy_copy) - before == {("de.yaml", "POLICY004", line, 7)}


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "第4項第2号「当社は、取得した個人情報を主に次の目的のために利用します。」の TYPO003 の例外指定"),
    ("ru", "исключение (waiver) TYPO003 в п. 4.2 «Собранная нами персональная…»"),
    ("en", "the waiver of TYPO003 on clause 4.2 (The personal information we…)"),
])
def test_a_part_of_a_translation_is_named_by_the_title_in_the_readers_own_edition(
        policy_copy: Path, lang: str, said: str) -> None:
    """A waiver in ru.yaml that waives nothing (its code mistyped): the part is named as a
    reader of Japanese finds it in the master, of English in the English edition, of Russian
    in the Russian one; not by the Russian words to a reader who may not read them."""
    ru = policy_copy / "ru.yaml"
    text = ru.read_text(encoding="utf-8")
    at = text.index("- check: TYPO002", text.index("  - id: purposes-list"))
    ru.write_text(text[:at] + "- check: TYPO003" + text[at + len("- check: TYPO002"):],
                  encoding="utf-8")
    _code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    [line] = [line for line in out.splitlines() if "[PARITY010]" in line]
    assert said in line, out
    if lang != "ru":
        assert not any("а" <= c <= "я" for c in line.split("(", 1)[0].lower()), line


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "保留：翻訳（英語とロシア語）への指摘"),
    ("ru", "к переводам (английский и русский)"),
    ("en", "in the translations (en, ru)"),
])
def test_findings_held_back_name_the_translations_in_the_readers_words(
        policy_copy: Path, lang: str, said: str) -> None:
    """While the master has an error, the translations' findings are held back: the line
    that counts them names the languages as the reader says them (英語とロシア語, not en, ru
    inside a Japanese sentence)."""
    _insert_clause(policy_copy)
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    assert code == 1 and said in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "見出しが原文のままで、翻訳されていません（英語に翻訳してください）"),
    ("ru", "заголовок совпадает с оригиналом: не переведён (переведите на английский)"),
    ("en", "the title is the master's text, untranslated (translate it into English)"),
])
def test_a_text_left_untranslated_is_one_finding(policy_copy: Path, lang: str,
                                                 said: str) -> None:
    """The Japanese title pasted into en.yaml, not yet translated: one finding, what to do
    with it; not also its letters, its terms and its sentences, which are wrong only because
    it is the Japanese."""
    before = _findings(policy_copy)
    _replace(policy_copy / "en.yaml", "    title: Definition and Use of Personal Information\n",
             "    title: 個人情報の定義と利用\n")
    added = _findings(policy_copy) - before
    assert [code for _, code, _, _ in added] == ["L10N001"], added
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    assert code == 1 and said in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "施行日（2030-04-20）が、最初の改定の日付（2022-04-01）より後になっています（施行日を直して"
           "ください。"),
    ("ru", "дата вступления в силу 2030-04-20 позже даты первой редакции, 2022-04-01 (исправьте "
           "дату вступления в силу:"),
    ("en", "the effective date 2030-04-20 is after the first revision, 2022-04-01 (correct the "
           "effective date:"),
])
def test_a_mistyped_effective_date_is_found_in_the_master(policy_copy: Path, lang: str,
                                                          said: str) -> None:
    """2030 typed for 2010 in the master's effective date: said there, at that line; every
    translation's (right) date is not what to change, so those findings are held back."""
    line = _replace(policy_copy / "ja.yaml", "  effective: 2010-04-20", "  effective: 2030-04-20")
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    errors = _errors(out, lang)
    assert code == 1 and len(errors) == 1 and said in errors[0], out
    assert f"ja.yaml:{line}:14: " in errors[0]


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "2026-11-05の改定が2026-12-04の改定の後にあります"),
    ("ru", "а 2026-11-05 стоит после 2026-12-04"),
    ("en", "revisions must be listed oldest first: 2026-11-05 comes after 2026-12-04"),
])
def test_a_revision_date_out_of_order_is_found_at_that_date(policy_copy: Path, lang: str,
                                                           said: str) -> None:
    line = _replace(policy_copy / "ja.yaml", "      date: 2026-12-05", "      date: 2026-11-05")
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    [found] = [x for x in out.splitlines() if "[SCHEMA004]" in x]
    assert code == 1 and said in found and f"ja.yaml:{line}:13: " in found, out


@pytest.mark.parametrize(("lang", "heading"), [
    ("ja", "ru.yaml（ロシア語、翻訳）"), ("ru", "ru.yaml (русский, перевод)"),
    ("en", "ru.yaml (Russian, translation)"),
])
def test_a_file_that_cannot_be_read_is_still_named_by_its_language(
        policy_copy: Path, lang: str, heading: str) -> None:
    """A colon typed into a Russian title: ru.yaml cannot be read, and its heading still says
    which edition it is, as every other file's does."""
    _replace(policy_copy / "ru.yaml", "    title: Язык\n", "    title: Язык: русский\n")
    code, out = _run("check", "--policy", str(policy_copy), lang=lang)
    assert code == 1 and "[YAML017]" in out, out
    assert any(line.endswith(heading) for line in out.splitlines()), out
