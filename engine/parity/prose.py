"""What the prose of a text is made of, per language: sentences, negations, final stops, spacing, paragraphs, length.

Pure functions of a text and a language (and the word lists of policy/parity.toml, passed in);
the translation checks compare what they find in a master text with what they find in its
translation. Offsets are into the text as given. Link destinations, URLs and e-mail addresses
are masked first (replaced by letters of the same length), so a dot in `info@cafetalk.com` or
`4.2.6` never ends a sentence and a colon in `http://` is never "missing a space".
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .. import patterns
from ..values import record
from .text import LINK_DEST, Span, emails, urls

CJK = frozenset({"ja", "zh", "ko"})

# Sentence ends and what may follow one before the next sentence starts.
_LATIN_ENDS = ".!?…"
_CLOSERS = "\"'”’»)）」』]"
_OPENERS = "\"'“‘«„(（「『["
_FINAL = {"。": ".", "．": ".", "！": "!", "？": "?", "：": ":", ".": ".", "!": "!", "?": "?",
          ":": ":", ";": ";", "；": ";", "…": "…"}
_LIST_MARK = patterns.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HARD_BREAK = patterns.compile(r"(?:\\| {2,})\n")
# The next three are compiled on first use (engine/patterns.py): their callers return early
# for almost every text.
_REPEAT = r"(?i)(?<![\w-])([^\W\d_]+)(\s+)(\1)(?![\w-])"
_WORDS_ANY = patterns.compile(r"[^\W_]+")
_WORDS = patterns.compile(r"\w+")
_DOUBLED = r"(?<=\S)( {2,}|　{2,})(?=\S)"
_LINE_END_SPACE = r"(?<=\S)([ \t　]+)\n"
_NO_SPACE_AFTER_MARK = patterns.compile(r"[,;:](?=[^\W\d_])")
_NO_SPACE_AFTER_STOP = patterns.compile(r"\.(?=[A-ZА-ЯЁ])")
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
    holds text (a list item, a hard-broken line) ends a sentence too. `abbreviations` are
    compared case-folded: give them in lower case (parity.toml's lists are folded on read)."""
    folded = abbreviations if isinstance(abbreviations, tuple) else tuple(abbreviations)
    return list(_sentences(text, lang, folded))


def sentence_spans(text: str, lang: str, abbreviations: tuple[str, ...]) -> tuple[Span, ...]:
    """`sentences`, as the memoised tuple itself (the checks call it for every text)."""
    return _sentences(text, lang, abbreviations)


@lru_cache(maxsize=64)
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words)


@lru_cache(maxsize=65536)
def _sentences(text: str, lang: str, abbreviations: tuple[str, ...]) -> tuple[Span, ...]:
    # One line with no stop before its final punctuation is one sentence (titles, most
    # items): decided without scanning for sentence ends.
    if "\n" not in text:
        body = text.strip()
        core = body.rstrip(_TRAILING)
        cjk = lang in CJK
        stops = "。！？" if cjk else ".!?…"
        tail = body[len(core):]
        if body and (_CJK_STOP if cjk else _LATIN_STOP).search(core) is None \
                and (len(tail) < 2 or _ends_clean(tail, stops)) \
                and not _LIST_MARK.match(body) and _ALNUM.search(core):
            start = len(text) - len(text.lstrip())
            return (Span(body, start, start + len(body)),)
    return _split(text, lang, abbreviations)


def _ends_clean(tail: str, stops: str) -> bool:
    """Whether the punctuation after a one-line text's last word holds, after its first stop,
    only stops and closing quotes or brackets (which the splitter keeps with the stop): after
    "Hello. \"" or "はい！:" the splitter starts a sentence that holds no word, and drops it."""
    first = next((i for i, c in enumerate(tail) if c in stops), -1)
    return first < 0 or all(c in stops or c in _STOP_TAIL for c in tail[first + 1:])


def _split(text: str, lang: str, abbreviations: tuple[str, ...]) -> tuple[Span, ...]:
    """The sentences of any text (what `_sentences` decides without it for a one-line text
    with no stop inside; tests/test_prose_fast_paths.py checks both give the same)."""
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


