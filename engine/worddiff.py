"""The word diff of two texts: runs of kept, inserted and deleted words (characters for Japanese).

A module of its own, on the standard library only, so the site's redlines (render/versions.py)
use it without importing the semantic diff's package (engine/diff, which loads the compiler
and the decision tables); engine/diff/text.py gives the same functions to the text diff.
"""

from __future__ import annotations

from . import patterns

Op = tuple[str, str]  # ("=" | "+" | "-", text)

CHARACTER_LANGS = frozenset({"ja", "zh", "ko"})
_WORDS = patterns.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str, lang: str) -> list[str]:
    """Words, spaces and punctuation; single characters for Japanese (no spaces between words)."""
    if lang in CHARACTER_LANGS:
        return list(text)
    return _WORDS.findall(text)


def word_diff(old: str, new: str, lang: str) -> tuple[Op, ...]:
    """The edit from `old` to `new` as runs of kept, inserted and deleted text."""
    a, b = tokens(old, lang), tokens(new, lang)
    ops: list[list[str]] = []

    def push(tag: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == tag:
            ops[-1][1] += text
        else:
            ops.append([tag, text])

    # here: `policy test` imports engine.diff.text (for its properties), never a word diff
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            push("=", "".join(a[i1:i2]))
        else:
            push("-", "".join(a[i1:i2]))
            push("+", "".join(b[j1:j2]))
    return tuple((t, s) for t, s in ops)
