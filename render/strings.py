"""The words of the page around the policy (headings, labels, notices, dates) in each language.

Only interface frames live here; every word of the policy itself comes from the YAML. A language
without its own frames (a generated test edition) falls back to English.
"""

from __future__ import annotations

import datetime as dt

# The name of each language in itself, for the language switcher.
LANGUAGE_NAMES: dict[str, str] = {"ja": "日本語", "ru": "Русский", "en": "English"}

FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to the policy text",
        # the same on a page that is not the policy's text (the versions, a redline)
        "skip_content": "Skip to the main content",
        "languages": "Languages",
        "this_clause_in": "This clause in",
        "contents": "Contents",
        "version": "Version",
        "contact": "Contact",
        "prevailing": "This is a translation for reference. The {edition} prevails.",
        "prevailing_draft": "This is a translation for reference. The {edition} is a draft "
                            "pending our legal team's review.",
        "prevailing_link": "Read the {edition}",
        "print_on_site": "on this site: {path}",
        "master_draft": "This text is a draft pending our legal team's review.",
        "master_reconstructed": "This text was reconstructed from the published Russian and "
                                "English editions and is a draft pending our legal team's review.",
        "all_awaiting": "Our legal team has not yet reviewed this text.",
        "awaiting": "Awaiting legal review",
        "awaiting_long": "Our legal team has not yet reviewed this part.",
        "translated": "Translated by us; this translation has not yet been reviewed by our "
                      "legal team.",
        "translated_short": "Translation not yet reviewed",
        "translated_edition": "We translated this edition ourselves; our legal team has not "
                              "yet reviewed the translation.",
        # {note}: awaiting_long without its full stop, the note each part kept as published
        # carries in every format (the contents' marks are neither printed nor in the Markdown).
        "translated_edition_mixed": "We translated this edition ourselves, apart from the parts "
                                    "noted “{note}”, which keep the wording already published. "
                                    "Our legal team has not yet reviewed the translation or "
                                    "those parts.",
        "stale": "The original of this part has changed since it was translated; "
                 "this translation may be out of date.",
        "stale_short": "May be out of date",
        "unreviewed": "This translation has not been checked against the original and "
                      "may be out of date.",
        "untranslated": "This part is not translated yet; it may be out of date or shown "
                        "in the original language.",
        "read_original": "Read the original ({edition}, {number})",
        "read_original_doc": "Read the original ({edition})",
        "summary": "Key points",
        "summary_n": "Key point {n}",
        "summary_notice": "This summary helps you find your way; it does not replace the "
                          "policy. Only the full text below sets out your rights and our "
                          "obligations.",
        "top": "Back to top",
        "what_changed": "What changed",
        "all_versions": "All versions",
        "pdf": "PDF",
        "downloads": "Other formats",
        "markdown": "This edition as a text file (Markdown)",
        "bundle": "The policy as data, for software developers (JSON)",
        "choose": "Choose your language",
        "versions_title": "Versions of the privacy policy",
        "versions_intro": "This page lists every version of the policy from version {version} "
                          "on; earlier versions are not published here.",
        "current": "current version",
        "read_version": "Read version {version}",
        "changes_from": "What changed since version {version}",
        "changes_pdf": "What changed since version {version} (PDF)",
        "notes_first": "Revision history as recorded in this version",
        "release_notes": "Release notes",
        "no_notes": "No release note was written for this version.",
        "archived": "This is version {version}, an earlier version of the policy.",
        "archived_current": "This is version {version}, the current version of the policy.",
        "read_current": "Read the current version",
        "redline_title": "What changed in version {version}",
        "redline_since": "What changed since version {version}",
        "redline_intro": "Deleted words are struck through and new words are underlined. "
                         "Only the text is compared; the full text of each version is in "
                         "the archive.",
        "redline_master": "Changes to the Japanese text",
        "redline_master_intro": "Our privacy policy is written in Japanese; these are the "
                                "changes to the Japanese text in this version.",
        "redline_this": "Changes to this edition",
        "redline_none": "The text of this edition did not change.",
        # a release note this version added, in the changes: its text is under the page's
        # "Release notes" heading ({notes}, a link to it), not repeated
        "redline_note_shown": "The full text of this release note is shown above, under "
                              "“{notes}”.",
        "redline_empty_base": "No earlier version is published here, so the whole text is "
                              "shown as new.",
        "added": "added",
        "removed": "removed",
        # Said by a screen reader around struck-through and underlined words, which most do
        # not announce; never shown (render/assets.py).
        "deletion_start": "deletion start",
        "deletion_end": "deletion end",
        "insertion_start": "insertion start",
        "insertion_end": "insertion end",
        "doc_title": "Title",
        "doc_preamble": "Preamble",
        "doc_established": "Date of establishment",
        "doc_revision": "Release note",
        # a release note by its revision's date, so that each changed note has its own heading
        "doc_revision_of": "Release note of {date}",
        "doc_signature": "Signature",
        "page": "Page {page} of {pages}",
        "revised_on": "Revised: {date}",
        "effective_on": "Effective: {date}",
        "version_n": "Version {version}",
    },
    "ru": {
        "skip": "Перейти к тексту политики",
        "skip_content": "Перейти к основному содержанию",
        "languages": "Языки",
        "this_clause_in": "Этот пункт на языке",
        "contents": "Содержание",
        "version": "Версия",
        "contact": "Контакты",
        "prevailing": "Это перевод для справки. Преимущественную силу имеет {edition}.",
        "prevailing_draft": "Это перевод для справки. {Edition} — проект, который ещё "
                            "проверяют наши юристы.",
        "prevailing_link": "Открыть {edition}",
        "print_on_site": "на этом сайте: {path}",
        "master_draft": "Этот текст — проект, который ещё проверяют наши юристы.",
        "master_reconstructed": "Этот текст восстановлен по опубликованным русской и английской "
                                "версиям; это проект, который ещё проверяют наши юристы.",
        "all_awaiting": "Наши юристы ещё не проверили этот текст.",
        "awaiting": "Ожидает проверки юристами",
        "awaiting_long": "Наши юристы ещё не проверили эту часть.",
        "translated": "Переведено нами; юристы ещё не проверили этот перевод.",
        "translated_short": "Перевод не проверен",
        "translated_edition": "Эту языковую версию мы перевели сами; наши юристы ещё не проверили "
                              "перевод.",
        "translated_edition_mixed": "Эту языковую версию мы перевели сами, кроме частей с пометкой "
                                    "«{note}»: в них сохранён уже опубликованный текст. Наши "
                                    "юристы ещё не проверили ни перевод, ни эти части.",
        "stale": "Оригинал этой части изменился после перевода; перевод может быть устаревшим.",
        "stale_short": "Может быть устаревшим",
        "unreviewed": "Этот перевод не сверен с оригиналом и может быть устаревшим.",
        "untranslated": "Эта часть ещё не переведена; текст может быть устаревшим или "
                        "приведён на языке оригинала.",
        "read_original": "Оригинал ({edition}, {number})",
        "read_original_doc": "Оригинал ({edition})",
        "summary": "Главное",
        "summary_n": "Главное: тезис {n}",
        "summary_notice": "Это краткое изложение помогает сориентироваться, но не заменяет "
                          "политику. Ваши права и наши обязательства определяет только "
                          "полный текст ниже.",
        "top": "Наверх",
        "what_changed": "Что изменилось",
        "all_versions": "Все версии",
        "pdf": "PDF",
        "downloads": "Другие форматы",
        # After «Другие форматы:», so lower case, as Russian writes after a colon.
        "markdown": "эта языковая версия в виде текстового файла (Markdown)",
        "bundle": "политика в виде данных для разработчиков (JSON)",
        "choose": "Выберите язык",
        "versions_title": "Версии политики конфиденциальности",
        "versions_intro": "Здесь собраны все версии политики начиная с версии {version}; более "
                          "ранние версии здесь не публикуются.",
        "current": "действующая версия",
        "read_version": "Текст версии {version}",
        "changes_from": "Что изменилось по сравнению с версией {version}",
        "changes_pdf": "Что изменилось по сравнению с версией {version} (PDF)",
        "notes_first": "История изменений, как она указана в этой версии",
        "release_notes": "Заметки о редакции",
        "no_notes": "Для этой версии заметка о редакции не составлялась.",
        "archived": "Это версия {version} — одна из прежних версий политики.",
        "archived_current": "Это версия {version} — действующая версия политики.",
        "read_current": "Открыть действующую версию",
        "redline_title": "Что изменилось в версии {version}",
        "redline_since": "Что изменилось после версии {version}",
        "redline_intro": "Удалённые слова зачёркнуты, новые — подчёркнуты. Сравнивается "
                         "только текст; полный текст каждой версии есть в архиве.",
        "redline_master": "Изменения японского текста",
        "redline_master_intro": "Наша политика конфиденциальности написана на японском языке; "
                                "ниже — изменения японского текста в этой версии.",
        "redline_this": "Изменения в этой языковой версии",
        "redline_none": "Текст этой языковой версии не изменился.",
        "redline_note_shown": "Полный текст этой заметки о редакции приведён выше, в разделе "
                              "«{notes}».",
        "redline_empty_base": "Более ранние версии здесь не публикуются, поэтому весь текст "
                              "показан как новый.",
        # A badge after a heading of any gender (пункт, примечание, подпись): "the text" is its
        # own subject, so it agrees whatever the heading is.
        "added": "текст добавлен",
        "removed": "текст удалён",
        "deletion_start": "начало удалённого текста",
        "deletion_end": "конец удалённого текста",
        "insertion_start": "начало добавленного текста",
        "insertion_end": "конец добавленного текста",
        "doc_title": "Заголовок",
        "doc_preamble": "Преамбула",
        "doc_established": "Дата принятия",
        "doc_revision": "Заметка о редакции",
        "doc_revision_of": "Заметка о редакции от {date}",
        "doc_signature": "Подпись",
        "page": "Страница {page} из {pages}",
        "revised_on": "Редакция от {date}",
        "effective_on": "Действует с {date}",
        "version_n": "Версия {version}",
    },
    "ja": {
        "skip": "本文へ移動",
        "skip_content": "本文へ移動",
        "languages": "言語",
        "this_clause_in": "この条項の他言語版",
        "contents": "目次",
        "version": "バージョン",
        "contact": "お問い合わせ",
        "prevailing": "本書は参考のための翻訳です。{edition}が優先します。",
        "prevailing_draft": "本書は参考のための翻訳です。{edition}は、当社法務担当による確認前の"
                            "案文です。",
        "prevailing_link": "{edition}を読む",
        "print_on_site": "本サイトの {path}",
        "master_draft": "本文は、当社法務担当による確認前の案文です。",
        "master_reconstructed": "本文は、公開済みのロシア語版及び英語版をもとに復元したもので、"
                                "当社法務担当による確認前の案文です。",
        "all_awaiting": "本文は、まだ当社法務担当の確認を受けていません。",
        "awaiting": "法務確認待ち",
        "awaiting_long": "この部分は、まだ当社法務担当の確認を受けていません。",
        "translated": "当社で翻訳したもので、まだ当社法務担当の確認を受けていません。",
        "translated_short": "翻訳は未確認",
        "translated_edition": "この言語版は当社で翻訳したもので、まだ当社法務担当の確認を受けていません。",
        "translated_edition_mixed": "この言語版は当社で翻訳したものです。ただし、「{note}」と表示のある部分は、"
                                    "公表済みの文言をそのまま掲載しています。翻訳もこれらの部分も、まだ当社法務担当の"
                                    "確認を受けていません。",
        "stale": "この部分の原文は翻訳後に変更されています。この翻訳は最新でない可能性があります。",
        "stale_short": "最新でない可能性",
        "unreviewed": "この翻訳は原文との照合が済んでおらず、最新でない可能性があります。",
        "untranslated": "この部分はまだ翻訳されていません。最新でないか、原文のまま表示されている可能性があります。",
        "read_original": "原文（{edition}、{number}）",
        "read_original_doc": "原文（{edition}）",
        "summary": "要点",
        "summary_n": "要点{n}",
        "summary_notice": "この要点は本文を読む際の手引きであり、本文に代わるものではありません。"
                          "利用者の権利及び当社の義務は、以下の本文のみが定めます。",
        "top": "ページの先頭へ",
        "what_changed": "変更点",
        "all_versions": "すべてのバージョン",
        "pdf": "PDF",
        "downloads": "その他の形式",
        "markdown": "この言語版のテキストファイル（Markdown形式）",
        "bundle": "本方針のデータ（ソフトウェア開発者向け、JSON形式）",
        "choose": "言語を選択してください",
        "versions_title": "個人情報保護方針のバージョン一覧",
        "versions_intro": "この一覧には、バージョン{version}以降の本方針のすべてのバージョンを掲載しています。"
                          "それ以前のバージョンは、ここには掲載していません。",
        "current": "現行バージョン",
        "read_version": "バージョン{version}を読む",
        "changes_from": "バージョン{version}からの変更点",
        "changes_pdf": "バージョン{version}からの変更点（PDF）",
        "notes_first": "このバージョンに記載されている改定の経緯",
        "release_notes": "改定のお知らせ",
        "no_notes": "このバージョンには改定のお知らせがありません。",
        "archived": "これは本方針の以前のバージョン（{version}）です。",
        "archived_current": "これは本方針の現行バージョン（{version}）です。",
        "read_current": "現行バージョンを読む",
        "redline_title": "バージョン{version}の変更点",
        "redline_since": "バージョン{version}以降の変更点",
        # 「本文」 is the clauses' text, which the summary notice sets apart from the key points;
        # a redline also shows the key points and the release notes, so it compares 「文言」.
        "redline_intro": "削除した語句には取消線を、追加した語句には下線を付しています。"
                         "比較しているのは文言のみです。各バージョンの全文は一覧からご覧いただけます。",
        "redline_master": "日本語の本文の変更点",
        "redline_master_intro": "本方針は日本語で作成しています。このバージョンにおける日本語の本文の変更点は次のとおりです。",
        "redline_this": "この言語版の変更点",
        "redline_none": "この言語版の本文に変更はありません。",
        "redline_note_shown": "このお知らせの全文は、上記の「{notes}」に掲載しています。",
        "redline_empty_base": "それ以前のバージョンはここには掲載していないため、全文を追加として"
                              "表示しています。",
        "added": "追加",
        "removed": "削除",
        "deletion_start": "削除ここから",
        "deletion_end": "削除ここまで",
        "insertion_start": "追加ここから",
        "insertion_end": "追加ここまで",
        "doc_title": "表題",
        "doc_preamble": "前文",
        "doc_established": "制定日",
        "doc_revision": "改定のお知らせ",
        "doc_revision_of": "{date}の改定のお知らせ",
        "doc_signature": "署名",
        "page": "{page} / {pages} ページ",
        "revised_on": "改定：{date}",
        "effective_on": "施行：{date}",
        "version_n": "バージョン{version}",
    },
}