# (the lookahead lets the regex engine skip to the next candidate character quickly)
_CJK_TOKENS = patterns.compile(
    r"(?=[（「『(）」』)。！？])(?:[（「『(]|[）」』)]|[。！？]+[。！？\"'”’»)）」』\]]*)")
_LATIN_MARKS = patterns.compile(r"[(（)）.!?…]")
_CJK_STOP = patterns.compile("[。！？]")
_LATIN_STOP = patterns.compile("[.!?…]")
_STOP_TAIL = frozenset("\"'”’»)）」』]")
_ALNUM = patterns.compile(r"[^\W_]")
_TRAILING = "。！？.!?…:;：；\"'”’»)）」』] \\"


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
            stop = m.group()
            if len(stop) > 1:  # closing brackets after the stop (a lone stop closes none)
                depth = max(depth - stop.count("）") - stop.count("」") - stop.count("』")
                            - stop.count(")"), 0)
    return cuts


def _cuts_latin(s: str, abbreviations: tuple[str, ...]) -> list[int]:
    cuts: list[int] = []
    depth = 0
    skip = 0  # a stop's closing quotes and brackets are part of it, not brackets of their own
    n = len(s)
    for m in _LATIN_MARKS.finditer(s):
        i = m.start()
        if i < skip:
            continue
        ch = s[i]
        if ch in "(（":
            depth += 1
            continue
        if ch in ")）":
            depth = max(depth - 1, 0)
            continue
        j = i + 1
        while j < n and s[j] in _LATIN_ENDS:
            j += 1
        while j < n and s[j] in _STOP_TAIL:
            j += 1
        skip = j
        if depth > 0:
            depth = max(depth - s.count(")", i, j) - s.count("）", i, j), 0)
            continue
        k = j
        while k < n and s[k] == " ":
            k += 1
        nxt = s[k] if k < n else ""
        # a missing space ("word.Next") still ends the sentence (TYPO006 reports it)
        spaced = k > j or (i > 0 and (s[i - 1].islower() or s[i - 1] in _CLOSERS))
        if spaced and nxt and (nxt.isupper() or nxt in _OPENERS) and \
                not (ch == "." and _abbreviated(s, i, abbreviations)):
            cuts.append(j)
    return cuts


def _abbreviated(s: str, dot: int, abbreviations: tuple[str, ...]) -> bool:
    """Whether the dot at `dot` closes an abbreviation ("Inc.", "т. е.", "e.g.") or an
    initial ("J."). `abbreviations` are case-folded; a listed "т.е" also matches "т. е"."""
    i = dot
    while i > 0 and s[i - 1].isalpha():
        i -= 1
    if i == dot:
        return False  # no letter before the dot: a number, a bracket
    if dot - i == 1 and s[i].isupper() and (i == 0 or not s[i - 1].isalnum()):
        return True  # a single capital: an initial
    if not abbreviations:
        return False
    head = s[max(0, dot - 24): dot].casefold()  # abbreviations are short
    for tail in (head, head.replace(" ", "")):
        if tail.endswith(abbreviations):
            for a in abbreviations:
                k = len(tail) - len(a)
                if tail.endswith(a) and (k == 0 or not tail[k - 1].isalpha()):
                    return True
    return False


# ---------------------------------------------------------------------------- negation


@record
class NegationWords:
    """How one language says "not": markers, and phrases holding a marker that are not
    negations (a double negative that means "must", a word that only looks negative)."""

    markers: tuple[str, ...]
    exceptions: tuple[str, ...] = ()


def negations(text: str, lang: str, words: NegationWords) -> list[Span]:
    """Each negation in the text. Japanese markers are found anywhere in the text; other
    languages' markers are whole words (a marker ending in `*` is a prefix, one starting
    with `*` a suffix; the words of a phrase may be separated by any whitespace), in any
    case. A listed exception is never a negation, nor is a marker inside one."""
    return list(_negations(text, lang in CJK, words))


