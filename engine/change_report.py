"""`policy report`: one Markdown document about a policy change, for a pull-request comment.

Written for a reviewer who is a lawyer: labels in the chosen language (ja, ru or en), clauses
cited as the edition prints them (engine/citation.py), never ids alone. It shows the version
bump the change needs against the one made; a grid of data categories x purposes whose cells
say what became allowed or denied, each linking to the deciding clause (listed with its title
at the end); the legal review tests; the translations that need work, per language; the
declared data uses the change affects; and, when it changed, where an edition's or a unit's
words come from (`origin:`, which the pages tell readers).

GitHub refuses comments over 65,536 characters, so a report that would be longer is
summarised: tables lose their least-changed rows whole (never a row cut in half) and the
report says what it left out and where to see all of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from .citation import cite
from .decide import CompiledPolicy
from .diff.classify import bump_changes, check_release, parse_version, required_level
from .diff.decisions import Cube, Statement
from .diff.origins import OriginChange
from .diff.result import PolicyDiff, Side
from .diff.text import UnitRef
from .messages import condition_words
from .saying import Param, fill
from .values import record

LIMIT = 65_536

# Every word of the report, per language. {placeholders} are filled by the code below.
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Privacy policy change: {base} → {head}",
        "side_merge_base": "the last version on {name}", "side_version": "version {name}", "side_working_tree": "the files being edited", "side_revision": "{name}",
        "version": "Version",
        "version_line": "Version {base} → {head}. Required version bump: **{required}**; "
                        "made: **{made}**.",
        "made_none": "none", "made_patch": "patch", "made_minor": "minor", "made_major": "major",
        "version_ok": "✅ The version, revision date and changelog match the change.",
        "version_fix": "❌ Fix before merging:",
        "level_none": "none", "level_patch": "patch", "level_minor": "minor",
        "level_major": "major",
        "why": "Why:",
        "why_allowed": "{n:@count} {n:question is|questions are} newly allowed",
        "why_denied": "{n:@count} {n:question is|questions are} newly denied",
        "why_added": "{n} {n:clause or item|clauses or items} added",
        "why_removed": "{n} {n:clause or item|clauses or items} removed",
        "why_moved": "clauses moved or renumbered",
        "why_master": "the Japanese wording changed",
        "why_translations": "translations changed: {langs}",
        "why_vocabulary": "{n} {n:term|terms} of the vocabulary added, removed or regrouped",
        "why_labels": "labels of the vocabulary changed",
        "why_facts": "facts changed: {fields}",
        "decisions": "What may be done with personal information",
        "no_decisions": "No question is answered differently: nothing became allowed or "
                        "denied.",
        "grid_intro": "Rows are categories of personal information, columns are purposes. A "
                      "cell shows a change for at least one action; each symbol links to the "
                      "clause that decides now.",
        "legend": "🟢 newly allowed · 🔴 newly denied · 🟡 some actions newly allowed, "
                  "others newly denied",
        "data_purpose": "Data \\ purpose",
        "changes": "Changes in detail",
        "allowed": "Newly allowed",
        "denied": "Newly denied",
        "change_line": "{symbol} **{action}**: {data} — for {purposes} ({condition}); "
                       "decided by {clauses}",
        "was": "before: {clauses}",
        "was_paren": " ({was})",
        "any_context": "in any case",
        "tests": "Legal review tests",
        "tests_none": "The policy has no legal review tables (policy/tests/*.yaml); nothing "
                      "was run.",
        "tests_ok": "✅ {n:The one test passes|All {n} tests pass}.",
        "tests_failed": "❌ {n} of {total} {total:test|tests} {n:fails|fail}:",
        "tests_problems": "❌ The tests report errors in the tables:",
        "translations": "Translations",
        "translations_ok": "✅ Every translation is up to date.",
        "translations_not_checked": "The translations were not checked: the new side of the "
                                    "comparison is not a policy folder.",
        "lang_line": "**{lang}**: {n} {n:passage needs|passages need} work",
        "work_DRIFT": "the Japanese changed after translation",
        "work_UNREVIEWED": "not yet checked against the Japanese",
        "work_L10N": "not translated",
        "work_PARITY": "does not match the Japanese structure",
        "work_other": "other problems",
        "uses": "Declared data uses",
        "uses_none": "No declarations of data uses were given (a uses/ folder, or --uses), "
                     "so none can be named as affected.",
        "uses_ok": "No declared data use is affected.",
        "clauses": "Deciding clauses",
        "left_out_rows": "{shown} of {total} rows are shown (those with the most changes); "
                         "`policy diff --format markdown` lists every change.",
        "left_out_changes": "{shown} of {total} changes are listed; `policy diff --format "
                            "markdown` lists them all.",
        "left_out_clauses": "{shown} of {total} clauses are listed.",
        "lang_ja": "Japanese", "lang_ru": "Russian", "lang_en": "English",
        "list_sep": ", ", "label_sep": ": ", "more": "and {n} more", "more_sep": ", ", "other_units": "{n} {n:passage|passages}",
        "origins": "Where the words come from",
        "origins_intro": "The published pages now tell readers something else of where these "
                         "words come from (no words changed by it, so it needs no version "
                         "bump):",
        "origin_line": "{place}: {old} → {new}",
        "origin_edition": "the {edition} edition", "origin_unit": "{unit} ({language})",
        "origin_published": "as published",
        "origin_translated": "translated by us, not yet reviewed by our lawyers",
        "origin_reconstructed": "reconstructed from the other editions",
        "origin_none": "not in this edition before",
    },
    "ru": {
        "title": "Изменение политики конфиденциальности: {base} → {head}",
        "side_merge_base": "последняя версия в ветке {name}", "side_version": "версия {name}", "side_working_tree": "редактируемые файлы", "side_revision": "{name}",
        "version": "Версия",
        "version_line": "Версия {base} → {head}. Требуемое повышение версии: **{required}**; "
                        "фактическое: **{made}**.",
        "made_none": "нет", "made_patch": "исправление (patch)",
        "made_minor": "дополнение (minor)", "made_major": "существенное (major)",
        "version_ok": "✅ Версия, дата редакции и журнал изменений соответствуют изменению.",
        "version_fix": "❌ Исправьте перед слиянием:",
        "level_none": "не требуется", "level_patch": "исправление (patch)",
        "level_minor": "дополнение (minor)", "level_major": "существенное (major)",
        "why": "Почему:",
        "why_allowed": "вопросов, ответ на которые стал «разрешено»: {n:@count}",
        "why_denied": "вопросов, ответ на которые стал «запрещено»: {n:@count}",
        "why_added": "добавлено пунктов: {n}",
        "why_removed": "удалено пунктов: {n}",
        "why_moved": "пункты перемещены или перенумерованы",
        "why_master": "изменён японский текст",
        "why_translations": "изменены переводы: {langs}",
        "why_vocabulary": "терминов словаря добавлено, удалено или перегруппировано: {n}",
        "why_labels": "изменены названия терминов словаря",
        "why_facts": "изменены сведения: {fields}",
        "decisions": "Что можно делать с персональной информацией",
        "no_decisions": "Ни на один вопрос ответ не изменился: ничего не стало разрешено или "
                        "запрещено.",
        "grid_intro": "Строки — категории персональной информации, столбцы — цели. Значок в "
                      "клетке означает изменение хотя бы для одного действия и ведёт к "
                      "пункту, который теперь решает вопрос.",
        "legend": "🟢 теперь разрешено · 🔴 теперь запрещено · 🟡 одни действия теперь "
                  "разрешены, другие — запрещены",
        "data_purpose": "Данные \\ цель",
        "changes": "Изменения подробно",
        "allowed": "Теперь разрешено",
        "denied": "Теперь запрещено",
        "change_line": "{symbol} **{action}**: {data} — для целей: {purposes} ({condition}); "
                       "решает {clauses}",
        "was": "ранее: {clauses}",
        "was_paren": " ({was})",
        "any_context": "в любом случае",
        "tests": "Юридические проверочные примеры",
        "tests_none": "У политики нет таблиц юридической проверки (policy/tests/*.yaml); "
                      "ничего не запускалось.",
        "tests_ok": "✅ Все примеры выполнены успешно: {n} из {n}.",
        "tests_failed": "❌ Не выполнено примеров: {n} из {total}:",
        "tests_problems": "❌ Проверка нашла ошибки в таблицах:",
        "translations": "Переводы",
        "translations_ok": "✅ Все переводы актуальны.",
        "translations_not_checked": "Переводы не проверялись: новая сторона сравнения — не "
                                    "папка с политикой.",
        "lang_line": "**{lang}**: фрагментов, требующих доработки: {n}",
        "work_DRIFT": "японский текст изменился после перевода",
        "work_UNREVIEWED": "ещё не сверено с японским текстом",
        "work_L10N": "не переведено",
        "work_PARITY": "не совпадает со структурой японского текста",
        "work_other": "другие замечания",
        "uses": "Заявленные виды использования данных",
        "uses_none": "Декларации использования данных не переданы (папка uses/ или "
                     "--uses), поэтому затронутые назвать нельзя.",
        "uses_ok": "Ни один заявленный вид использования данных не затронут.",
        "clauses": "Решающие пункты",
        "left_out_rows": "Показано строк: {shown} из {total} (с наибольшим числом изменений); "
                         "полный список даёт `policy diff --format markdown`.",
        "left_out_changes": "Перечислено изменений: {shown} из {total}; полный список даёт "
                            "`policy diff --format markdown`.",
        "left_out_clauses": "Перечислено пунктов: {shown} из {total}.",
        "lang_ja": "японский", "lang_ru": "русский", "lang_en": "английский",
        "list_sep": ", ", "label_sep": ": ", "more": "и ещё {n}", "more_sep": " ", "other_units": "фрагментов: {n}",
        "origins": "Происхождение текста",
        "origins_intro": "Опубликованные страницы теперь иначе сообщают читателям, откуда "
                         "этот текст (сами слова от этого не меняются, поэтому повышать версию "
                         "не нужно):",
        "origin_line": "{place}: {old} → {new}",
        "origin_edition": "{edition}", "origin_unit": "{unit} ({language})",
        "origin_published": "опубликованный текст",
        "origin_translated": "наш перевод, ещё не проверенный юристами",
        "origin_reconstructed": "текст, восстановленный по другим языковым версиям",
        "origin_none": "раньше в этой версии не было",
    },
    "ja": {
        "title": "個人情報保護方針の変更：{base} → {head}",
        "side_merge_base": "{name} ブランチの最新の状態", "side_version": "バージョン{name}", "side_working_tree": "編集中のファイル", "side_revision": "{name}",
        "version": "バージョン",
        "version_line": "バージョン {base} → {head}。必要なバージョンの上げ方：**{required}**、"
                        "実際：**{made}**。",
        "made_none": "なし", "made_patch": "パッチ（patch）", "made_minor": "マイナー（minor）",
        "made_major": "メジャー（major）",
        "version_ok": "✅ バージョン番号・改定日・変更履歴は変更内容と一致しています。",
        "version_fix": "❌ マージ前に次の点を修正してください：",
        "level_none": "不要", "level_patch": "パッチ（patch）", "level_minor": "マイナー（minor）",
        "level_major": "メジャー（major）",
        "why": "理由：",
        "why_allowed": "新たに許可される問い：{n:@count}件",
        "why_denied": "新たに禁止される問い：{n:@count}件",
        "why_added": "追加された条項・号：{n}件",
        "why_removed": "削除された条項・号：{n}件",
        "why_moved": "条項・号の移動または番号の変更",
        "why_master": "日本語の文言の変更",
        "why_translations": "翻訳の変更：{langs}",
        "why_vocabulary": "用語の追加・削除・グループ変更：{n}件",
        "why_labels": "用語の表示名の変更",
        "why_facts": "基本情報の変更：{fields}",
        "decisions": "個人情報の取扱いの可否",
        "no_decisions": "答えの変わった問いはありません。新たに許可・禁止されたものはありません。",
        "grid_intro": "行は個人情報の種類、列は利用目的です。記号は、少なくとも一つの行為について"
                      "変更があったことを示し、現在の判断の根拠となる条項にリンクしています。",
        "legend": "🟢 新たに許可 · 🔴 新たに禁止 · 🟡 行為により新たに許可・新たに禁止の両方",
        "data_purpose": "情報＼目的",
        "changes": "変更の詳細",
        "allowed": "新たに許可",
        "denied": "新たに禁止",
        # the conditions apart from the purposes (a list of both read as one list of purposes)
        "change_line": "{symbol} **{action}**：{data}（目的：{purposes}。条件：{condition}）"
                       "根拠：{clauses}",
        "was": "変更前：{clauses}",
        "was_paren": "（{was}）",
        "any_context": "なし（常に）",
        "tests": "法務レビューのテスト",
        "tests_none": "このポリシーには法務レビューの表（policy/tests/*.yaml）がないため、"
                      "何も実行していません。",
        "tests_ok": "✅ 全{n}件のテストに合格しました。",
        "tests_failed": "❌ {total}件中{n}件のテストが不合格です：",
        "tests_problems": "❌ テストの表に誤りがあります：",
        "translations": "翻訳",
        "translations_ok": "✅ すべての翻訳が最新です。",
        "translations_not_checked": "比較の新しい側がポリシーのフォルダーではないため、"
                                    "翻訳は確認していません。",
        "lang_line": "**{lang}**：対応が必要な箇所{n}件",
        "work_DRIFT": "翻訳後に日本語が変更された",
        "work_UNREVIEWED": "日本語とまだ照合されていない",
        "work_L10N": "未翻訳",
        "work_PARITY": "日本語の構成と一致しない",
        "work_other": "その他の指摘",
        "uses": "申告されたデータ利用",
        "uses_none": "データ利用の申告（uses/ フォルダーまたは --uses）が指定されていないため、"
                     "影響を受ける利用を示せません。",
        "uses_ok": "影響を受ける申告済みのデータ利用はありません。",
        "clauses": "判断の根拠となる条項",
        "left_out_rows": "全{total}行のうち変更の多い{shown}行を表示しています。"
                         "すべての変更は `policy diff --format markdown` で確認できます。",
        "left_out_changes": "全{total}件のうち{shown}件の変更を表示しています。"
                            "すべての変更は `policy diff --format markdown` で確認できます。",
        "left_out_clauses": "全{total}件のうち{shown}件の条項を表示しています。",
        "lang_ja": "日本語", "lang_ru": "ロシア語", "lang_en": "英語",
        "list_sep": "、", "label_sep": "：", "more": "ほか{n}件", "more_sep": "、", "other_units": "{n}件",
        "origins": "文言の出所",
        "origins_intro": "公開ページで読者に示す文言の出所が、次のとおり変わります（文言そのものは"
                         "変わらないため、バージョンを上げる必要はありません）：",
        "origin_line": "{place}：{old} → {new}",
        "origin_edition": "{edition}", "origin_unit": "{unit}（{language}）",
        "origin_published": "公表済みの文言",
        "origin_translated": "当社による翻訳（法務担当の確認前）",
        "origin_reconstructed": "他の言語版をもとに復元",
        "origin_none": "これまでこの言語版になかった部分",
    },
}

_SYMBOL = {"allowed": "🟢", "denied": "🔴", "both": "🟡"}


@record
class TestResults:
    """What the legal review tests found: how many ran and the names of those that failed."""

    total: int
    failed: tuple[str, ...]  # one line per failed row or property, in the report's language
    problems: tuple[str, ...] = ()  # the tables' other errors (a rule no row exercises, ...)


def review_test_results(policy_dir: Path | None, lang: str = "en") -> TestResults | None:
    """The legal review tables of the policy folder (`policy test`, engine.testing): how many
    rows and properties ran and which failed; None when the folder has no tables."""
    if policy_dir is None:
        return None
    from .bundle import load
    from .loader import load_folder
    from .testing import load_tables, report_words, run_tests

    tables, _found = load_tables(policy_dir)
    if not tables:
        return None
    result = run_tests(load_folder(policy_dir), load(policy_dir), policy_dir, lang=lang)
    # Each failed row or property once, as `policy test` tells it: the question with what was
    # expected and what the answer is, the property with its counterexample. TEST001 and
    # TEST002 are the same failures as findings for CI: not listed (or counted) again.
    w = report_words(lang)
    gap, dash, sep = ("", "。", "。") if lang == "ja" else (" ", " — ", "; ")

    def then(text: str, mark: str) -> str:  # no 。 after a sentence that has its full stop
        if mark == "。" and text.endswith(("。", ".")):
            return text if text.endswith("。") else text + " "
        return text + mark

    failed = [f"{r.file}:{r.line}: {then(r.question or r.row.ask, dash)}{w['expected']}{gap}"
              f"{then(r.expected, sep)}{w['actual']}{gap}{r.actual}" for r in result.failed_rows]
    failed += [f"{p.file}:{p.line}: "
               + then(w["property"].format(id=p.prop.id, says=p.prop.says), dash)
               + f"{w['counterexample']}{gap}{p.counterexample}"
               for p in result.failed_properties]
    problems = [str(d) for d in result.diagnostics
                if d.severity.name == "ERROR" and d.code not in ("TEST001", "TEST002")]
    return TestResults(len(result.rows) + len(result.properties), tuple(failed),
                       tuple(problems))


def affected_uses(diff: PolicyDiff, uses_dir: Path | None) -> list[str] | None:
    """The declared data uses (engine.uses, the folder `policy diff` reads) whose answer the
    change alters, one line each; None when no declarations are given."""
    if uses_dir is None or not uses_dir.is_dir():
        return None
    from .uses.affected import affected_uses as affected_between
    from .uses.sources import load_uses

    return [a.text() for a in affected_between(diff, load_uses(uses_dir))]


def translation_work(head_folder: Path | None) -> dict[str, dict[str, list[str]]] | None:
    """Per language, per kind of work (DRIFT: the master changed since the unit was
    translated; UNREVIEWED: never checked against the master, DRIFT002; L10N, PARITY, other),
    the units that need it."""
    if head_folder is None:
        return None
    from .check import run_check
    from .findings import Severity

    result = run_check(head_folder)
    master = result.sources.master.lang if result.sources.master is not None else None
    work: dict[str, dict[str, list[str]]] = {}
    for d in result.diagnostics:
        if d.lang is None or d.lang == master or d.severity is Severity.NOTE:
            continue
        family = "UNREVIEWED" if d.code == "DRIFT002" else next(
            (f for f in ("DRIFT", "L10N", "PARITY") if d.code.startswith(f)), "other")
        units = work.setdefault(d.lang, {}).setdefault(family, [])
        unit = d.unit or ""
        if unit not in units:
            units.append(unit)
    return work


class _Words:
    def __init__(self, lang: str, base: CompiledPolicy, head: CompiledPolicy) -> None:
        self.lang = lang
        self.s = STRINGS[lang]
        self.base, self.head = base, head

    def __call__(self, key: str, **fields: Param) -> str:
        return fill(self.s[key], self.lang, fields)  # {n:one|other}: the noun's form for n

    def label(self, kind: str, term: str) -> str:
        for pol in (self.head, self.base):
            if term in pol.vocabulary[kind]:
                labels = pol.vocabulary[kind][term]["labels"]
                return str(labels.get(self.lang) or next(iter(labels.values())))
        return term

    def labels(self, kind: str, terms: Sequence[str]) -> str:
        return self.s["list_sep"].join(self.label(kind, t) for t in terms)

    def condition(self, cubes: Sequence[Cube]) -> str:
        if any(len(c) == 0 for c in cubes):
            return self.s["any_context"]
        return condition_words(cubes, lambda flag: self.label("context", flag), self.lang,
                               change=True)

    def clause_links(self, refs: Sequence[tuple[str, str]]) -> str:
        """Cited numbers, each linking to its entry in the list of deciding clauses."""
        if not refs:
            return "—"
        return self.s["list_sep"].join(f"[{cite(n, self.lang)}](#{_anchor(i)})"
                                       for i, n in refs)


def _anchor(id_path: str) -> str:
    return "clause-" + id_path.replace(".", "-")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def side_name(side: Side, lang: str) -> str:
    """A side as the reader knows it, in `lang`: the last version on a branch, a version by its
    number, the files being edited, a revision by the name typed; a folder or a bundle by its
    path. Never a commit's hash. (The redline page of `policy diff --format html` names its
    sides so too.)"""
    kind, name = side.named
    return fill(STRINGS[lang][f"side_{kind}"], lang, {"name": name}) if kind else side.label


def _side(side: Side, w: _Words) -> str:
    return side_name(side, w.lang)


def _made_level(base: str, head: str) -> str:
    b, h = parse_version(base), parse_version(head)
    if b is None or h is None or h <= b:
        return "none"
    return "major" if h[0] != b[0] else "minor" if h[1] != b[1] else "patch"


def bump_reasons(diff: PolicyDiff, lang: str) -> list[str]:
    """Why the change needs the version bump it does, in `lang`, with the counts: "12,800
    questions are newly denied", "新たに禁止される問い：12,800件" (as the report lists them;
    `policy diff`'s text says them so in ja and ru)."""
    return _why(diff, _Words(lang, diff.base.policy, diff.head.policy))


