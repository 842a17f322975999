"""Cafetalk's privacy policy as code: ask `policy.allows(action, data, purpose, **context)`.

    from engine import policy
    d = policy.allows("use", "contact", "newsletter", opted_out=True)
    bool(d), d.clauses, d.explain("ru")

The shipped policy loads on first use; `load(path)` loads another folder or bundle.
Importing this package imports only the standard library.
"""

from __future__ import annotations

import _thread

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

    from .bundle import load
    from .decide import CompiledPolicy
    from .decision import (
        ClauseRef,
        Condition,
        Decision,
        FrozenInstanceError,
        InvalidQueryError,
        Obligation,
        PolicyMismatchError,
        Query,
        QueryTypeError,
        UnknownTermError,
    )
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
    "PolicyMismatchError",
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

    _lock = _thread.allocate_lock()

    def _real(self) -> CompiledPolicy:
        with self._lock:
            real = self.__dict__.get("_loaded")
            if real is None:
                from .bundle import shipped

                real = shipped()
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


if TYPE_CHECKING:
    # What a type checker sees: the CompiledPolicy it stands in for, so that mypy and pyright
    # check a service's `policy.allows(...)` (its arguments, flag values and Decision).
    policy: CompiledPolicy
else:
    policy = _ShippedPolicy()



# Each public name is imported on first use, so that `import engine` (and every `policy`
# command, whose modules live in this package) costs only the standard library: a service pays
# for the engine when it first asks, a command only for the modules it uses.
_LAZY = {"Diagnostic": "findings", "PolicyLoadError": "findings", "Severity": "findings",
         "load": "bundle", "CompiledPolicy": "decide",
         **dict.fromkeys(("ClauseRef", "Condition", "Decision", "FrozenInstanceError",
                          "InvalidQueryError", "Obligation", "PolicyMismatchError", "Query",
                          "QueryTypeError", "UnknownTermError"), "decision")}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value