def negation_spans(text: str, lang: str, words: NegationWords) -> tuple[Span, ...]:
    """`negations`, as the memoised tuple itself (the negation check calls it for every
    text)."""
    return _negations(text, lang in CJK, words)


@lru_cache(maxsize=65536)
def _negations(text: str, cjk: bool, words: NegationWords) -> tuple[Span, ...]:
    if not _may_negate(text, cjk, words):
        return ()  # no marker can be in it: most texts, decided without looking closer
    hidden = masked(text)
    found = _phrases_anywhere(hidden, words) if cjk else _negating_words(hidden, words)
    return tuple(Span(text[s:e], s, e) for s, e in found)


# One alternative of a language's list, in the order they are tried at a place: every
# exception first, then the markers, each group longest first. `parts` are the case-folded
# words of a phrase; `prefix` says the last of them only starts a word ("non*").
@record
class _Alternative:
    exception: bool
    parts: tuple[str, ...]
    prefix: bool


@record
class _WordIndex:
    """A non-CJK language's lists, for matching word by word: the alternatives by their
    first word (in trying order), those whose first word is a prefix, and the suffixes."""

    by_first: dict[str, tuple[tuple[int, _Alternative], ...]]
    prefixed: tuple[tuple[int, _Alternative], ...]
    suffixes: tuple[str, ...]
    plain_firsts: frozenset[str]  # first words of letters and digits only
    other_firsts: tuple[str, ...]  # the others ("e.g"), looked for in every text


@lru_cache(maxsize=64)
def _word_index(words: NegationWords) -> _WordIndex:
    exceptions = sorted((e.casefold() for e in words.exceptions), key=len, reverse=True)
    markers = sorted((m.casefold() for m in words.markers), key=len, reverse=True)
    ordered = [_Alternative(True, tuple(e.split()), False) for e in exceptions]
    suffixes = []
    for m in markers:
        if m.startswith("*"):
            suffixes.append(m[1:])
        elif m.endswith("*"):
            ordered.append(_Alternative(False, tuple(m[:-1].split()), True))
        else:
            ordered.append(_Alternative(False, tuple(m.split()), False))
    by_first: dict[str, list[tuple[int, _Alternative]]] = {}
    prefixed = []
    for i, alt in enumerate(ordered):
        if not alt.parts:
            continue
        if alt.prefix and len(alt.parts) == 1:
            prefixed.append((i, alt))
        else:
            by_first.setdefault(alt.parts[0], []).append((i, alt))
    plain = frozenset(w for w in by_first if w.isalnum() and w.casefold() == w)
    return _WordIndex({k: tuple(v) for k, v in by_first.items()}, tuple(prefixed),
                      tuple(suffixes), plain, tuple(w for w in by_first if w not in plain))


# A word, for the negation lists: letters, digits, underscores and apostrophes (a marker
# must stand between characters that are none of these: "not" is not found in "don't").
# These patterns serve only lists with a prefix marker or a phrase: compiled on first use
# (re's own cache), not when the module is imported.
_NEGATION_WORD = r"[\w'’]+"
_PREFIX_REST = r"[^\W_]*(?:['’][^\W_]+)*"


