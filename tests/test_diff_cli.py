"""`policy diff` from the command line: formats, `--check` codes and positions, bundles as
inputs, exit codes; plus the pieces it is built from (word diff, changelog, redline page)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from engine.changelog import open_entry, parse
from engine.cli import main
from engine.diff import TextDiff, diff_sides, side_from_folder, word_diff
from engine.values import replace
from render.redline import CSP, render_diff_page

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "diff"
BASE = str(FIXTURES / "base")


def case(name: str) -> str:
    return str(FIXTURES / "cases" / name)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_text_format_states_what_the_change_does() -> None:
    code, out = run("diff", BASE, case("ground-removed"))
    assert code == 0
    lines = out.splitlines()
    assert "the answers: allow less; required bump: MINOR (expected 1.1.0)" in lines[1]
    statement = next(ln for ln in lines if ln.strip().startswith("now denied:"))
    assert "disclose contact, identity for required_by_law" in statement
    assert "was allowed by clause 3.1" in statement


def test_check_names_what_to_fix_with_codes_and_positions() -> None:
    code, out = run("diff", BASE, case("purpose-added"), "--check")
    assert code == 1
    found = [ln for ln in out.splitlines() if re.search(r": DIFF00\d ", ln)]
    where = [(ln.split(": ")[0].rsplit("/", 1)[-1], ln.split(": ")[1].split()[0]) for ln in found]
    assert where == [("ja.yaml:4:12", "DIFF001"), ("ja.yaml:13:5", "DIFF002"),
                     ("CHANGELOG.md:3:1", "DIFF003")]
    assert "2.0.0" in found[0]  # says which version it must become


def test_check_is_clean_when_nothing_changed() -> None:
    assert run("diff", BASE, BASE, "--check")[0] == 0


def test_check_flags_a_version_bump_without_a_change(tmp_path: Path) -> None:
    for name in ("ja.yaml", "ru.yaml", "en.yaml"):
        text = (FIXTURES / "base" / name).read_text("utf-8")
        (tmp_path / name).write_text(text.replace("version: 1.0.0", "version: 1.0.1"), "utf-8")
    code, out = run("diff", BASE, str(tmp_path), "--check")
    assert code == 1
    assert [ln.split(": ")[1].split()[0] for ln in out.splitlines() if "DIFF00" in ln] == [
        "DIFF001"]


def _release_findings(tmp_path: Path) -> list[Any]:
    """Every shape of DIFF001-003: a bump that is needed, a bump with nothing to need it, a
    date that did not move, a changelog with no entry, none at all, or another date."""
    from engine.diff.classify import check_release

    bumped = tmp_path / "bumped"
    bumped.mkdir()
    for name in ("ja.yaml", "ru.yaml", "en.yaml"):
        text = (FIXTURES / "base" / name).read_text("utf-8")
        (bumped / name).write_text(text.replace("version: 1.0.0", "version: 1.0.1"), "utf-8")
    base = side_from_folder(BASE)
    head = side_from_folder(case("purpose-added"))
    found = [*check_release(diff_sides(base, head)),
             *check_release(diff_sides(base, side_from_folder(bumped))),
             *check_release(diff_sides(base, replace(head, changelog=None))),
             *check_release(diff_sides(base, replace(
                 head, changelog="# Changelog\n\n## [2.0.0] - 2001-01-01\n")))]
    return [d for d in found if d.code.startswith("DIFF")]


def test_release_findings_say_in_english_their_message_and_in_ja_ru_their_own_words(
        tmp_path: Path) -> None:
    from engine.humane import finding_text

    from .test_finding_words import JAPANESE, _assert_says_its_message

    found = _release_findings(tmp_path)
    shapes = {(d.code, dict(d.params).get("form")) for d in found}
    assert shapes == {("DIFF001", None), ("DIFF001", "none"), ("DIFF002", None),
                      ("DIFF003", None), ("DIFF003", "file"), ("DIFF003", "date")}
    for d in found:
        _assert_says_its_message(d)
        assert re.search(f"[{JAPANESE}]", finding_text(d, "ja")), d
        assert re.search("[а-яё]", finding_text(d, "ru")), d
    needed = next(d for d in found if d.code == "DIFF001" and not dict(d.params).get("form"))
    # the reason in plain words, not the diff's count of questions
    assert "許可される利用が以前より広がった" in finding_text(needed, "ja")
    assert "question" not in needed.message and "2.0.0" in needed.message


def test_check_speaks_the_readers_language() -> None:
    """`policy diff --check` (the legal team's pre-commit hook) says its findings in
    POLICY_LANG, as `policy check` does; --lang chooses it too."""
    said = {}
    for env, extra in (({"POLICY_LANG": "ja"}, []), ({"POLICY_LANG": "ru"}, []),
                       ({}, ["--lang", "ru"]), ({}, [])):
        result = CliRunner(env=env).invoke(
            main, ["diff", BASE, case("purpose-added"), "--check", *extra])
        assert result.exit_code == 1
        said[(env.get("POLICY_LANG"), *extra)] = [
            ln.split(": ", 1)[1] for ln in result.output.splitlines() if ": DIFF00" in ln]
    assert said[("ja",)][0].startswith("DIFF001 今回の変更で許可される利用が以前より広がったため")
    assert said[("ru",)][0].startswith("DIFF001 политика разрешает больше, чем раньше; требуемое")
    assert said[(None, "--lang", "ru")] == said[("ru",)]
    assert said[(None,)][0].startswith("DIFF001 change requires a MAJOR bump")
    assert all(len(lines) == 3 for lines in said.values())


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "error: git is not installed (install git, or ask a developer) [GIT002]"),
    ("ja", "git がインストールされていません（git をインストールするか、開発者に相談してください）"),
    ("ru", "git не установлен (установите git или обратитесь к разработчику)")])
def test_without_git_the_diff_says_git_is_missing_not_that_the_folder_is_outside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on it
    monkeypatch.setenv("POLICY_LANG", lang)
    result = CliRunner().invoke(main, ["diff", "--policy", str(ROOT / "policy")])
    assert result.exit_code == 2
    assert said in result.output
    assert "GIT001" not in result.output and "repository" not in result.output


@pytest.mark.parametrize(("args", "said"), [
    # what was typed names nothing: said as the command line's problem, the hint a sentence
    (["nosuchrev"], "コマンドの指定：リビジョン「nosuchrev」が見つかりません。コミット、タグ、ブランチの"
                    "いずれかを、main や HEAD~1 のように指定してください。"),
    (["--branch", "nosuch"], "編集内容と比べるブランチ「nosuch」がありません（特に指示がなければ、"
                             "--branch は main のままにしてください）")])
def test_a_revision_or_branch_that_names_nothing_is_said_plainly(
        args: list[str], said: str) -> None:
    """In the reader's words, with what to type instead (a branch at the policy folder, a
    revision as the command line's problem): never at "<policy>", never git's English as a
    detail."""
    result = CliRunner(env={"POLICY_LANG": "ja"}).invoke(
        main, ["diff", *args, "--policy", str(ROOT / "policy")])
    assert result.exit_code == 2
    assert said in result.output
    assert "<policy>" not in result.output and "詳細" not in result.output


def test_json_format_is_deterministic_and_complete() -> None:
    first = run("diff", BASE, case("prohibition-added"), "--format", "json", "--check")
    second = run("diff", BASE, case("prohibition-added"), "--format", "json", "--check")
    assert first == second
    body = json.loads(first[1])
    assert body["classification"] == "narrows"
    assert body["required_bump"] == "minor"
    assert body["decisions"]["questions_compared"] == 3 * 4 * 5 * 8  # terms with groups × flags
    assert [c["code"] for c in body["check"]] == ["DIFF001", "DIFF002", "DIFF003"]
    assert all(s.startswith("now denied:") for s in body["statements"])


def test_markdown_format_for_a_pull_request() -> None:
    code, out = run("diff", BASE, case("clause-reworded"), "--format", "markdown")
    assert code == 0
    assert out.startswith("## Policy diff\n")
    assert "required bump **PATCH**" in out
    assert "<details><summary>clause 1.1 \\[ja\\] text</summary>" in out


def test_bundles_compare_decisions_and_vocabulary(tmp_path: Path) -> None:
    for name, folder in (("a.json", BASE), ("b.json", case("purpose-added"))):
        code, _ = run("bundle", "--policy", folder, "--out", str(tmp_path / name))
        assert code == 0
    code, out = run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"),
                    "--format", "json")
    assert code == 0
    body = json.loads(out)
    assert body["classification"] == "expands"
    assert body["text"] is None
    assert body["vocabulary"] == [{"change": "added", "kind": "purposes", "term": "research"}]


def test_html_redline_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "changes.html"
    code, printed = run("diff", BASE, case("russian-only"), "--format", "html", "--lang", "ru",
                        "--out", str(out))
    assert code == 0 and printed.strip() == str(out)
    page = out.read_text("utf-8")
    assert '<html lang="ru">' in page
    assert "<del>" in page and "<ins>" in page


@pytest.mark.parametrize(("lang", "cited", "answers", "compared"), [
    ("ja", "第4項", "許可される範囲が狭まる", ",920,000件の問いを比較。"),
    ("ru", "п. 4", "разрешает меньше", "\u00a0920\u00a0000 вопросов"),
    ("en", "clause 4", "allows less", ",920,000 questions")])
def test_the_redline_page_cites_counts_and_classifies_in_the_readers_language(
        lang: str, cited: str, answers: str, compared: str) -> None:
    """The page cited 第 4 (the Japanese word for "clause" before the dotted number, not
    第4項), classified the change by the code's word (`narrows`) on every edition, and
    printed the count of questions without separators."""
    diff = diff_sides(side_from_folder(FIXTURES / "base", "base"),
                      side_from_folder(FIXTURES / "cases" / "prohibition-added", "head"))
    page = render_diff_page(diff, lang)
    assert f">{cited}</span>" in page and "第 " not in page
    assert f"<dd>{answers}</dd>" in page and "narrows" not in page
    shipped = ROOT / "policy"  # a policy against itself: 1,920,000 questions, none changed
    same = render_diff_page(diff_sides(side_from_folder(shipped, "base"),
                                       side_from_folder(shipped, "head")), lang)
    count = re.search(r"<p>(\d[\d,\u00a0]*)( ?)[^<]*</p>", same)
    assert count is not None and compared in count.group(0), same[:3000]
    assert len(count.group(1)) > 7 and count.group(2) == ("" if lang == "ja" else " ")


def test_unknown_side_is_exit_2_without_traceback(tmp_path: Path) -> None:
    code, out = run("diff", str(tmp_path / "nowhere"), BASE, "--policy", str(tmp_path))
    assert code == 2
    assert "Traceback" not in out


def test_broken_folder_reports_positions_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "ja.yaml").write_text("lang: ja\nfacts: [\n", "utf-8")
    code, out = run("diff", BASE, str(tmp_path))
    assert code == 2
    assert re.search(r"ja\.yaml:\d+:\d+: error: .* \[YAML016\]", out)  # said for people
    code, out = run("diff", BASE, str(tmp_path), "--format", "json")
    assert code == 2
    assert re.search(r"ja\.yaml:\d+:\d+: YAML016", out)  # tools keep the machine line


# ------------------------------------------------------------------------- word diff


@given(st.text(max_size=60), st.text(max_size=60), st.sampled_from(["ja", "ru", "en"]))
def test_word_diff_rebuilds_both_texts(old: str, new: str, lang: str) -> None:
    ops = word_diff(old, new, lang)
    assert "".join(t for tag, t in ops if tag != "+") == old
    assert "".join(t for tag, t in ops if tag != "-") == new


def test_japanese_is_compared_by_character_and_russian_by_word() -> None:
    assert word_diff("同意を得て取得", "同意を得た場合に取得", "ja") == (
        ("=", "同意を得"), ("-", "て"), ("+", "た場合に"), ("=", "取得"))
    assert word_diff("мы собираем данные", "мы храним данные", "ru") == (
        ("=", "мы "), ("-", "собираем"), ("+", "храним"), ("=", " данные"))


# ------------------------------------------------------------------------- changelog


def test_changelog_entries_of_the_shipped_file() -> None:
    log = parse((ROOT / "CHANGELOG.md").read_text("utf-8"))
    assert log.find("Unreleased") is not None
    assert log.versions[-1] == "1.0.0"
    assert log.find("1.0.0") is not None and log.find("1.0.0").date == "2010-04-20"  # type: ignore[union-attr]


def test_opening_an_entry_only_inserts() -> None:
    text = (FIXTURES / "base" / "CHANGELOG.md").read_text("utf-8")
    new = open_entry(text, "1.1.0", "2026-12-01", {"Changed": ["Now denied: x"]})
    assert [ln for ln in new.splitlines() if ln not in text.splitlines()] == [
        "## [1.1.0] - 2026-12-01", "### Changed", "- Now denied: x"]
    assert parse(new).versions == ("1.1.0", "1.0.0")
    assert open_entry(new, "1.1.0", "2026-12-02", {"Changed": ["y"]}) == new


# ------------------------------------------------------------------------- redline


def test_redline_escapes_everything_and_runs_no_script() -> None:
    """Validation refuses raw HTML in the YAML; the page escapes anyway (defence in depth), so
    hostile text is put straight into the diff here."""
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    diff = diff_sides(side_from_folder(BASE), side_from_folder(case("russian-only")))
    assert diff.text is not None
    change = replace(diff.text.changes[0], old=hostile, new=hostile + "!",
                     ops=word_diff(hostile, hostile + "!", "ru"))
    structure = replace(diff.text.structure[0], key=hostile) if \
        diff.text.structure else None
    text = TextDiff(tuple(s for s in [structure] if s), (change,))
    hostile_diff = replace(diff, text=text, base=replace(diff.base, label=hostile))
    page = render_diff_page(hostile_diff, "ru")
    assert "<script" not in page and "<img" not in page and 'onerror="' not in page
    assert "&lt;script&gt;" in page
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    assert page == render_diff_page(hostile_diff, "ru")  # deterministic
    with pytest.raises(ValueError):
        render_diff_page(hostile_diff, "xx")


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_redline_page_per_language(lang: str) -> None:
    diff = diff_sides(side_from_folder(BASE), side_from_folder(case("purpose-added")))
    page = render_diff_page(diff, lang)
    assert f'<html lang="{lang}">' in page
    assert page.count("<li class=\"allowed\">") == 2
    label = {"ja": "研究", "ru": "Исследования", "en": "Research"}[lang]
    assert label in page


def test_the_russian_page_heads_its_sections_in_plain_russian(tmp_path: Path) -> None:
    """Not «Что меняет изменение» ("what the change changes") over the decisions, nor a
    column «Сведение» (a word Russian does not use for one fact) over the changed facts."""
    import shutil

    page = render_diff_page(diff_sides(side_from_folder(BASE),
                                       side_from_folder(case("purpose-added"))), "ru")
    assert "<h2>К чему приводит изменение</h2>" in page
    head = tmp_path / "policy"
    shutil.copytree(BASE, head)
    ja = head / "ja.yaml"
    ja.write_text(ja.read_text(encoding="utf-8").replace("info@cafetalk.com", "help@cafetalk.com"),
                  encoding="utf-8")
    page = render_diff_page(diff_sides(side_from_folder(BASE), side_from_folder(str(head))), "ru")
    assert ('<th scope="col">Языковая версия</th><th scope="col">Сведения</th>'
            '<th scope="col">Было</th>') in page
    # the declared uses are named as `policy report` names them («виды», not «способы»)
    from engine.change_report import STRINGS
    from render.redline import WORDS

    assert WORDS["ru"]["uses"].startswith(STRINGS["ru"]["uses"] + ",")


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_redline_page_tells_a_screen_reader_where_words_were_deleted_and_inserted(
        lang: str) -> None:
    """Most screen readers read <del> and <ins> as plain text ("WeTo improve"): the page's own
    stylesheet has them say where each starts and ends, in the page's language, in text never
    shown, as the site's redlines do; the stylesheet is still the one the CSP's hash allows."""
    from render.redline import STYLE, STYLE_HASH
    from render.strings import frames

    diff = diff_sides(side_from_folder(BASE), side_from_folder(case("russian-only")))
    page = render_diff_page(diff, lang)
    assert lang == "en" or "<del>" in page or "<ins>" in page  # en: its text did not change
    style = page[page.index("<style>") + 7:page.index("</style>")]
    assert style == STYLE and STYLE_HASH in CSP
    f = frames(lang)
    # The cues are text of the page's language (render/assets.py `cued`): inside the Japanese
    # text (lang="ja") of a Russian page, words a stylesheet generated were read in Japanese.
    for tag, kind in (("del", "deletion"), ("ins", "insertion")):
        start = f'<span class="cue" lang="{lang}"> [{f[kind + "_start"]}] </span>'
        end = f'<span class="cue" lang="{lang}"> [{f[kind + "_end"]}] </span>'
        runs = re.findall(rf"<{tag}>[^<]*</{tag}>", page)
        assert page.count(start + "<" + tag + ">") == page.count(f"</{tag}>" + end) == len(runs)
    assert page.count('class="cue"') == 2 * (page.count("<del>") + page.count("<ins>"))
    assert [t for t in ("del::", "ins::") if t in style] == []
    hidden = re.search(r"\.cue\{([^}]*)\}", style)
    assert hidden is not None
    assert "position:absolute" in hidden[1] and "clip-path:inset(100%)" in hidden[1]


def test_a_reason_counts_questions_as_the_decisions_line_does() -> None:
    """"allows less (12,800 questions newly denied)", written as the next line's
    "12,800 newly denied" is: it read "12800 questions"."""
    from engine.diff.classify import _count

    assert _count(12800, "question") == "12,800 questions"
    assert _count(1, "question") == "1 question"
    assert _count(3, "unit") == "3 units"


def _visible(page: str) -> str:
    """What a reader of the page sees: its text and the titles shown on hover."""
    import html

    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    hints = " ".join(re.findall(r' title="([^"]*)"', body))
    return html.unescape(re.sub(r"<[^>]+>", " ", body) + " " + hints)


@pytest.fixture(scope="module")
def named_diff(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The shipped policy against a copy of it with one rule narrowed (statements), compared as
    `policy diff 2.1.0` compares (a version, the files being edited), with a unit of every kind
    added, moved and reworded in every edition, the vocabulary and the facts changed."""
    import shutil

    from engine.diff import FactChange, StructureChange, TermChange, TextChange
    from engine.diff.text import UnitRef
    from engine.model import master_units

    shipped = ROOT / "policy"
    folder = tmp_path_factory.mktemp("named") / "policy"
    shutil.copytree(shipped, folder)
    master = folder / "ja.yaml"
    rule = "purposes: [newsletter, service_information]\n        when: {opted_out: true}"
    master.write_text(master.read_text("utf-8").replace(
        rule, rule.replace(", service_information", "")), "utf-8")
    base = replace(side_from_folder(shipped, "base"), label="version 2.1.0 (373e0dcd5b)",
                   named=("version", "2.1.0"))
    head = replace(side_from_folder(folder, "head"), label="working tree",
                   named=("working_tree", ""))
    diff = diff_sides(base, head)
    assert diff.decisions.statements and head.master is not None
    units = {u.key: u for u in master_units(head.master)}
    point, note = units["summary.cookie-use"], units["footer.revisions.rev-2026-12-05"]
    item = next(u for u in units.values() if u.number == "4.2")
    clause = next(u for u in units.values() if u.number == "4")

    def ref(u: Any, number: str | None = None) -> UnitRef:
        return UnitRef(u.key, u.id_path, u.number if number is None else number, "", 0)

    structure = (StructureChange("added", note.key, None, ref(note)),
                 StructureChange("moved", item.key, ref(item, "3.2"), ref(item)),
                 StructureChange("renumbered", clause.key, ref(clause, "3"), ref(clause)))
    changes = tuple(TextChange(lang, u.key, fld, ref(u), ref(u), "a b", "a c",
                               word_diff("a b", "a c", lang), lang == "ja")
                    for lang in ("ja", "ru", "en")
                    for u, fld in ((point, "text"), (note, "text"), (clause, "title"),
                                   (item, "text")))
    vocabulary = (TermChange("purposes", "lesson_matching", "relabelled", "en",
                             "matching lesson requests", "optimizing lesson requests"),
                  TermChange("context", "recipient_abroad", "added"),
                  TermChange("purposes", "service_information", "removed"),
                  TermChange("data", "personal", "members", old=("identity", "contact"),
                             new=("identity", "contact", "payment")))
    facts = (FactChange("ja", "revisions", "rev-2026-12-04 2026-12-04",
                        "rev-2026-12-04 2026-12-04, rev-2026-12-05 2026-12-05"),
             FactChange("ja", "prevailing_language", "ja", "ja"),
             FactChange("en", "revised", "2026-12-04", "2026-12-05"),
             FactChange("ru", "version", "2.1.0", "2.2.0"))
    return replace(diff, text=TextDiff(structure, changes), vocabulary=vocabulary, facts=facts)


# The Latin words a ja or ru page's own frame may hold: the level of a bump as `policy report`
# glosses it (マイナー（minor）, дополнение (minor)); a, b, c are the words edited below.
_LATIN_IN_FRAME = {"major", "minor", "patch", "a", "b", "c"}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_the_redline_page_names_everything_in_its_readers_words(named_diff: Any,
                                                                 lang: str) -> None:
    """The ja and ru pages of `policy diff 2.1.0 --format html` read "version 2.1.0
    (373e0dcd5b) → working tree", listed each change's vocabulary ids ("collect · payment ·
    newsletter, service_information"), named units by key ("footer.revisions.rev-2026-12-05
    added (footer.revisions.rev-2026-12-05)", "summary.cookie-use [en, text]") and said the
    structure, vocabulary and facts in English; the en page the same ids, keys and hash. Each
    page now says them in its own language as `policy report` and `policy check` do."""
    diff = named_diff
    page = render_diff_page(diff, lang)
    seen = _visible(page)
    assert not re.search(r"\b[0-9a-f]{10}\b", seen), "a commit's hash"
    assert not re.search(r"\b(?:summary|footer|clause|facts)[.:][\w.-]+", seen), "a unit key"
    assert " · " not in seen
    labels = " ".join(str(label) for pol in (diff.base.policy, diff.head.policy)
                      for kind in pol.vocabulary.values() for term in kind.values()
                      for label in term.get("labels", {}).values()).lower()
    ids = {term for pol in (diff.base.policy, diff.head.policy)
           for kind in pol.vocabulary.values() for term in kind
           if term.lower().replace("_", " ") not in labels}
    words = set(re.findall(r"[A-Za-z][\w-]*", seen))
    assert not ids & words, sorted(ids & words)
    side = {"ja": "バージョン2.1.0 → 編集中のファイル", "ru": "версия 2.1.0 → редактируемые файлы",
            "en": "version 2.1.0 → the files being edited"}[lang]
    assert side in seen
    said = {"ja": ("追加：2026年12月5日の改定のお知らせ", "要点「", "（英語・本文）",
                   "移動：第4項第2号", "（変更前：第3項第2号）", "番号の変更：第4項",
                   "英語版での表示名を変更", "用語を追加：状況「", "改定履歴", "正文の言語"),
            "ru": ("Добавлено: заметка о редакции от 5\u00a0декабря 2026", "Тезис «",
                   "(русский, текст)", "Перемещено: п. 4.2", "(ранее: п. 3.2)",
                   "Изменён номер: п. 4", "Изменено название в английской версии",
                   "Добавлен термин словаря: флаг контекста «", "История редакций",
                   "Японская версия"),
            "en": ("Added: the release note of the revision of December 5, 2026",
                   "The key point “", "(English, text)", "Moved: clause 4.2",
                   "(before: clause 3.2)", "Renumbered: clause 4",
                   "The English label of the purpose", "the context flag “",
                   "Revision history", "Japanese")}[lang]
    missing = [s for s in said if s not in seen]
    assert not missing, (missing, seen[-4000:])
    if lang != "en":
        # What is left once the English edition's own text and the quoted labels are taken
        # out is the page's frame: none of it in English (it printed "version", "working
        # tree", "added", "term", "relabelled", "text", "en", "revisions", "MINOR", ...).
        frame = re.sub(r'<(\w+)[^>]* lang="en"[^>]*>.*?</\1>', "", page, flags=re.S)
        frame = re.sub(r"「[^」]*」|«[^»]*»", "", _visible(frame))
        english = set(re.findall(r"[A-Za-z][\w-]*", frame)) - _LATIN_IN_FRAME
        assert not english, sorted(english)


# What the text of `policy diff` says in English around the statements and the findings: in
# Japanese and Russian none of it may be left in English.
ENGLISH_FRAME = ("version ", "the answers", "required bump", "because:", "Decisions:",
                 "questions compared", "newly allowed", "newly denied", "now allowed",
                 "now denied", "forbidden by", "was allowed", "clause", "Vocabulary:",
                 "Text:", "Facts:", "Declared uses:", "no changes", "term added", "moved",
                 "renumbered", "relabelled", "facts.", "[en]", "[ja]", "[ru]", "working tree",
                 "merge-base", "ready to merge", "Ready to merge")


def _frame(out: str) -> str:
    """The text without what the policy's English edition says (a text change shows it)."""
    return "\n".join(re.split(r"\[-|\{\+", ln)[0] for ln in out.splitlines())


@pytest.mark.parametrize("lang", ["ja", "ru"])
@pytest.mark.parametrize("name", ["purpose-added", "ground-removed", "prohibition-added",
                                  "clause-moved", "clause-reworded", "russian-only"])
def test_the_text_is_said_in_the_readers_language(lang: str, name: str) -> None:
    """`policy diff --lang ja|ru` (or POLICY_LANG) said only its findings in the reader's
    language: the sides, the version line, the reasons, the counts, each statement (by
    vocabulary id), the vocabulary, text and facts were English."""
    result = CliRunner(env={"POLICY_LANG": lang}).invoke(
        main, ["diff", BASE, case(name), "--check"])
    assert result.exit_code == 1, result.output
    frame = _frame(re.sub(r"\S*fixtures/diff/\S*", "PATH", result.output))  # the sides' paths
    for english in ENGLISH_FRAME:
        assert english not in frame, (english, result.output)
    assert re.search("[а-яё]" if lang == "ru" else "[ぁ-ん]", frame.splitlines()[1])


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", ["比較した問い：576件。新たに許可：24件、新たに禁止：0件",
            "新たに許可：第三者への提供 — ", "（第3項）", "理由：", "新たに許可される問い：24件",
            "必要なバージョンの上げ方：メジャー（major）→2.0.0",
            "まだマージできません。上記の3件を修正してください。"]),
    ("ru", ["Сравнено вопросов: 576; теперь разрешено: 24, теперь запрещено: 0",
            "Теперь разрешено: предоставление третьим лицам — ", "(п. 3)", "Почему:",
            "вопросов, ответ на которые стал «разрешено»: 24", "существенное (major) → 2.0.0",
            "Не готово к слиянию: исправьте 3 ошибки (см. выше)."]),
    ("en", ["Decisions: 576 questions compared; 24 newly allowed, 0 newly denied",
            "  now allowed: disclose contact, identity for research when consent (clause 3)",
            "  because: allows more (24 questions newly allowed)",
            "Not ready to merge: 3 problems to fix (above)."]),
])
def test_the_text_says_the_statements_by_label_and_ends_with_a_verdict(
        lang: str, said: list[str]) -> None:
    code, out = run("diff", BASE, case("purpose-added"), "--check", "--lang", lang)
    assert code == 1
    for words in said:
        assert words in out, (words, out)
    assert out.splitlines()[-1] == said[-1]


