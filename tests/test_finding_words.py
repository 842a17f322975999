"""What findings say to people in ja, ru and en: every code's words, templates that agree
across languages, and English templates that say exactly what the machine formats keep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.check import settings_tables
from engine.checks import CHECKS, by_code, run_checks
from engine.diagnostics import WORDS
from engine.humane import finding_text
from engine.loader import load_folder
from engine.parity.config import load_config
from engine.parity.context import build_context
from engine.saying import fill, language_from_env, plural, template

from .test_checks import FIXTURES, _folder

JAPANESE = "\u3040-\u30ff\u4e00-\u9fff"


def _findings(folder: Path, code: str) -> list[Any]:
    src = load_folder(folder)
    config, _ = load_config(folder, known=settings_tables(CHECKS))
    ctx = build_context(src, config)
    assert ctx is not None
    return [d for d in run_checks([by_code()[code]], ctx) if d.code == code]


TEMPLATED = [(code, case) for code, case in FIXTURES if WORDS[code].message and case["expect"]]


@pytest.mark.parametrize(("code", "case"), TEMPLATED,
                         ids=[f"{code}-{case['name']}" for code, case in TEMPLATED])
def test_a_finding_says_in_english_exactly_its_message_and_in_ja_ru_no_english(
        code: str, case: dict[str, Any], tmp_path: Path) -> None:
    found = _findings(_folder(tmp_path, case), code)
    assert found
    for d in found:
        params = dict(d.params)
        assert params, d
        words = WORDS[code]
        said = template(words.message, "en", params)
        assert said is not None, d
        assert fill(said, "en", params) == d.message
        said_hint = template(words.hint, "en", params)
        if d.hint and said_hint is not None:
            assert fill(said_hint, "en", params) == d.hint
        for lang in ("ja", "ru"):
            text = finding_text(d, lang)
            assert d.message not in text  # said in the language, not as an English detail


def test_plural_forms() -> None:
    forms = ["предложение", "предложения", "предложений"]
    said = {n: plural(n, forms, "ru") for n in (1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111)}
    assert said == {1: forms[0], 2: forms[1], 4: forms[1], 5: forms[2], 11: forms[2],
                    12: forms[2], 14: forms[2], 21: forms[0], 22: forms[1], 25: forms[2],
                    101: forms[0], 111: forms[2]}
    assert [plural(n, ["sentence", "sentences"], "en") for n in (0, 1, 2)] == [
        "sentences", "sentence", "sentences"]
    assert fill("{n}文", "ja", {"n": 3}) == "3文"


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "en"),
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LC_ALL": "ru_RU.KOI8-R"}, "ru"),
    ({"LANG": "ru_RU.UTF-8", "POLICY_LANG": "ja"}, "ja"),
    ({"LANG": "ru_RU.UTF-8", "POLICY_LANG": "EN"}, "en"),
    ({"LANG": "ru_RU.UTF-8", "POLICY_LANG": "xx"}, "ru"),
    ({"LANG": "C.UTF-8", "POLICY_LANG": "ja_JP.UTF-8"}, "ja"),  # written as a locale
    ({"LANG": "C.UTF-8", "POLICY_LANG": "ru-RU"}, "ru"),
    ({"LANG": "ja_JP@euro", "LC_ALL": ""}, "ja"),
    # the other ways people write the three languages (engine/saying.py LANG_ALIASES)
    ({"LANG": "C.UTF-8", "POLICY_LANG": "jp"}, "ja"),
    ({"LANG": "C.UTF-8", "POLICY_LANG": "JPN"}, "ja"),
    ({"LANG": "C.UTF-8", "POLICY_LANG": "Japanese"}, "ja"),
    ({"LANG": "C.UTF-8", "POLICY_LANG": "rus"}, "ru"),
    ({"LANG": "ja_JP.UTF-8", "POLICY_LANG": "english"}, "en"),
])
def test_the_default_language_comes_from_the_environment(env: dict[str, str],
                                                         lang: str) -> None:
    assert language_from_env(env) == lang


def _yaml_findings() -> list[Any]:
    from engine.read import read_bytes

    from .test_malformed import CASES, HERE, generate

    found = []
    for case in CASES:
        if not case["code"].startswith("YAML"):
            continue
        raw = (HERE / "files" / str(case["file"])).read_bytes() if "file" in case \
            else generate(case["generate"])
        found.extend(d for d in read_bytes(raw, "x.yaml").diagnostics if d.params)
    return found


def test_yaml_errors_say_in_english_exactly_their_message_and_in_ja_ru_their_own_words() -> None:
    found = _yaml_findings()
    assert {d.code for d in found} >= {"YAML003", "YAML006", "YAML008", "YAML009", "YAML010",
                                       "YAML014", "YAML015", "YAML016", "YAML018"}
    for d in found:
        params = dict(d.params)
        words = WORDS[d.code]
        said = template(words.message, "en", params)
        assert said is not None, d
        assert fill(said, "en", params) == d.message, d
        hint = template(words.hint, "en", params)
        if d.hint is not None:  # an empty file (YAML004) has no hint
            assert hint is not None and fill(hint, "en", params) == d.hint, d
        for lang in ("ja", "ru"):
            assert d.message not in finding_text(d, lang)


@pytest.mark.parametrize("raw", [b'title: "Mi" sobiraem\n', b"title: 'Mi' sobiraem\n",
                                 b"title: *Mi* sobiraem\n"])
def test_a_quote_closed_too_early_and_a_text_read_as_an_alias_are_said_in_words(
        raw: bytes) -> None:
    """Typed by a translator: emphasis written as Markdown at the start of a text, a quote
    inside quotes. Said in ja and ru with what to do, not as an English detail."""
    from engine.read import read_bytes

    [d] = read_bytes(raw, "x.yaml").diagnostics
    assert d.code in ("YAML006", "YAML014") and d.params
    _assert_says_its_message(d)


def _assert_says_its_message(d: Any) -> None:
    params = dict(d.params)
    words = WORDS[d.code]
    said = template(words.message, "en", params)
    assert said is not None, d
    assert fill(said, "en", params) == d.message, d
    hint = template(words.hint, "en", params)
    if d.hint is not None:
        assert hint is not None and fill(hint, "en", params) == d.hint, d
    for lang in ("ja", "ru"):
        assert d.message not in finding_text(d, lang)


def test_policy_findings_say_in_english_exactly_their_message(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    import shutil

    from .conftest import FIXTURES as FIXTURE_DIR
    from .test_diagnostics_golden import CASES, _apply

    monkeypatch.chdir(tmp_path)
    seen: set[str] = set()
    for i, case in enumerate(CASES):
        folder = tmp_path / f"p{i}"
        shutil.copytree(FIXTURE_DIR / "mini", folder)
        for edit in case["edits"]:
            _apply(folder, edit)
        for d in load_folder(folder).diagnostics:
            if d.params:
                seen.add(d.code)
                _assert_says_its_message(d)
    assert {"POLICY001", "POLICY002", "POLICY003"} <= seen


@pytest.mark.parametrize("shape", [{"form": "group", "group": "contact"},
                                   {"form": "rule", "number": "4.2"},
                                   {"form": "except", "number": "4"},
                                   {"form": "when", "number": "10"}])
@pytest.mark.parametrize("ref", ["newsleter", "zzz"])
def test_every_shape_of_an_unknown_term_says_its_message(shape: dict[str, str],
                                                         ref: str) -> None:
    from engine.citation import cite
    from engine.findings import make
    from engine.validate import _not_in_vocabulary

    terms = {"newsletter": None, "news": None}
    where = {"group": "the group 'contact'", "rule": f"a rule of {cite('4.2', 'en')}",
             "except": f"the `except:` of a rule of {cite('4', 'en')}",
             "when": f"the `when:` of a rule of {cite('10', 'en')}"}[shape["form"]]
    message, hint, params = _not_in_vocabulary(where, "purposes", ref, terms, shape)
    _assert_says_its_message(make("POLICY002", message, hint=hint, params=params))


def test_a_length_outlier_is_said_without_statistics(tmp_path: Path) -> None:
    """LEN001 says how long the text is against the usual, as one number written the
    language's way (0,2 in Russian): no "median", no "characters per Japanese character"."""
    import shutil

    from click.testing import CliRunner

    from engine.cli import main

    from .conftest import POLICY

    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    start = text.index("          Where the use of personal information is necessary")
    end = text.index("\n", text.index("regulations, if obtaining", start))
    en.write_text(text[:start] + "          Where the use of personal information is necessary."
                  + text[end:], "utf-8")
    said = {lang: next(line for line in CliRunner().invoke(
        main, ["check", "--policy", str(folder), "--lang", lang]).output.splitlines()
        if "[LEN001]" in line) for lang in ("en", "ja", "ru")}
    assert "is 0.2 times as long as en translations of a Japanese text this long" in said["en"]
    assert "通常の0.2倍です。一部が抜けている可能性があります" in said["ja"]
    assert "длина — 0,2 от обычной" in said["ru"] and "0.2" not in said["ru"]
    for line in said.values():
        assert "median" not in line and "中央値" not in line and "медиан" not in line