def _why(diff: PolicyDiff, w: _Words) -> list[str]:
    out = []
    dd = diff.decisions
    if dd.newly_allowed:
        out.append(w("why_allowed", n=len(dd.newly_allowed)))
    if dd.newly_denied:
        out.append(w("why_denied", n=len(dd.newly_denied)))
    if diff.text is not None:
        # the reasons `policy diff --check` counts: a release note is none of them
        structure, reworded = bump_changes(diff.text)
        added = sum(1 for s in structure if s.change == "added")
        removed = sum(1 for s in structure if s.change == "removed")
        if added:
            out.append(w("why_added", n=added))
        if removed:
            out.append(w("why_removed", n=removed))
        if any(s.change in ("moved", "renumbered") for s in structure):
            out.append(w("why_moved"))
        if any(c.master for c in reworded):
            out.append(w("why_master"))
        langs = sorted({c.lang for c in reworded if not c.master})
        if langs:
            out.append(w("why_translations", langs=w.s["list_sep"].join(
                w(f"lang_{lang}") if f"lang_{lang}" in w.s else lang for lang in langs)))
    vocab = sum(1 for v in diff.vocabulary if v.change in ("added", "removed", "members"))
    if vocab:
        out.append(w("why_vocabulary", n=vocab))
    if any(v.change == "relabelled" for v in diff.vocabulary):
        out.append(w("why_labels"))
    facts = sorted({f.field for f in diff.facts if not f.release})
    if facts:
        out.append(w("why_facts", fields=", ".join(facts)))
    return out