def _negating_words(hidden: str, words: NegationWords) -> list[tuple[int, int]]:
    """(start, end) of each negation in a text of a language written with spaces, left to
    right: at each whole word that begins an alternative, the first alternative that matches
    from it is taken (an exception only hides what it covers); a word no alternative took is
    a negation if it ends with a suffix ("n't") after a letter or digit."""
    index = _word_index(words)
    low = hidden.replace("\u0130", "i").lower()  # (İ is the one letter lower() lengthens)
    if index.prefixed:  # a marker such as "non*": word by word
        return _word_by_word(low, hidden, index)
    # the places something may start: the first words the text holds as words (a set
    # intersection with its word list; each then found by substring search), and the
    # suffixes it holds, so a text is never walked word by word in Python
    places: list[tuple[int, int, str]] = []
    held = index.plain_firsts.intersection(word_list(hidden))
    for first in (*held, *index.other_firsts):
        at = low.find(first)
        while at >= 0:
            end = at + len(first)
            if not (at > 0 and _word_char(low, at - 1)) and not _word_char(low, end):
                places.append((at, end, first))
            at = low.find(first, at + 1)
    for tail in index.suffixes:
        at = low.find(tail)
        while at >= 0:
            end = at + len(tail)
            if at > 0 and low[at - 1].isalnum() and not _word_char(low, end):
                places.append((at, end, ""))
            at = low.find(tail, at + 1)
    places.sort()  # (no two start at one offset: each is where a word or a suffix starts)
    found: list[tuple[int, int]] = []
    after = 0
    for start, end, first in places:
        if start < after:
            continue
        if not first:  # a suffix: the whole word is the negation
            while start > 0 and hidden[start - 1].isalnum():
                start -= 1
            found.append((start, end))
            after = end
            continue
        for _, alt in index.by_first[first]:
            stop = _phrase_end(low, end, alt)
            if stop >= 0:
                if not alt.exception:
                    found.append((start, stop))
                after = stop
                break
    return found


def _word_char(low: str, at: int) -> bool:
    """Whether the character at `at` belongs to a word (a letter, digit, _ or apostrophe)."""
    return at < len(low) and (low[at].isalnum() or low[at] in "_'’")


def _phrase_end(low: str, at: int, alt: _Alternative) -> int:
    """Where `alt` ends when its first word ends at `at` (-1: it does not match): its other
    words follow after whitespace, and the last one ends a word."""
    last = len(alt.parts) - 1
    if last == 0 and not alt.prefix:
        return at  # a whole word, found as one
    for j, part in enumerate(alt.parts[1:], start=1):
        gap = at
        while gap < len(low) and low[gap].isspace():  # (\s is what str.isspace() says)
            gap += 1
        if gap == at or not low.startswith(part, gap):
            return -1
        at = gap + len(part)
        if j == last and alt.prefix:
            rest = patterns.compile(_PREFIX_REST).match(low, at)
            at = rest.end() if rest is not None else at
    return -1 if _word_char(low, at) else at


def _word_by_word(low: str, hidden: str, index: _WordIndex) -> list[tuple[int, int]]:
    """`_negating_words` word by word, for a language with a prefix marker ("non*")."""
    spans = [(m.start(), m.end()) for m in patterns.compile(_NEGATION_WORD).finditer(low)]
    found: list[tuple[int, int]] = []
    i, n = 0, len(spans)
    while i < n:
        s, e = spans[i]
        word = low[s:e]
        tried = index.by_first.get(word, ())
        more = [(k, a) for k, a in index.prefixed if _starts(word, a.parts[0])]
        if more:
            tried = tuple(sorted((*tried, *more), key=lambda t: t[0]))
        taken = 0
        for _, alt in tried:
            taken = _phrase_at(low, spans, i, alt)
            if taken:
                if not alt.exception:
                    found.append((s, spans[i + taken - 1][1]))
                break
        if taken:
            i += taken
            continue
        # a suffix ends the word and follows a letter or digit; the longest wins (it starts
        # first)
        tail = max((x for x in index.suffixes if word.endswith(x) and len(word) > len(x)
                    and word[-len(x) - 1].isalnum()), key=len, default=None)
        if tail is not None:
            start = e - len(tail)
            while start > 0 and hidden[start - 1].isalnum():
                start -= 1
            found.append((start, e))
        i += 1
    return found


def _starts(word: str, prefix: str) -> bool:
    """Whether `word` is `prefix` followed by letters and digits, with single apostrophes
    between them (as "non*" reads "nonsense" or "non'ce", not "non_x" or "non'")."""
    if not word.startswith(prefix) or "_" in word:
        return False
    return all(word[len(prefix):].replace("’", "'").split("'")[1:])