@pytest.mark.parametrize(("lang", "verdict"), [
    ("ja", "マージできます。"), ("ru", "Готово к слиянию: "), ("en", "Ready to merge: ")])
def test_a_passing_check_says_so(lang: str, verdict: str) -> None:
    """A `policy diff --check` that passed ended on "no changes" (or the last change), as a
    plain `policy diff` does: nothing said the change could be merged."""
    code, out = run("diff", BASE, BASE, "--check", "--lang", lang)
    assert code == 0
    assert out.splitlines()[-1].startswith(verdict), out
    # without --check, no verdict: the diff only says what changed
    assert not run("diff", BASE, BASE, "--lang", lang)[1].splitlines()[-1].startswith(verdict)


def test_counts_are_written_as_the_language_writes_them() -> None:
    from engine.saying import fill

    assert [fill("{n:@count}", lang, {"n": 1920000}) for lang in ("ja", "ru", "en")] == [
        "1,920,000", "1\u00a0920\u00a0000", "1,920,000"]


def _shape(out: str) -> list[str]:
    """Which lines are a part's items (indented) and which are not."""
    return ["item" if ln.startswith("  ") else "line" for ln in out.splitlines()]


@pytest.mark.parametrize("name", ["purpose-added", "ground-removed", "prohibition-added",
                                  "clause-moved", "clause-reworded", "russian-only"])
