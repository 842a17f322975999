"""The human text of `policy check`, `validate` and `build`: what a lawyer or translator reads.

Findings are told in plain words, by printed number and title, in this order:

1. the master's own findings first (a problem there is the one to fix);
2. while the master has errors, translation findings that follow from them (parity, drift,
   untranslated text, invariants) are held back, and the report says how many;
3. master changes awaiting translation are grouped by the change: "clause 10 メール配信の停止
   changed → ru, en need translating", with the old and new Japanese; this is the state
   "needs translation", not an error the editor made;
4. every other finding by file and unit.

No fingerprints, git hashes or zero-based data paths are shown; a finding keeps its
`file:line:col` (editors jump to it) and its code (to look it up or waive it). Colour only on a
terminal, never with NO_COLOR. The machine formats (JSON, GitHub, SARIF) live in report.py
and keep every field.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import patterns
from .checks import CHECKS
from .diagnostics import Diagnostic, Severity, plain_sentence, texts_of
from .findings import waiver_reason
from .loader import Sources
from .model import master_units, translation_units
from .saying import Param, fill, listed, template
from .values import field, record_mutable
from .wording import (
    LANGUAGE_NAMES,
    capital,
    edition_name,
    humanize_paths,
    language_name,
    paint,
    short,
    unit_label,
)

# Translation findings that follow from the master (they compare with it): held back while the
# master has errors of the kinds that spoil the comparison (it cannot be read, or its shape,
# ids or references are wrong). The prose checks compare each text with the master's text of
# the same id (sentences, negations, length, terms): with an id used twice in the master they
# would compare clause 1's translation with clause 2's Japanese and quote it.
# Each check says whether its findings are such (`Check.follows_master`, in its own file); the
# checker's own PARITY010 (a waiver that waives nothing: with the master unreadable, what it
# waived is not found) and PARITY011 (a unit named on the command line that the master lacks)
# are held with them.
DERIVED_CODES = frozenset({"PARITY010", "PARITY011"}
                          | {code for check in CHECKS if check.follows_master
                             for code in check.code_names})
MASTER_BLOCKING = ("IO", "YAML", "SCHEMA", "POLICY")
NEEDS_TRANSLATION = "DRIFT001"
UNREVIEWED = "DRIFT002"
NOT_READY = "Not ready to publish: "

# The frame of the report, per language (engine/saying.py fills the fields and plurals).
FRAME: dict[str, dict[str, str]] = {
    "whole_file": {"en": "the file as a whole", "ja": "ファイル全体", "ru": "файл целиком"},
    "policy": {"en": "The policy", "ja": "ポリシー全体", "ru": "Политика"},
    "master": {"en": "the master", "ja": "原文", "ru": "оригинал"},
    "translation": {"en": "translation", "ja": "翻訳", "ru": "перевод"},
    "file_title": {"en": "{file} ({language}, {role})", "ja": "{file}（{language}、{role}）",
                   "ru": "{file} ({language}, {role})"},
    "error": {"en": "error", "ja": "要修正", "ru": "ошибка"},
    "warning": {"en": "warning", "ja": "要確認", "ru": "предупреждение"},
    "note": {"en": "note", "ja": "参考", "ru": "примечание"},
    "detail": {"en": "{text}", "ja": "{plain}（詳細：{text}）", "ru": "{plain} (подробности: {text})"},
    "hint": {"en": " ({hint})", "ja": "（{hint}）", "ru": " ({hint})"},
    "waived": {"en": " (waived: {reason})", "ja": "（例外として認められています：{reason}）",
               "ru": " (исключение: {reason})"},
    # a reason not given in the reader's language, written in English: said so, not slipped in
    "waived_english": {"en": " (waived: {reason})",
                       "ja": "（例外として認められています。理由は英語でのみ書かれています：{reason}）",
                       "ru": " (исключение; причина записана только по-английски: {reason})"},
    "needs_translation": {"en": "Needs translation", "ja": "翻訳が必要な箇所",
                          "ru": "Нужен перевод"},
    "changed": {"en": "{label} changed → {langs} {n:needs|need} translating",
                "ja": "{label}：原文が変更されました → 翻訳が必要です：{langs}",
                "ru": "{label}: оригинал изменился → нужен перевод на {langs}"},
    "what_changed": {"en": "what changed: {change}", "ja": "変更箇所：{change}",
                     "ru": "что изменилось: {change}"},
    # the change without colour: the old and the new text, one above the other
    "change_before": {"en": "before: {text}", "ja": "変更前：{text}", "ru": "было:  {text}"},
    "change_after": {"en": "after:  {text}", "ja": "変更後：{text}", "ru": "стало: {text}"},
    # no earlier master text has the fingerprint the translation records: no history here, or
    # a `source:` edited by hand (the tool cannot tell which; a lawyer can)
    "no_history": {"en": "(the earlier text could not be found in the history; if the stamp "
                         "(source:) was edited by hand, check the translation against the "
                         "master, then stamp it)",
                   "ja": "（変更前の文章は履歴に見つかりませんでした。記録（source:）を手で書き換えた"
                         "場合は、翻訳を原文と照らし合わせて確認してから、記録し直してください）",
                   "ru": "(прежний текст в истории не найден; если отметку (source:) правили "
                         "вручную, сверьте перевод с оригиналом и отметьте его заново)"},
    "translate_at": {"en": "translate it at {where},", "ja": "翻訳する場所：{where}",
                     "ru": "переведите здесь: {where},"},
    "then": {"en": "then: {commands}", "ja": "その後：{commands}", "ru": "затем: {commands}"},
    # findings waived in the editions, counted rather than listed (policy check --show-waived)
    "waived_hidden": {
        "en": "{n} {n:finding was|findings were} accepted {n:as an exception|as exceptions}, "
              "each with its reason (`waivers:` in the editions); `policy check --show-waived` "
              "lists {n:it|them}.",
        "ja": "理由を付けて例外として認めた指摘が{n}件あります（各言語版の `waivers:`）。"
              "`policy check --show-waived` で一覧を表示できます。",
        "ru": "Замечаний, принятых как исключения с обоснованием («waivers:» в версиях): {n}. "
              "Показать их: `policy check --show-waived`."},
    "held": {"en": "Held back: {n} {n:finding|findings} in the translations ({langs}) that may "
                   "only follow from the master's errors; {n:it is|they are} shown once the "
                   "master is fixed.",
             "ja": "保留：翻訳（{langs}）への指摘{n}件は、原文の誤りから生じているだけの可能性が"
                   "あります。原文を直すと表示されます。",
             "ru": "Отложено {n} {n:замечание|замечания|замечаний} к переводам ({langs}), "
                   "{n:которое может|которые могут|которые могут} быть лишь следствием ошибок "
                   "оригинала; {n:оно будет показано|они будут показаны|они будут показаны}, "
                   "когда оригинал исправят."},
    "not_ready": {"en": NOT_READY, "ja": "まだ公開できません：", "ru": "Не готово к публикации: "},
    "problems": {"en": "{n} {n:problem|problems} to fix", "ja": "要修正{n}件",
                 "ru": "исправьте {n} {n:ошибку|ошибки|ошибок}"},
    "changes": {"en": "{n} master {n:change needs|changes need} translating ({langs})",
                "ja": "翻訳が必要な原文の変更{n}件（{langs}）",
                "ru": "переведите {n} {n:изменение|изменения|изменений} оригинала (на {langs})"},
    "held_count": {"en": "{n} held back", "ja": "保留{n}件", "ru": "отложено: {n}"},
    "warnings_tail": {"en": "; {n} {n:warning|warnings}", "ja": "、要確認{n}件",
                      "ru": "; {n} {n:предупреждение|предупреждения|предупреждений}"},
    "warnings_strict": {"en": "{n} {n:warning|warnings} (--strict counts them)",
                        "ja": "要確認{n}件（--strict のため数えます）",
                        "ru": "{n} {n:предупреждение|предупреждения|предупреждений} "
                              "(с --strict они тоже считаются)"},
    "sep": {"en": ", ", "ja": "、", "ru": ", "},
    "stop": {"en": ".", "ja": "。", "ru": "."},
    "notes_above": {"en": "; {n} {n:note|notes} above", "ja": "（上に参考{n}件）",
                    "ru": "; выше {n} {n:примечание|примечания|примечаний}"},
    "checked": {"en": "No problems found in what the tool checks (the YAML, the rules, and each "
                      "translation against the master)",
                "ja": "ツールが確認する範囲（YAML、ルール、原文と各翻訳の対応）に問題はありません",
                "ru": "В том, что проверяет программа (YAML, правила и каждый перевод "
                      "в сравнении с оригиналом), проблем не найдено"},
    "but_warnings": {"en": "{checked}, but {n} {n:warning|warnings} to look at{also}.",
                     "ja": "{checked}。ただし、確認が必要な点が{n}件あります{also}。",
                     "ru": "{checked}, но есть {n} {n:предупреждение|предупреждения|"
                           "предупреждений}{also}."},
    "clean": {"en": "{checked}{also}.", "ja": "{checked}{also}。", "ru": "{checked}{also}."},
    "legal_head": {"en": "Not checked by the tool: whether the text is legally right; a lawyer "
                         "decides that.",
                   "ja": "ツールでは確認していないこと：文章が法的に正しいかどうか。これは弁護士が"
                         "判断します。",
                   "ru": "Программа не проверяет, верен ли текст юридически: это решает юрист."},
    "legal_all": {"en": "{head} Approved by a lawyer: every part of every edition.",
                  "ja": "{head}弁護士の承認：すべての言語版のすべての箇所が承認済みです。",
                  "ru": "{head} Одобрено юристом: все части всех версий."},
    "legal_some": {"en": "{head} Approved by a lawyer so far: {counts} (policy approve records "
                         "a sign-off).",
                   "ja": "{head}これまでに弁護士が承認した箇所：{counts}（承認は policy approve "
                         "で記録します）。",
                   "ru": "{head} Пока одобрено юристом: {counts} (одобрение записывает "
                         "policy approve)."},
    "legal_count": {"en": "{edition} {done} of {total} parts",
                    "ja": "{edition} {total}か所中{done}か所",
                    "ru": "{edition} — {done} из {total} {total:части|частей|частей}"},
    "status_line": {"en": "{language} {bar} {done} of {total} up to date ({percent} %)",
                    "ja": "{language} {bar} {total}か所中{done}か所が最新（{percent}%）",
                    "ru": "{language} {bar} актуально: {done} из {total} ({percent} %)"},
    "stale": {"en": "needs translation (the master changed)",
              "ja": "翻訳が必要（原文が変更されました）",
              "ru": "нужен перевод (оригинал изменился)"},
    "untranslated": {"en": "needs translation (not translated yet)",
                     "ja": "翻訳が必要（まだ翻訳されていません）",
                     "ru": "нужен перевод (ещё не переведено)"},
    "unreviewed": {"en": "needs review (never checked against the master)",
                   "ja": "確認が必要（まだ原文と照合されていません）",
                   "ru": "нужна проверка (ещё не сверено с оригиналом)"},
    "counts": {"en": "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, "
                     "{notes} {notes:note|notes}",
               "ja": "要修正{errors}件、要確認{warnings}件、参考{notes}件",
               "ru": "{errors} {errors:ошибка|ошибки|ошибок}, {warnings} "
                     "{warnings:предупреждение|предупреждения|предупреждений}, {notes} "
                     "{notes:примечание|примечания|примечаний}"},
    "state_head": {"en": "{state}:", "ja": "{state}：", "ru": "{state}:"},
    "unloadable": {"en": "`policy {command}` did not run: fix the {n:problem|problems} above "
                         "first.",
                   "ja": "policy {command} は実行されませんでした。先に上記の要修正{n}件を直して"
                         "ください。",
                   "ru": "Команда policy {command} не выполнена: сначала исправьте {n:ошибку|ошибки} выше."},
    # every error is in what was typed (a clause that does not exist, an approver's name too
    # short, a day to come), not in the policy: the command line is what to correct
    "unloadable_command": {
        "en": "`policy {command}` did not run, and nothing was written: correct the command as "
              "said above and run it again.",
        "ja": "policy {command} は実行されませんでした（何も書き込んでいません）。上記のとおり"
              "コマンドを直して、もう一度実行してください。",
        "ru": "Команда policy {command} не выполнена, ничего не записано: исправьте команду, как "
              "сказано выше, и запустите её снова."},
    # `policy status`: editions that could not be read, so have no bar; {e}: their errors
    "not_counted": {"en": "{n:This edition|These editions} could not be read, so {n:it is|they "
                          "are} not counted above: fix the {e:problem|problems} first.",
                    "ja": "上記の言語版は読み込めないため、進み具合に含めていません。先に要修正{e}件を"
                          "直してください。",
                    "ru": "{n:Эту версию|Эти версии} не удалось прочитать, поэтому "
                          "{n:она не учтена|они не учтены} выше: сначала "
                          "исправьте {e:ошибку|ошибки}."},
    # the same beside errors in editions that are counted: the unread ones named by their files
    "not_counted_named": {"en": "{files} could not be read, so {n:it is|they are} not counted "
                                "above.",
                          "ja": "{files} は読み込めないため、進み具合に含めていません。",
                          "ru": "Не удалось прочитать {files}, поэтому {n:эта версия не учтена|"
                                "эти версии не учтены} выше."},
    # errors in files whose figures are shown (`lang: rx` in ru.yaml), or in the settings
    "status_problems": {"en": "Fix the {n:problem|problems} above: until then `policy check` "
                              "fails.",
                        "ja": "上記の要修正{n}件を直してください。直すまで policy check は通りません。",
                        "ru": "Исправьте {n:ошибку|ошибки} выше: пока {n:она не исправлена|"
                              "они не исправлены}, policy check не пройдёт."},
    "after": {"en": "after translating or reviewing {n:it|them}: {command}",
              "ja": "翻訳または確認が済んだら：{command}",
              "ru": "после перевода или проверки: {command}"},
}


def languages(codes: Sequence[str], say: str) -> str:
    """Languages as a reader says them: en "en, ru" (the codes commands take), ja 英語とロシア語,
    ru английский и русский."""
    if say not in ("ja", "ru"):
        return ", ".join(codes)
    return fill("{langs:@and}", say, {"langs": listed(list(codes))})


def frame(key: str, lang: str = "en", **params: Param) -> str:
    """One piece of the report's frame in `lang` (en when a language has no words)."""
    words = FRAME[key]
    return fill(words.get(lang) or words["en"], lang, params)


