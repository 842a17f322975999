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
        "languages": "Languages",
        "this_clause_in": "This clause in:",
        "contents": "Contents",
        "version": "Version",
        "effective": "Effective",
        "revised": "Revised",
        "company": "Company",
        "representative": "Representative director",
        "contact": "Contact",
        "website": "Website",
        "prevailing": "This is a translation for reference. The {edition} prevails.",
        "prevailing_link": "Read the {edition}",
        "stale": "The original of this part has changed since it was translated; "
                 "this translation may be out of date.",
        "unreviewed": "This translation has not been checked against the original and "
                      "may be out of date.",
        "untranslated": "This part is not translated yet; it may be out of date or shown "
                        "in the original language.",
        "read_original": "Read the original ({edition}, {number})",
        "read_original_doc": "Read the original ({edition})",
        "downloads": "Other formats",
        "markdown": "This edition as Markdown",
        "bundle": "Machine-readable policy (JSON)",
        "changes": "Change history",
        "choose": "Choose your language",
    },
    "ru": {
        "skip": "Перейти к тексту политики",
        "languages": "Языки",
        "this_clause_in": "Этот пункт на языке:",
        "contents": "Содержание",
        "version": "Версия",
        "effective": "Вступает в силу",
        "revised": "Редакция от",
        "company": "Компания",
        "representative": "Представительный директор",
        "contact": "Контакт",
        "website": "Сайт",
        "prevailing": "Это перевод для справки. Преимущественную силу имеет {edition}.",
        "prevailing_link": "Открыть: {edition}",
        "stale": "Оригинал этой части изменился после перевода; перевод может быть устаревшим.",
        "unreviewed": "Этот перевод не сверен с оригиналом и может быть устаревшим.",
        "untranslated": "Эта часть ещё не переведена; текст может быть устаревшим или "
                        "приведён на языке оригинала.",
        "read_original": "Оригинал ({edition}, {number})",
        "read_original_doc": "Оригинал ({edition})",
        "downloads": "Другие форматы",
        "markdown": "Эта редакция в формате Markdown",
        "bundle": "Политика в машиночитаемом виде (JSON)",
        "changes": "История изменений",
        "choose": "Выберите язык",
    },
    "ja": {
        "skip": "本文へ移動",
        "languages": "言語",
        "this_clause_in": "この条項の他言語版：",
        "contents": "目次",
        "version": "版",
        "effective": "制定・施行",
        "revised": "改定",
        "company": "会社名",
        "representative": "代表取締役",
        "contact": "お問い合わせ",
        "website": "ウェブサイト",
        "prevailing": "本書は参考のための翻訳です。{edition}が優先します。",
        "prevailing_link": "{edition}を読む",
        "stale": "この部分の原文は翻訳後に変更されています。この翻訳は最新でない可能性があります。",
        "unreviewed": "この翻訳は原文との照合が済んでおらず、最新でない可能性があります。",
        "untranslated": "この部分はまだ翻訳されていません。最新でないか、原文のまま表示されている可能性があります。",
        "read_original": "原文（{edition}、{number}）",
        "read_original_doc": "原文（{edition}）",
        "downloads": "その他の形式",
        "markdown": "この版のMarkdown",
        "bundle": "機械可読なポリシー（JSON）",
        "changes": "変更履歴",
        "choose": "言語を選択してください",
    },
}

# "The <language> edition" as a noun phrase in each interface language.
EDITIONS: dict[str, dict[str, str]] = {
    "en": {"ja": "Japanese edition", "ru": "Russian edition", "en": "English edition"},
    "ru": {"ja": "японская редакция", "ru": "русская редакция", "en": "английская редакция"},
    "ja": {"ja": "日本語版", "ru": "ロシア語版", "en": "英語版"},
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


def format_date(day: dt.date, lang: str) -> str:
    """A date as readers of that language write it."""
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    if lang == "ru":
        return f"{day.day} {_RU_MONTHS[day.month - 1]} {day.year} г."
    return f"{_EN_MONTHS[day.month - 1]} {day.day}, {day.year}"