def unit_name(side: Side, ref: UnitRef, lang: str) -> str:
    """A unit of `side` as `policy check` names it in `lang`: by its printed number and its
    title in that language's edition ("第4項 …", "clause 4 …"), a key point by its first words,
    a release note by its revision's date; never by its id."""
    from .parity.naming import edition_titles
    from .wording import unit_label

    titles: dict[str, str] = {}
    if side.master is not None:
        titles = edition_titles(side.master, side.translations).get(ref.id_path or ref.key, {})
    title = titles.get(lang) or (None if ref.number else next(iter(titles.values()), None))
    return unit_label(ref.number, title, "" if ref.id_path else ref.key, say=lang)


def origin_line(change: OriginChange, lang: str, unit: str) -> str:
    """An origin that changed, in `lang`: the edition, or `unit` (as the caller names it) with
    its edition's language, and what the pages say of its words before and after."""
    from .wording import capital, edition_name, language_name

    s = STRINGS[lang]
    if change.edition:
        place = s["origin_edition"].format(language=language_name(change.lang, lang),
                                           edition=edition_name(change.lang, lang))
    else:
        place = s["origin_unit"].format(unit=unit, language=language_name(change.lang, lang))
    return s["origin_line"].format(
        place=capital(place), new=s[f"origin_{change.new}"],
        old=s[f"origin_{change.old}"] if change.old is not None else s["origin_none"])


