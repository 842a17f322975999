"""Cafetalk's privacy policy as code: ask `policy.allows(action, data, purpose, **context)`.

    from engine import policy
    d = policy.allows("use", "contact", "newsletter", opted_out=True)
    bool(d), d.clauses, d.explain("ru")

The shipped policy loads on first use; `load(path)` loads another folder or bundle.
Importing this package imports only the standard library.
"""

from __future__ import annotations

import threading

from .bundle import load
from .decide import CompiledPolicy
from .decision import (
    TYPE_CHECKING,
    ClauseRef,
    Condition,
    Decision,
    FrozenInstanceError,
    InvalidQueryError,
    Obligation,
    Query,
    QueryTypeError,
    UnknownTermError,
)

if TYPE_CHECKING:
    from typing import Any

    from .findings import Diagnostic, PolicyLoadError, Severity

__all__ = [
    "ClauseRef",
    "CompiledPolicy",
    "Condition",
    "Decision",
    "Diagnostic",
    "FrozenInstanceError",
    "InvalidQueryError",
    "Obligation",
    "PolicyLoadError",
    "Query",
    "QueryTypeError",
    "Severity",
    "UnknownTermError",
    "load",
    "policy",
]


class _ShippedPolicy:
    """Stands in for the shipped CompiledPolicy until first use, then gets out of the way:
    after loading, the real bound methods sit in this object's __dict__, so `policy.allows`
    costs exactly what `CompiledPolicy.allows` costs."""

    _lock = threading.Lock()

    def _real(self) -> CompiledPolicy:
        with self._lock:
            real = self.__dict__.get("_loaded")
            if real is None:
                from .bundle import load_shipped

                real = load_shipped()
                self.__dict__["_loaded"] = real
                self.__dict__["allows"] = real.allows
                self.__dict__["decide"] = real.decide
        return real

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def __repr__(self) -> str:
        loaded = self.__dict__.get("_loaded")
        return repr(loaded) if loaded is not None else "<shipped policy, not loaded yet>"


policy: Any = _ShippedPolicy()



_LAZY = {"Diagnostic", "PolicyLoadError", "Severity"}


def __getattr__(name: str) -> object:
    # The diagnostics module (enum, registry) is needed only when something goes wrong, so a
    # service's start-up does not import it; `engine.PolicyLoadError` still works.
    if name in _LAZY:
        from . import findings as diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(f"module 'engine' has no attribute {name!r}")