def _phrase_at(low: str, spans: list[tuple[int, int]], i: int, alt: _Alternative) -> int:
    """How many words from the i-th one `alt` covers (0: it does not match there)."""
    k = len(alt.parts)
    if i + k > len(spans):
        return 0
    for j, part in enumerate(alt.parts):
        s, e = spans[i + j]
        if j:
            gap = low[spans[i + j - 1][1]: s]
            if not gap.isspace():
                return 0
        word = low[s:e]
        last = j == k - 1
        if not (_starts(word, part) if last and alt.prefix else word == part):
            return 0
    return k


def _phrases_anywhere(hidden: str, words: NegationWords) -> list[tuple[int, int]]:
    """(start, end) of each negation in a Japanese text: markers anywhere, left to right; at
    each place every exception is tried first, then the markers, longest first."""
    present = [(alt, exception) for alt, exception in _cjk_alternatives(words)
               if alt in hidden]
    places: set[int] = set()
    for alt, _ in present:
        at = hidden.find(alt)
        while at >= 0:
            places.add(at)
            at = hidden.find(alt, at + 1)
    found: list[tuple[int, int]] = []
    after = 0
    for at in sorted(places):
        if at < after:
            continue
        for alt, exception in present:
            if hidden.startswith(alt, at):
                after = at + len(alt)
                if not exception:
                    found.append((at, after))
                break
    return found


@lru_cache(maxsize=64)
def _cjk_alternatives(words: NegationWords) -> tuple[tuple[str, bool], ...]:
    exceptions = sorted((e.casefold() for e in words.exceptions), key=len, reverse=True)
    markers = sorted(words.markers, key=len, reverse=True)
    return (*((e, True) for e in exceptions), *((m, False) for m in markers))


@lru_cache(maxsize=64)
def _marker_index(words: NegationWords) -> tuple[frozenset[str], tuple[str, ...],
                                                 tuple[str, ...]]:
    """(whole words, prefixes, suffixes) of a language's markers, case-folded, for the quick
    test: the first word of a marker phrase stands for the phrase."""
    whole, prefixes, suffixes = set(), [], []
    for m in (m.casefold() for m in words.markers):
        if m.startswith("*"):
            suffixes.append(m[1:])
        elif m.endswith("*"):
            prefixes.append(m[:-1])
        else:
            whole.add(m.split()[0] if m.split() else m)
    return frozenset(whole), tuple(prefixes), tuple(suffixes)


def _may_negate(text: str, cjk: bool, words: NegationWords) -> bool:
    """Whether a marker could be in the text. Never wrong when it says no: a Japanese marker
    is a substring; any other marker, matched between non-word characters, is one of the
    text's words (`word_list` splits at the same places, and at apostrophes: a suffix such
    as "n't" is looked for in the raw text, "’" or "'")."""
    if cjk:
        return any(m in text for m in words.markers)
    whole, prefixes, suffixes = _marker_index(words)
    found = word_list(text)
    if not whole.isdisjoint(found):
        return True
    if prefixes and any(w.startswith(prefixes) for w in found):
        return True
    folded = text.casefold()
    return any(s in folded or s.replace("'", "’") in folded for s in suffixes)


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
    for m in patterns.compile(_DOUBLED).finditer(text):
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
    for m in patterns.compile(_LINE_END_SPACE).finditer(text):
        if m.group(1) != "  ":
            out.append(Span(m.group(1), m.start(1), m.end(1)))
    return sorted(set(out), key=lambda s: s.start)


@lru_cache(maxsize=65536)
def word_list(text: str) -> list[str]:
    """The words of a text, case-folded (shared by the repeated-word and terminology checks)."""
    folded = text.casefold()
    if folded.isascii():  # the words are the runs of [a-z0-9]: split at everything else
        return folded.encode("ascii").translate(_ASCII_GAPS).decode("ascii").split()
    # without an underscore, [^\W_]+ and \w+ find the same words (\w+ is found faster)
    return (_WORDS_ANY if "_" in folded else _WORDS).findall(folded)


