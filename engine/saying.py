"""What a finding says to people, in ja, ru and en: a code's texts, how a template is filled, the language a command speaks.

A code's `Texts` hold one plain sentence per language (what is wrong, for the legal team and
the preview) and, where the finding carries its parameters (`Diagnostic.params`), the full
message and hint as templates with named fields, one per language. The English template
renders exactly the `message` the machine formats keep, so one set of parameters gives every
language. A template field can choose its words:

    {n:sentence|sentences}          the plural form for the number n (ru: one|few|many beside
                                    the number; a word said without it, "fix {n:it|them}",
                                    has two forms, the first for exactly one; ja: one)
    {fewer:fewer|more}              the first form when the flag is true, the second otherwise
    {field:@}  {field:@gen}         a word given by its key (WORDS), in the language (and case)
    {unit:@unit}                    a unit named by `unit_param` ("clause 10 …", "第10項 …")
    {names:@or}                     texts given by `listed`, quoted and joined with "or"
    {names:@own}  {names:@master}   a name given by `listed` as the master's, then ja, ru, en:
                                    the reader's (else the English, else the master's), or
                                    the master's
    {words:@quoted}                 texts given by `listed`, quoted in the reader's way, side
                                    by side (ja 「ません」、「ず」; ru «не», «ни»)
    {scripts:@and}                  words given by `listed`, joined with "and"
    {options:@alt}                  texts given by `listed` as they are, joined with "or"
    {options:@ids}                  ids given by `listed` (each "id" or "id\x1elabel"), quoted
                                    in the reader's way with the label after, joined with "or"
    {files:@list}                   texts given by `listed` as they are, side by side (ja 、)
    {options:@units}                clauses given by `listed` as "number\x1etitle ja\x1eru\x1een",
                                    each named in the reader's words with its own title
    {kinds:@either}                 words given by `listed` (their keys), joined with "or"
    {number:@cite}                  a clause number as each language cites it (第4項, п. 4)
    {n:@count}                      a count as the language writes it: 1,920,000 (ru 1 920 000)
    {place:@place}                  a place in a file given by `place_param` (en: its data path)
    {place:@field}                  the same place as a field (第2項「…」の「number:」)
    {options:@names}                field names given by `listed` (en: 'a' or 'b', as did_you_mean)

A code whose finding comes in several shapes has a template per shape (`forms`), chosen by
the finding's `form` parameter.

Standard library only, and nothing from the engine: `policy --version` and `terms` never load it.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

from .values import field, record

LANGS = ("ja", "ru", "en")
LANG_ENV = "POLICY_LANG"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")
# Other ways people write the three languages in POLICY_LANG: the country code of Japan (jp,
# as in ja_JP), the three-letter codes (ISO 639-2) and the English names. Without them,
# `POLICY_LANG=jp` fell back to the locale, usually English, and said nothing.
LANG_ALIASES = {"jp": "ja", "jpn": "ja", "japanese": "ja", "rus": "ru", "russian": "ru",
                "eng": "en", "english": "en"}

Param = str | int | float | bool


def language_from_env(environ: Mapping[str, str]) -> str:
    """The language a command speaks when not told: POLICY_LANG (ja, ru, en, a locale such
    as ja_JP.UTF-8, or one of LANG_ALIASES: jp, rus, english, …), else the first
    of LC_ALL, LC_MESSAGES, LANG that is set, as gettext reads them (`ja_JP.UTF-8` is ja,
    `ru_RU.UTF-8` ru, `C`, `POSIX` and any other language en), else en."""
    # written as a locale too (ja_JP.UTF-8): the language is the part before _ . @
    chosen = environ.get(LANG_ENV, "").strip().split(".", 1)[0].split("@", 1)[0]
    chosen = chosen.split("_", 1)[0].split("-", 1)[0].lower()
    chosen = LANG_ALIASES.get(chosen, chosen)
    if chosen in LANGS:
        return chosen
    for key in LOCALE_ENV:
        value = environ.get(key, "")
        if value:
            code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
            return code if code in LANGS else "en"
    return "en"


@record
class Texts:
    """What one code says, per language: a plain sentence; and, for a finding that carries its
    parameters, the message and the hint as templates."""

    plain: Mapping[str, str]
    message: Mapping[str, str] = field(default_factory=dict)
    hint: Mapping[str, str] = field(default_factory=dict)


def texts(ja: str, ru: str, en: str, *, message: tuple[str, str, str] | None = None,
          hint: tuple[str, str, str] | None = None,
          forms: Mapping[str, tuple[str, str, str]] | None = None,
          hint_forms: Mapping[str, tuple[str, str, str]] | None = None) -> Texts:
    """Texts from their ja, ru, en sentences (and templates), in that order; `forms` are the
    message templates of the other shapes of the finding, by the name its `form` gives (and
    `hint_forms` their hints, where a shape's hint differs)."""
    said = dict(zip(LANGS, message, strict=True)) if message else {}
    for name, triple in (forms or {}).items():
        said.update({f"{lang}/{name}": t for lang, t in zip(LANGS, triple, strict=True)})
    hints = dict(zip(LANGS, hint, strict=True)) if hint else {}
    for name, triple in (hint_forms or {}).items():
        hints.update({f"{lang}/{name}": t for lang, t in zip(LANGS, triple, strict=True)})
    return Texts({"ja": ja, "ru": ru, "en": en}, said, hints)


def template(words: Mapping[str, str], lang: str, params: Mapping[str, Param]) -> str | None:
    """The template for a finding's shape (its `form` parameter) in `lang`, if there is one
    (a shape without a template of its own takes the plain one)."""
    form = params.get("form")
    return (words.get(f"{lang}/{form}") if form else None) or words.get(lang)


def in_every_language(say: Callable[[str], str]) -> str:
    """A text worded in ja, ru and en (by the engine, say), as one parameter each language's
    template reads in its own words with `{…:@own}` (the English first, as the master)."""
    words = {lang: say(lang) for lang in LANGS}
    return "\x1f".join((words["en"], words["ja"], words["ru"], words["en"]))


def english_of(packed: str) -> str:
    """The English of an `in_every_language` parameter."""
    return packed.split("\x1f", 1)[0]


def listed(items: list[str]) -> str:
    """Several texts as one parameter, quoted in the reader's way by `{…:@or}`."""
    return "\x1f".join(items)


_QUOTES = {"ja": ("「", "」", "または"), "ru": ("«", "»", " или "), "en": ("“", "”", " or ")}
# ids as the English of did_you_mean quotes them ('opt-out' or 'cookies-opt-out')
_ID_QUOTES = {"ja": ("「", "」", "または"), "ru": ("«", "»", " или "), "en": ("'", "'", " or ")}


def unit_param(number: str, title: str | None, key: str,
               titles: Mapping[str, str | None] | None = None) -> str:
    """A unit as one parameter, named in the reader's words by `{…:@unit}`. With `titles`
    (its title or first words in each language's edition, engine/parity/naming.py
    `unit_titles`), a reader is given the title of their own language's edition, as they
    find the unit there; a numbered unit their edition lacks by its number alone (not by a
    title in a language they may not read); `title` is then only for an unnumbered part
    (a key point) their edition lacks."""
    named = (number, title or "", key)
    if titles is None:
        return "\x1f".join(named)
    return "\x1f".join((*named, "\x1e".join(titles.get(lang) or "" for lang in LANGS)))


def titled(param: str, titles: Mapping[str, str | None] | None) -> str:
    """A parameter made by `unit_param` without titles, given the unit's titles in each
    language's edition (`unit_param`)."""
    number, title, key = [*param.split("\x1f"), "", "", ""][:3]
    return unit_param(number, title, key, titles)


def place_param(path: str, number: str, title: str | None, field_path: str,
                rule: str = "") -> str:
    """A place in a file as one parameter, said by `{…:@place}`: its data path (`clauses/1`,
    what the English message keeps), the printed number of the clause or item it is in (empty
    at the top of the file), that unit's own title, the fields it is under (`facts.revisions`,
    an entry of a list as `#1`, counted from 1), and the rule of the unit it is in (from 1)."""
    return "\x1f".join((path, number, title or "", field_path, rule))


def _place(value: str, lang: str, as_field: bool = False) -> str:
    """A place in the reader's words, as where something is: "第2項「…」", "в п. 2 «…»"; or,
    `as_field`, as the field it is: "第2項「…」の「number:」", "поле «number:» в п. 2 «…»"; en
    the data path itself (engine/wording.py humanize_paths says it in English), as is a
    place given as a bare data path. A rule of a unit is "第3項第2号のルール1", "в правиле 1 из
    п. 3.2" (as `policy test` names rules); an entry of a list "「data:」の2番目", "элемент 2
    поля «data:»"."""
    path, number, title, under, rule = [*value.split("\x1f"), "", "", "", ""][:5]
    if lang not in ("ja", "ru") or "\x1f" not in value:
        return f"「{path}」" if as_field and lang == "ja" else path
    from .citation import cite
    from .wording import short

    left, right, _ = _QUOTES[lang]
    unit = cite(number, lang) + (f"{left}{short(title, 30)}{right}" if title and lang == "ja"
                                 else f" {left}{short(title, 30)}{right}" if title else "")
    steps = under.split(".") if under else []
    if lang == "ja":
        said = [unit] * bool(number) + [f"ルール{rule}"] * bool(rule) + [
            f"{step[1:]}番目" if step.startswith("#") else f"「{step}:」" for step in steps]
        if as_field and under:
            return "の".join(said)
        if not said:
            return "ファイルの最上位"
        return "の".join(said) + ("の中" if under else "")
    # ru: the fields as (name, entry of it) from the outermost; said innermost first, each
    # inside the next: "поле «date:» в элементе 1 поля «revisions:» в разделе «facts:»"
    groups: list[tuple[str, str]] = []
    for step in steps:
        if step.startswith("#") and groups and not groups[-1][1]:
            groups[-1] = (groups[-1][0], step[1:])
        else:
            groups.append((step, ""))
    ruled = ([f"в правиле {rule} из {unit}"] if rule and number
             else [f"в правиле {rule}"] * bool(rule) + [f"в {unit}"] * bool(number))
    if as_field and groups:
        name, entry = groups.pop()
        field = f"элемент {entry} поля «{name}:»" if entry else f"поле «{name}:»"
        return " ".join([field, *_ru_sections(groups), *ruled])
    if not number and not groups and not rule:
        return "на верхнем уровне файла"
    return " ".join([*_ru_sections(groups), *ruled])


def _ru_sections(groups: list[tuple[str, str]]) -> list[str]:
    """The sections a Russian place is in, innermost first: "в разделе «facts:»", "в элементе
    1 поля «revisions:»" (an entry of a list)."""
    return [f"в элементе {entry} поля «{name}:»" if entry else f"в разделе «{name}:»"
            for name, entry in reversed(groups)]


# Words a parameter may name by key ({field:@}), per language; ".gen", ".prep" are Russian
# cases (genitive, prepositional), falling back to the plain form.
WORDS: dict[str, dict[str, str]] = {
    "text": {"ja": "本文", "ru": "текст", "ru.gen": "текста", "ru.prep": "тексте",
             "en": "text"},
    "title": {"ja": "見出し", "ru": "заголовок", "ru.gen": "заголовка", "ru.prep": "заголовке",
              "en": "title"},
    "label": {"ja": "表示名", "ru": "название", "ru.gen": "названия", "ru.prep": "названии",
              "en": "label"},
    "clause": {"ja": "条項", "ru": "пункт", "en": "clause"},
    "item": {"ja": "号", "ru": "подпункт", "en": "item"},
    "sub-item": {"ja": "細目", "ru": "подпункт", "en": "sub-item"},
    "unit": {"ja": "箇所", "ru": "часть", "en": "unit"},
    "actions": {"ja": "行為", "ru": "действия", "en": "actions"},
    "data": {"ja": "データ", "ru": "данные", "en": "data"},
    "purposes": {"ja": "目的", "ru": "цели", "en": "purposes"},
    "context": {"ja": "状況", "ru": "контекст", "en": "context"},
    "obligations": {"ja": "遵守事項", "ru": "обязанности", "en": "obligations"},
    # how a text ends (ru: the instrumental case, "заканчивается точкой")
    "a full stop": {"ja": "句点", "ru": "точкой", "en": "a full stop"},
    "an exclamation mark": {"ja": "感嘆符", "ru": "восклицательным знаком",
                            "en": "an exclamation mark"},
    "a question mark": {"ja": "疑問符", "ru": "вопросительным знаком", "en": "a question mark"},
    "a colon": {"ja": "コロン", "ru": "двоеточием", "en": "a colon"},
    "a semicolon": {"ja": "セミコロン", "ru": "точкой с запятой", "en": "a semicolon"},
    "an ellipsis": {"ja": "省略記号", "ru": "многоточием", "en": "an ellipsis"},
    "no punctuation": {"ja": "句読点なし", "ru": "без знака препинания",
                       "en": "no punctuation"},
    # a term of the vocabulary, by its kind
    "action": {"ja": "行為", "ru": "действие", "en": "action"},
    "data category": {"ja": "データの種類", "ru": "категория данных", "ru.acc": "категорию данных",
                      "en": "data category"},
    "purpose": {"ja": "目的", "ru": "цель", "en": "purpose"},
    "context flag": {"ja": "状況", "ru": "флаг контекста", "en": "context flag"},
    "obligation": {"ja": "遵守事項", "ru": "обязанность", "en": "obligation"},
    # the kinds of YAML value (engine/schema.py), in the legal team's words: never "string"
    "type:null": {"ja": "空欄", "ru": "пустое значение", "en": "empty"},
    "type:boolean": {"ja": "「true」か「false」", "ru": "true или false", "en": "true or false"},
    "type:integer": {"ja": "整数", "ru": "целое число", "en": "a whole number"},
    "type:number": {"ja": "数値", "ru": "число", "en": "a number"},
    "type:string": {"ja": "文字列", "ru": "текст", "en": "text"},
    "type:list": {"ja": "リスト", "ru": "список", "en": "a list"},
    "type:mapping": {"ja": "項目名の付いたまとまり", "ru": "группа именованных полей",
                     "en": "a group of named fields"},
    "type:other": {"ja": "別の値", "ru": "другое значение", "en": "a different value"},
    # what the YAML reader reads and where it gave up (engine/yamlerrors.py _TOKEN_WORDS,
    # _CONTEXT_WORDS), in the legal team's words: "yaml:" and the English is the key
    **{f"yaml:{en}": {"ja": ja, "ru": ru, "en": en} for en, ja, ru in (
        ("the end of the block", "ブロックの終わり", "конец блока"),
        ("a `name:` line", "「名前:」の行", "строка «имя:»"),
        ("a list item", "リストの項目（「- 」）", "элемент списка («- »)"),
        ("a new block", "新しいブロック", "новый блок"),
        ("text", "文章", "текст"),
        ("the end of the file", "ファイルの終わり", "конец файла"),
        ("the start of the document", "文書の始まり", "начало документа"),
        ("the end of the document", "文書の終わり", "конец документа"),
        ("an alias", "エイリアス（*）", "ссылка (*)"),
        ("an anchor", "アンカー（&）", "якорь (&)"),
        ("a tag", "タグ（!）", "тег (!)"),
        ("a `name:`", "「名前:」", "«имя:»"),
        ("{", "「{」", "«{»"), ("}", "「}」", "«}»"), ("[", "「[」", "«[»"), ("]", "「]」", "«]»"),
        ("a comma", "コンマ（,）", "запятая"),
        ("a colon", "コロン（:）", "двоеточие"),
        ("a space", "空白", "пробел"),
        ("a value", "値", "значение"),
        ("block of `name:` lines", "「名前:」の行のまとまり", "блок строк «имя:»"),
        ("block", "ブロック", "блок"),
        ("[ … ] list", "「[ … ]」のリスト", "список [ … ]"),
        ("{ … } list", "「{ … }」のまとまり", "список { … }"),
        ("quoted text", "引用符で囲んだ文章", "текст в кавычках"),
        ("text in double quotes", "二重引用符（\"）で囲んだ文章", "текст в двойных кавычках"),
        ("`name:`", "「名前:」", "«имя:»"),
        ("| or > text", "| や > の文章", "текст после | или >"),
        ("value", "値", "значение"),
        ("tag", "タグ", "тег"),
        ("anchor", "アンカー", "якорь"),
        ("alias", "エイリアス", "ссылка"))},
    # why a change needs a new version number (engine/diff/classify.py), in plain words
    "why:allows_more": {"ja": "許可される利用が以前より広がった",
                        "ru": "политика разрешает больше, чем раньше",
                        "en": "it allows more than before"},
    "why:allows_less": {"ja": "許可される利用が以前より狭まった",
                        "ru": "политика разрешает меньше, чем раньше",
                        "en": "it allows less than before"},
    "why:units_added": {"ja": "条項・号が追加された", "ru": "добавлены пункты или подпункты",
                        "en": "clauses or items added"},
    "why:units_removed": {"ja": "条項・号が削除された", "ru": "удалены пункты или подпункты",
                          "en": "clauses or items removed"},
    "why:units_moved": {"ja": "条項・号の移動または番号の変更があった",
                        "ru": "пункты или подпункты перемещены или перенумерованы",
                        "en": "clauses or items moved or renumbered"},
    "why:master_wording": {"ja": "原文の文言が変わった", "ru": "изменились формулировки оригинала",
                           "en": "master wording changed"},
    "why:translations": {"ja": "翻訳の文言が変わった", "ru": "изменились формулировки переводов",
                         "en": "translations changed"},
    "why:vocabulary": {"ja": "用語の追加・削除、または用語のグループ分けの変更があった",
                       "ru": "термины словаря добавлены, удалены или сгруппированы иначе",
                       "en": "vocabulary terms added, removed or regrouped"},
    "why:labels": {"ja": "用語の表示名が変わった", "ru": "изменились названия терминов словаря",
                   "en": "vocabulary labels changed"},
    "why:facts": {"ja": "連絡先などの基本情報が変わった",
                  "ru": "изменились сведения о политике, например контактные данные",
                  "en": "facts changed"},
    # how far a version number moves (semantic versioning), named as `policy report` names it
    "level:patch": {"ja": "パッチ（patch）", "ru": "исправление (patch)",
                    "en": "PATCH"},
    "level:minor": {"ja": "マイナー（minor）", "ru": "дополнение (minor)",
                    "en": "MINOR"},
    "level:major": {"ja": "メジャー（major）", "ru": "существенное (major)",
                    "en": "MAJOR"},
    # writing systems
    "Latin": {"ja": "ラテン文字", "ru": "латиница", "en": "Latin"},
    "Cyrillic": {"ja": "キリル文字", "ru": "кириллица", "en": "Cyrillic"},
    "Han": {"ja": "漢字", "ru": "иероглифы", "en": "Han"},
    "Hiragana": {"ja": "ひらがな", "ru": "хирагана", "en": "Hiragana"},
    "Katakana": {"ja": "カタカナ", "ru": "катакана", "en": "Katakana"},
    # a language, and its edition ("ed": ja 日本語版, ru японская версия; "ed_gen": японской версии)
    "ja": {"ja": "日本語", "ja.ed": "日本語版", "ru": "японский", "ru.ed": "японская версия",
           "ru.ed_gen": "японской версии", "ru.ed_acc": "японскую версию",
           "ru.ed_loc": "японской версии", "ru.in": "по-японски", "en": "Japanese"},
    "ru": {"ja": "ロシア語", "ja.ed": "ロシア語版", "ru": "русский", "ru.ed": "русская версия",
           "ru.ed_gen": "русской версии", "ru.ed_acc": "русскую версию",
           "ru.ed_loc": "русской версии", "ru.in": "по-русски", "en": "Russian"},
    "en": {"ja": "英語", "ja.ed": "英語版", "ru": "английский", "ru.ed": "английская версия",
           "ru.ed_gen": "английской версии", "ru.ed_acc": "английскую версию",
           "ru.ed_loc": "английской версии", "ru.in": "по-английски", "en": "English"},
}


def word(key: str, lang: str, case: str = "") -> str:
    forms = WORDS.get(key)
    if forms is None:
        return key
    return forms.get(f"{lang}.{case}") or forms.get(lang) or forms.get("en") or key


def count(n: int, lang: str) -> str:
    """A count as `lang` writes it: 1,920,000; in Russian 1 920 000 (no-break spaces)."""
    return f"{n:,}".replace(",", "\u00a0") if lang == "ru" else f"{n:,}"


def plural(n: int, forms: list[str], lang: str) -> str:
    """The form of a noun for n: en one|other, ru one|few|many (or one|other, for a word
    said without the number), ja one form."""
    if len(forms) == 1:
        return forms[0]
    if lang == "ru" and len(forms) == 3:
        if n % 10 == 1 and n % 100 != 11:
            return forms[0]
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return forms[1]
        return forms[2]
    return forms[0] if n == 1 else forms[-1]


class _Filler(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "@unit":
            from .wording import unit_label

            number, title, key, in_each = [*str(value).split("\x1f"), "", "", "", ""][:4]
            if in_each:  # the reader's own edition's words (`unit_param`)
                mine = dict(zip(LANGS, in_each.split("\x1e"), strict=False)).get(self.lang)
                title = mine or ("" if number else title)
            return unit_label(number, title or None, key, say=self.lang)
        if format_spec == "@units":
            from .wording import short, unit_label

            named = []
            for item in str(value).split("\x1f") if value != "" else []:
                number, *titles = item.split("\x1e")
                own = dict(zip(LANGS, titles, strict=False)).get(self.lang, "")
                if own and "." not in number and self.lang in ("ja", "ru"):
                    # a clause named in a sentence: its title quoted, 第9項「データの消去」
                    left, right, _ = _QUOTES[self.lang]
                    named.append(f"{unit_label(number, None, '', say=self.lang)}"
                                 f"{' ' if self.lang == 'ru' else ''}{left}{short(own)}{right}")
                    continue
                named.append(unit_label(number, own or None, "", say=self.lang))
            joint = {"ja": "または", "ru": " или "}.get(self.lang, " or ")
            return joint.join(named)
        if format_spec == "@and":
            items = [word(item, self.lang) for item in str(value).split("\x1f")]
            if self.lang not in ("ja", "ru"):
                return " and ".join(items)  # as the checker's English says it
            comma, last = ("、", "と") if self.lang == "ja" else (", ", " и ")
            return comma.join(items[:-1]) + last + items[-1] if len(items) > 1 else items[0]
        if format_spec == "@list":  # names side by side, as the language lists them
            return ("、" if self.lang == "ja" else ", ").join(str(value).split("\x1f"))
        if format_spec == "@ids":  # ids given by `listed`, each "id" or "id\x1elabel", quoted
            left, right, joint = _ID_QUOTES.get(self.lang, _ID_QUOTES["en"])
            named = []
            for item in str(value).split("\x1f") if value != "" else []:
                ident, _, label = item.partition("\x1e")
                named.append(f"{left}{ident}{right}" + (
                    "" if not label else f"（{label}）" if self.lang == "ja" else f" ({label})"))
            return joint.join(named)
        if format_spec == "@alt":
            joint = {"ja": "または", "ru": " или "}.get(self.lang, " or ")
            return joint.join(str(value).split("\x1f")) if value != "" else ""
        if format_spec == "@either":
            joint = {"ja": "または", "ru": " или "}.get(self.lang, " or ")
            return joint.join(word(item, self.lang) for item in str(value).split("\x1f"))
        if format_spec == "@cite":
            from .citation import cite

            return cite(str(value), self.lang if self.lang in LANGS else "en")
        if format_spec == "@count" and isinstance(value, int):
            return count(value, self.lang)
        if format_spec in ("@place", "@field"):
            return _place(str(value), self.lang, as_field=format_spec == "@field")
        if format_spec == "@names":
            names = str(value).split("\x1f")
            if self.lang not in ("ja", "ru"):
                return " or ".join(repr(name) for name in names)  # as did_you_mean says it
            left, right, joint = _QUOTES[self.lang]
            return joint.join(f"{left}{name}:{right}" for name in names)
        if format_spec == "@or":
            left, right, joint = _QUOTES.get(self.lang, _QUOTES["en"])
            return joint.join(f"{left}{item}{right}" for item in str(value).split("\x1f")
                              if value != "")  # none: nothing, not empty quotes
        if format_spec in ("@own", "@master"):
            master, *labels = str(value).split("\x1f")
            by_lang = dict(zip(LANGS, labels, strict=False))
            return master if format_spec == "@master" else (
                by_lang.get(self.lang) or by_lang.get("en") or master)
        if format_spec == "@quoted":  # quoted in the reader's way, side by side
            left, right, _ = _QUOTES.get(self.lang, _QUOTES["en"])
            return ("、" if self.lang == "ja" else ", ").join(
                f"{left}{item}{right}" for item in str(value).split("\x1f")) if value != "" else ""
        if format_spec == "@num":  # a decimal number as the language writes it (ru: 0,4)
            return str(value).replace(".", ",") if self.lang == "ru" else str(value)
        if format_spec.startswith("@"):
            return word(str(value), self.lang, format_spec[1:])
        if "|" in format_spec or (isinstance(value, bool) and format_spec):
            forms = format_spec.split("|")
            if isinstance(value, bool):
                return forms[0] if value else forms[-1]
            if isinstance(value, int):
                return plural(value, forms, self.lang)
        return str(super().format_field(value, format_spec))


def fill(template: str, lang: str, params: Mapping[str, Param]) -> str:
    """The template with its fields filled in `lang`'s words."""
    return _Filler(lang).vformat(template, (), params)


def fields_of(template: str) -> frozenset[str]:
    """The named fields a template uses (a test holds them alike in every language)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template)
                     if name is not None and name != "")


def pick(words: Mapping[str, str], lang: str) -> str:
    return words.get(lang) or words["en"]
