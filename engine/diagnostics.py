"""The one registry of diagnostic codes, complete on import: every phase's codes and every registered check's.

`engine.findings` declares the codes of every phase and of the checker itself in one place;
each translation check declares its own codes, and the ordered list engine/checks/ registers
them here. Every command therefore sees the same codes, whatever else it imported. Import the
shapes (`Diagnostic`, `Severity`, `make`, …) from here or from `engine.findings`: they are the
same objects.
"""

from __future__ import annotations

from types import MappingProxyType

from .basewords import BASE_WORDS, DEFAULT_WORDS, FAMILY_WORDS
from .checks import CHECKS
from .findings import (
    BASE_CODES,
    Code,
    Diagnostic,
    PolicyLoadError,
    Severity,
    did_you_mean,
    has_errors,
    sorted_unique,
)
from .findings import make as _make
from .saying import Texts, pick


def _registry() -> dict[str, Code]:
    codes = dict(BASE_CODES)
    for check in CHECKS:
        for c in check.codes:
            if c.code in codes:
                raise ValueError(f"diagnostic code {c.code} is declared twice")
            codes[c.code] = c
    return dict(sorted(codes.items()))


CODES = MappingProxyType(_registry())
# What every code says to people (engine/saying.py): the base codes' (engine/basewords.py)
# and each check's own, declared beside its code.
WORDS = MappingProxyType({**BASE_WORDS, **{code: t for check in CHECKS
                                           for code, t in check.words.items()}})


def texts_of(code: str) -> Texts:
    """What a code says to people; a code no table knows, its family's words."""
    found = WORDS.get(code)
    if found is not None:
        return found
    return FAMILY_WORDS.get(code.rstrip("0123456789"), DEFAULT_WORDS)


def plain_sentence(code: str, lang: str) -> str:
    """The plain sentence for a finding's code, in `lang` (ja, ru, en)."""
    return pick(texts_of(code).plain, lang)


def make(code: str | Code, message: str, file: str = "", line: int = 0, col: int = 0,
         **extra: object) -> Diagnostic:
    """Build a diagnostic with the registered default severity of its code (any family)."""
    registered = CODES.get(code) if isinstance(code, str) else code
    if registered is None:
        raise KeyError(f"unregistered diagnostic code {code}")
    return _make(registered, message, file, line, col, **extra)


__all__ = [
    "CODES",
    "WORDS",
    "Code",
    "Diagnostic",
    "PolicyLoadError",
    "Severity",
    "did_you_mean",
    "has_errors",
    "make",
    "plain_sentence",
    "sorted_unique",
    "texts_of",
]