def _cols(text: str) -> int:
    """The width of a text in terminal columns (a CJK character takes two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _cols(text))

_PREVIOUS = patterns.compile(r"^previous \S+ \([^)]*\): (?P<text>.*)$")
_CURRENT = patterns.compile(r"^current\s+\S+ \([^)]*\): (?P<text>.*)$")
_CHANGE = patterns.compile(r"^change: (?P<text>.*)$")
_MARKED = patterns.compile(r"\{-.*?-\}|\{\+.*?\+\}")
_FINGERPRINTS = patterns.compile(r"\s*\((?:from )?[0-9a-f]{10}(?: to [0-9a-f]{10})?\)")


@record_mutable
class Names:
    """How each unit is named, per language: unit id -> (printed number, title or first words)."""

    by_lang: dict[str, dict[str, tuple[str, str | None, str]]] = field(default_factory=dict)
    master_lang: str = "ja"
    master_file: str = ""
    data: dict[str, object] = field(default_factory=dict)  # file -> plain data (for paths)
    langs: dict[str, str] = field(default_factory=dict)  # file -> language

    say: str = "en"  # the reader's language (--lang)
    # unit key -> how a command names an unnumbered part ("--key-point 3"), parity/stamp.py
    typed: dict[str, str] = field(default_factory=dict)

    def label(self, unit: str | None, lang: str | None = None) -> str:
        if unit is None:
            return frame("whole_file", self.say)
        # A reader knows a clause by its title in their own edition, and by its number alone
        # when that edition lacks it (not by a title in a language they may not read): a
        # Japanese reader by the master's, whichever file the finding is in.
        for which in (self.say, lang, self.master_lang):
            found = self.by_lang.get(which or "", {}).get(unit)
            if found is not None:
                number, title, key = found
                if which != self.say and number:
                    title = None
                return unit_label(number, title, key, say=self.say)
        return unit_label("", None, unit, say=self.say)


def names_of(src: Sources | None, say: str = "en") -> Names:
    names = Names(say=say)
    if src is None:
        return names
    for lang, doc in src.documents.items():
        names.data[doc.file] = doc.data
        names.langs[doc.file] = lang
    if src.master_doc is not None:
        doc = src.master_doc
        names.master_file = doc.file
        names.data[doc.file] = doc.data
        declared = doc.data.get("lang") if isinstance(doc.data, dict) else None
        if src.master is not None:  # a lang: mistyped (`jp`) is checked as its file's
            declared = src.master.lang
        if isinstance(declared, str):
            names.master_lang = declared
            names.langs[doc.file] = declared
    if src.master is None:
        return names

    from .parity.naming import release_note_days, typed_names

    days = release_note_days(src.master)

    def title(u_title: str | None, u_text: str | None, key: str = "") -> str | None:
        if key in days:  # a release note is known by its revision's date, not its id
            return days[key]
        return u_title or (short(u_text, 30) if u_text else None)

    names.typed = typed_names(src.master)
    names.by_lang[src.master.lang] = {
        (u.id_path or u.key): (u.number, title(u.title, u.text, u.key), u.key)
        for u in master_units(src.master)}
    for lang, tr in src.translations.items():
        names.by_lang[lang] = {(u.id_path or u.key): (u.number, title(u.title, u.text, u.key),
                                                      u.key)
                               for u, _ in translation_units(tr)}
    return names


def _derived(d: Diagnostic, master_file: str) -> bool:
    return d.file != master_file and d.code in DERIVED_CODES


# Messages whose checker wording names machinery (fingerprints), said for people instead.
_PLAIN = {"DRIFT002": "not yet checked against the master text"}


def _message(d: Diagnostic, names: Names) -> str:
    text = _PLAIN.get(d.code) or _FINGERPRINTS.sub("", d.message)
    text = humanize_paths(text, names.data.get(d.file))
    if d.hint and not d.hint.startswith("waived:"):
        text += f" ({humanize_paths(d.hint, names.data.get(d.file))})"
    elif d.hint:
        text += f" ({d.hint})"
    return text


def finding_text(d: Diagnostic, lang: str, names: Names | None = None) -> str:
    """What a finding says in `lang`: in English the checker's message (and hint); in ja and
    ru the code's template filled from the finding's parameters where it has both, else the
    code's plain sentence with the English message after it as a detail. A waiver's reason is
    given in the reader's language where its author wrote one, else quoted as written (said
    to be English when it is)."""
    names = names if names is not None else Names(say=lang)
    if lang == "en":
        return _message(d, names)
    words = texts_of(d.code)
    params = dict(d.params)
    waived = d.hint.removeprefix("waived:").strip() if d.hint and d.hint.startswith(
        "waived:") else None
    said = template(words.message, lang, params) if d.params else None
    if said is not None:
        text = fill(said, lang, params)
        if d.hint and waived is None:
            said_hint = template(words.hint, lang, params)
            hint = (fill(said_hint, lang, params) if said_hint is not None
                    else humanize_paths(d.hint, names.data.get(d.file)))
            text += frame("hint", lang, hint=hint)
    else:
        english = humanize_paths(_PLAIN.get(d.code) or _FINGERPRINTS.sub("", d.message),
                                 names.data.get(d.file))
        if d.hint and waived is None:
            english += f" ({humanize_paths(d.hint, names.data.get(d.file))})"
        text = frame("detail", lang, plain=plain_sentence(d.code, lang), text=english)
    if waived is not None:
        own = params.get(f"waived_{lang}")
        if isinstance(own, str):
            text += frame("waived", lang, reason=own)
        else:
            text += frame("waived_english" if _mostly_latin(waived) else "waived", lang,
                          reason=waived)
    return text


def _mostly_latin(text: str) -> bool:
    """Whether a text is written in Latin letters more than in any other (an English reason
    that quotes a Russian or Japanese word is still English)."""
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return latin > sum(1 for c in text if c.isalpha() and not c.isascii())


def format_flat(diagnostics: Sequence[Diagnostic], lang: str) -> str:
    """`policy validate`'s text in ja or ru: `file:line:col: CODE [severity] words`, one a
    finding, then the counts (English: engine/report.py's format_text)."""
    lines = []
    for d in diagnostics:
        sev = "" if d.severity is Severity.ERROR else f"[{frame(str(d.severity), lang)}] "
        lines.append(f"{d.location}: {d.code} {sev}{finding_text(d, lang)}")
        lines.extend(f"    {extra}" for extra in d.detail)  # e.g. the source line, a caret
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    lines.append(frame("counts", lang, errors=counts[Severity.ERROR],
                       warnings=counts[Severity.WARNING], notes=counts[Severity.NOTE]))
    return "\n".join(lines) + "\n"


def _finding(d: Diagnostic, names: Names, colour: bool) -> list[str]:
    sev = {Severity.ERROR: ("error", "red"), Severity.WARNING: ("warning", "yellow"),
           Severity.NOTE: ("note", "dim")}[d.severity]
    head = (f"    {d.location}: {paint(frame(sev[0], names.say), sev[1], colour)}: "
            f"{finding_text(d, names.say, names)} {paint('[' + d.code + ']', 'dim', colour)}")
    return [head]


def _file_title(file: str, names: Names) -> str:
    lang = names.langs.get(file)
    if not file:
        return frame("policy", names.say)
    if lang is None:
        # a file that could not be read (a YAML mistake) is still known by its name: ru.yaml
        stem, _, suffix = file.replace("\\", "/").rsplit("/", 1)[-1].rpartition(".")
        if suffix != "yaml" or stem not in LANGUAGE_NAMES:
            return file
        lang = stem
    master = file == names.master_file or (not names.master_file and lang == names.master_lang)
    role = frame("master" if master else "translation", names.say)
    return frame("file_title", names.say, file=file, language=language_name(lang, names.say),
                 role=role)


def _translation_groups(found: Sequence[Diagnostic], names: Names, colour: bool) -> list[str]:
    """DRIFT001 findings, one group per master unit that changed."""
    from .checks.drift import NOT_AVAILABLE

    by_unit: dict[str, list[Diagnostic]] = {}
    for d in found:
        by_unit.setdefault(d.unit or "", []).append(d)
    lines: list[str] = []
    say = names.say
    order = list(names.by_lang.get(names.master_lang, {}))
    for unit, items in sorted(by_unit.items(), key=lambda kv: (
            order.index(kv[0]) if kv[0] in order else len(order), kv[0])):
        langs = sorted({d.lang or "?" for d in items})
        label = names.label(unit or None, names.master_lang)
        lines.append("  " + frame("changed", say, label=capital(label), n=len(langs),
                                  langs=paint(languages(langs, say), "yellow", colour)))
        first = items[0]
        old = next((m.group("text") for x in first.detail if (m := _PREVIOUS.match(x))), None)
        if old == NOT_AVAILABLE:
            old = None  # no earlier text has the recorded fingerprint: said as that, below
        change = next((m.group("text") for x in first.detail if (m := _CHANGE.match(x))), None)
        new = next((m.group("text") for x in first.detail if (m := _CURRENT.match(x))), None)
        if change is not None and old is not None and new is not None and not colour:
            # without colour `{-…-}{+…+}` is unreadable to a lawyer: the old text above the new
            from .checks.drift import before_after

            before, after = before_after(old, new)
            lines.append("      " + frame("change_before", say, text=before))
            lines.append("      " + frame("change_after", say, text=after))
        elif change is not None:
            lines.append("      " + frame("what_changed", say, change=_MARKED.sub(
                lambda m: paint(m.group(0), "red" if m.group(0)[1] == "-" else "green", colour),
                change)))
        elif old is None:
            lines.append("      " + frame("no_history", say))
        where = ", ".join(f"{d.location}" for d in items)
        lines.append("      " + frame("translate_at", say, where=where))
        number = (names.by_lang.get(names.master_lang, {}).get(unit, ("", None, ""))[0]
                  or names.typed.get(unit) or unit)
        lines.append("      " + frame("then", say, commands="; ".join(
            f"policy stamp {lang} {number}" for lang in langs)))
    return lines


def waived(d: Diagnostic) -> bool:
    """A finding accepted with its reason (a unit's `waivers:`; a note now)."""
    return waiver_reason(d) is not None


def shown_and_held(diagnostics: Sequence[Diagnostic],
                   master_file: str) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The findings a report shows, and those it holds back: while the master has an error
    that blocks the comparison, the translation findings that may only follow from it."""
    master_errors = [d for d in diagnostics
                     if d.file == master_file and d.severity is Severity.ERROR
                     and d.code.startswith(MASTER_BLOCKING)]
    held: list[Diagnostic] = []
    shown: list[Diagnostic] = []
    for d in diagnostics:
        if master_errors and _derived(d, master_file):
            held.append(d)
        else:
            shown.append(d)
    return shown, held


def verdict(diagnostics: Sequence[Diagnostic], master_file: str, lang: str = "en") -> str:
    """`policy check`'s closing sentence for these findings, counted as it counts them (a
    master change awaiting translation once, whatever the editions; waived findings and those
    held back as it does), without its count of the notes above it: for a line said where the
    findings are not listed (`policy preview`'s console)."""
    shown, held = shown_and_held([d for d in diagnostics if not waived(d)], master_file)
    return summary_sentence([d for d in shown if d.severity is not Severity.NOTE], held,
                            lang=lang)


def format_human(diagnostics: Sequence[Diagnostic], src: Sources | None = None, *,
                 colour: bool = False, tail: str | None = None, strict: bool = False,
                 lang: str = "en", show_waived: bool = False) -> str:
    """The whole report in `lang` (ja, ru, en); `tail` replaces the closing sentence (build
    says what it did). Findings the legal team waived are counted in one line, not listed,
    unless `show_waived`: a real error is not lost among accepted ones."""
    hidden = [] if show_waived else [d for d in diagnostics if waived(d)]
    if hidden:
        diagnostics = [d for d in diagnostics if not waived(d)]
    names = names_of(src, lang)
    master_file = names.master_file
    shown, held = shown_and_held(diagnostics, master_file)
    stale = [d for d in shown if d.code == NEEDS_TRANSLATION]
    rest = [d for d in shown if d.code != NEEDS_TRANSLATION]
    lines: list[str] = []
    files = sorted({d.file for d in rest}, key=lambda f: (f != master_file, f))
    for file in files:
        items = [d for d in rest if d.file == file]
        lines.append(paint(_file_title(file, names), "bold", colour))
        by_unit: dict[str | None, list[Diagnostic]] = {}
        for d in items:
            by_unit.setdefault(d.unit, []).append(d)
        for unit, group in sorted(by_unit.items(), key=lambda kv: (kv[1][0].line, kv[0] or "")):
            if unit is not None:
                lines.append(f"  {names.label(unit, names.langs.get(file))}")
            for d in group:
                lines.extend(_finding(d, names, colour))
        lines.append("")
    if stale:
        lines.append(paint(frame("needs_translation", lang), "bold", colour))
        lines.extend(_translation_groups(stale, names, colour))
        lines.append("")
    if held:
        langs = languages(sorted({d.lang or "?" for d in held}), lang)  # ja 英語とロシア語
        lines.append(paint(frame("held", lang, n=len(held), langs=langs), "yellow", colour))
        lines.append("")
    if hidden:
        lines.append(frame("waived_hidden", lang, n=len(hidden)))
        lines.append("")
    verdict = summary_sentence(shown, held, strict=strict, lang=lang)
    lines.append(tail if tail is not None else summary_sentence(shown, held, colour=colour,
                                                                strict=strict, lang=lang))
    # A clean verdict says what it did not check (the legal sign-off) in the same breath.
    if tail is None and src is not None and not verdict.startswith(frame("not_ready", lang)):
        legal = legal_review_sentence(src, lang)
        if legal:
            lines.append(legal)
    return "\n".join(lines) + "\n"


# The errors of a file that could not be read into an edition (its figures are not counted).
UNREADABLE = ("IO", "YAML", "SCHEMA")


def format_status_errors(errors: Sequence[Diagnostic], src: Sources,
                         states: dict[str, dict[str, str]], *, lang: str = "en",
                         colour: bool = False) -> str:
    """`policy status` for people, after the progress bars of `states`: the errors behind its
    figures (engine/check.py `CheckResult.validation_errors`), grouped by file as `policy
    check` shows them, then what they mean: an edition that could not be read has no bar, and
    any other error fails `policy check` until it is fixed."""
    counted = {doc.file for edition, doc in src.documents.items()
               if edition in states or src.master_doc is doc}
    unread = sorted({d.file for d in errors
                     if d.code.startswith(UNREADABLE) and d.file not in counted})
    if all(d.file in unread for d in errors):
        tail = frame("not_counted", lang, n=len(unread), e=len(errors))
    else:
        named = (frame("not_counted_named", lang, n=len(unread),
                       files=frame("sep", lang).join(unread)) + ("" if lang == "ja" else " ")
                 if unread else "")
        tail = named + frame("status_problems", lang, n=len(errors))
    return format_human(errors, src, colour=colour, tail=paint(tail, "red", colour), lang=lang)


# Findings about what was typed on the command line, not about the policy's files: a unit
# name that names nothing (PARITY011), what `policy approve` needs (REVIEW004), and a revision
# or version that names nothing (`policy diff v9.9`: GIT001 in these forms; its other forms
# are about the repository).
COMMAND_LINE_CODES = frozenset({"PARITY011", "REVIEW004"})
COMMAND_LINE_FORMS = {"GIT001": frozenset({"unknown", "not_revision", "no_version"})}


def typed_on_command_line(d: Diagnostic) -> bool:
    """Whether `d` is about what was typed on the command line, not about the files."""
    return d.code in COMMAND_LINE_CODES or (
        dict(d.params).get("form") in COMMAND_LINE_FORMS.get(d.code, frozenset()))


def format_unloadable(diagnostics: Sequence[Diagnostic], src: Sources | None = None, *,
                      command: str, lang: str = "en", colour: bool = False) -> str:
    """Why a command could not run, for people: the findings that keep the policy from
    loading, by file and unit in `lang` as `policy check` shows them, then one sentence
    saying that `policy COMMAND` did not run. Every command the legal team runs says a
    policy that cannot be loaded this way (engine/cli/app.py `report_unloadable`)."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    typed = bool(errors) and all(typed_on_command_line(d) for d in errors)
    tail = paint(frame("unloadable_command" if typed else "unloadable", lang, command=command,
                       n=len(errors)), "red", colour)
    return format_human(diagnostics, src, colour=colour, tail=tail, lang=lang)


def legal_review_sentence(src: Sources, lang: str = "en") -> str | None:
    """What the tool does not check, and how far the legal sign-off has got, per edition:
    "Not checked by the tool: … Approved by a lawyer so far: Japanese 0 of 73 parts, …"."""
    if src.master is None:
        return None
    from .review import review_states

    counts = []
    for edition, states in review_states(src).items():
        done = sum(1 for s in states if s.state == "approved")
        counts.append((edition, done, len(states)))
    if not counts:
        return None
    head = frame("legal_head", lang)
    if all(done == total for _, done, total in counts):
        return frame("legal_all", lang, head=head)
    return frame("legal_some", lang, head=head, counts=frame("sep", lang).join(
        frame("legal_count", lang, edition=edition_name(edition, lang), done=done,
              total=total) for edition, done, total in counts))


def summary_sentence(shown: Sequence[Diagnostic], held: Sequence[Diagnostic] = (), *,
                     colour: bool = False, strict: bool = False, lang: str = "en") -> str:
    """One closing sentence that agrees with the exit code, and claims no more than the tool
    checked (whether the text is legally right is a lawyer's call: legal_review_sentence)."""
    problems = [d for d in shown if d.severity is Severity.ERROR and d.code != NEEDS_TRANSLATION]
    changes = {d.unit for d in shown if d.code == NEEDS_TRANSLATION}
    langs = sorted({d.lang or "?" for d in shown if d.code == NEEDS_TRANSLATION})
    warnings = [d for d in shown if d.severity is Severity.WARNING]
    parts: list[str] = []
    if problems:
        parts.append(frame("problems", lang, n=len(problems)))
    if changes:
        parts.append(frame("changes", lang, n=len(changes), langs=languages(langs, lang)))
    if held:
        parts.append(frame("held_count", lang, n=len(held)))
    tail = frame("warnings_tail", lang, n=len(warnings)) if warnings else ""
    if strict and warnings:
        parts.append(frame("warnings_strict", lang, n=len(warnings)))
        tail = ""
    if parts:
        return paint(frame("not_ready", lang) + frame("sep", lang).join(parts) + tail
                     + frame("stop", lang), "red", colour)
    notes = sum(1 for d in shown if d.severity is Severity.NOTE)
    also = frame("notes_above", lang, n=notes) if notes else ""
    checked = frame("checked", lang)
    if warnings:
        return paint(frame("but_warnings", lang, checked=checked, n=len(warnings), also=also),
                     "yellow", colour)
    return paint(frame("clean", lang, checked=checked, also=also), "green", colour)



def progress_bar(done: int, total: int, width: int = 20) -> str:
    filled = width * done // total if total else width  # never full until every unit is done
    return "█" * filled + "░" * (width - filled)


def format_status(states: dict[str, dict[str, str]], src: Sources | None = None, *,
                  colour: bool = False, lang: str = "en") -> str:
    """Per language: a progress bar, then each unit that needs translation or review, by
    printed number and title (in that language's words where it has them); the frame in
    `lang`."""
    say = lang
    names = names_of(src, say)
    lines: list[str] = []
    shown = {lang: capital(language_name(lang, say)) if say == "ru" else language_name(lang, say)
             for lang in states}
    width = max([9, *(_cols(name) + 1 for name in shown.values())])
    for lang in sorted(states):
        per = states[lang]
        total = len(per)
        done = sum(1 for s in per.values() if s == "current")
        percent = 100 * done / total if total else 100.0
        bar = paint(progress_bar(done, total), "green" if done == total else "yellow", colour)
        lines.append(frame("status_line", say, language=_pad(shown[lang], width), bar=bar,
                           done=done, total=total, percent=f"{percent:.0f}"))
        for state in ("stale", "untranslated", "unreviewed"):
            keys = [k for k, s in per.items() if s == state]
            if not keys:
                continue
            lines.append("  " + frame("state_head", say, state=frame(state, say)))
            for key in keys:
                unit = key.removeprefix("clause:")
                lines.append(f"    {names.label(unit, lang)}")
        todo = [k.removeprefix("clause:") for k, s in per.items() if s in ("stale", "unreviewed")]
        if todo:
            numbers = [names.by_lang.get(names.master_lang, {}).get(u, ("", None, u))[0]
                       or names.typed.get(u) or u for u in todo]
            lines.append("  " + frame("after", say, n=len(numbers),
                                      command=f"policy stamp {lang} " + " ".join(numbers)))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
