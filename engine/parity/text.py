"""What a policy text contains, language-independently: scripts, numbers, dates, e-mails, URLs, names.

Everything here is offline and exact: scripts come from Unicode character names, dates are
parsed into `datetime.date` however each language writes them, and kept names, e-mail
addresses and URLs are masked out before letters or numbers are counted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import ClassVar

from .. import patterns
from ..markup import scan
from ..model import CIRCLED
from ..values import record

EMAIL = patterns.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
URL = patterns.compile(r"https?://[^\s()（）<>\[\]「」『』、。，,\"'“”«»]+")
_URL_TAIL = ".,;:!?"
LINK_DEST = patterns.compile(r"\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"]*\")?\s*\)")
NUMBER = patterns.compile(r"\d+")
_DIGIT = patterns.compile(r"\d")  # what NUMBER and every date form need at least one of
CIRCLED_RE = patterns.compile(f"[{CIRCLED}]")

# Unicode character-name prefixes that name a script; longer prefixes first.
_SCRIPT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("CJK UNIFIED IDEOGRAPH", "Han"),
    ("CJK COMPATIBILITY IDEOGRAPH", "Han"),
    ("IDEOGRAPHIC ITERATION MARK", "Han"),
    ("KATAKANA-HIRAGANA", "Katakana"),
    ("HALFWIDTH KATAKANA", "Katakana"),
    ("FULLWIDTH LATIN", "Latin"),
    ("HIRAGANA", "Hiragana"),
    ("KATAKANA", "Katakana"),
    ("CYRILLIC", "Cyrillic"),
    ("LATIN", "Latin"),
)

# How dates are written. Month names are the genitive (ru) and English forms.
_MONTHS: dict[str, int] = {
    **{m: i for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"], start=1)},
    **{m: i for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1)},
    **{m: i for i, m in enumerate(
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
         "сентября", "октября", "ноября", "декабря"], start=1)},
}
_DATE_FORMS: tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...] = (
    # (pattern, group indexes of year, month, day); a month group may be a name
    (patterns.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), (1, 2, 3)),
    (patterns.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), (1, 2, 3)),
    (patterns.compile(r"(?<!\d)(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})(?:\s*(?:года|г\.))?"),
     (3, 2, 1)),
    (patterns.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)"), (3, 1, 2)),
)


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The script of a letter ("Han", "Cyrillic", …), or None for anything that is not a letter."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    name = unicodedata.name(ch, "")
    for prefix, script in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return script
    return name.split(" ", 1)[0].title() if name else "Unknown"


class _ScriptTable(dict[int, str | None]):
    """`str.translate` table: each letter becomes one private-use character naming its script,
    everything else is dropped; filled on first sight of each character."""

    names: ClassVar[dict[str, str]] = {}

    def __missing__(self, codepoint: int) -> str | None:
        script = _common_script(codepoint) or script_of(chr(codepoint))
        code = None
        if script is not None:
            code = next((c for c, n in self.names.items() if n == script), None)
            if code is None:
                code = chr(0xF0000 + len(self.names))
                self.names[code] = script
        self[codepoint] = code
        return code


# The letters of the policy's own scripts, by range: what `script_of` gives each of them from
# its Unicode name, without looking the names up one by one on first sight (a run sees about
# 650 distinct letters). tests/test_parity_text.py holds every one equal to `script_of`.
COMMON_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x4E00, 0xA000, "Han"),  # CJK Unified Ideographs
    (0x3041, 0x3097, "Hiragana"),
    (0x30A1, 0x30FB, "Katakana"),
    (0x0410, 0x0450, "Cyrillic"),  # А–я
    (0x0401, 0x0402, "Cyrillic"),  # Ё
    (0x0451, 0x0452, "Cyrillic"),  # ё
    (0x41, 0x5B, "Latin"),
    (0x61, 0x7B, "Latin"),
)


def _common_script(codepoint: int) -> str | None:
    for start, end, script in COMMON_RANGES:
        if start <= codepoint < end:
            return script
    return None


_TABLE = _ScriptTable()


def script_counts(text: str) -> Counter[str]:
    """Letters per script."""
    names = _TABLE.names
    return Counter({names[c]: n for c, n in Counter(text.translate(_TABLE)).items()})


@record
class Span:
    value: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def emails(text: str) -> tuple[Span, ...]:
    if "@" not in text:
        return ()  # every address has one; EMAIL tries every run of letters before failing
    return tuple(Span(m.group(), m.start(), m.end()) for m in EMAIL.finditer(text))


@lru_cache(maxsize=65536)
def urls(text: str) -> tuple[Span, ...]:
    out = []
    for m in URL.finditer(text):
        value = m.group().rstrip(_URL_TAIL)
        if "@" in value.split("//", 1)[-1].split("/", 1)[0]:
            continue
        out.append(Span(value, m.start(), m.start() + len(value)))
    return tuple(out)


@lru_cache(maxsize=65536)
def dates(text: str) -> tuple[tuple[dt.date, Span], ...]:
    """Every date written in the text, in any of the known forms, as a date and where it is."""
    if _DIGIT.search(text) is None:
        return ()  # every form has a year in digits: most texts have none, four scans saved
    found: list[tuple[dt.date, Span]] = []
    taken: list[tuple[int, int]] = []
    for pattern, (yi, mi, di) in _DATE_FORMS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            month_text = m.group(mi)
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
            if month is None:
                continue
            try:
                day = dt.date(int(m.group(yi)), month, int(m.group(di)))
            except ValueError:
                continue
            found.append((day, Span(m.group(), m.start(), m.end())))
            taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda f: f[1].start))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


@lru_cache(maxsize=65536)
def kept_names(text: str, forms: tuple[str, ...]) -> tuple[Span, ...]:
    """Occurrences of kept names (longest form first; overlapping shorter ones are skipped)."""
    found: list[Span] = []
    for form in forms:
        start = 0
        while (i := text.find(form, start)) >= 0:
            end = i + len(form)
            if not any(i < f.end and f.start < end for f in found):
                found.append(Span(form, i, end))
            start = end
    return tuple(sorted(found, key=lambda s: s.start))


@lru_cache(maxsize=65536)
def mask(text: str, forms: tuple[str, ...]) -> str:
    """The text with e-mails, URLs, link destinations and kept names blanked out."""
    spans = [(s.start, s.end) for s in emails(text)] + [(s.start, s.end) for s in urls(text)]
    spans += [(m.start(), m.end()) for m in LINK_DEST.finditer(text)]
    text = _blank(text, spans)
    return _blank(text, [(s.start, s.end) for s in kept_names(text, forms)])


@lru_cache(maxsize=65536)
def numbers(text: str, forms: tuple[str, ...]) -> tuple[Span, ...]:
    """Numbers written in digits, outside dates, names, e-mails, URLs and link destinations."""
    if not text.isascii():  # full-width digits count; circled ones are enumeration (INV006)
        text = unicodedata.normalize("NFKC", CIRCLED_RE.sub(" ", text))
    if _DIGIT.search(text) is None:
        return ()  # masking only blanks text out: without a digit there is no number
    masked = mask(text, forms)
    masked = _blank(masked, [(s.start, s.end) for _, s in dates(masked)])
    return tuple(Span(m.group().lstrip("0") or "0", m.start(), m.end())
                 for m in NUMBER.finditer(masked))


def circled(text: str) -> list[str]:
    return CIRCLED_RE.findall(text)


def clause_refs(text: str) -> list[str]:
    return [h for h in scan(text).hrefs if h.startswith("#")]


def external_links(text: str) -> list[str]:
    return [h for h in scan(text).hrefs if not h.startswith("#")]


def list_items(text: str) -> int:
    return scan(text).list_items


_SENTENCE = r"[^.!?。！？\n]+[.!?。！？]*"  # compiled on first use (engine/patterns.py)


def sentences(text: str) -> list[Span]:
    """Sentences (or lines), with offsets, for locating wrong-script passages."""
    return [Span(m.group(), m.start(), m.end()) for m in patterns.compile(_SENTENCE).finditer(text)
            if m.group().strip()]


@lru_cache(maxsize=65536)
def letter_scripts(text: str, forms: tuple[str, ...]) -> Counter[str]:
    """Letters per script of what is left to translate once kept names, e-mail addresses,
    URLs and link destinations are removed (empty when there is nothing to translate)."""
    return script_counts(mask(text, forms))


@lru_cache(maxsize=65536)
def letter_script_set(text: str, forms: tuple[str, ...]) -> frozenset[str]:
    """The scripts of `letter_scripts` (what the untranslated-text checks compare), without
    counting: every text of a run asks for its set, few for their counts."""
    # each letter once (a text repeats its letters): its script by the table, as
    # script_counts has it, without a lookup per character
    unique = "".join(set(mask(text, forms)))
    return frozenset(map(_TABLE.names.__getitem__, set(unique.translate(_TABLE))))


_SPACES = patterns.compile(r"\s+")


@lru_cache(maxsize=65536)
def comparable(text: str) -> str:
    """Normalized form for identity comparison between editions."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
