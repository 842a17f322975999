"""Plain words for people: how a unit, a language and a place in the YAML are named in messages.

Units are named by printed number and title ("clause 10 メール配信の停止"), never by ids,
fingerprints or data paths counted from zero; `place_in_words` turns a path such as
`clauses/2/items/1/rules/0/effect` into "clause 3 …, item 2, rule 1 (effect)". Standard
library only (citation.py gives the number's form).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Mapping
from typing import Any

from . import patterns
from .citation import cite

# The tool's own glossary: one word per concept per language, on every surface (the CLI's
# messages and help, the checks' words, the site and PDFs, `policy report`, the diff page).
# The policy's own text (policy/*.yaml) is legal text and keeps its own words.
#
# English names the Japanese edition by audience. Whatever the tool says to the legal team, CI
# and translators (the CLI's messages and help, the checks' findings and their sentences,
# `policy report`, the preview's findings, the diff page) says "master" ("the Japanese
# master"), as the CLI always has; the published pages and PDFs, for readers of the site, say
# "original" ("the Japanese original prevails", "Read the original"). The policy is named as
# each edition's title names it: Privacy Policy, 個人情報保護方針 (never プライバシーポリシー),
# Политика конфиденциальности.
#
#   concept                       en                    ja                  ru
#   a numbered version (2.2.1)    version               バージョン          версия
#     its number / its bump       version number/bump   バージョン番号 /    номер версии /
#                                                       バージョンの上げ方  повышение версии
#   the policy in one language    edition, the          言語版, 日本語版    языковая версия,
#                                 Japanese edition      (版 only here)      японская версия
#   a dated change                revision              改定, 改定日        редакция, дата редакции
#   its note (footer.revisions)   release note          改定のお知らせ      заметка о редакции
#   the text translated from      master, the Japanese  原文                оригинал
#   (the Japanese edition)        master; "original"
#                                 on published pages
#   the policy by its name        privacy policy        個人情報保護方針    политика
#   (each edition's title)                              (never プライバシー конфиденциальности
#                                                       ポリシー)
#     for short                   the policy            ポリシー (tool), 本 политика
#                                                       方針 (pages)
#   a part of the summary         key point             要点                тезис
#   numbered parts                clause, item          条項, 号            пункт, подпункт
#   shared facts (facts:)         facts                 基本情報            сведения
#   a term's words                vocabulary, label     用語, 表示名        словарь, название
#   `policy stamp`                stamp                 翻訳済みとして記録  отметить как переведённое
#   `policy approve`              approve, sign-off     承認                одобрение
#   a translation's state         up to date /          最新 /              актуально /
#                                 out of date           最新でない          устаревший
#   a git base to compare with    (the last version)    最新の状態, コミット (последняя версия)
#   what the policy protects      personal information  個人情報 (never     персональная информация
#   (the policy's 個人情報)       (never personal data) 個人データ)         (never «персональные
#                                                                           данные», the term of
#                                                                           Russian law)
#   what a service declares       declaration,          データ利用の申告,   декларация (never
#   (uses/), its uses             a declared use        申告された利用      заявка, заявление),
#                                                                           заявленное использование
#   the text before the clauses   preamble              前文                преамбула
#   the date it was established   date of establishment 制定日              дата принятия
#   (footer.established)
#   the date it took effect       effective date        施行日 (never       дата вступления в силу
#   (facts.effective)                                   制定・施行)
#   what an allowed use requires  obligation            遵守事項 (never     обязанность
#   (a rule's obligations)                              義務, the company's
#                                                       duties on the site)
# The site and the CLI name these parts alike: the pages once said "Introduction",
# «Вступление» and «Дата утверждения» where the CLI said "preamble", «преамбула» and «дата
# принятия». The preamble is what every edition's readers know from legal texts (前文 on both
# surfaces already); «утверждение» is an approval, which the tool's readers know as `policy
# approve` («одобрение»), and 制定 is an establishment («принятие»), not an approval.
LANGUAGE_NAMES = {"ja": "Japanese", "ru": "Russian", "en": "English"}
# Each language's name in the words of the reader's language (`--lang`).
LANGUAGE_NAMES_IN = {
    "en": LANGUAGE_NAMES,
    "ja": {"ja": "日本語", "ru": "ロシア語", "en": "英語"},
    "ru": {"ja": "японский", "ru": "русский", "en": "английский"},
}
# The one way every command and check asks for a date (the date is an example).
DATE_HINT = "write a date that exists, as YYYY-MM-DD, e.g. 2026-12-03"


# A date written the way people in each language write it, when it cannot be misread: year
# first with any of - / . and one or two digits (2026/12/1), day first with dots (1.12.2026,
# as Russian writes it), and 2026年12月1日 (full-width digits too). Never month/day/year.
_LOCAL_DAYS = (
    (patterns.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), (1, 2, 3)),
    (patterns.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), (3, 2, 1)),
    (patterns.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), (1, 2, 3)),
)


def parse_day(text: str) -> dt.date:
    """A date the user typed, as YYYY-MM-DD or in a form of `_LOCAL_DAYS`; ValueError with
    DATE_HINT when it is not one (or names a day that does not exist)."""
    given = text.strip()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        pass
    for pattern, (y, m, d) in _LOCAL_DAYS:
        found = pattern.fullmatch(given)
        if found is not None:
            try:
                return dt.date(int(found[y]), int(found[m]), int(found[d]))
            except ValueError:
                break
    raise ValueError(f"'{text}' is not a date: {DATE_HINT}") from None

_EDITION_NAMES = {
    "ja": {"ja": "日本語版", "ru": "ロシア語版", "en": "英語版"},
    "ru": {"ja": "японская версия", "ru": "русская версия", "en": "английская версия"},
}


def edition_name(lang: str, say: str = "en") -> str:
    """An edition by its language, in `say`'s words: "Japanese", "日本語版", "японская версия"."""
    return _EDITION_NAMES.get(say, {}).get(lang) or language_name(lang, say)


