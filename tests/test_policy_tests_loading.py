"""`policy test` on a table the legal team got wrong: one finding at the table's line, in the
reader's language, naming the row or property as people count it (from 1, by its question or
id: never a data path counted from 0) and what to write instead; the table's rows are said
not to have run, and rule coverage is held back (said once) instead of blaming every rule."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .test_policy_tests import add_table, run

# A data path counted from 0, as the schema's findings about the policy's own files say it.
ZERO_BASED = re.compile(r"\b(cases|properties)/\d")


ROWS = ("cases:\n"
        "  - ask: use contact newsletter\n"
        "    expect: deny\n"
        "    given: [opted_out]\n"
        "  - ask: entrust contact newsletter\n"
        "    given: [opted_out]\n"
        "    expect: {expect}\n"
        "    by: {by}\n")


def _table(expect: str = "deny", by: str = '"10"') -> str:
    return ROWS.format(expect=expect, by=by)


def test_a_wrong_answer_word_is_one_plain_finding_and_coverage_is_held_back(
        policy_copy: Path) -> None:
    add_table(policy_copy, _table(expect="denied"))
    code, out = run("--policy", str(policy_copy))
    assert code == 2, out
    lines = out.splitlines()
    found = [x for x in lines if "SCHEMA" in x]
    assert found == ["{}:7:13: SCHEMA004 row 2 (“entrust contact newsletter”): expect is "
                     "'denied'; write 'allow' or 'deny'".format(
                         policy_copy / "tests" / "zz_extra.yaml")], out
    assert f"{policy_copy / 'tests' / 'zz_extra.yaml'}: this table was not run (2 rows, 0 " \
           "properties) until the finding above is fixed" in lines
    assert "TEST003" not in out  # no rule is blamed for the rows that did not run
    assert "rule coverage: held back until every table can be run (a table not run would " \
           "change it)" in lines
    assert not ZERO_BASED.search(out)
    # the other tables ran
    rows = next(x for x in lines if x.startswith("rows: "))
    # the rows not run are counted, and the verdict says why it failed (not "all pass, FAILED")
    assert rows.endswith("pass; 2 more in tables not run") and rows != "rows: 0 of 0 pass"
    assert lines[-1] == "FAILED: 1 table was not run; fix the findings above"


def test_a_table_with_several_findings_says_findings_in_the_plural(policy_copy: Path) -> None:
    """Three findings above the line about the table: it said "until the finding above is
    fixed" («пока не исправлено замечание выше»), one finding, as if the other two did not
    count."""
    add_table(policy_copy, "cases:\n  - ask: use contact newsleter\n    given: [optedout]\n"
              "    expect: deny\n    by: \"10.1\"\n")
    table = policy_copy / "tests" / "zz_extra.yaml"
    code, out = run("--policy", str(policy_copy))
    assert code == 2, out
    assert sum(x.startswith(f"{table}:") and "TEST005" in x for x in out.splitlines()) == 3
    assert f"{table}: this table was not run (1 row, 0 properties) until the findings above " \
           "are fixed" in out.splitlines()
    code, out = run("--policy", str(policy_copy), "--lang", "ru")
    assert code == 2
    assert f"{table}: эта таблица не проверена (1 пример, 0 свойств) — сначала исправьте " \
           "замечания выше" in out.splitlines()


def test_the_same_finding_in_japanese_and_russian(policy_copy: Path) -> None:
    add_table(policy_copy, _table(expect="denied"))
    code, out = run("--policy", str(policy_copy), "--lang", "ja")
    assert code == 2
    assert ("SCHEMA004 2件目の事例（「entrust contact newsletter」）：expectに「denied」とは書けません。"
            "「allow」または「deny」のどちらかを書いてください") in out
    assert "zz_extra.yaml：上の指摘（1件）を直すまで、この表は実行していません（事例2件、性質0件）" in out
    assert "（ほかに、実行していない表の事例が2件あります）" in out
    assert out.splitlines()[-1] == "不合格：実行できなかった表が1件あります。上の指摘を直してください"
    assert "ルールの網羅：実行できない表があるため、すべての表を実行できるまで保留します" in out
    assert "TEST003" not in out and not ZERO_BASED.search(out)
    assert "expected one of" not in out and "write" not in out
    code, out = run("--policy", str(policy_copy), "--lang", "ru")
    assert code == 2
    assert "пример 2 («entrust contact newsletter»): в поле expect написано «denied»; " \
           "напишите «allow» или «deny»" in out
    # «не проверялась, пока не исправлено замечание» mixed its tenses
    assert "эта таблица не проверена (2 примера, 0 свойств) — сначала исправьте замечание " \
           "выше" in out
    assert "TEST003" not in out and not ZERO_BASED.search(out)


def test_an_unknown_term_names_the_row_and_the_closest_ids_and_blames_no_rule(
        policy_copy: Path) -> None:
    add_table(policy_copy, "cases:\n  - ask: use contact newsletter\n    expect: deny\n"
              "    given: [opted_out]\n  - ask: collect contact service_operations\n"
              "    expect: deny\n")
    code, out = run("--policy", str(policy_copy))
    assert code == 2
    found = [x for x in out.splitlines() if "TEST005" in x]
    assert len(found) == 1, out
    assert found[0].endswith(":5:10: TEST005 row 2 (“collect contact service_operations”): "
                             "unknown purpose 'service_operations' (did you mean "
                             "'service_operation' or 'service_information' or "
                             "'government_cooperation'?)")
    assert "TEST003" not in out and "this table was not run (2 rows, 0 properties)" in out
    code, out = run("--policy", str(policy_copy), "--lang", "ja")
    assert code == 2
    assert ("2件目の事例（「collect contact service_operations」）：「service_operations」という目的は"
            "ポリシーにありません（近いもの：「service_operation」、") in out
    assert "TEST003" not in out and "事例2件" in out


def test_a_clause_number_written_without_quotes_is_the_clause_it_reads_as(
        policy_copy: Path) -> None:
    add_table(policy_copy, _table(by="10"))
    code, out = run("--policy", str(policy_copy))
    assert code == 0, out
    # YAML reads 3.10 as the number 3.1: the file's text says 3.10, and that is the clause named
    add_table(policy_copy, _table(by="3.10"))
    code, out = run("--policy", str(policy_copy))
    assert code == 2
    assert "row 2 (“entrust contact newsletter”): unknown clause '3.10'" in out
    assert "'3.1'" not in out.split("unknown clause")[1].split("(")[0]


def test_a_number_that_is_no_clause_number_says_to_quote_it(policy_copy: Path) -> None:
    add_table(policy_copy, _table(by="3.2e0"))
    code, out = run("--policy", str(policy_copy))
    assert code == 2
    assert ":8:9: SCHEMA003 row 2 (“entrust contact newsletter”): by: 3.2e0 is read as a " \
           "number, and the clause number cannot be told from it for sure; write the clause " \
           "number in quotes, such as by: \"3.2\"" in out
    assert "not a number" not in out and not ZERO_BASED.search(out)
    code, out = run("--policy", str(policy_copy), "--lang", "ja")
    assert "by: 3.2e0 は数値として読まれるため" in out and "引用符で囲んで" in out


def test_other_table_findings_count_rows_and_properties_from_one(policy_copy: Path) -> None:
    add_table(policy_copy, "cases:\n  - ask: use contact newsletter\n    expect: deny\n"
              "    given: opted_out\n    whyy: typo\n"
              "properties:\n  - id: no-mail-after-opt-out\n    says: No mail.\n"
              "    for: {purposes: [newsleter]}\n    expect: deny\n    colour: red\n")
    code, out = run("--policy", str(policy_copy))
    assert code == 2
    assert not ZERO_BASED.search(out), out
    assert "row 1 (“use contact newsletter”): given must be a list, not text" in out
    assert "row 1 (“use contact newsletter”): there is no field 'whyy' here (did you mean " \
           "'why'?)" in out
    assert "property 1 (“no-mail-after-opt-out”): there is no field 'colour' here" in out
    code, out = run("--policy", str(policy_copy), "--lang", "ja")
    assert not ZERO_BASED.search(out), out
    assert "1件目の事例（「use contact newsletter」）：givenにはリストを書いてください（文字列が書かれています）" \
        in out
    assert "1件目の性質（「no-mail-after-opt-out」）：「colour」という項目はここでは使えません" in out


def test_json_and_junit_carry_the_table_that_was_not_run(policy_copy: Path) -> None:
    add_table(policy_copy, _table(expect="denied"))
    code, out = run("--policy", str(policy_copy), "--format", "json")
    assert code == 2
    report = json.loads(out)
    table = str(policy_copy / "tests" / "zz_extra.yaml")
    assert report["not_run"] == [{"file": table, "rows": 2, "properties": 0}]
    assert report["coverage"]["held_back"] is True and report["coverage"]["uncovered"] == []
    finding = next(d for d in report["diagnostics"] if d["code"] == "SCHEMA004")
    assert finding["line"] == 7 and "row 2" in finding["message"]
    assert not ZERO_BASED.search(json.dumps(report["diagnostics"]))
    code, out = run("--policy", str(policy_copy), "--format", "junit")
    assert code == 2
    suites = {s.get("name"): s for s in ET.fromstring(out)}
    assert suites[table].get("failures") == "1"
    failure = suites[table].find("testcase/failure")
    assert failure is not None and "row 2" in (failure.get("message") or "")
    coverage = suites["coverage"]
    assert coverage.get("failures") == "0" and coverage.get("skipped") == coverage.get("tests")


def test_a_row_that_is_no_group_of_fields_and_mutation_is_held_back(policy_copy: Path) -> None:
    add_table(policy_copy, "cases:\n  - use contact newsletter\n")
    code, out = run("--policy", str(policy_copy), "--mutate")
    assert code == 2
    assert ":2:5: SCHEMA003 row 1: it must be a group of named fields, not text" in out
    assert "mutation score: held back until every table can be run" in out.splitlines()
    assert "TEST003" not in out and "TEST004" not in out
    code, out = run("--policy", str(policy_copy), "--lang", "ja")
    assert "1件目の事例：項目名の付いたまとまりを書いてください（文字列が書かれています）" in out


def test_the_tables_words_are_complete_in_every_language() -> None:
    from engine.saying import fields_of
    from engine.testing import PLACES, TABLE_WORDS

    for table in (TABLE_WORDS, PLACES):
        keys = set(table["en"])
        for lang in ("ja", "ru"):
            assert set(table[lang]) == keys, lang
            for key in keys:
                assert fields_of(table[lang][key]) == fields_of(table["en"][key]), (lang, key)


def test_a_property_clause_written_without_quotes_is_read_as_written(policy_copy: Path) -> None:
    prop = ("properties:\n  - id: no-mail-after-opt-out\n    says: No mail after an opt-out.\n"
            "    clause: {clause}\n    for: {{data: [personal], purposes: [newsletter]}}\n"
            "    given: [opted_out]\n    expect: deny\n")
    add_table(policy_copy, prop.format(clause="10"))
    code, out = run("--policy", str(policy_copy))
    assert code == 0, out
    add_table(policy_copy, prop.format(clause="1e1"))
    code, out = run("--policy", str(policy_copy), "--lang", "ja")
    assert code == 2
    assert ("1件目の性質（「no-mail-after-opt-out」）：clause: 1e1 は数値として読まれるため、"
            "条項番号を確実には読み取れません。clause: \"3.2\" のように") in out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "by：ここには「第10項」ではなく、10 と番号だけを書いてください"),
    ("ru", "by: вместо «п. 10» здесь нужно написать только номер: 10"),
    ("en", "by: write only the number here: 10 (not 'clause 10')"),
])
def test_a_clause_written_as_a_page_prints_it_is_answered_with_the_number_to_write(
        policy_copy: Path, lang: str, said: str) -> None:
    printed = {"ja": '"第10項"', "ru": '"п. 10"', "en": '"clause 10"'}[lang]
    add_table(policy_copy, _table(by=printed))
    code, out = run("--policy", str(policy_copy), "--lang", lang)
    assert code == 2 and said in out, out