def test_every_language_lays_the_text_out_alike(name: str) -> None:
    """The text is laid out once (engine/diff/format.py `format_text`) and each language only
    says its parts: the same lines in the same places in ja, ru and en, but for the heading
    over the reasons that Japanese and Russian have ("理由：", "Почему:") and English does
    not (each of its reasons says "because:")."""
    shapes = {}
    for lang in ("en", "ja", "ru"):
        out = run("diff", BASE, case(name), "--check", "--lang", lang)[1]
        why = {"en": None, "ja": "理由：", "ru": "Почему:"}[lang]
        shapes[lang] = _shape("\n".join(ln for ln in out.splitlines() if ln != why))
    assert shapes["ja"] == shapes["en"] == shapes["ru"]
    assert "item" in shapes["en"]


def test_diff_check_exits_as_the_readme_table_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   ) -> None:
    """The README's table for CI gives each gate's exit codes. `policy diff --check` said "0 ok,
    1 fix needed", but a side it cannot load (a broken YAML file in the pull request, a base
    a shallow clone does not reach) stops it with 2, as `policy diff`: a CI engineer reading
    the table took 2 for a crash. Each code the command gives is in its row."""
    import shutil

    readme = (ROOT / "README.md").read_text("utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `policy diff --check`"))
    said = row.rsplit("|", 2)[1]
    head = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", head)
    monkeypatch.chdir(ROOT)
    codes = [run("diff", "policy", str(head), "--check")[0]]
    master = head / "ja.yaml"
    master.write_text(master.read_text("utf-8").replace("title: メール配信の停止\n",
                                                        "title: メール配信の停止等\n"), "utf-8")
    codes.append(run("diff", "policy", str(head), "--check")[0])
    english = head / "en.yaml"
    english.write_text(english.read_text("utf-8").replace(
        "title: Definition and Use", 'title: "Definition and Use', 1), "utf-8")
    codes.append(run("diff", "policy", str(head), "--check")[0])
    assert codes == [0, 1, 2]
    for code, meaning in zip(codes, ("ok", "fix needed", "cannot be loaded"), strict=True):
        assert re.search(rf"\b{code} [^,]*{meaning}", said), said
