"""What the live preview says about a finding, in the page's language (ja, ru, en).

One plain sentence per code, falling back to one per code family; the checker's own English
message follows as a detail. The preview is for editors, never published.
"""

from __future__ import annotations

Words = dict[str, str]

# Frames of the preview's own interface.
UI: dict[str, Words] = {
    "heading": {"ja": "この箇所の指摘", "ru": "Замечания к этому месту",
                "en": "Findings here"},
    "page": {"ja": "このページ全体の指摘", "ru": "Замечания ко всей странице",
             "en": "Findings about the whole page"},
    "detail": {"ja": "詳細（英語）", "ru": "Подробности (по-английски)",
               "en": "Details"},
    "clean": {"ja": "指摘はありません。", "ru": "Замечаний нет.", "en": "No findings."},
    "stale_build": {
        "ja": "ファイルを読み込めないため、最後に読み込めた版を表示しています。",
        "ru": "Файл не удаётся прочитать; показана последняя версия, которую удалось прочитать.",
        "en": "A file cannot be read; this is the last version that could be read."},
    "banner": {"ja": "プレビュー（公開版ではありません）",
               "ru": "Предпросмотр (не опубликованная версия)",
               "en": "Preview (not the published site)"},
    "error": {"ja": "要修正", "ru": "Ошибка", "en": "Error"},
    "warning": {"ja": "要確認", "ru": "Предупреждение", "en": "Warning"},
    "note": {"ja": "参考", "ru": "Примечание", "en": "Note"},
}

CODES: dict[str, Words] = {
    "DRIFT001": {"ja": "日本語の原文が翻訳後に変更されました。翻訳を更新してください。",
                 "ru": "Японский оригинал изменился после перевода. Обновите перевод.",
                 "en": "The Japanese original changed after this was translated. Update the "
                       "translation."},
    "DRIFT002": {"ja": "この翻訳はまだ原文と照合されていません。",
                 "ru": "Этот перевод ещё не сверен с оригиналом.",
                 "en": "This translation has not been checked against the original yet."},
    "L10N001": {"ja": "原文のままで、翻訳されていません。",
                "ru": "Текст совпадает с оригиналом: он не переведён.",
                "en": "The text is the same as the original: it is not translated."},
    "L10N002": {"ja": "他の言語版と同じ文章で、翻訳されていません。",
                "ru": "Текст совпадает с другой языковой версией: он не переведён.",
                "en": "The text is the same as another edition: it is not translated."},
    "L10N003": {"ja": "この言語版の文字で書かれていません。",
                "ru": "Текст написан не тем алфавитом, что нужен для этой версии.",
                "en": "The text is written in the wrong script for this edition."},
    "INV001": {"ja": "数字が原文と一致しません。", "ru": "Числа не совпадают с оригиналом.",
               "en": "The numbers differ from the original."},
    "INV002": {"ja": "日付が原文と一致しません。", "ru": "Даты не совпадают с оригиналом.",
               "en": "The dates differ from the original."},
    "INV003": {"ja": "メールアドレスが原文と一致しません。",
               "ru": "Адреса электронной почты не совпадают с оригиналом.",
               "en": "The e-mail addresses differ from the original."},
    "INV004": {"ja": "URLが原文と一致しません。", "ru": "Адреса сайтов не совпадают с оригиналом.",
               "en": "The web addresses differ from the original."},
    "INV005": {"ja": "他の条項への参照が原文と一致しません。",
               "ru": "Ссылки на другие пункты не совпадают с оригиналом.",
               "en": "The references to other clauses differ from the original."},
    "INV008": {"ja": "箇条書きの項目数が原文と一致しません。",
               "ru": "Число пунктов списка не совпадает с оригиналом.",
               "en": "The number of list items differs from the original."},
    "INV009": {"ja": "原文にある固有名詞が見当たりません。",
               "ru": "Нет названия, которое есть в оригинале и не переводится.",
               "en": "A name from the original (kept as written) is missing."},
    "PARITY001": {"ja": "原文にある箇所がこの言語版にありません。",
                  "ru": "Этого места из оригинала нет в этой версии.",
                  "en": "This part of the original is missing from this edition."},
    "PARITY002": {"ja": "原文にない箇所です。", "ru": "Этого места нет в оригинале.",
                  "en": "This part does not exist in the original."},
    "PARITY004": {"ja": "番号が原文と一致しません。", "ru": "Номер не совпадает с оригиналом.",
                  "en": "The number differs from the original."},
    "PARITY008": {"ja": "共通の事実（版、日付、連絡先）が原文と一致しません。",
                  "ru": "Общие сведения (версия, дата, контакты) не совпадают с оригиналом.",
                  "en": "A shared fact (version, date, contact) differs from the original."},
    "NOTE001": {"ja": "この改定のお知らせ（改定内容の説明）がありません。",
                "ru": "Нет заметки об этой редакции (что изменилось).",
                "en": "This revision has no release note saying what changed."},
    "NOTE002": {"ja": "改定のお知らせが下書きのままです。内容を書いてください。",
                "ru": "Заметка о редакции — всё ещё черновик. Напишите её.",
                "en": "The release note is still the draft placeholder. Write it."},
    "POLICY001": {"ja": "同じIDが二度使われています。", "ru": "Один и тот же id использован дважды.",
                  "en": "The same id is used twice."},
    "POLICY005": {"ja": "番号が連続していません（policy renumber で直せます）。",
                  "ru": "Нумерация не подряд (исправляет policy renumber).",
                  "en": "The numbering is not consecutive (policy renumber fixes it)."},
    "POLICY007": {"ja": "HTMLは使えません。", "ru": "HTML использовать нельзя.",
                  "en": "HTML is not allowed in the text."},
}

