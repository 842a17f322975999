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
