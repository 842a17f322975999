"""A value that does not fit its field's pattern is explained in words, with an example, in
ja, ru and en: never by the regular expression the schema holds (issue 12, jargon)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.model import PATTERN_SHAPES

from .conftest import POLICY


def _edit_once(path: Path, old: str, new: str) -> str:
    """Replace the one place `old` stands in a policy file (a test's edit, as a lawyer makes
    it); the text before the edit."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")
    return text


# the shipped version line, whatever the version is now
VERSION = re.search(r"^  version: \S+ ", (POLICY / "ja.yaml").read_text("utf-8"), re.M)
assert VERSION is not None
# (the line as shipped, the line a lawyer might write, what each language must say)
EDITS = [
    (VERSION.group(0), "  version: 2.1 ",
     {"en": "is not a version number", "ja": "バージョン番号の形ではありません",
      "ru": "не номер версии"}),
    ("  email: info@cafetalk.com", "  email: info(at)cafetalk.com",
     {"en": "is not an e-mail address", "ja": "メールアドレスの形ではありません",
      "ru": "не адрес электронной почты"}),
    ("  url: http://cafetalk.com", "  url: cafetalk.com",
     {"en": "is not a web address", "ja": "URLの形ではありません", "ru": "не адрес сайта"}),
    ("  effective: 2010-04-20", "  effective: 2010-02-30",
     {"en": "is not a date; write a date that exists", "ja": "日付として読めません",
      "ru": "не дата"}),
    # a real day written another way: said as that day in the form the file needs
    ("  effective: 2010-04-20", "  effective: 2010/04/20",
     {"en": "write it year-month-day, as 2010-04-20", "ja": "年-月-日の形で「2010-04-20」と書いて",
      "ru": "год-месяц-день, то есть 2010-04-20"}),
    ("  effective: 2010-04-20", "  effective: 20.04.2010",
     {"en": "write it year-month-day, as 2010-04-20", "ja": "年-月-日の形で「2010-04-20」と書いて",
      "ru": "год-месяц-день, то есть 2010-04-20"}),
    ("  effective: 2010-04-20", "  effective: 2010年4月20日",
     {"en": "write it year-month-day, as 2010-04-20", "ja": "年-月-日の形で「2010-04-20」と書いて",
      "ru": "год-месяц-день, то есть 2010-04-20"}),
    # month first is never guessed: 04/05/2010 could be either day
    ("  effective: 2010-04-20", "  effective: 04/20/2010",
     {"en": "as year-month-day, such as", "ja": "年-月-日の順", "ru": "год-месяц-день, например"}),
    ("  governing_law: JP ", "  governing_law: Japan ",
     {"en": "is not a country code", "ja": "国コードではありません", "ru": "не код страны"}),
]


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
@pytest.mark.parametrize(("old", "new", "said"), EDITS, ids=[e[1].strip() for e in EDITS])
def test_a_value_of_the_wrong_shape_is_explained_in_words(
        policy_copy: Path, old: str, new: str, said: dict[str, str], lang: str) -> None:
    text = _edit_once(policy_copy / "ja.yaml", old, new)
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1
    assert said[lang] in result.output
    assert "does not match" not in result.output and "Input should" not in result.output
    assert "^" not in result.output and "[0-9]" not in result.output
    line = 1 + text[:text.index(old)].count("\n")
    assert f"ja.yaml:{line}:" in result.output


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "is not what policy stamp writes here"), ("ja", "policy stamp が書き込む値ではありません"),
    ("ru", "не то значение, которое записывает policy stamp")])
def test_a_hand_edited_stamp_says_to_run_stamp_without_naming_fingerprints(
        policy_copy: Path, lang: str, said: str) -> None:
    path = policy_copy / "ru.yaml"
    text = path.read_text("utf-8")
    assert "  source: 2289dd2c88\n" in text
    path.write_text(text.replace("  source: 2289dd2c88\n", "  source: checked\n", 1), "utf-8")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1
    assert said in result.output
    assert "fingerprint" not in result.output and "^" not in result.output


# clause 5's consent permit, as shipped: the one rule with exactly these lines
CONSENT_PERMIT = "        data: [personal]\n        purposes: [\"*\"]\n        when: {consent: true}\n"