_DOCUMENT_UNITS = {
    "en": {"title": "the title", "preamble": "the preamble",
           "footer.established": "the date of establishment", "footer.signature": "the signature",
           "approvals": "legal sign-off",
           # the facts every edition shares (`facts:`), by what they are
           "facts.version": "the version number", "facts.url": "the web address",
           "facts.email": "the e-mail address", "facts.effective": "the effective date",
           "facts.revised": "the date of the last revision",
           "facts.service": "the name of the service", "facts.company": "the company's name",
           "facts.representative": "the representative", "facts.governing_law": "the governing law",
           "facts.courts": "the courts", "facts.revisions": "the revision history",
           "facts.prevailing_language": "the prevailing language",
           "facts.translations": "the languages of the translations"},
    "ja": {"title": "表題", "preamble": "前文", "footer.established": "制定日",
           "footer.signature": "署名", "approvals": "法務の承認",
           "facts.version": "バージョン番号", "facts.url": "ウェブサイトのアドレス（URL）",
           "facts.email": "メールアドレス", "facts.effective": "施行日",
           "facts.revised": "最終改定日",
           "facts.service": "サービス名", "facts.company": "事業者の名称",
           "facts.representative": "代表者", "facts.governing_law": "準拠法",
           "facts.courts": "管轄裁判所", "facts.revisions": "改定履歴",
           "facts.prevailing_language": "正文の言語", "facts.translations": "翻訳の言語"},
    "ru": {"title": "заголовок", "preamble": "преамбула", "footer.established": "дата принятия",
           "footer.signature": "подпись", "approvals": "одобрение юристов",
           "facts.version": "номер версии", "facts.url": "адрес сайта",
           "facts.email": "адрес электронной почты", "facts.effective": "дата вступления в силу",
           "facts.revised": "дата последней редакции",
           "facts.service": "название сервиса", "facts.company": "наименование компании",
           "facts.representative": "представитель компании",
           "facts.governing_law": "применимое право", "facts.courts": "суды",
           "facts.revisions": "история редакций",
           "facts.prevailing_language": "язык, имеющий преимущественную силу",
           "facts.translations": "языки переводов"},
}
# The same parts by other words a reader may type for them (engine/cli/helpwords.py names the
# footer "末尾", "заключительная часть"; 題名 and название are said of a title too).
_PART_SYNONYMS = {"題名": "title", "末尾": "footer", "название": "title",
                  "заключительная часть": "footer"}


def part_named(given: str) -> str | None:
    """The key of the part with no printed number ("title", "preamble", "footer",
    "footer.established", "footer.signature") that `given` names in the words the tool prints
    for it, in any language ("前文", "Преамбула", "the signature", "signature"; case and
    spacing aside), else None."""
    typed = " ".join(given.split()).lower()
    found = _PART_SYNONYMS.get(typed)
    if found is not None:
        return found
    for words in _DOCUMENT_UNITS.values():
        for key, label in words.items():
            if key != "approvals" and typed in (label.lower(), label.lower().removeprefix("the ")):
                return key
    return None


_KEY_POINT = {"en": ("the key point “{}”", "a key point of the summary",
                     "the release note of revision {}"),
              "ja": ("要点「{}」", "要約の要点", "改定 {} のお知らせ"),
              "ru": ("тезис «{}»", "тезис краткого изложения", "заметка о редакции {}")}
# A release note named by its revision's date (YYYY-MM-DD), as the footer dates it and as
# `policy stamp LANG --release-note DATE` names it; by its id only when no date is known.
_DATED_NOTE = {"en": "the release note of the revision of {}", "ja": "{}の改定のお知らせ",
               "ru": "заметка о редакции от {}"}
_ISO_DAY = r"\d{4}-\d\d-\d\d"


def language_name(lang: str, say: str = "en") -> str:
    """A language's name, in English or in the words of `say` (ja, ru)."""
    return LANGUAGE_NAMES_IN.get(say, LANGUAGE_NAMES).get(lang, lang)


def capital(text: str) -> str:
    """The first letter in capitals (a label opening a sentence)."""
    return text[:1].upper() + text[1:]


