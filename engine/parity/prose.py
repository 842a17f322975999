"""What the prose of a text is made of, per language: sentences, negations, final stops, spacing, paragraphs, length.

Pure functions of a text and a language (and the word lists of policy/parity.toml, passed in);
the translation checks compare what they find in a master text with what they find in its
translation. Offsets are into the text as given. Link destinations, URLs and e-mail addresses
are masked first (replaced by letters of the same length), so a dot in `info@cafetalk.com` or
`4.2.6` never ends a sentence and a colon in `http://` is never "missing a space".
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .text import LINK_DEST, Span, emails, urls

CJK = frozenset({"ja", "zh", "ko"})

# Sentence ends and what may follow one before the next sentence starts.
_JA_ENDS = "。！？"
_LATIN_ENDS = ".!?…"
_CLOSERS = "\"'”’»)）」』]"
_OPENERS = "\"'“‘«„(（「『["
_FINAL = {"。": ".", "．": ".", "！": "!", "？": "?", "：": ":", ".": ".", "!": "!", "?": "?",
          ":": ":", ";": ";", "；": ";", "…": "…"}
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HARD_BREAK = re.compile(r"(?:\\| {2,})\n")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_REPEAT = re.compile(r"(?<![\w-])([^\W\d_]+)(\s+)(\1)(?![\w-])", re.IGNORECASE)
_SPACE = re.compile(r"\s")
_WORDS_ANY = re.compile(r"\w+")
_DOUBLED = re.compile(r"(?<=\S)( {2,}|　{2,})(?=\S)")
_LINE_END_SPACE = re.compile(r"(?<=\S)([ \t　]+)\n")
_ABBR_TAIL = re.compile(r"(?<!\w)((?:[^\W\d_]{1,2}\.\s?)*[^\W\d_]+)$")
_NO_SPACE_AFTER_MARK = re.compile(r"[,;:](?=[^\W\d_])")
_NO_SPACE_AFTER_STOP = re.compile(r"\.(?=[A-ZА-ЯЁ])")
_BEFORE_STOP = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя)»”")


def _blank(text: str, spans: Iterable[tuple[int, int]], fill: str = "x") -> str:
    chars = list(text)
    for s, e in spans:
        chars[s:e] = fill * (e - s)
    return "".join(chars)


@lru_cache(maxsize=65536)
def _hidden_spans(text: str) -> list[tuple[int, int]]:
    if "](" not in text and "@" not in text and "://" not in text:
        return []  # no link, e-mail address or URL: most texts
    spans = [(m.start(), m.end()) for m in LINK_DEST.finditer(text)]
    spans += [(m.start, m.end) for m in emails(text)]
    spans += [(m.start, m.end) for m in urls(text)]
    return spans


@lru_cache(maxsize=65536)
def masked(text: str) -> str:
    """The text with link destinations, URLs and e-mail addresses replaced by `x`s."""
    spans = _hidden_spans(text)
    if not spans:
        return text
    # keep the "](" and ")" of a link so brackets still balance
    out = _blank(text, spans)
    for m in LINK_DEST.finditer(text):
        out = out[: m.start()] + "](" + out[m.start() + 2: m.end() - 1] + ")" + out[m.end():]
    return out


def blocks(text: str) -> list[Span]:
    """Lines with content (paragraphs, list items, hard-broken lines), without list markers
    and the trailing hard-break backslash."""
    if "\n" not in text and not text[:1].isspace() and not text[-1:].isspace() and \
            not text.endswith("\\") and not _LIST_MARK.match(text):
        return [Span(text, 0, len(text))] if text else []
    out: list[Span] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        body = line.rstrip()
        if body.endswith("\\"):
            body = body[:-1]
        m = _LIST_MARK.match(body)
        lead = m.end() if m else len(body) - len(body.lstrip())
        if body[lead:].strip():
            out.append(Span(body[lead:], start + lead, start + len(body)))
        start = end + 1
    return out


def sentences(text: str, lang: str, abbreviations: Sequence[str] = ()) -> list[Span]:
    """The sentences of a text. Japanese ends them with 。！？ outside brackets; other languages
    with . ! ? … followed by a space and a capital (or an opening quote or bracket), unless
    the word before the stop is a listed abbreviation or a single initial. Each line that
    holds text (a list item, a hard-broken line) ends a sentence too."""
    return list(_sentences(text, lang, _folded(tuple(abbreviations))))


@lru_cache(maxsize=64)
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words)


@lru_cache(maxsize=65536)
def _sentences(text: str, lang: str, abbreviations: tuple[str, ...]) -> tuple[Span, ...]:
    hidden = masked(text)
    out: list[Span] = []
    for block in blocks(hidden):
        s = block.value
        cuts = _cuts_cjk(s) if lang in CJK else _cuts_latin(s, abbreviations)
        begin = 0
        for cut in [*cuts, len(s)]:
            piece = s[begin:cut]
            if _ALNUM.search(piece):
                lead = len(piece) - len(piece.lstrip())
                body = piece.strip()
                start = block.start + begin + lead
                out.append(Span(text[start: start + len(body)], start, start + len(body)))
            begin = cut
    return tuple(out)


_CJK_TOKENS = re.compile(r"[（「『(]|[）」』)]|[。！？]+[。！？\"'”’»)）」』\]]*")
_LATIN_TOKENS = re.compile(r"[(（]|[)）]|[.!?…]+[\"'”’»)）」』\]]*")
_ALNUM = re.compile(r"[^\W_]")


def _cuts_cjk(s: str) -> list[int]:
    cuts: list[int] = []
    depth = 0
    for m in _CJK_TOKENS.finditer(s):
        ch = m.group()[0]
        if ch in "（「『(":
            depth += 1
        elif ch in "）」』)":
            depth = max(depth - 1, 0)
        else:  # a stop, with the closing quotes and brackets after it
            if depth == 0:
                cuts.append(m.end())
            depth = max(depth - sum(m.group().count(c) for c in "）」』)"), 0)
    return cuts


def _cuts_latin(s: str, abbreviations: tuple[str, ...]) -> list[int]:
    cuts: list[int] = []
    depth = 0
    for m in _LATIN_TOKENS.finditer(s):
        i, ch = m.start(), m.group()[0]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        elif depth > 0:
            depth = max(depth - m.group().count(")") - m.group().count("）"), 0)
        else:
            j = m.end()
            k = j
            while k < len(s) and s[k] == " ":
                k += 1
            nxt = s[k] if k < len(s) else ""
            # a missing space ("word.Next") still ends the sentence (TYPO006 reports it)
            spaced = k > j or (i > 0 and (s[i - 1].islower() or s[i - 1] in _CLOSERS))
            if spaced and nxt and (nxt.isupper() or nxt in _OPENERS) and \
                    not (ch == "." and _abbreviated(s, i, abbreviations)):
                cuts.append(j)
    return cuts


def _abbreviated(s: str, dot: int, abbreviations: tuple[str, ...]) -> bool:
    """Whether the dot at `dot` closes an abbreviation ("Inc.", "т. е.") or an initial ("J.")."""
    head = s[max(0, dot - 24): dot]  # abbreviations are short; the whole head would be O(n²)
    m = _ABBR_TAIL.search(head)
    if m is None:
        return False
    word = m.group(1).casefold()
    if len(word) == 1 and m.group(1).isupper():
        return True
    return word in abbreviations or word.replace(" ", "") in abbreviations


# ---------------------------------------------------------------------------- negation


@dataclass(frozen=True, slots=True)
class NegationWords:
    """How one language says "not": markers, and phrases holding a marker that are not
    negations (a double negative that means "must", a word that only looks negative)."""

    markers: tuple[str, ...]
    exceptions: tuple[str, ...] = ()


def negations(text: str, lang: str, words: NegationWords) -> list[Span]:
    """Each negation in the text. Japanese markers are found anywhere in the text; other
    languages' markers are whole words (a marker ending in `*` is a prefix, one starting
    with `*` a suffix). Listed exceptions are removed first."""
    return list(_negations(text, lang, words))


@lru_cache(maxsize=65536)
def _negations(text: str, lang: str, words: NegationWords) -> tuple[Span, ...]:
    cjk = lang in CJK
    folded = masked(text).casefold()
    if words.exceptions:
        folded = _exception_pattern(words.exceptions, cjk).sub(
            lambda m: " " * len(m.group()), folded)
    pattern = _cjk_pattern(words.markers) if cjk else _word_pattern(words.markers)
    return tuple(Span(text[m.start(): m.end()], m.start(), m.end())
                 for m in pattern.finditer(folded))


@lru_cache(maxsize=64)
def _exception_pattern(exceptions: tuple[str, ...], cjk: bool) -> re.Pattern[str]:
    alts = "|".join(re.escape(e.casefold()) for e in sorted(exceptions, key=len, reverse=True))
    return re.compile(f"(?:{alts})" if cjk else rf"(?<![\w'’])(?:{alts})(?![\w'’])")


@lru_cache(maxsize=64)
def _cjk_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    """Markers found anywhere, longest first (so ません is one negation, not ません and ん)."""
    return re.compile("|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)))


@lru_cache(maxsize=64)
def _word_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for whole-word markers (`x*` a prefix, `*x` a suffix)."""
    alts = []
    for m in sorted((m.casefold() for m in markers), key=len, reverse=True):
        if m.endswith("*"):
            alts.append(re.escape(m[:-1]) + r"[^\W_]*(?:['’][^\W_]+)*")
        elif m.startswith("*"):
            alts.append(r"[^\W_]*" + re.escape(m[1:]))
        else:
            alts.append(re.escape(m).replace(r"\ ", r"\s+"))
    return re.compile(r"(?<![\w'’])(?:" + "|".join(alts) + r")(?![\w'’])")


