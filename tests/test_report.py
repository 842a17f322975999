"""`policy report`: golden Markdown for each kind of change in tests/fixtures/diff (in English,
and in Japanese and Russian for two of them), the 65,536-character limit, and the CLI.

Regenerate after an intended change with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report.py`
and review the diff of tests/golden/report.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.change_report import LIMIT, STRINGS, render_report
from engine.cli import main
from engine.diff import diff_sides, side_from_folder

from .conftest import ROOT

FIXTURES = Path("tests/fixtures/diff")  # relative: the report names the files it cites
CASES = sorted(p.stem for p in (ROOT / FIXTURES / "cases").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "report"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
RUNS = [(case, "en") for case in CASES] + [(c, lang) for c in ("purpose-added",
                                                               "prohibition-added")
                                           for lang in ("ja", "ru")]


def report(case: str, lang: str, limit: int = LIMIT) -> str:
    head = FIXTURES / "cases" / case
    diff = diff_sides(side_from_folder(FIXTURES / "base", "base"),
                      side_from_folder(head, f"head ({case})"))
    return render_report(diff, lang, head_folder=head, limit=limit) + "\n"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("case, lang", RUNS)
def test_golden(case: str, lang: str) -> None:
    text = report(case, lang)
    golden = GOLDEN / f"{case}.{lang}.md"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_every_language_has_every_string() -> None:
    keys = set(STRINGS["en"])
    for lang, strings in STRINGS.items():
        assert set(strings) == keys, lang
        for key, value in strings.items():
            fields = set(re.findall(r"{(\w+)}", value))
            assert fields == set(re.findall(r"{(\w+)}", STRINGS["en"][key])), (lang, key)


def test_labels_not_ids_and_clauses_cited_in_the_language() -> None:
    text = report("purpose-added", "ru")
    assert "п. 2.3" in text and "research" not in text.replace("clause-purposes-purpose-research", "")


def _tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.mark.parametrize("limit", [3000, 2500])
def test_a_long_report_is_summarised_never_cut_mid_table(limit: int) -> None:
    full = report("prohibition-added", "ru")
    assert len(full) > limit
    text = report("prohibition-added", "ru", limit=limit)
    assert len(text) - 1 <= limit  # (report() adds the newline a file ends with)
    assert "Перечислено изменений" in text or "Показано строк" in text
    for table in _tables(text):
        width = table[0].count("|")
        assert all(line.endswith("|") and line.count("|") - line.count("\\|") == width
                   for line in table)


def test_cli_prints_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = CliRunner().invoke(main, ["report", str(FIXTURES / "base"),
                                       str(FIXTURES / "cases" / "russian-only"), "--lang", "ja",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("# 個人情報保護方針の変更")


@pytest.mark.parametrize(("env", "title"), [
    ({"POLICY_LANG": "ja"}, "# 個人情報保護方針の変更"),
    ({"POLICY_LANG": "ru"}, "# Изменение"),
    ({}, "# Privacy policy change"),
])
def test_the_report_follows_the_readers_language_when_not_told(
        env: dict[str, str], title: str) -> None:
    """Like every command a lawyer runs: POLICY_LANG (or the locale) when --lang is not given;
    CI passes --lang."""
    result = CliRunner().invoke(main, ["report", str(FIXTURES / "base"),
                                       str(FIXTURES / "cases" / "russian-only")], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(title), result.output[:200]


def test_the_legal_review_tables_and_the_declared_uses_are_reported() -> None:
    """On the shipped policy, which has tables (policy/tests) and example declarations
    (examples/uses): the report counts the tables' rows and properties as `policy test` runs
    them, and names each declared use a change affects."""
    from engine import load
    from engine.diff import diff_policies
    from engine.loader import load_folder
    from engine.testing import run_tests

    from .conftest import POLICY

    result = run_tests(load_folder(POLICY), load(POLICY), POLICY)
    total = len(result.rows) + len(result.properties)
    same = diff_sides(side_from_folder(POLICY, "base"), side_from_folder(POLICY, "head"))
    text = render_report(same, "en", head_folder=POLICY, uses_dir=ROOT / "examples" / "uses")
    if result.ok:
        assert f"✅ All {total} tests pass." in text
    else:
        assert f"of {total} tests fail" in text
    assert "No declared data use is affected." in text  # the policy against itself
    # Against the fixture base, whose vocabulary differs, the declared uses change answers.
    changed = diff_policies(load(FIXTURES / "base"), load(POLICY))
    text = render_report(changed, "en", uses_dir=ROOT / "examples" / "uses")
    assert "## Declared data uses\n\n```\n" in text


@pytest.mark.parametrize(("lang", "title"), [
    ("ja", "# 個人情報保護方針の変更：main ブランチの最新の状態 → 編集中のファイル"),
    ("ru", "# Изменение политики конфиденциальности: последняя версия в ветке main → "
           "редактируемые файлы"),
    ("en", "# Privacy policy change: the last version on main → the files being edited")])
def test_the_title_names_the_sides_as_the_reader_knows_them(lang: str, title: str) -> None:
    """The merge-base and the working tree in the reader's words: never a commit's hash."""
    from engine.values import replace

    base = replace(side_from_folder(FIXTURES / "base", "merge-base with main (e0e3e2189d)"),
                   named=("merge_base", "main"))
    head = side_from_folder(FIXTURES / "cases" / "russian-only", "working tree")
    assert head.named == ("working_tree", "")
    text = render_report(diff_sides(base, head), lang)
    assert text.splitlines()[0] == title
    assert "e0e3e2189d" not in text


@pytest.mark.parametrize(("lang", "head", "expected", "actual"), [
    ("en", "❌ 2 of {total} tests fail:", "expected: allowed", "actual: Denied by clause 10"),
    ("ru", "❌ Не выполнено примеров: 2 из {total}:", "ожидалось: разрешено",
     "получено: Запрещено согласно п. 10"),
    ("ja", "❌ {total}件中2件のテストが不合格です：", "期待する結果：許可",
     "実際の結果：不許可：第10項")], ids=["en", "ru", "ja"])
def test_each_failed_test_is_listed_once_with_its_question_and_answer(
        tmp_path: Path, lang: str, head: str, expected: str, actual: str) -> None:
    """A failed row and a broken property are two failures, each told once as `policy test`
    tells it (the question, what was expected, the answer; the property and its
    counterexample), in the report's language. Each was also listed a second time as its
    English finding for CI and counted twice ("4 of 200"), and a row was told by its expected
    answer alone ("opt_out.yaml:19: denied by clause 10")."""
    import shutil

    from engine.change_report import review_test_results

    from .conftest import POLICY

    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    table = folder / "tests" / "opt_out.yaml"
    text = table.read_text("utf-8")
    row = "  - ask: use contact newsletter\n    given: [opted_out]\n    expect: deny\n"
    prop = "    given: [opted_out]\n    expect: deny\n"
    assert text.count(row) == 1 and text.endswith(prop)
    text = text.replace(row, row.replace("deny", "allow")).removesuffix(prop)
    table.write_text(text + prop.replace("deny", "allow"), "utf-8")
    results = review_test_results(folder, lang)
    assert results is not None and not results.problems
    assert len(results.failed) == 2, results.failed
    row_line, prop_line = results.failed
    assert row_line.startswith(f"{table}:5: ") and "use contact newsletter; opted_out" in row_line
    assert expected in row_line and actual in row_line
    assert prop_line.startswith(f"{table}:33: ") and "opt-out-stops-everything" in prop_line
    assert "TEST00" not in "".join(results.failed)
    same = diff_sides(side_from_folder(folder, "base"), side_from_folder(folder, "head"))
    report_text = render_report(same, lang, head_folder=folder)
    assert head.format(total=results.total) + "\n\n- " in report_text
    assert report_text.count(f"{table}:5: ") == 1 and report_text.count(f"{table}:33: ") == 1


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_a_flag_that_must_not_hold_is_not_read_as_covering_the_flags_after_it(
        tmp_path: Path, lang: str) -> None:
    """Clause 10's prohibition no longer covering information about the service: `use
    contact service_information` is newly allowed for a user who opted out, but not once they
    asked for erasure. The report and the redline page said "(when not: the user has asked for …
    erasure, the user has opted out of mailings)" and "…erased (not), the user has opted out",
    which read as "and has not opted out": the opposite of what changed. The flags that must
    hold are joined by "and"; those that must not come after "but not when" (in Japanese the
    flags are quoted: 「…」に該当し、かつ、「…」に該当しない)."""
    import shutil

    from engine import load
    from render.redline import render_diff_page

    from .conftest import POLICY

    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    master = folder / "ja.yaml"
    rule = "purposes: [newsletter, service_information]\n        when: {opted_out: true}"
    assert master.read_text("utf-8").count(rule) == 1
    master.write_text(master.read_text("utf-8").replace(
        rule, rule.replace(", service_information", "")), "utf-8")
    changed = diff_sides(side_from_folder(POLICY, "base"), side_from_folder(folder, "head"))
    flags = load(POLICY).vocabulary["context"]
    opted_out, erasure = (str(flags[f]["labels"][lang]) for f in ("opted_out",
                                                                  "erasure_requested"))
    want = {"en": f"when {opted_out}, but not when {erasure}",
            "ru": f"если {opted_out}, но не в тех случаях, когда {erasure}",
            "ja": f"「{opted_out}」に該当し、かつ、「{erasure}」に該当しない"}[lang]
    report_text = render_report(changed, lang)
    page = render_diff_page(changed, lang)
    assert f"({want})" in report_text or f"条件：{want}）" in report_text, report_text
    assert (f"。条件：{want}（" if lang == "ja" else f"; {want} (") in page
    for text in (report_text, page):
        assert "not:" not in text and "нет:" not in text and "(not)" not in text
        assert "(не)" not in text and "(なし)" not in text


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_what_became_denied_is_not_read_as_allowed_under_the_flag_that_must_not_hold(
        tmp_path: Path, lang: str) -> None:
    """4.1 no longer excepting legal obligations: disclosing them to a recipient abroad is newly
    denied when the user has not consented. The report and the redline page said "newly denied
    … (when the recipient … is in a foreign country, unless the user has consented)", which
    reads as the ruling "denied unless consented", so as "allowed with consent"; the change
    says nothing of that case (its answer is what it was). The flag that must not hold is said
    as where the change does not reach, "but not when …"; a decision still says "forbidden
    when …, unless …", which is what its clause rules."""
    from engine import load
    from engine.cli import main
    from render.redline import render_diff_page

    from .conftest import POLICY

    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    master = folder / "ja.yaml"
    excepted = ("except: {purposes: [legal_obligation, protect_life_body_property,\n"
                "                                public_health_child_development")
    assert master.read_text("utf-8").count(excepted) == 1
    master.write_text(master.read_text("utf-8").replace(
        excepted, excepted.replace("legal_obligation, ", "")), "utf-8")
    changed = diff_sides(side_from_folder(POLICY, "base"), side_from_folder(folder, "head"))
    flags = load(POLICY).vocabulary["context"]
    abroad, consent = (str(flags[f]["labels"][lang]) for f in ("recipient_abroad", "consent"))
    want = {"en": f"when {abroad}, but not when {consent}",
            "ru": f"если {abroad}, но не в тех случаях, когда {consent}",
            "ja": f"「{abroad}」に該当し、かつ、「{consent}」に該当しない"}[lang]
    ruling = {"en": f"unless {consent}", "ru": f"кроме случаев, когда {consent}",
              "ja": want}[lang]
    report_text = render_report(changed, lang)
    page = render_diff_page(changed, lang)
    denied = [line for line in report_text.splitlines() if line.startswith("- 🔴")]
    assert len(denied) == 1 and want in denied[0], report_text
    assert want in page
    if lang != "ja":
        assert ruling not in report_text and ruling not in page
    asked = CliRunner().invoke(main, ["ask", "disclose", "identity", "legal_obligation",
                                      "--recipient-abroad", "--policy", str(folder),
                                      "--lang", lang])
    assert ruling in asked.output, asked.output


def _revised(tmp_path: Path) -> Path:
    """The reworded case as `policy revise` leaves it once the notes are written: version
    1.0.1, a revision of 2026-12-06 and its release note in every edition."""
    head = tmp_path / "clause-reworded"
    shutil.copytree(ROOT / FIXTURES / "cases" / "clause-reworded", head)
    edits = {
        "ja.yaml": [("  version: 1.0.0", "  version: 1.0.1"),
                    ("      date: 2022-04-01\n",
                     "      date: 2022-04-01\n    - id: rev-2026-12-06\n      date: 2026-12-06\n"),
                    ("    contact-2022: 2022年4月1日改定\n",
                     "    contact-2022: 2022年4月1日改定\n    rev-2026-12-06: 2026年12月6日改定\n")],
        "ru.yaml": [("  version: 1.0.0", "  version: 1.0.1"),
                    ("2022-04-01        #", "2026-12-06        #"),
                    ('    contact-2022: {text: "Изменено 1 апреля 2022 года"}\n',
                     '    contact-2022: {text: "Изменено 1 апреля 2022 года"}\n'
                     '    rev-2026-12-06: {text: "Изменено 6 декабря 2026 года"}\n')],
        "en.yaml": [("  version: 1.0.0", "  version: 1.0.1"),
                    ("2022-04-01        #", "2026-12-06        #"),
                    ('    contact-2022: {text: "Revised April 1, 2022"}\n',
                     '    contact-2022: {text: "Revised April 1, 2022"}\n'
                     '    rev-2026-12-06: {text: "Revised December 6, 2026"}\n')],
        "CHANGELOG.md": [("## [1.0.0]", "## [1.0.1] - 2026-12-06\n\n### Changed\n"
                                        "- 1.1: wording changed (ja)\n\n## [1.0.0]")]}
    for name, pairs in edits.items():
        text = (head / name).read_text("utf-8")
        for old, new in pairs:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        (head / name).write_text(text, "utf-8")
    return head


@pytest.mark.parametrize(("lang", "added", "why"), [
    ("en", "clause or item added", "- the Japanese wording changed"),
    ("ja", "追加された条項・号", "- 日本語の文言の変更"),
    ("ru", "добавлено пунктов", "- изменён японский текст")])
def test_a_revisions_own_release_note_is_not_counted_as_a_clause_added(
        tmp_path: Path, lang: str, added: str, why: str) -> None:
    """A reworded clause, revised: the new revision's release note is part of the release
    (as `policy diff --check` counts it), not a clause or item added, which would call for a
    MINOR version; the report gave "1 clause or item added" beside "required: patch"."""
    head = _revised(tmp_path)
    diff = diff_sides(side_from_folder(FIXTURES / "base", "base"),
                      side_from_folder(head, "head"))
    text = render_report(diff, lang, head_folder=head)
    version = text.split("\n## ", 2)[1]
    assert why in version
    assert added not in version, version


@pytest.mark.parametrize(("n", "said"), [(1, "✅ Все примеры выполнены успешно: 1 из 1."),
                                         (205, "✅ Все примеры выполнены успешно: 205 из 205.")])
def test_the_russian_line_of_passing_tests_reads_for_any_count(n: int, said: str) -> None:
    # not «Все примеры (1) выполнены успешно»: «все» of a single example
    from engine.saying import fill

    assert fill(STRINGS["ru"]["tests_ok"], "ru", {"n": n}) == said


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_translations_name_each_part_and_what_it_needs(tmp_path: Path, lang: str) -> None:
    """A clause whose Japanese changed and a release note never checked against the master
    (DRIFT002, as `policy revise` leaves a note): the report said of both "the Japanese
    changed after translation: clause 10, and 1 more", which was untrue of the note and hid
    it. Each kind of work is said for what it is, and a part outside the numbered clauses is
    named as `policy check` names it (a release note by its revision's date)."""
    folder = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", folder)
    master = folder / "ja.yaml"
    title = "    title: メール配信の停止\n"
    assert master.read_text("utf-8").count(title) == 1
    master.write_text(master.read_text("utf-8").replace(title, title[:-1] + "等\n"), "utf-8")
    english = folder / "en.yaml"
    stamp = "    rev-2026-12-05:\n      source: 41342e0d29\n      target: d36f308528\n"
    assert english.read_text("utf-8").count(stamp) == 1
    english.write_text(english.read_text("utf-8").replace(stamp, "    rev-2026-12-05:\n"),
                       "utf-8")
    changed = diff_sides(side_from_folder(ROOT / "policy", "base"),
                         side_from_folder(folder, "head"))
    text = render_report(changed, lang, head_folder=folder)
    s = STRINGS[lang]
    note = {"en": "the release note of the revision of 2026-12-05",
            "ru": "заметка о редакции от 2026-12-05", "ja": "2026-12-05の改定のお知らせ"}[lang]
    clause = {"en": "clause 10", "ru": "п. 10", "ja": "第10項"}[lang]
    assert f"  - {s['work_DRIFT']}{s['label_sep']}{clause}\n" in text, text
    assert f"  - {s['work_UNREVIEWED']}{s['label_sep']}{note}\n" in text, text


def test_a_cut_list_ends_as_each_language_ends_it(tmp_path: Path) -> None:
    """A list of parts cut short ends "…, and 4 more", 「…、ほか4件」 and «… и ещё 4»: Russian
    puts no comma before и (the report said «п. 4, и ещё 4»)."""
    folder = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", folder)
    english, russian = folder / "en.yaml", folder / "ru.yaml"
    for edition in (english, russian):
        edition.write_text(re.sub(r"(?m)^ *source: [0-9a-f]{10}\n", "",
                                  edition.read_text("utf-8")), "utf-8")
    changed = diff_sides(side_from_folder(ROOT / "policy", "base"),
                         side_from_folder(folder, "head"))
    said = {lang: render_report(changed, lang, head_folder=folder) for lang in ("en", "ru", "ja")}
    assert re.search(r"[^,] и ещё \d+\n", said["ru"]), said["ru"]
    assert ", и ещё" not in said["ru"]
    assert re.search(r", and \d+ more\n", said["en"]) and re.search(r"、ほか\d+件\n", said["ja"])