FAMILIES: dict[str, Words] = {
    "YAML": {"ja": "YAMLの書き方に誤りがあります。", "ru": "Ошибка в записи YAML.",
             "en": "The YAML is not written correctly."},
    "SCHEMA": {"ja": "項目の名前か値の形が正しくありません。",
               "ru": "Неверное имя поля или вид значения.",
               "en": "A field name or the form of a value is wrong."},
    "POLICY": {"ja": "ポリシーの内容に矛盾があります。", "ru": "В политике есть противоречие.",
               "en": "Something in the policy does not fit together."},
    "PARITY": {"ja": "原文と構成が一致しません。", "ru": "Структура не совпадает с оригиналом.",
               "en": "The structure differs from the original."},
    "INV": {"ja": "原文と一致すべき内容が一致しません。",
            "ru": "То, что должно совпадать с оригиналом, не совпадает.",
            "en": "Something that must match the original does not."},
    "L10N": {"ja": "翻訳されていません。", "ru": "Текст не переведён.",
             "en": "The text is not translated."},
    "LANG": {"ja": "優先言語の条項に問題があります。",
             "ru": "Проблема с пунктом о языке, имеющем преимущественную силу.",
             "en": "There is a problem with the prevailing-language clause."},
    "REVIEW": {"ja": "法務の確認（承認）がまだです。", "ru": "Текст ещё не одобрен юристом.",
               "en": "Legal review (sign-off) is still to do."},
    "NOTE": {"ja": "改定のお知らせに問題があります。", "ru": "Проблема с заметкой о редакции.",
             "en": "There is a problem with a release note."},
    "IO": {"ja": "ファイルを読み書きできません。", "ru": "Файл не удаётся прочитать или записать.",
           "en": "A file cannot be read or written."},
}
DEFAULT: Words = {"ja": "確認が必要です。", "ru": "Требуется проверка.", "en": "Needs a look."}


def _pick(words: Words, lang: str) -> str:
    return words.get(lang) or words["en"]


def ui(key: str, lang: str) -> str:
    return _pick(UI[key], lang)


def finding_sentence(code: str, lang: str) -> str:
    """The plain sentence for a finding's code, in `lang`."""
    if code in CODES:
        return _pick(CODES[code], lang)
    family = code.rstrip("0123456789")
    return _pick(FAMILIES.get(family, DEFAULT), lang)
