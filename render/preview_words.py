"""What the live preview says about a finding, in the page's language (ja, ru, en).

One plain sentence per code, kept beside the code in the registry (each check unit's words,
engine/basewords.py for the other families); the checker's own English message follows as a
detail. The preview is for editors, never published.
"""

from __future__ import annotations

Words = dict[str, str]

# Frames of the preview's own interface.
UI: dict[str, Words] = {
    "heading": {"ja": "この箇所の指摘", "ru": "Замечания к этому месту",
                "en": "Findings here"},
    "page": {"ja": "このページ全体の指摘", "ru": "Замечания ко всей странице",
             "en": "Findings about the whole page"},
    # before what `policy check` says of the finding, in the page's language
    "detail": {"ja": "詳細", "ru": "Подробности", "en": "Details"},
    "clean": {"ja": "指摘はありません。", "ru": "Замечаний нет.", "en": "No findings."},
    "stale_build": {
        "ja": "ファイルを読み込めないため、最後に読み込めた内容を表示しています。",
        "ru": "Файл не удаётся прочитать; показана последняя версия, которую удалось прочитать.",
        "en": "A file cannot be read; this is the last version that could be read."},
    "title": {"ja": "プレビュー", "ru": "Предпросмотр", "en": "Preview"},
    "banner": {"ja": "プレビュー（公開サイトではありません）",
               "ru": "Предпросмотр (не опубликованная версия)",
               "en": "Preview (not the published site)"},
    "error": {"ja": "要修正", "ru": "Ошибка", "en": "Error"},
    "warning": {"ja": "要確認", "ru": "Предупреждение", "en": "Warning"},
    "note": {"ja": "参考", "ru": "Примечание", "en": "Note"},
}

def _pick(words: Words, lang: str) -> str:
    return words.get(lang) or words["en"]


def ui(key: str, lang: str) -> str:
    return _pick(UI[key], lang)


def finding_sentence(code: str, lang: str) -> str:
    """The plain sentence for a finding's code, in `lang`: the one the registry holds beside
    the code (a check unit's words, or engine/basewords.py for the other families)."""
    from engine.diagnostics import plain_sentence

    return plain_sentence(code, lang)