def _origins_section(diff: PolicyDiff, w: _Words) -> list[str]:
    if not diff.origins:
        return []
    lines = [f"## {w('origins')}", "", w("origins_intro"), ""]
    for o in diff.origins:
        ref = o.head or o.base
        side = diff.head if o.head is not None else diff.base
        unit = unit_name(side, ref, w.lang) if ref is not None else ""
        lines.append(f"- {_md(origin_line(o, w.lang, unit))}")
    return [*lines, ""]


def _version_section(diff: PolicyDiff, w: _Words) -> list[str]:
    required, _reasons = required_level(diff)
    made = _made_level(diff.base.version, diff.head.version)
    lines = [f"## {w('version')}", "",
             w("version_line", base=diff.base.version, head=diff.head.version,
               required=w(f"level_{required}"), made=w(f"made_{made}")), ""]
    why = _why(diff, w)
    if why:
        lines += [w("why"), *[f"- {r}" for r in why], ""]
    findings = check_release(diff)
    if findings:
        from .humane import finding_text

        # each where it is and what to do, in the reader's words (a list wraps; a code block
        # of long sentences would not)
        lines += [w("version_fix"), "",
                  *[f"- `{f.location}` {finding_text(f, w.lang).replace('<', '&lt;')}"
                    for f in findings], ""]
    else:
        lines += [w("version_ok"), ""]
    return lines


