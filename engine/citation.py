"""How a clause is cited in each language: one form shared by explanations, pages and reports.

A unit's dotted number ("4.2.6") is its stable position. Readers find a clause by what the page
prints beside it, so decisions cite, and permalinks show, the same per-language form:

    en  "4.2.6"         cited as "clause 4.2.6"
    ru  "4.2.6"         cited as "п. 4.2.6"
    ja  "第4項第2号⑥"   cited as "第4項第2号⑥" (the document's own form: 項, 号, circled sub-item)

Standard library only: the engine's service path imports this module.
"""

from __future__ import annotations

from . import patterns

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _ja(number: str) -> str:
    parts = number.split(".")
    out = f"第{parts[0]}項"
    if len(parts) > 1:
        out += f"第{parts[1]}号"
    if len(parts) > 2:
        n = int(parts[2]) if parts[2].isdigit() else 0
        out += CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"（{parts[2]}）"
    return out


def label(number: str, lang: str) -> str:
    """The number as printed beside a clause, item or sub-item in `lang`'s edition."""
    if not number:
        return ""
    return _ja(number) if lang == "ja" else number


def cite(number: str, lang: str) -> str:
    """The number as a sentence cites it ("clause 4.2.6", "п. 4.2.6", "第4項第2号⑥")."""
    if lang == "ja":
        return label(number, lang)
    if lang == "ru":
        return f"п. {number}"
    return f"clause {number}"


def cite_many(numbers: list[str] | tuple[str, ...], lang: str) -> str:
    """Several numbers in one citation ("clauses 4.2.1 and 4.2.2", "пп. 4.2.1 и 4.2.2")."""
    if len(numbers) == 1:
        return cite(numbers[0], lang)
    if lang == "ja":
        return "、".join(label(n, lang) for n in numbers[:-1]) + "及び" + label(numbers[-1], lang)
    head = ", ".join(numbers[:-1])
    if lang == "ru":
        return f"пп. {head} и {numbers[-1]}"
    return f"clauses {head} and {numbers[-1]}"


def parse(name: str) -> str | None:
    """The dotted number a person means by a cited or printed number, in any edition's form,
    or None when `name` is not one: "5", "5.1", "5." (en, ru); "clause 5", "item 5.1" (en);
    "п. 5", "пункт 5.1", "подпункт 5.1.2" (ru); "第5項", "第5項第1号", "第5項第1号⑥", full-width
    digits too (ja). The inverse of `label` and `cite`, so every edition's reader can type what
    the page prints."""
    import re
    import unicodedata

    flat = unicodedata.normalize("NFKC", name).strip()  # ５ -> 5, ⑥ -> 6, （6） -> (6)
    m = patterns.compile(r"第(\d+)項(?:第(\d+)号(?:\(?(\d+)\)?)?)?").fullmatch(flat)
    if m:
        return ".".join(p for p in m.groups() if p)
    m = re.fullmatch(r"(?:(?:clause|item|sub-item|section|cl\.|п\.?|пп\.?|пункт|подпункт)"
                     r"\s*)?(\d+(?:\.\d+)*)\.?", flat, re.IGNORECASE)
    return m.group(1) if m else None