# every ASCII byte that is not a letter or digit becomes a space
_ASCII_GAPS = bytes(b if chr(b).isalnum() and b < 128 else 32 for b in range(256))


def repeated_words(text: str, allowed: Sequence[str] = ()) -> list[Span]:
    """A word written twice in a row ("not not"), except the listed ones ("that that")."""
    words = word_list(text)
    if not any(map(operator.eq, words, words[1:])):
        return []  # no two equal words in a row at all: the common case, decided fast
    ok = _folded(tuple(allowed))
    hidden = masked(text)
    return [Span(text[m.start(): m.end()], m.start(), m.end())
            for m in patterns.compile(_REPEAT).finditer(hidden)
            if m.group(1).casefold() == m.group(3).casefold() and m.group(1).casefold() not in ok]


def missing_spaces(text: str, abbreviations: Sequence[str] = ()) -> list[Span]:
    """A comma, semicolon or colon directly followed by a letter, or a full stop between a
    lower-case and a capital letter ("word.Next"); link targets, URLs, e-mails, numbers and
    listed abbreviations ("т.е.") excepted."""
    if _NO_SPACE_AFTER_MARK.search(text) is None and _NO_SPACE_AFTER_STOP.search(text) is None:
        return []  # nothing to look at: the common case, decided on the raw text
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


def plain_spacing(text: str, spaced: bool) -> bool:
    """Whether the text surely has no doubled space, no stray edge whitespace and, when
    `spaced` (a language written with spaces), no repeated word and no missing space: the
    quick tests those functions start with, all passed (False means "look closer", not
    "found one"), so the typography check can skip a clean text without calling each."""
    if "  " in text or "　　" in text:
        return False
    if text != text.strip() or " \n" in text or "\t\n" in text or "　\n" in text:
        return False
    if not spaced:
        return True
    words = word_list(text)
    if any(map(operator.eq, words, words[1:])):
        return False
    for mark in ",;:":  # _NO_SPACE_AFTER_MARK, by substring search: marks are few
        at = text.find(mark)
        while at >= 0:
            nxt = text[at + 1: at + 2]
            if nxt.isalnum() and not nxt.isdecimal():  # [^\W\d_]: a letter
                return False
            at = text.find(mark, at + 1)
    return _NO_SPACE_AFTER_STOP.search(text) is None


_PARAGRAPH_BREAK = patterns.compile(r"\n[ \t]*\n")


@lru_cache(maxsize=65536)
def layout(text: str) -> tuple[int, int, int]:
    """(paragraphs, line breaks inside paragraphs, hard breaks) of a text. Paragraphs are runs
    of lines separated by blank lines; a line break inside a paragraph, hard (a backslash or
    two spaces before it) or soft, is where a translation must break its line too."""
    if "\n" not in text:
        return (1 if text.strip() else 0), 0, 0
    parts = _PARAGRAPH_BREAK.split(text)
    return (sum(1 for p in parts if p.strip()), sum(p.strip().count("\n") for p in parts),
            len(_HARD_BREAK.findall(text)))


def paragraphs(text: str) -> int:
    return layout(text)[0]


def line_breaks(text: str) -> int:
    return layout(text)[1]


def hard_breaks(text: str) -> int:
    return layout(text)[2]


@lru_cache(maxsize=65536)
def length(text: str) -> int:
    """Characters that carry content: letters, digits and punctuation, not spaces, with link
    targets, URLs and e-mail addresses left out."""
    if "](" not in text and "@" not in text and "://" not in text:
        return _solid(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(_hidden_spans(text)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return _solid(text) - sum(_solid(text[a:b]) for a, b in merged)


def _solid(part: str) -> int:
    """Characters that are not spaces, line breaks, tabs or ideographic spaces."""
    return len(part) - part.count(" ") - part.count("\n") - part.count("\t") - \
        part.count("\u3000")


def cache_clear() -> None:
    """Forget every memoised result (benchmarks start each run cold, as a process does)."""
    for fn in (_hidden_spans, masked, _sentences, _negations, final_stop, layout, length,
               word_list):
        fn.cache_clear()