def test_a_dropped_negation_is_quoted_from_the_sentence_that_negates(tmp_path: Path) -> None:
    """When a dropped sentence leaves the sentences unpaired, NEG001 compares the whole texts
    and quotes the master from the sentence that holds the negation, not from its first."""
    import shutil

    from click.testing import CliRunner

    from engine.cli import main

    from .conftest import POLICY

    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    start = text.index("      Article 2). However, we are not responsible")
    end = text.index("(hereinafter the “Site”).", start) + len("(hereinafter the “Site”).")
    en.write_text(text[:start] + "      Article 2)." + text[end:], "utf-8")
    out = CliRunner().invoke(main, ["check", "--policy", str(folder)]).output
    line = next(line for line in out.splitlines() if "[NEG001]" in line and ": error:" in line)
    assert "the master sentence “ただし、" in line, line
    assert "[SENT001]" in out


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "ja.yaml is a file, not the policy folder (give the folder that holds ja.yaml, "
           "such as --policy "),
    ("ja", "ja.yaml はファイルです。ポリシーのフォルダーではありません（ja.yaml のあるフォルダーを、"
           "--policy "),
    ("ru", "ja.yaml — это файл, а не папка политики (укажите папку, в которой лежит ja.yaml, "
           "например --policy "),
])
def test_a_file_given_as_the_policy_folder_is_said_plainly(lang: str, said: str) -> None:
    """`--policy policy/ja.yaml` names the file and the folder to give instead, and says
    nothing else (no follow-on about reading parity.toml inside a file)."""
    from click.testing import CliRunner

    from engine.cli import main

    from .conftest import POLICY

    result = CliRunner().invoke(main, ["check", "--policy", str(POLICY / "ja.yaml"),
                                       "--lang", lang])
    assert result.exit_code == 2
    assert said in result.output, result.output
    assert "Errno" not in result.output and "parity.toml" not in result.output