@pytest.mark.parametrize(("lang", "label", "kind"), [
    ("en", "'個人情報' is the label of 'personal'; write its id here: personal",
     "a rule of clause 5 lists the purpose 'newsletter' under data: ('newsletter' is a purpose: "
     "move it to purposes:, or write a data category here"),
    ("ja", "「個人情報」は「personal」の表示名です。ここには表示名ではなく、ID「personal」を書いて"
           "ください",
     "第5項のルールの「data:」に、目的の「newsletter」が書かれています（「newsletter」は目的です。"
     "「purposes:」に移すか、ここにはデータの種類を書いてください"),
    ("ru", "«個人情報» — это название термина «personal»; здесь нужно указать его идентификатор: "
           "personal",
     "в правиле п. 5 в «data:» указан «newsletter», а это цель («newsletter» — это цель: "
     "перенесите его в «purposes:» или укажите здесь категорию данных"),
])
def test_a_label_or_a_term_of_another_kind_in_a_rule_says_which_term_is_meant(
        policy_copy: Path, lang: str, label: str, kind: str) -> None:
    master = policy_copy / "ja.yaml"
    _edit_once(master, CONSENT_PERMIT, CONSENT_PERMIT.replace("[personal]", "[個人情報]"))
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1 and label in result.output, result.output
    _edit_once(master, "[個人情報]", "[personal, newsletter]")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1 and kind in result.output, result.output