def _in_word(c: str) -> bool:
    """A letter or digit of a script that puts spaces between words (not CJK or kana)."""
    return c.isalnum() and ord(c) < 0x2E80


def short(text: str, n: int = 40) -> str:
    """The text on one line, at most `n` characters: a longer one is cut with "…" at the end
    of a word (a Japanese one at a character), never in the middle of a word."""
    flat = " ".join(text.split())
    if len(flat) <= n:
        return flat
    cut = flat[: n - 1]
    if cut and _in_word(flat[n - 1]) and _in_word(cut[-1]) and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:、，") + "…"


def unit_label(number: str, title: str | None, key: str, say: str = "en") -> str:
    """"clause 10 メール配信の停止", "clause 3.2 (当社は、…)", "the preamble", "the key point
    “当社は…”" (a key point of the summary is named by its own first words); in ja and ru
    "第10項 メール配信の停止", "п. 3.2 (…)", "前文", "преамбула" (`say`)."""
    say = say if say in _KEY_POINT else "en"
    point, points, note = _KEY_POINT[say]
    if not number:
        if key.startswith("summary."):
            return point.format(short(title)) if title else points
        if key.startswith("footer.revisions."):
            if title is not None and patterns.compile(_ISO_DAY).fullmatch(title):
                return _DATED_NOTE[say].format(title)
            return note.format(key.removeprefix("footer.revisions."))
        return _DOCUMENT_UNITS[say].get(key, key)
    words = cite(number, say)
    if title:
        if "." not in number:
            return f"{words} {short(title)}"
        # an item is named by its own first words, quoted as each language quotes
        return {"ja": f"{words}「{short(title)}」", "ru": f"{words} «{short(title)}»"}.get(
            say, f"{words} ({short(title)})")
    return words


# compiled on first use (engine/patterns.py): most runs name no place
_STEP = r"(clauses|items|rules)/(\d+)"
_DATA_PATH = r"(?:clauses|footer|facts|vocabulary)(?:/[\w.-]+)+"


def place_in_words(path: str, data: Any = None, *, titles: bool = True) -> str:
    """`clauses/2/items/1/rules/0/effect` -> "clause 3 <title>, item 2, rule 1, field effect".
    Printed numbers and titles come from `data` (the file's plain data) when it has them;
    `titles`: name a clause by its title too."""
    parts = [p for p in path.strip("/").split("/") if p != ""]
    out: list[str] = []
    node: Any = data
    i = 0
    numbers: list[str] = []
    while i < len(parts):
        step = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if (step in ("clauses", "items", "rules") and nxt is not None and nxt.isascii()
                and nxt.isdigit()):
            index = int(nxt)
            child = None
            if isinstance(node, Mapping) and isinstance(node.get(step), list):
                seq = node[step]
                child = seq[index] if index < len(seq) else None
            number = child.get("number") if isinstance(child, Mapping) else None
            if step == "rules":
                out.append(f"rule {index + 1}")
            else:
                numbers.append(str(number) if isinstance(number, int) else str(index + 1))
                if step == "clauses":
                    title = child.get("title") if isinstance(child, Mapping) else None
                    out.append(f"clause {numbers[-1]}" + (f" {short(title, 30)}"
                                                          if titles and isinstance(title, str)
                                                          and title.strip() else ""))
                else:
                    out.append(("item " if len(numbers) == 2 else "sub-item ") + numbers[-1])
            node = child
            i += 2
            continue
        out.extend(_fields_in_words(parts[i:], inside=bool(out)))
        break
    return ", ".join(out) if out else "the top of the file"


def _fields_in_words(parts: list[str], *, inside: bool) -> list[str]:
    """Named fields and the entries of lists under them, counted from 1: `revisions/0/date`
    -> "entry 1 of facts.revisions", "field date" (inside a unit, each name is a "field")."""
    out: list[str] = []
    chain: list[str] = []
    for step in parts:
        if step.isascii() and step.isdigit() and chain:
            named = ".".join(chain)
            out.append(f"entry {int(step) + 1} of " + (f"field {named}" if inside or out
                                                        else named))
            chain = []
        else:
            chain.append(step)
    if chain:
        named = ".".join(chain)
        out.append(f"field {named}" if inside or out else named)
    return out


def humanize_paths(message: str, data: Any = None) -> str:
    """Replace every zero-based data path in a message by its words (see place_in_words)."""
    if "/" not in message:
        return message  # the common case: a path has at least one slash

    def sub(m: re.Match[str]) -> str:
        text = m.group(0)
        if patterns.compile(_STEP).search(text) or any(
                step.isascii() and step.isdigit() for step in text.split("/")):
            return place_in_words(text, data)  # every list entry counted from 1
        return text.replace("/", ".")

    return patterns.compile(_DATA_PATH).sub(sub, message)


def use_colour(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_CODES = {"red": 31, "green": 32, "yellow": 33, "blue": 34, "cyan": 36, "dim": 2, "bold": 1}


def paint(text: str, style: str, on: bool) -> str:
    return f"\x1b[{_CODES[style]}m{text}\x1b[0m" if on and style in _CODES else text