# "The <language> edition" as a noun phrase in each interface language.
EDITIONS: dict[str, dict[str, str]] = {
    "en": {"ja": "Japanese edition", "ru": "Russian edition", "en": "English edition"},
    "ru": {"ja": "японская версия", "ru": "русская версия", "en": "английская версия"},
    "ja": {"ja": "日本語版", "ru": "ロシア語版", "en": "英語版"},
}
# An edition named as what is opened or read ("Открыть японскую версию"): Russian puts it in
# the accusative; the other languages name it as EDITIONS does.
EDITIONS_READ: dict[str, dict[str, str]] = {
    "ru": {"ja": "японскую версию", "ru": "русскую версию", "en": "английскую версию"},
}

_RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def frames(lang: str) -> dict[str, str]:
    return FRAMES.get(lang, FRAMES["en"])


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


def edition_name(of_lang: str, in_lang: str) -> str:
    names = EDITIONS.get(in_lang, EDITIONS["en"])
    return names.get(of_lang, f"{language_name(of_lang)} edition")


def edition_to_read(of_lang: str, in_lang: str) -> str:
    """The edition in `of_lang` named in `in_lang` as the object of "open" or "read"."""
    return EDITIONS_READ.get(in_lang, {}).get(of_lang) or edition_name(of_lang, in_lang)