def test_every_pattern_of_the_schemas_has_words() -> None:
    """A pattern added to the model without a shape would fall back to the vague words."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for schema in sorted(POLICY.glob("schema.*.json")):
        walk(json.loads(schema.read_text("utf-8")))
    assert found
    assert found <= set(PATTERN_SHAPES), found - set(PATTERN_SHAPES)


def test_a_value_of_the_wrong_kind_is_named_in_plain_words(policy_copy: Path) -> None:
    """"text", "a whole number", "a list": never "string", "integer", "mapping" or "null"."""
    for name, old, new in [("ja.yaml", "  email: info@cafetalk.com", "  email: [info@cafetalk.com]"),
                           ("en.yaml", "    number: 2\n", "    number: two\n")]:
        path = policy_copy / name
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy)])
    assert result.exit_code == 1
    assert "facts.email must be text, not a list" in result.output
    assert "must be a whole number, not text" in result.output
    for jargon in ("string", "integer", "mapping", "null"):
        assert jargon not in result.output


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "facts.service must be text, not a list [SCHEMA003]"),
    ("ja", "「facts:」の「service:」には文字列を書いてください（リストが書かれています） [SCHEMA003]"),
    ("ru", "поле «service:» в разделе «facts:»: ожидается текст, а не список [SCHEMA003]")])
def test_a_value_of_the_wrong_kind_is_said_in_each_language(
        policy_copy: Path, lang: str, said: str) -> None:
    """The kinds of value in words (engine/saying.py WORDS "type:…"), not a detail in English."""
    _edit_once(policy_copy / "ja.yaml", "  service: Cafetalk\n", "  service: [Cafetalk]\n")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1
    assert said in result.output
    assert "詳細" not in result.output and "подробности" not in result.output


# A rule of item 3.2 (the first rule under clause 3's second item, as shipped).
RULE = "        - effect: permit\n"


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", ["第3項第2号のルール1の「effect:」に「permitt」は書けません。「permit」、「forbid」、"
            "「oblige」のいずれかを書いてください（「permit」の書き間違いではありませんか）",
            "第3項第2号のルール1の「data:」にはリストを書いてください（文字列が書かれています）"]),
    ("ru", ["поле «effect:» в правиле 1 из п. 3.2: значение «permitt» недопустимо; укажите одно "
            "из значений: «permit», «forbid», «oblige» (возможно, имелось в виду «permit»)",
            "поле «data:» в правиле 1 из п. 3.2: ожидается список, а не текст"]),
    ("en", ["clause 3, item 2, rule 1, field effect is 'permitt'; expected 'permit' or "
            "'forbid' or 'oblige' (did you mean 'permit'?)",
            "clause 3, item 2, rule 1, field data must be a list, not text"])])
def test_a_rule_is_named_by_its_unit_and_its_place_counted_from_one(
        policy_copy: Path, lang: str, said: list[str]) -> None:
    """A mistake inside a rule: the clause, item and rule as a reader counts them (never
    `clauses/2/…/rules/0`, counted from zero, in English either), the allowed words listed."""
    path = policy_copy / "ja.yaml"
    text = path.read_text("utf-8")
    at = text.index("\n  - id: collection\n")
    first = text.index(RULE, at)
    data = text.index("          data: [personal]\n", first)
    text = (text[:first] + RULE.replace("permit", "permitt") + text[first + len(RULE):data]
            + "          data: personal\n" + text[data + len("          data: [personal]\n"):])
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["validate", "--policy", str(policy_copy),
                                       "--lang", lang])
    assert result.exit_code == 1
    lines = [ln.split(": ", 1)[1] for ln in result.output.splitlines() if ": SCHEMA00" in ln]
    assert lines == [f"SCHEMA004 {said[0]}", f"SCHEMA003 {said[1]}"]
    assert "rules/0" not in result.output


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "「Collection_Rules」はIDの形ではありません。ai-recommendation のように"),
    ("ru", "«Collection_Rules» — не идентификатор. Используйте строчные латинские буквы"),
    ("en", "'Collection_Rules' is not an id; use lowercase letters, digits and hyphens")])
def test_an_id_that_is_not_a_slug_says_how_to_write_one(
        policy_copy: Path, lang: str, said: str) -> None:
    _edit_once(policy_copy / "ja.yaml", "\n  - id: collection\n", "\n  - id: Collection_Rules\n")
    result = CliRunner().invoke(main, ["validate", "--policy", str(policy_copy),
                                       "--lang", lang])
    assert result.exit_code == 1
    assert f"SCHEMA005 {said}" in result.output


@pytest.mark.parametrize(("path", "ja", "ru", "en"), [
    (("clauses", 2, "title"), "第3項「個人情報の適法な取得」の「title:」",
     "поле «title:» в п. 3 «個人情報の適法な取得»", "clause 3, field title"),
    # an item is named by its own number, never by its clause's title
    (("clauses", 2, "items", 1, "text"), "第3項第2号の「text:」", "поле «text:» в п. 3.2",
     "clause 3, item 2, field text"),
    (("clauses", 2, "items", 1, "rules", 0, "when", "consent"),
     "第3項第2号のルール1の「when:」の「consent:」",
     "поле «consent:» в разделе «when:» в правиле 1 из п. 3.2",
     "clause 3, item 2, rule 1, field when.consent"),
    (("clauses", 2, "items", 1, "rules", 0, "data", 1),
     "第3項第2号のルール1の「data:」の2番目", "элемент 2 поля «data:» в правиле 1 из п. 3.2",
     "clause 3, item 2, rule 1, entry 2 of field data"),
    (("facts", "revisions", 0, "date"), "「facts:」の「revisions:」の1番目の「date:」",
     "поле «date:» в элементе 1 поля «revisions:» в разделе «facts:»",
     "entry 1 of facts.revisions, field date"),
    (("vocabulary", "data", "contact", "members", 0, 1), None, None, None),
    (("facts", "revisions", 0), "「facts:」の「revisions:」の1番目",
     "элемент 1 поля «revisions:» в разделе «facts:»", "entry 1 of facts.revisions"),
])
def test_a_place_is_said_as_a_reader_counts(path: tuple[str | int, ...], ja: str | None,
                                            ru: str | None, en: str | None) -> None:
    """A place in words in every language, each entry of a list counted from 1: never the
    data path counted from zero (`clauses/2/items/1/rules/0`), in English either."""
    from engine.loader import load_folder
    from engine.saying import fill
    from engine.schema import _place_of

    doc = load_folder(POLICY).master_doc
    assert doc is not None
    place = _place_of(path, doc.data)
    if ja is None:  # a list inside a list: not said in words (None)
        assert place is None
        return
    assert place is not None
    assert fill("{p:@field}", "ja", {"p": place}) == ja
    assert fill("{p:@field}", "ru", {"p": place}) == ru
    assert fill("{p:@field}", "en", {"p": place}) == en


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_a_misspelt_field_is_one_finding_not_also_a_missing_one(policy_copy: Path,
                                                                lang: str) -> None:
    """`nuber: 1` for `number: 1` is one slip: said once, as the field to correct (SCHEMA001,
    did you mean 'number'?), not also as a required field missing (SCHEMA002)."""
    _edit_once(policy_copy / "ru.yaml", "  - id: definition\n    number: 1\n",
               "  - id: definition\n    nuber: 1\n")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1
    assert "[SCHEMA001]" in result.output and "number" in result.output
    assert "[SCHEMA002]" not in result.output, result.output


def test_a_deleted_field_says_which_line_to_add(policy_copy: Path) -> None:
    _edit_once(policy_copy / "ru.yaml", "  - id: definition\n    number: 1\n",
               "  - id: definition\n")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", "en"])
    assert result.exit_code == 1
    assert ("required field 'number' is missing in clause 1: add the line 'number: …' "
            "[SCHEMA002]") in result.output, result.output


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "the waiver of TYPO003 on clause 4.2 (The personal information we…) waives no "
           "finding any more (the finding it excused is gone, because"),
    # by the title in the reader's own edition (the master's in Japanese), not the English
    ("ja", "第4項第2号「当社は、取得した個人情報を主に次の目的のために利用します。」の TYPO003 の"
           "例外指定（waiver）に、該当する指摘がもうありません（文章が変わったか、チェックのコードが"
           "違うため"),
    ("ru", "исключение (waiver) TYPO003 в п. 4.2 «Собранная нами персональная…» больше ничего "
           "не снимает (снятого им замечания больше нет — текст изменился"),
])
def test_a_waiver_that_waives_nothing_names_the_clause_not_its_id(policy_copy: Path, lang: str,
                                                                  said: str) -> None:
    """A waiver left behind (or given the wrong code) names its clause as the edition prints
    it, in the reader's language: never the id path (purposes.purposes-list), never an
    English 'detail' after a Japanese or Russian sentence."""
    text = (policy_copy / "en.yaml").read_text("utf-8")
    assert text.count("          - check: TYPO002\n") >= 1
    (policy_copy / "en.yaml").write_text(
        text.replace("          - check: TYPO002\n", "          - check: TYPO003\n", 1), "utf-8")
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert said in result.output, result.output
    assert "purposes.purposes-list" not in result.output
    assert "詳細" not in result.output and "подробности" not in result.output


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "clause 1, field title must not be empty (write its text) [SCHEMA004]"),
    ("ja", "第1項の「title:」が空です（文章を書いてください） [SCHEMA004]"),
    ("ru", "поле «title:» в п. 1: значение пустое (впишите текст) [SCHEMA004]"),
])
def test_an_emptied_text_is_said_in_the_readers_language(policy_copy: Path, lang: str,
                                                          said: str) -> None:
    """`title: ""` (the text deleted, the quotes left): said wholly in the reader's language,
    not as a plain sentence followed by the English detail."""
    _edit_once(policy_copy / "ru.yaml",
               "    title: Определение и использование персональной информации\n",
               '    title: ""\n')
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1
    assert said in result.output, result.output
    assert "詳細" not in result.output and "подробности" not in result.output


@pytest.mark.parametrize(("file", "old", "new", "said"), [
    ("ja.yaml", "  - id: compliance\n    number: 2\n", "  - id: compliance\n    number: 0\n",
     {"en": "field number is 0; it must be 1 or more [SCHEMA004]",
      "ja": "の「number:」は1以上にしてください（0が書かれています） [SCHEMA004]",
      "ru": "значение 0, а должно быть не меньше 1 [SCHEMA004]"}),
    ("ja.yaml", "  translations: [ru, en]", "  translations: [ru]",
     {"en": "the master declares no 'en' translation (add en to facts.translations in the "
            "master; until then the file is not checked against the master) [POLICY004]",
      "ja": "原文の「translations:」に、この言語版の「en」がありません（原文の「facts:」の"
            "「translations:」に en を加えてください。それまでは、このファイルは原文と照合されません）"
            " [POLICY004]",
      "ru": "в «translations:» оригинала не указан язык этой версии — «en» (добавьте en в "
            "«translations:» в разделе «facts:» оригинала; до тех пор файл не сверяется с "
            "оригиналом) [POLICY004]"}),
])
@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_a_number_below_one_or_an_undeclared_edition_is_said_in_words(
        policy_copy: Path, file: str, old: str, new: str, said: dict[str, str],
        lang: str) -> None:
    _edit_once(policy_copy / file, old, new)
    result = CliRunner().invoke(main, ["check", "--policy", str(policy_copy), "--lang", lang])
    assert result.exit_code == 1
    assert said[lang] in result.output, result.output
    assert "詳細" not in result.output and "подробности" not in result.output
    assert "minimum" not in result.output
