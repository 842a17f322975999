"""The prose checks' shortcuts give what the full computations give (engine/parity/prose.py, engine/checks/terminology.py, engine/checks/negation.py).

The prose checks decide most texts without the full work: a one-line text with no stop
inside is one sentence, a clean text skips the typography functions, a master text is
searched only for the labels whose first letter it holds. Each shortcut is compared here
with the computation it stands for, on random texts over the characters that matter
(stops, brackets, spaces of every kind, line breaks, letters of three scripts, digits).
"""

from __future__ import annotations

import bisect
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.checks import negation, terminology
from engine.parity import prose
from engine.parity.text import Span

CHARS = ("abcxyzAB абвЖ 当社はないず不。！？「」（）"
         " \u3000\n\t.,;:!?…()\"'’«»“”-_0123456789")
WORDS = ["not", "not", "no", "Not", "не", "ни", "only", "e.g", "Inc", "т.е", "ないず", "word"]
text_st = st.lists(st.one_of(st.text(alphabet=CHARS, max_size=6), st.sampled_from(WORDS),
                             st.just("  "), st.just(". "), st.just(",x"), st.just("\\\n")),
                   max_size=14).map("".join)
ABBR = ("inc", "e.g", "т.е", "т. е", "г")


@settings(max_examples=400, deadline=None)
@given(text_st, st.booleans())
def test_plain_spacing_is_never_wrong_when_it_says_clean(text: str, spaced: bool) -> None:
    if not prose.plain_spacing(text, spaced):
        return
    assert prose.doubled_spaces(text) == []
    assert prose.edge_whitespace(text) == []
    if spaced:
        assert prose.repeated_words(text) == []
        assert prose.missing_spaces(text, ABBR) == []


@settings(max_examples=400, deadline=None)
@given(text_st)
def test_word_list_is_the_words_between_non_word_characters(text: str) -> None:
    prose.word_list.cache_clear()
    assert prose.word_list(text) == re.findall(r"[^\W_]+", text.casefold())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_an_ascii_text_splits_into_the_same_words(text: str) -> None:
    prose.word_list.cache_clear()
    assert prose.word_list(text) == re.findall(r"[^\W_]+", text.casefold())


def test_length_counts_what_is_not_space() -> None:
    assert prose.length(" a\tb\n　c ") == 3
    assert prose.length("write to info@cafetalk.com now") == len("writetonow")


@settings(max_examples=400, deadline=None)
@given(text_st, st.sampled_from(["ja", "ru", "en"]))
@example("0！:", "ja")  # punctuation after the stop: the splitter drops it
@example('Hello. "', "en")  # an opening quote after the stop, with nothing after it
@example("はい」。」", "ja")
def test_a_one_line_text_is_split_as_the_full_splitter_splits_it(text: str, lang: str) -> None:
    prose.cache_clear()
    assert prose.sentence_spans(text, lang, ABBR) == prose._split(text, lang, ABBR)


label_st = st.text(alphabet="個人情報利用取得aé", max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(label_st, max_size=12, unique=True), st.text(alphabet="個人情報利用取得aé。 ",
                                                             max_size=30))
def test_labels_found_by_first_letter_are_the_labels_in_the_text(labels: list[str],
                                                                  text: str) -> None:
    ordered = tuple(sorted(labels))
    rank = {label: i for i, label in enumerate(ordered)}
    found = terminology.labels_in(text, terminology.first_letters(ordered), rank)
    assert found == [label for label in ordered if label in text]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" abcde", max_size=20),
       st.lists(st.lists(st.text(alphabet=" abcde", min_size=1, max_size=3),
                         max_size=3).map(tuple), max_size=3).map(tuple))
def test_a_term_is_found_when_every_stem_of_one_form_is(words: str,
                                                        forms: tuple[tuple[str, ...], ...]
                                                        ) -> None:
    assert terminology._found(words, forms) == any(all(s in words for s in form)
                                                   for form in forms)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=6), st.lists(st.integers(0, 50), min_size=1,
                                                          max_size=4, unique=True))
def test_negations_go_to_the_sentence_they_stand_in(at: list[int], starts: list[int]) -> None:
    found = tuple(Span("x", a, a + 1) for a in sorted(at))
    sentences = tuple(Span("s", s, s + 1) for s in sorted(starts))
    expected: list[list[Span]] = [[] for _ in sentences]
    for n in found:  # the general rule: the last sentence starting at or before it
        i = bisect.bisect_right([s.start for s in sentences], n.start) - 1
        if i >= 0:
            expected[i].append(n)
    assert negation._bucket(found, sentences) == expected