# ---------------------------------------------------------------------------- typography


@lru_cache(maxsize=65536)
def final_stop(text: str) -> str | None:
    """The punctuation that ends the text, as a language-neutral mark (`.` for 。), ignoring
    closing quotes and brackets after it; None when the text ends without one."""
    body = masked(text).rstrip()
    if body.endswith("\\"):
        body = body[:-1].rstrip()
    while body and body[-1] in _CLOSERS:
        body = body[:-1]
    if not body:
        return None
    return _FINAL.get(body[-1])


def doubled_spaces(text: str) -> list[Span]:
    """Two or more spaces inside a line (a Markdown hard break at the end of a line and the
    indentation at its start are not counted)."""
    if "  " not in text and "　　" not in text:
        return []
    out: list[Span] = []
    for m in _DOUBLED.finditer(text):
        out.append(Span(m.group(), m.start(), m.end()))
    return out


def edge_whitespace(text: str) -> list[Span]:
    """Whitespace at the start or end of the text, and spaces before a line break that are
    not a Markdown hard break."""
    if text == text.strip() and " \n" not in text and "\t\n" not in text and "　\n" not in text:
        return []
    out: list[Span] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        out.append(Span(text[:lead], 0, lead))
    trail = len(text.rstrip())
    if trail < len(text):
        out.append(Span(text[trail:], trail, len(text)))
    for m in _LINE_END_SPACE.finditer(text):
        if m.group(1) != "  ":
            out.append(Span(m.group(1), m.start(1), m.end(1)))
    return sorted(set(out), key=lambda s: s.start)


