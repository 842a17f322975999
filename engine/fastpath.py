"""The keyword fast path: a per-policy `allows` with the policy's flags as keyword parameters.

Generated from source at load (as dataclasses and namedtuple generate their methods) because
binding keyword arguments to named parameters is about twice as fast as walking a `**context`
dict, and that is the whole cost of a cached question. Its semantics are those of the generic
`CompiledPolicy.allows`: a flag is exactly True or False (else QueryTypeError), an unknown flag
raises UnknownTermError, terms are validated on the first ask. tests/test_engine_properties.py
checks that both paths give the same answers and raise the same errors. Standard library only.
"""

from __future__ import annotations

import keyword

from .names import RESERVED_FLAGS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any, Protocol

    from .decision import Decision

    class Owner(Protocol):
        """The parts of a CompiledPolicy the generated function calls."""

        version: str
        flags: tuple[str, ...]
        _bits: dict[str, int]
        _memo: dict[int, dict[str, dict[str, dict[str, Decision]]]]
        _audit: bool

        def _decide_new(self, action: str, data: str, purpose: str, mask: int) -> Decision: ...
        def _check_terms(self, action: object, data: object, purpose: object) -> None: ...
        def _reject_context(self, context: Mapping[str, object]) -> None: ...
        def _log(self, d: Decision) -> None: ...


def usable(flags: tuple[str, ...]) -> bool:
    """Whether every flag can be a keyword parameter of the generated function."""
    return all(f.isidentifier() and not keyword.iskeyword(f) and not f.startswith("_")
               and f not in RESERVED_FLAGS for f in flags)


def keyword_allows(policy: Owner, doc: str | None = None) -> Callable[..., Decision] | None:
    """`policy.allows` with the policy's flags as keyword-only parameters, or None if a flag
    cannot be a parameter name (the generic method then answers)."""
    flags = policy.flags
    if not usable(flags):
        return None
    params = "".join(f", {f}=False" for f in flags)
    lines = [f"def allows(action, data, purpose, *{params}, **_unknown):",
             "    if _unknown:",
             "        _reject(_unknown)",
             "    _mask = 0"]
    for f in flags:  # sorted, as _reject_context reports them
        lines += [f"    if {f} is not False:",
                  f"        if {f} is not True:",
                  f"            _reject({{{f!r}: {f}}})",
                  f"        _mask |= {policy._bits[f]}"]
    lines += ["    try:",
              "        _d = _memo[_mask][action][data][purpose]",
              "    except KeyError:",
              "        _d = _decide_new(action, data, purpose, _mask)",
              "    except TypeError:",
              "        _check_terms(action, data, purpose)",
              "        raise",
              "    if _audit:",
              "        _policy._log(_d)",
              "    return _d"]
    scope: dict[str, Any] = {
        "_memo": policy._memo, "_decide_new": policy._decide_new,
        "_check_terms": policy._check_terms, "_reject": policy._reject_context,
        "_policy": policy,
        # A global of the function's own namespace, not an attribute of the policy: one lookup
        # fewer per call. CompiledPolicy.audit() sets it (see `set_audit`).
        "_audit": policy._audit,
    }
    exec(compile("\n".join(lines) + "\n", f"<allows of policy {policy.version}>", "exec"), scope)
    fn: Callable[..., Decision] = scope["allows"]
    fn.__doc__ = doc
    fn.__qualname__ = "CompiledPolicy.allows"
    return fn


def set_audit(fn: Callable[..., Decision], enabled: bool) -> None:
    """Turn the audit log of a generated `allows` on or off (its namespace is its own)."""
    fn.__globals__["_audit"] = enabled
