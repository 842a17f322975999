"""The per-language citation form that explanations, pages and reports share."""

from __future__ import annotations

import pytest

from engine.citation import cite, cite_many, label


@pytest.mark.parametrize(("number", "lang", "printed", "cited"), [
    ("5", "ja", "第5項", "第5項"),
    ("5.1", "ja", "第5項第1号", "第5項第1号"),
    ("4.2.6", "ja", "第4項第2号⑥", "第4項第2号⑥"),
    ("4.2.6", "en", "4.2.6", "clause 4.2.6"),
    ("4.2.6", "ru", "4.2.6", "п. 4.2.6"),
    ("3.3.25", "ja", "第3項第3号（25）", "第3項第3号（25）"),
])
def test_one_form_per_language(number: str, lang: str, printed: str, cited: str) -> None:
    assert label(number, lang) == printed
    assert cite(number, lang) == cited


def test_several_numbers() -> None:
    assert cite_many(["4.2.1", "4.2.2"], "en") == "clauses 4.2.1 and 4.2.2"
    assert cite_many(["4.2.1", "4.2.2", "9"], "ru") == "пп. 4.2.1, 4.2.2 и 9"
    assert cite_many(["5.1", "9"], "ja") == "第5項第1号及び第9項"
    assert cite_many(["9"], "en") == "clause 9"


@pytest.mark.parametrize(("typed", "number"), [
    ("5", "5"), ("5.1", "5.1"), ("5.", "5"),
    ("第5項", "5"), ("第5項第1号", "5.1"), ("第4項第2号⑥", "4.2.6"), ("第５項", "5"),
    ("第3項第3号（25）", "3.3.25"),
    ("п. 5", "5"), ("п.5", "5"), ("пункт 5.1", "5.1"), ("п. 5.1", "5.1"),
    ("clause 5", "5"), ("Clause 5.1", "5.1"), ("item 3.2", "3.2"),
])
def test_every_printed_and_cited_form_reads_back_as_its_number(typed: str, number: str) -> None:
    from engine.citation import parse

    assert parse(typed) == number
    for lang in ("ja", "ru", "en"):  # the inverse of how each edition prints and cites it
        assert parse(label(number, lang)) == number
        assert parse(cite(number, lang)) == number


@pytest.mark.parametrize("typed", ["opt-out", "footer", "3.x", "5..1", "", "第項", "clause"])
def test_what_is_not_a_number_is_not_read_as_one(typed: str) -> None:
    from engine.citation import parse

    assert parse(typed) is None
