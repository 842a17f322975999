"""The one registry of diagnostic codes, complete on import: every phase's codes and every registered check's.

`engine.findings` declares the codes of every phase and of the checker itself in one place;
each translation check declares its own codes, and the ordered list engine/checks/ registers
them here. Every command therefore sees the same codes, whatever else it imported. Import the
shapes (`Diagnostic`, `Severity`, `make`, …) from here or from `engine.findings`: they are the
same objects.
"""

from __future__ import annotations

from types import MappingProxyType

from .checks import CHECKS
from .findings import (
    BASE_CODES,
    Code,
    Diagnostic,
    PolicyLoadError,
    Severity,
    did_you_mean,
    has_errors,
    register,
    sorted_unique,
)
from .findings import make as _make


def _registry() -> dict[str, Code]:
    codes = dict(BASE_CODES)
    for check in CHECKS:
        for c in check.codes:
            if c.code in codes:
                raise ValueError(f"diagnostic code {c.code} is declared twice")
            codes[c.code] = c
    return dict(sorted(codes.items()))


CODES = MappingProxyType(_registry())


def make(code: str | Code, message: str, file: str = "", line: int = 0, col: int = 0,
         **extra: object) -> Diagnostic:
    """Build a diagnostic with the registered default severity of its code (any family)."""
    registered = CODES.get(code) if isinstance(code, str) else code
    if registered is None:
        raise KeyError(f"unregistered diagnostic code {code}")
    return _make(registered, message, file, line, col, **extra)


__all__ = [
    "CODES",
    "Code",
    "Diagnostic",
    "PolicyLoadError",
    "Severity",
    "did_you_mean",
    "has_errors",
    "make",
    "register",
    "sorted_unique",
]
