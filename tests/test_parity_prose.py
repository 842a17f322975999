"""The pure prose functions (engine/parity/prose.py): sentences, negations, brackets, stops and spacing in ja, ru and en."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.checks import brackets
from engine.parity import prose

ABBR = ("inc", "e.g", "i.e", "etc", "т.е", "т. е", "т.д", "г", "см")


def values(spans: list[prose.Span]) -> list[str]:
    return [s.value for s in spans]


@pytest.mark.parametrize("lang, text, expected", [
    ("ja", "当社は取得します。利用者は拒否できます。", ["当社は取得します。", "利用者は拒否できます。"]),
    # a stop inside brackets or quotes does not end the sentence
    ("ja", "Small Bridge, Inc.（以下「当社」といいます。）は、遵守します。",
     ["Small Bridge, Inc.（以下「当社」といいます。）は、遵守します。"]),
    ("ja", "本当ですか？はい！", ["本当ですか？", "はい！"]),
    ("ja", "担当部署：Cafetalk\\\nメールアドレス：info@cafetalk.com",
     ["担当部署：Cafetalk", "メールアドレス：info@cafetalk.com"]),
    ("en", "We collect data. You may object! Why? Because.",
     ["We collect data.", "You may object!", "Why?", "Because."]),
    # abbreviations, numbers, e-mails, URLs and initials do not end a sentence
    ("en", "Small Bridge, Inc. Our site is at http://cafetalk.com. Write to info@cafetalk.com.",
     ["Small Bridge, Inc. Our site is at http://cafetalk.com.", "Write to info@cafetalk.com."]),
    ("en", "See clause 4.2.6 and version 1.0.2 of the policy. Ask J. Smith, e.g. Today.",
     ["See clause 4.2.6 and version 1.0.2 of the policy.", "Ask J. Smith, e.g. Today."]),
    ("en", "It ends here (see above). Then “Quoted.” Next one.",
     ["It ends here (see above).", "Then “Quoted.”", "Next one."]),
    ("en", "a lower-case word after a stop. is not a new sentence",
     ["a lower-case word after a stop. is not a new sentence"]),
    ("ru", "Мы собираем данные, т. е. Имя и адрес. См. Раздел 4. Всё.",
     ["Мы собираем данные, т. е. Имя и адрес.", "См. Раздел 4.", "Всё."]),
    ("ru", "Первое предложение. «Второе» начинается с кавычки.",
     ["Первое предложение.", "«Второе» начинается с кавычки."]),
    # list items and hard-broken lines are sentences of their own
    ("en", "Note:\n\n- first item\n- second item", ["Note:", "first item", "second item"]),
])
def test_sentences(lang: str, text: str, expected: list[str]) -> None:
    found = prose.sentences(text, lang, ABBR)
    assert values(found) == expected
    assert all(text[s.start:s.end] == s.value for s in found)


JA = prose.NegationWords(("ない", "ません", "ず", "不", "無", "禁止", "限り"),
                         ("不正", "無効", "可能な限り", "いずれ"))
RU = prose.NegationWords(("не", "ни", "нет", "без", "только"))
EN = prose.NegationWords(("not", "no", "never", "without", "nor", "unless", "*n't", "only"))


@pytest.mark.parametrize("lang, words, text, expected", [
    ("ja", JA, "当社は責任を負いません。", ["ません"]),
    ("ja", JA, "同意なく提供しない。", ["ない"]),
    ("ja", JA, "同意を得た場合に限り取得します。", ["限り"]),
    # exceptions: words that only look negative
    ("ja", JA, "不正アクセスを防止し、機能を無効にし、可能な限り、いずれかを選択します。", []),
    ("ja", JA, "不正に取得せず、不要な情報を保存しません。", ["ず", "不", "ません"]),
    ("en", EN, "We are not responsible.", ["not"]),
    ("en", EN, "We don't sell it, nor share it, unless required.", ["don't", "nor", "unless"]),
    ("en", EN, "Notice: nothing is a knot.", []),
    ("en", EN, "We collect it only with consent.", ["only"]),
    ("ru", RU, "Мы не несем ответственности без вашего согласия.", ["не", "без"]),
    ("ru", RU, "Небо и нежность: ничто.", []),
])
def test_negations(lang: str, words: prose.NegationWords, text: str,
                   expected: list[str]) -> None:
    assert values(prose.negations(text, lang, words)) == expected


EN_PREFIX = prose.NegationWords(("non*", "за исключением", "*n’t"))
RU_EXC = prose.NegationWords(("не", "ни", "кроме", "за исключением", "only", "*n't"),
                             ("кроме того", "не только"))
NEG_WORDS = ["not", "No", "nonsense", "don't", "don’t", "knot", "snot", "only", "за",
             "исключением", "не", "Не", "ни", "без", "ません", "不正", "ない", "限り", "a_not",
             "not_", "x@y.jp", "https://no.example/not", "[no](#not)", "'no'", "n't", "-",
             ".", " ", "\n", "Unless", "NEVER", "word", "слово", "кроме", "того", "КРОМЕ",
             "только", "non'ce", "non_x", "non'", "İ", "'", "’", "  ", "\t"]
NEG_CASES = [("ja", JA), ("en", EN), ("ru", RU), ("en", EN_PREFIX), ("ru", RU_EXC)]


def reference_pattern(words: prose.NegationWords, cjk: bool) -> re.Pattern[str]:
    """The regular expression the negation matcher replaced (kept here as its reference):
    group 1 an exception, group 2 a negation, group 3 a negating suffix; at one place every
    exception is tried first, then the markers, longest first."""
    exceptions = sorted((e.casefold() for e in words.exceptions), key=len, reverse=True)
    exc = "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in exceptions) or "(?!)"
    if cjk:
        markers = sorted(words.markers, key=len, reverse=True)
        return re.compile(f"(?:({exc})|({'|'.join(re.escape(m) for m in markers)}))")
    whole, suffixes = [], []
    for m in sorted((m.casefold() for m in words.markers), key=len, reverse=True):
        if m.startswith("*"):
            suffixes.append(re.escape(m[1:]))
        elif m.endswith("*"):
            whole.append(re.escape(m[:-1]) + r"[^\W_]*(?:['’][^\W_]+)*")
        else:
            whole.append(re.escape(m).replace(r"\ ", r"\s+"))
    body = (r"(?<![\w'’])(?:(" + exc + ")|(" + ("|".join(whole) or "(?!)") + r"))(?![\w'’])")
    if suffixes:
        body += r"|(?<=[^\W_])(" + "|".join(suffixes) + r")(?![\w'’])"
    return re.compile(body, re.IGNORECASE)


def reference_negations(text: str, lang: str, words: prose.NegationWords) -> list[str]:
    hidden = prose.masked(text)
    out = []
    for m in reference_pattern(words, lang in prose.CJK).finditer(hidden):
        if m.lastindex == 1:
            continue
        start = m.start()
        if m.lastindex == 3:
            while start > 0 and hidden[start - 1].isalnum():
                start -= 1
        out.append(text[start: m.end()])
    return out


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(NEG_WORDS), max_size=12).map("".join),
       st.sampled_from(NEG_CASES))
def test_the_word_matcher_finds_what_the_regular_expression_found(
        text: str, case: tuple[str, Any]) -> None:
    """The word-by-word matcher (and the substring matcher for Japanese) finds exactly the
    negations, at the same places, that the single regular expression it replaced found."""
    lang, words = case
    prose.cache_clear()
    assert values(prose.negations(text, lang, words)) == reference_negations(text, lang, words)


@pytest.mark.parametrize("lang, words, text, expected", [
    # a phrase: its words separated by any whitespace, in any case
    ("ru", RU_EXC, "за\nисключением случаев", ["за\nисключением"]),
    ("ru", RU_EXC, "ЗА  Исключением", ["ЗА  Исключением"]),
    ("ru", RU_EXC, "за, исключением", []),
    # an exception hides the markers it covers, and only those
    ("ru", RU_EXC, "Кроме того, мы не продаём.", ["не"]),
    ("ru", RU_EXC, "кроме данных и не только", ["кроме"]),
    ("ru", RU_EXC, "Не только мы не", ["не"]),
    # a suffix ends a word and follows a letter; the word is the negation
    ("en", EN, "We won't and can't, but n't and _n't are not words", ["won't", "can't", "not"]),
    ("en", EN, "the ‘not’ in quotes and the 'not' are quoted words", []),
    # a prefix marker: the word may continue with letters and single apostrophes
    ("en", EN_PREFIX, "nonsense, non'ce, non_x, non', nonce", ["nonsense", "non'ce", "nonce"]),
    ("en", EN_PREFIX, "it doesn’t", ["doesn’t"]),
])
def test_negation_words_phrases_and_affixes(lang: str, words: prose.NegationWords, text: str,
                                            expected: list[str]) -> None:
    assert values(prose.negations(text, lang, words)) == expected
    assert values(prose.negations(text, lang, words)) == reference_negations(text, lang, words)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NEG_WORDS), max_size=12).map("".join),
       st.sampled_from(NEG_CASES))
def test_the_quick_negation_test_never_hides_a_negation(text: str,
                                                         case: tuple[str, Any]) -> None:
    """`_may_negate` lets the matcher be skipped: it must say yes wherever the reference
    expression finds a negation (it may say yes where there is none)."""
    lang, words = case
    if reference_negations(text, lang, words):
        assert prose._may_negate(text, lang in prose.CJK, words), text


@pytest.mark.parametrize("lang, text, expected", [
    ("ja", "以下「当社」（Small Bridge）といいます。", []),
    ("ja", "以下「当社といいます。", ["「"]),
    ("ja", "以下当社」といいます。", ["」"]),
    ("ja", "『引用（括弧』）", ["（", "）"]),  # crossed: （ left open inside 『』, then a stray ）
    ("ru", "далее – «мы», „компания“ (и т. д.)", []),
    ("ru", "далее – «мы, компания (и т. д.)", ["«"]),
    ("en", "the “Site” (see [link](#x))", []),
    ("en", "the “Site (see above)", ["“"]),
    ("en", "the Site” see above)", ["”", ")"]),
    # an enumeration "1)" is not a closing bracket
    ("en", "as follows: 1) first, 2) second", []),
])
def test_unbalanced(lang: str, text: str, expected: list[str]) -> None:
    assert values(brackets.unbalanced(text, lang)) == expected


@pytest.mark.parametrize("text, expected", [
    ("当社は取得します。", "."), ("情報", None), ("We collect it.", "."),
    ("the “Site”.", "."), ("(the “Site.”)", "."), ("Why?", "?"), ("as follows:", ":"),
    ("E-mail: info@cafetalk.com", None), ("本当ですか？", "?"), ("line\\", None),
])
def test_final_stop(text: str, expected: str | None) -> None:
    assert prose.final_stop(text) == expected


def test_spacing_and_repeats() -> None:
    assert values(prose.doubled_spaces("We  collect.  Then")) == ["  ", "  "]
    assert prose.doubled_spaces("line one  \nline two") == []  # a Markdown hard break
    assert values(prose.edge_whitespace(" We collect. ")) == [" ", " "]
    assert values(prose.edge_whitespace("line \nnext")) == [" "]
    assert prose.edge_whitespace("line  \nnext") == []
    assert values(prose.repeated_words("We are not not responsible.")) == ["not not"]
    assert values(prose.repeated_words("Мы не не несем")) == ["не не"]
    assert prose.repeated_words("that that", allowed=("that",)) == []
    assert prose.repeated_words("version 1 1 and 4.2 4.2") == []
    assert values(prose.missing_spaces("We collect,store and use:data.Then")) == [
        ",s", ":d", ".T"]
    assert prose.missing_spaces("See http://cafetalk.com, info@cafetalk.com, 4.2.6, 1,000, "
                                "т.е. e.g. [a](#x-y:z)", ABBR) == []


def test_paragraphs_breaks_and_length() -> None:
    text = "First.\n\nSecond line\\\nthird line  \nfourth"
    assert prose.paragraphs(text) == 2
    assert prose.hard_breaks(text) == 2
    assert prose.line_breaks(text) == 2
    assert prose.line_breaks("one\ntwo\n\nthree") == 1
    assert prose.length("ab c") == 3
    assert prose.length("see [x](https://example.com/long/path) now") == prose.length("see [x now")