@record
class _Grid:
    rows: list[str]  # data categories, most changed first
    cols: list[str]  # purposes, in vocabulary order
    cells: dict[tuple[str, str], tuple[str, tuple[str, str] | None]]  # symbol, deciding clause


def _grid(diff: PolicyDiff) -> _Grid:
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for q in diff.decisions.newly_allowed:
        kinds[(q.data, q.purpose)].add("allowed")
    for q in diff.decisions.newly_denied:
        kinds[(q.data, q.purpose)].add("denied")
    deciding: dict[tuple[str, str], tuple[str, str]] = {}
    for s in diff.decisions.statements:
        if s.group or not s.clauses:
            continue
        for d in s.data:
            for p in s.purposes:
                deciding.setdefault((d, p), s.clauses[0])
    cells = {cell: ("both" if len(k) > 1 else next(iter(k)), deciding.get(cell))
             for cell, k in kinds.items()}
    head, base = diff.head.policy, diff.base.policy
    order = {t: i for i, t in enumerate([*head.terms("purposes"), *base.terms("purposes")])}
    cols = sorted({p for _d, p in cells}, key=lambda p: order.get(p, len(order)))
    count: dict[str, int] = defaultdict(int)
    for d, _p in cells:
        count[d] += 1
    data_order = {t: i for i, t in enumerate([*head.terms("data"), *base.terms("data")])}
    rows = sorted(count, key=lambda d: (-count[d], data_order.get(d, len(data_order))))
    return _Grid(rows, cols, cells)