def repeated_words(text: str, allowed: Sequence[str] = ()) -> list[Span]:
    """A word written twice in a row ("not not"), except the listed ones ("that that")."""
    words = _WORDS_ANY.findall(text.casefold())
    if not any(map(operator.eq, words, words[1:])):
        return []  # no two equal words in a row at all: the common case, decided fast
    ok = _folded(tuple(allowed))
    hidden = masked(text)
    return [Span(text[m.start(): m.end()], m.start(), m.end()) for m in _REPEAT.finditer(hidden)
            if m.group(1).casefold() == m.group(3).casefold() and m.group(1).casefold() not in ok]


def missing_spaces(text: str, abbreviations: Sequence[str] = ()) -> list[Span]:
    """A comma, semicolon or colon directly followed by a letter, or a full stop between a
    lower-case and a capital letter ("word.Next"); link targets, URLs, e-mails, numbers and
    listed abbreviations ("т.е.") excepted."""
    hidden = masked(text)
    short = _folded(tuple(abbreviations))
    out: list[Span] = []
    found = [m.start() for m in _NO_SPACE_AFTER_MARK.finditer(hidden)]
    found += [m.start() for m in _NO_SPACE_AFTER_STOP.finditer(hidden)
              if m.start() > 0 and hidden[m.start() - 1] in _BEFORE_STOP
              and not _abbreviated(hidden, m.start(), short)]
    for at in sorted(found):
        if hidden[at] == ":" and hidden[at + 1: at + 2] == "/":
            continue
        out.append(Span(text[at: at + 2], at, at + 2))
    return out


@lru_cache(maxsize=65536)
def paragraphs(text: str) -> int:
    """Paragraphs: runs of lines separated by blank lines."""
    if "\n" not in text:
        return 1 if text.strip() else 0
    return sum(1 for p in re.split(r"\n[ \t]*\n", text) if p.strip())


@lru_cache(maxsize=65536)
def hard_breaks(text: str) -> int:
    """Markdown hard line breaks (a backslash or two spaces before a line break)."""
    return len(_HARD_BREAK.findall(text))


@lru_cache(maxsize=65536)
def line_breaks(text: str) -> int:
    """Line breaks inside paragraphs, hard or soft (a blank line between paragraphs is not
    one): where a text breaks a line, its translation must break it too."""
    if "\n" not in text:
        return 0
    return sum(p.strip().count("\n") for p in re.split(r"\n[ \t]*\n", text))


@lru_cache(maxsize=65536)
def length(text: str) -> int:
    """Characters that carry content: letters, digits and punctuation, not spaces, with link
    targets, URLs and e-mail addresses left out."""
    def solid(part: str) -> int:
        return len(part) - sum(part.count(c) for c in " \n\t\u3000")

    merged: list[tuple[int, int]] = []
    for start, end in sorted(_hidden_spans(text)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return solid(text) - sum(solid(text[a:b]) for a, b in merged)


def cache_clear() -> None:
    """Forget every memoised result (benchmarks start each run cold, as a process does)."""
    for fn in (_hidden_spans, masked, _sentences, _negations, final_stop, paragraphs,
               hard_breaks, line_breaks, length):
        fn.cache_clear()