def review_note(mark: str, lang: str) -> str:
    """What a page says of a part by its review mark (engine/review.py via render/view.py):
    translated by us and not yet reviewed, or awaiting our lawyers' review."""
    return frames(lang)["translated" if mark == "translated" else "awaiting_long"]


def edition_notice(frame: str, lang: str) -> str:
    """The edition's review notice of that frame (render/view.py `notice_frame`) in `lang`: the
    mixed one quotes the note its parts kept as published carry, without the note's full stop."""
    f = frames(lang)
    return f[frame].format(note=f["awaiting_long"].rstrip(".。"))


def labelled(label: str, lang: str) -> str:
    """`label` leading what follows it, with the colon its language writes: a full-width colon
    in Japanese, which carries its own space ("その他の形式：…"); ": " elsewhere."""
    return f"{label}：" if lang == "ja" else f"{label}: "


def format_date(day: dt.date, lang: str) -> str:
    """A date as readers of that language write it."""
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    if lang == "ru":
        # No-break spaces hold the day to its month and "г." to its year, so a narrow screen
        # or a PDF line never begins with "г." or leaves a day number alone at a line's end.
        return f"{day.day}\u00a0{_RU_MONTHS[day.month - 1]} {day.year}\u00a0г."
    return f"{_EN_MONTHS[day.month - 1]} {day.day}, {day.year}"