def _grid_table(grid: _Grid, rows: Sequence[str], w: _Words) -> list[str]:
    header = [w("data_purpose"), *[_md(w.label("purposes", p)) for p in grid.cols]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for d in rows:
        cells = []
        for p in grid.cols:
            found = grid.cells.get((d, p))
            if found is None:
                cells.append("")
                continue
            symbol, clause = found
            mark = _SYMBOL[symbol]
            cells.append(f"[{mark}](#{_anchor(clause[0])})" if clause else mark)
        lines.append("| " + " | ".join([_md(w.label("data", d)), *cells]) + " |")
    return lines


def _change_lines(statements: Sequence[Statement], w: _Words) -> list[str]:
    out = []
    for s in statements:
        line = w("change_line", symbol=_SYMBOL[s.change], action=_md(w.label("actions", s.action)),
                 data=_md(w.labels("data", s.data)), purposes=_md(w.labels("purposes", s.purposes)),
                 condition=w.condition(s.when), clauses=w.clause_links(s.clauses))
        if s.was:
            line += w("was_paren", was=w("was", clauses=w.clause_links(s.was)))
        out.append(f"- {line}")
    return out


def _clause_entries(ids: Sequence[tuple[str, str]], w: _Words) -> list[str]:
    out = []
    for id_path, number in ids:
        pol = w.head if id_path in w.head.bundle["clauses"] else w.base
        clause = pol.bundle["clauses"].get(id_path, {})
        title = (clause.get("title") or {}).get(w.lang, "")
        excerpt = (clause.get("excerpt") or {}).get(w.lang, "")
        text = " — ".join(t for t in (_md(title), _md(excerpt)) if t)
        out.append(f'- <a id="{_anchor(id_path)}"></a>**{cite(number, w.lang)}** {text}')
    return out


def _tests_section(results: TestResults | None, w: _Words) -> list[str]:
    lines = [f"## {w('tests')}", ""]
    if results is None:
        return [*lines, w("tests_none"), ""]
    if not results.failed and not results.problems:
        return [*lines, w("tests_ok", n=results.total), ""]
    head = (w("tests_failed", n=len(results.failed), total=results.total) if results.failed
            else w("tests_problems"))
    return [*lines, head, "", *[f"- {_md(name)}" for name in results.failed],
            *[f"- {_md(problem)}" for problem in results.problems], ""]


def _translations_section(work: dict[str, dict[str, list[str]]] | None, head: Side,
                          w: _Words, limit: int) -> list[str]:
    lines = [f"## {w('translations')}", ""]
    if work is None:
        return [*lines, w("translations_not_checked"), ""]
    if not work:
        return [*lines, w("translations_ok"), ""]
    from .parity.naming import edition_titles

    titles = edition_titles(head.master, head.translations) if head.master is not None else {}
    for lang in sorted(work):
        units = {u for us in work[lang].values() for u in us}
        name = w(f"lang_{lang}") if f"lang_{lang}" in w.s else lang
        lines.append(f"- {w('lang_line', lang=name, n=len(units))}")
        for family in ("DRIFT", "UNREVIEWED", "L10N", "PARITY", "other"):
            found = work[lang].get(family)
            if not found:
                continue
            # Clauses are cited, the other parts named as `policy check` names them (the
            # title, a key point by its words, a release note by its date); what has no such
            # name (vocabulary, facts) is counted. ("clause 10, and 1 more" hid a release note.)
            named = [_unit_words(u, head, titles, w) for u in found]
            shown = [n for n in named if n][:limit]
            more = len(found) - len(shown)
            text = w.s["list_sep"].join(shown)
            if more:  # "п. 4 и ещё 4": Russian puts no comma before и
                text += (w.s["more_sep"] if shown else "") + w(
                    "more" if shown else "other_units", n=more)
            lines.append(f"  - {w(f'work_{family}')}{w.s['label_sep']}{text}")
    return [*lines, ""]


def _unit_words(unit: str, head: Side, titles: dict[str, dict[str, str]], w: _Words) -> str:
    """A unit of the head side as the reader finds it: a clause cited ("clause 10"), the
    title, preamble or footer by that word, a key point by its words, a release note by its
    revision's date; "" for a part with no such name."""
    from .wording import unit_label

    clause = head.policy.bundle["clauses"].get(unit)
    if clause is not None:
        return cite(clause["number"], w.lang)
    said = titles.get(unit, {})
    named = unit_label("", said.get(w.lang) or next(iter(said.values()), None), unit,
                       say=w.lang)
    return "" if named == unit else named


def _uses_section(uses: list[str] | None, w: _Words) -> list[str]:
    lines = [f"## {w('uses')}", ""]
    if uses is None:
        return [*lines, w("uses_none"), ""]
    if not uses:
        return [*lines, w("uses_ok"), ""]
    return [*lines, "```", *uses, "```", ""]


def render_report(diff: PolicyDiff, lang: str = "en", *, head_folder: Path | None = None,
                  uses_dir: Path | None = None, limit: int = LIMIT) -> str:
    """The report in `lang`, under `limit` characters."""
    w = _Words(lang, diff.base.policy, diff.head.policy)
    grid = _grid(diff)
    statements = [s for s in diff.decisions.statements if s.change in ("allowed", "denied")]
    work = translation_work(head_folder)
    tests = review_test_results(head_folder, lang)
    uses = affected_uses(diff, uses_dir)

    def build(rows: int, changes: int, clauses: int, units: int) -> str:
        out = [f"# {w('title', base=_md(_side(diff.base, w)), head=_md(_side(diff.head, w)))}",
               ""]
        out += _version_section(diff, w)
        out += [f"## {w('decisions')}", ""]
        if not grid.cells:
            out += [w("no_decisions"), ""]
        else:
            out += [w("grid_intro"), "", w("legend"), ""]
            out += _grid_table(grid, grid.rows[:rows], w)
            out.append("")
            if rows < len(grid.rows):
                out += [w("left_out_rows", shown=rows, total=len(grid.rows)), ""]
            out += [f"### {w('changes')}", ""]
            out += _change_lines(statements[:changes], w)
            out.append("")
            if changes < len(statements):
                out += [w("left_out_changes", shown=changes, total=len(statements)), ""]
        out += _tests_section(tests, w)
        out += _translations_section(work, diff.head, w, units)
        out += _origins_section(diff, w)
        out += _uses_section(uses, w)
        shown_refs = [r for s in statements[:changes] for r in (*s.clauses, *s.was)]
        shown_refs += [c[1] for d in grid.rows[:rows] for p in grid.cols
                       if (c := grid.cells.get((d, p))) is not None and c[1] is not None]
        refs = list(dict.fromkeys(shown_refs))
        if refs:
            out += [f"## {w('clauses')}", ""]
            out += _clause_entries(refs[:clauses], w)
            out.append("")
            if clauses < len(refs):
                out += [w("left_out_clauses", shown=clauses, total=len(refs)), ""]
        return "\n".join(out)

    rows, changes, clauses, units = len(grid.rows), len(statements), 10**6, 12
    text = build(rows, changes, clauses, units)
    while len(text) > limit:
        if changes > 10:
            changes //= 2
        elif rows > 10:
            rows //= 2
        elif units > 3:
            units = 3
        elif clauses > 10:
            clauses = 10
        elif changes or rows:
            changes, rows = max(0, changes - 5), max(0, rows - 5)
        elif clauses:
            clauses = max(0, clauses - 5)  # the quoted clauses last: the tables say more
        elif units:
            units = 0
        else:
            break  # nothing left to leave out: the sections' own lines are over the limit
        text = build(rows, changes, clauses, units)
    return text