def test_every_catalogued_mistake_with_parameters_says_its_message_in_every_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file of the malformed catalogue (tests/malformed) loaded as a folder: every finding
    that carries parameters says in English exactly its message, and in ja and ru its own
    words, never the English as a detail."""
    from .test_malformed import CASES, prepare

    monkeypatch.chdir(tmp_path)
    seen: set[tuple[str, object]] = set()
    for i, case in enumerate(CASES):
        if "setup" in case:
            continue
        prepared = prepare(case, tmp_path / f"c{i}")
        for d in load_folder(prepared.workdir / "policy").diagnostics:
            if d.params:
                seen.add((d.code, dict(d.params).get("form")))
                _assert_says_its_message(d)
    assert {("POLICY007", "html"), ("POLICY008", None), ("POLICY010", None),
            ("POLICY010", "edition"),
            ("YAML009", "bom"), ("SCHEMA005", "slug")} <= seen, sorted(map(str, seen))


def test_a_missing_translation_file_and_revisions_out_of_order_say_what_to_do(
        tmp_path: Path) -> None:
    """IO001 for a translation the master declares without its file, SCHEMA004 for revisions
    listed newest first: said in every language, each with what to do."""
    import shutil

    from .conftest import FIXTURES as FIXTURE_DIR

    folder = tmp_path / "policy"
    shutil.copytree(FIXTURE_DIR / "mini", folder)
    (folder / "en.yaml").unlink()
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    old = "    - id: contact-2022\n      date: 2022-04-01\n"
    assert old in text
    ja.write_text(text.replace(old, old + "    - id: older\n      date: 2020-01-01\n"), "utf-8")
    found = {d.code: d for d in load_folder(folder).diagnostics if d.code in ("IO001",
                                                                             "SCHEMA004")}
    assert dict(found["IO001"].params) == {"form": "translation", "lang": "en"}
    # at the revision out of place, with its date and the one above it
    assert dict(found["SCHEMA004"].params) == {"form": "order", "date": "2020-01-01",
                                               "before": "2022-04-01"}
    for d in found.values():
        assert d.hint
        _assert_says_its_message(d)


def test_a_policy_without_tests_says_so_in_every_language(tmp_path: Path) -> None:
    """TEST005 for a missing tests folder: not "a test names something the policy does not
    have", which its plain sentence says of its other shape."""
    from engine.humane import finding_text
    from engine.testing import _read_tables

    _files, found, _not_run = _read_tables(tmp_path)
    [d] = found
    assert d.code == "TEST005" and dict(d.params) == {"form": "no_folder"}
    _assert_says_its_message(d)
    assert "テストのフォルダーがありません" in finding_text(d, "ja")


@pytest.mark.parametrize(("edit", "form"), [
    (lambda x: x.replace('version="1.2"', 'version="2.0"', 1), "version"),
    (lambda x: x.replace("?>", "?><!DOCTYPE xliff>", 1), "doctype"),
    (lambda x: x.replace("</file>", "</file><file original='x' source-language='ja' "
                         "datatype='plaintext'><body/></file>", 1), "files")])
def test_an_xliff_file_of_another_kind_is_said_in_the_translators_language(
        tmp_path: Path, edit: Any, form: str) -> None:
    """XLIFF 2.0, a DOCTYPE, two <file> elements: what a translator's CAT tool may have saved,
    said in ja and ru (XLIFF001's shapes), the English exactly its message."""
    from engine.exchange.xliff import export_xliff, read_xliff
    from engine.findings import PolicyLoadError

    from .conftest import POLICY

    path = tmp_path / "ru.xlf"
    path.write_text(edit(export_xliff(load_folder(POLICY), "ru")), "utf-8")
    with pytest.raises(PolicyLoadError) as raised:
        read_xliff(path)
    [d] = raised.value.diagnostics
    assert d.code == "XLIFF001" and dict(d.params)["form"] == form, d
    _assert_says_its_message(d)


def test_a_clause_number_in_a_template_is_cited_as_each_language_cites_it() -> None:
    # LANG002 names the clause by its number: a clause below the top (4.2) is 第4項第2号 in
    # Japanese, as every other finding cites it (engine/citation.py), never "第4.2項".
    for form in ("", "unlisted"):
        params: dict[str, str | int | float | bool] = {
            "number": "4.2", "prevailing": "ja", "lang": "ru", "known": "",
            **({"form": form} if form else {})}
        said = {lang: fill(template(WORDS["LANG002"].message, lang, params) or "", lang, params)
                for lang in ("ja", "ru", "en")}
        assert said["ja"].startswith("第4項第2号が、"), said
        assert said["ru"].startswith("в п. 4.2 не назван"), said
        assert said["en"].startswith("clause 4.2 does not name"), said
