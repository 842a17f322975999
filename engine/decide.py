"""Phase 6 — answer: `CompiledPolicy.allows()` decides a query from the bundle and says why.

Semantics (as in Cedar): deny unless a permit applies; a forbid beats every permit. An oblige
rule never decides: when a question in its scope is allowed, its obligations are added. A query on
a group is allowed only if it is allowed for every member. Every decision cites at least one
clause. Decisions are immutable values, memoised per (action, data, purpose, flags) so a
repeated question is one dictionary lookup. This module imports nothing outside the standard
library: a service that loads a bundle pays for no YAML or pydantic import.
"""

from __future__ import annotations

import itertools
import keyword
from collections.abc import Mapping as _Mapping  # both already loaded at interpreter start
from types import MappingProxyType

TYPE_CHECKING = False  # typing itself costs ~7 ms of cold start; mypy reads this name as True
if TYPE_CHECKING:
    import logging
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any, Literal

    Outcome = Literal["allow", "deny"]
    Reason = Literal["permitted", "forbidden", "condition_failed", "no_permission"]

AUDIT_LOGGER_NAME = "engine.decisions"


class InvalidQueryError(ValueError):
    """A query the engine cannot answer: bad argument types or values."""


class UnknownTermError(InvalidQueryError):
    """An action, data category, purpose or context flag the policy does not define."""

    def __init__(self, kind: str, term: object, known: Iterable[str]) -> None:
        import difflib  # only on the error path: keeps `import engine` light

        self.kind = kind
        self.term = term
        close = difflib.get_close_matches(str(term), sorted(known), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        super().__init__(f"unknown {kind} {term!r}{hint}")
        self.suggestions = tuple(close)


class QueryTypeError(InvalidQueryError, TypeError):
    """An argument of the wrong type (None, a number, a list, a non-bool flag)."""


class FrozenInstanceError(AttributeError):
    """Raised on any attempt to change a decision or one of its parts."""


class _Value:
    """An immutable value with __slots__: equality, hash and repr over `_fields`.

    Hand-written rather than `@dataclass(frozen=True)` because importing dataclasses (and the
    inspect module it pulls in) plus generating six classes costs ~25 ms of a service's cold
    start, a quarter of the budget."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()  # in __init__ order; all compared unless listed below
    _uncompared: tuple[str, ...] = ()

    def _compared(self) -> tuple[object, ...]:
        return tuple(getattr(self, f) for f in self._fields if f not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, *self._compared()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields
                          if f not in self._uncompared)
        return f"{self.__class__.__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}: {self.__class__.__name__} "
                                  "is immutable")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}: {self.__class__.__name__} "
                                  "is immutable")

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        return (self.__class__, tuple(getattr(self, f) for f in self._fields))


_set = object.__setattr__


class ClauseRef(_Value):
    """A clause, item or sub-item: its stable id path and its printed dotted number."""

    _fields = ("id", "number")
    __slots__ = _fields
    id: str  # "collection.collection-sensitive.sensitive-health"
    number: str  # "3.3.5"

    def __init__(self, id: str, number: str) -> None:
        _set(self, "id", id)
        _set(self, "number", number)

    @property
    def anchor(self) -> str:
        return self.id.rsplit(".", 1)[-1]

    def __str__(self) -> str:
        return self.number


class Obligation(_Value):
    """Something the caller must do when the action is allowed, and the clause that says so."""

    _fields = ("id", "clause")
    __slots__ = ("clause", "id")
    id: str
    clause: ClauseRef

    def __init__(self, id: str, clause: ClauseRef) -> None:
        _set(self, "id", id)
        _set(self, "clause", clause)


class Condition(_Value):
    """A context flag a permit needed, the value it needed, and the value the query gave."""

    _fields = ("flag", "required", "given", "clause")
    __slots__ = ("clause", "flag", "given", "required")
    flag: str
    required: bool
    given: bool
    clause: ClauseRef

    def __init__(self, flag: str, required: bool, given: bool, clause: ClauseRef) -> None:
        _set(self, "flag", flag)
        _set(self, "required", required)
        _set(self, "given", given)
        _set(self, "clause", clause)


class Query(_Value):
    """The question asked: terms as given and every flag of the policy, sorted, with its value."""

    _fields = ("action", "data", "purpose", "context")
    __slots__ = ("action", "context", "data", "purpose")
    action: str
    data: str
    purpose: str
    context: tuple[tuple[str, bool], ...]

    def __init__(self, action: str, data: str, purpose: str,
                 context: tuple[tuple[str, bool], ...]) -> None:
        _set(self, "action", action)
        _set(self, "data", data)
        _set(self, "purpose", purpose)
        _set(self, "context", context)

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "data": self.data, "purpose": self.purpose,
                "context": dict(self.context)}


class Decision(_Value):
    """The answer to one query: truthy only when allowed."""

    _fields = ("allowed", "reason", "query", "clauses", "obligations", "failed_conditions",
               "policy_version", "denied_members", "_policy")
    __slots__ = ("_policy", "allowed", "clauses", "denied_members", "failed_conditions",
                 "obligations", "policy_version", "query", "reason")
    _uncompared = ("_policy",)
    allowed: bool
    reason: Reason
    query: Query
    clauses: tuple[ClauseRef, ...]
    obligations: tuple[Obligation, ...]
    failed_conditions: tuple[Condition, ...]
    policy_version: str
    denied_members: tuple[tuple[str, str, str], ...]  # for group queries
    _policy: CompiledPolicy | None

    def __init__(self, allowed: bool, reason: Reason, query: Query,
                 clauses: tuple[ClauseRef, ...], obligations: tuple[Obligation, ...],
                 failed_conditions: tuple[Condition, ...], policy_version: str,
                 denied_members: tuple[tuple[str, str, str], ...] = (),
                 _policy: CompiledPolicy | None = None) -> None:
        _set(self, "allowed", allowed)
        _set(self, "reason", reason)
        _set(self, "query", query)
        _set(self, "clauses", clauses)
        _set(self, "obligations", obligations)
        _set(self, "failed_conditions", failed_conditions)
        _set(self, "policy_version", policy_version)
        _set(self, "denied_members", denied_members)
        _set(self, "_policy", _policy)

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def outcome(self) -> Outcome:
        return "allow" if self.allowed else "deny"

    def explain(self, lang: str = "en") -> str:
        """One or two sentences in `lang` naming the deciding clause(s)."""
        from .messages import render_explanation

        policy = self._policy
        if policy is None:  # pragma: no cover - decisions are always built by a policy
            raise RuntimeError("decision is detached from its policy")
        if lang not in policy.languages:
            raise UnknownTermError("language", lang, policy.languages)
        return render_explanation(self, lang, policy)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "allowed": self.allowed,
            "outcome": self.outcome,
            "reason": self.reason,
            "query": self.query.as_dict(),
            "clauses": [{"id": c.id, "number": c.number} for c in self.clauses],
            "obligations": [{"id": o.id, "clause": o.clause.number} for o in self.obligations],
            "failed_conditions": [
                {"flag": c.flag, "required": c.required, "given": c.given,
                 "clause": c.clause.number} for c in self.failed_conditions],
            "policy_version": self.policy_version,
        }
        if self.denied_members:
            out["denied_members"] = [list(m) for m in self.denied_members]
        if lang is not None:
            out["explanation"] = self.explain(lang)
        return out


class _Rule:
    """One expanded rule of the bundle (internal; never handed out)."""

    __slots__ = ("actions", "clause", "data", "duty", "forbid", "obligations", "purposes",
                 "when")

    def __init__(self, clause: ClauseRef, effect: str, actions: frozenset[str],
                 data: frozenset[str], purposes: frozenset[str],
                 when: tuple[tuple[str, bool], ...], obligations: tuple[str, ...]) -> None:
        self.clause = clause
        self.forbid = effect == "forbid"
        self.duty = effect == "oblige"  # adds obligations to an allow; never decides
        self.actions = actions
        self.data = data
        self.purposes = purposes
        self.when = when
        self.obligations = obligations

    def covers(self, action: str, data: str, purpose: str) -> bool:
        return action in self.actions and data in self.data and purpose in self.purposes


KINDS = ("actions", "data", "purposes")
_KIND_NAMES = {"actions": "action", "data": "data category", "purposes": "purpose"}


class CompiledPolicy:
    """A policy ready to answer. Build it with `engine.load()`; it is safe to share across threads."""

    def __init__(self, bundle: Mapping[str, Any]) -> None:
        # Read-only all the way down: what the policy hands out cannot change its answers.
        bundle = _freeze(bundle)
        self.bundle: Mapping[str, Any] = bundle
        self.version: str = bundle["version"]
        self.hash: str = bundle["hash"]
        self.languages: tuple[str, ...] = tuple(bundle["languages"])
        self.vocabulary: Mapping[str, Mapping[str, Any]] = bundle["vocabulary"]
        self._members: dict[str, dict[str, tuple[str, ...]]] = {}
        for kind in KINDS:
            self._members[kind] = {
                tid: tuple(t.get("members") or (tid,))
                for tid, t in self.vocabulary[kind].items()
            }
        self.flags: tuple[str, ...] = tuple(sorted(self.vocabulary["context"]))
        self._bits: dict[str, int] = {f: 1 << i for i, f in enumerate(self.flags)}
        self._refs: dict[str, ClauseRef] = {
            path: ClauseRef(path, c["number"]) for path, c in bundle["clauses"].items()
        }
        self._rules: tuple[_Rule, ...] = tuple(
            _Rule(
                clause=self._refs[r["clause"]],
                effect=r["effect"],
                actions=frozenset(r["actions"]),
                data=frozenset(r["data"]),
                purposes=frozenset(r["purposes"]),
                when=tuple(sorted(r["when"].items())),
                obligations=tuple(r["obligations"]),
            )
            for r in bundle["rules"]
        )
        # flag mask -> action -> data -> purpose -> Decision. Filled on first use of each
        # question; the domain is finite and only validated terms enter, so it is bounded.
        # Nested dicts rather than one dict keyed by a tuple: no tuple is built and hashed per
        # call, which halves the cost of a cached question.
        self._memo: dict[int, dict[str, dict[str, dict[str, Decision]]]] = {}
        self._audit = False
        self._logger: logging.Logger | None = None
        fast = _keyword_allows(self)
        if fast is not None:
            # The instance attribute shadows the generic method below; both give the same
            # answers and raise the same errors (tests/test_engine_properties.py checks it).
            vars(self)["allows"] = fast

    # -- the hot path ------------------------------------------------------------------------

    def allows(self, action: str, data: str, purpose: str, **context: bool) -> Decision:
        """May `action` be done to `data` for `purpose` in this context? Returns a Decision."""
        mask = 0
        if context:
            bits = self._bits
            for flag, value in context.items():
                bit = bits.get(flag)
                if bit is None or value.__class__ is not bool:
                    self._reject_context(context)
                if value:
                    mask |= bit  # type: ignore[operator]
        try:
            decision = self._memo[mask][action][data][purpose]
        except KeyError:
            decision = self._decide_new(action, data, purpose, mask)
        except TypeError:
            self._check_terms(action, data, purpose)
            raise  # pragma: no cover - _check_terms always raises for unhashable input
        if self._audit:
            self._log(decision)
        return decision

    def decide(self, action: str, data: str, purpose: str,
               context: Mapping[str, bool] | None = None) -> Decision:
        """`allows()` with the context as a mapping."""
        if context is None:
            return self.allows(action, data, purpose)
        if not isinstance(context, _Mapping):
            raise QueryTypeError(
                f"context must be a mapping of flag to bool, not {type(context).__name__}")
        if not all(isinstance(k, str) for k in context):
            raise QueryTypeError("context flags must be strings")
        for flag in sorted(context):
            if flag not in self._bits:  # before binding: {"data": True} is a flag, not an argument
                raise UnknownTermError("context flag", flag, self.flags)
        return self.allows(action, data, purpose, **context)

    # -- audit ---------------------------------------------------------------------------------

    def audit(self, enabled: bool = True) -> None:
        """Log every decision to the `engine.decisions` logger (one structured record each).

        Off by default; when off, a call pays one attribute test and nothing else."""
        if enabled and self._logger is None:
            import logging  # imported on first use: a service that never audits never pays

            self._logger = logging.getLogger(AUDIT_LOGGER_NAME)
        self._audit = bool(enabled)

    def _log(self, d: Decision) -> None:
        logger = self._logger
        if logger is not None and logger.isEnabledFor(20):  # logging.INFO
            q = d.query
            record = {
                "query": q.as_dict(),
                "outcome": d.outcome,
                "clauses": [c.id for c in d.clauses],
                "policy_version": d.policy_version,
            }
            logger.info("%s %s/%s/%s -> %s (clauses %s; policy %s)", "decision", q.action,
                        q.data, q.purpose, d.outcome, ", ".join(c.number for c in d.clauses),
                        d.policy_version, extra={"decision": record})

    # -- validation of arguments ---------------------------------------------------------------

    def _reject_context(self, context: Mapping[str, object]) -> None:
        """Raise for the context, deterministically whatever the keyword order: the first
        unknown flag (sorted) before the first flag (sorted) whose value is not a bool."""
        unknown = sorted(f for f in context if f not in self._bits)
        if unknown:
            raise UnknownTermError("context flag", unknown[0], self.flags)
        for flag in sorted(context):
            value = context[flag]
            if value.__class__ is not bool:
                raise QueryTypeError(f"context flag {flag!r} must be True or False, "
                                     f"not {value!r}")

    def _check_terms(self, action: object, data: object, purpose: object) -> None:
        for kind, term in zip(KINDS, (action, data, purpose), strict=True):
            name = _KIND_NAMES[kind]
            if not isinstance(term, str):
                raise QueryTypeError(f"{name} must be a string, not {type(term).__name__}")
            if not term:
                raise UnknownTermError(name, term, self._members[kind])
            if term not in self._members[kind]:
                raise UnknownTermError(name, term, self._members[kind])

    # -- evaluation ----------------------------------------------------------------------------

    def _context(self, mask: int) -> tuple[tuple[str, bool], ...]:
        return tuple((f, bool(mask & self._bits[f])) for f in self.flags)

    def _decide_new(self, action: str, data: str, purpose: str, mask: int) -> Decision:
        self._check_terms(action, data, purpose)
        members = [self._members[k][t] for k, t in zip(KINDS, (action, data, purpose),
                                                          strict=True)]
        query = Query(action, data, purpose, self._context(mask))
        if all(len(m) == 1 and m[0] == t for m, t in zip(members, (action, data, purpose),
                                                         strict=True)):
            decision = self._decide_leaf(query, mask)
        else:
            parts = [self._leaf(a, d, p, mask)
                     for a, d, p in itertools.product(*members)]
            decision = self._combine(query, parts)
        self._remember(action, data, purpose, mask, decision)
        return decision

    def _remember(self, action: str, data: str, purpose: str, mask: int,
                  decision: Decision) -> None:
        # setdefault is atomic, so racing threads share one inner dict and lose nothing.
        by_action = self._memo.setdefault(mask, {})
        by_data = by_action.setdefault(action, {})
        by_data.setdefault(data, {})[purpose] = decision

    def _leaf(self, action: str, data: str, purpose: str, mask: int) -> Decision:
        found = self._memo.get(mask, {}).get(action, {}).get(data, {}).get(purpose)
        if found is None:
            found = self._decide_leaf(Query(action, data, purpose, self._context(mask)), mask)
            self._remember(action, data, purpose, mask, found)
        return found

    def _holds(self, rule: _Rule, mask: int) -> bool:
        return all(bool(mask & self._bits[f]) == v for f, v in rule.when)

    def _decide_leaf(self, q: Query, mask: int) -> Decision:
        covering = [r for r in self._rules if r.covers(q.action, q.data, q.purpose)]
        forbids = [r for r in covering if r.forbid and self._holds(r, mask)]
        if forbids:
            return self._make(False, "forbidden", q, [r.clause for r in forbids])
        permits = [r for r in covering if not r.forbid and not r.duty and self._holds(r, mask)]
        if permits:
            duties = [r for r in covering if r.duty and self._holds(r, mask)]
            obligations = tuple(dict.fromkeys(
                Obligation(o, r.clause) for r in (*permits, *duties) for o in r.obligations))
            return self._make(True, "permitted", q, [r.clause for r in permits], obligations)
        blocked = [r for r in covering if not r.forbid and not r.duty]
        if blocked:
            failed = tuple(
                Condition(f, v, bool(mask & self._bits[f]), r.clause)
                for r in blocked for f, v in r.when if bool(mask & self._bits[f]) != v
            )
            return self._make(False, "condition_failed", q, [r.clause for r in blocked],
                              failed=failed)
        return self._make(False, "no_permission", q, self._nearest(q))

    def _nearest(self, q: Query) -> list[ClauseRef]:
        """For a deny no rule speaks to: the clauses that permit this action on this data for
        other purposes, else this action at all, else any rule about the data or purpose."""
        permits = [r for r in self._rules if not r.forbid and not r.duty]
        tiers: list[list[_Rule]] = [
            [r for r in permits if q.action in r.actions and q.data in r.data],
            [r for r in permits if q.action in r.actions],
            [r for r in self._rules if q.data in r.data or q.purpose in r.purposes],
            list(self._rules),
        ]
        for tier in tiers:
            if tier:
                return [r.clause for r in tier]
        return []

    def _make(self, allowed: bool, reason: Reason, q: Query, clauses: list[ClauseRef],
              obligations: tuple[Obligation, ...] = (),
              failed: tuple[Condition, ...] = (),
              denied: tuple[tuple[str, str, str], ...] = ()) -> Decision:
        return Decision(allowed, reason, q, tuple(dict.fromkeys(clauses)), obligations,
                        tuple(dict.fromkeys(failed)), self.version, denied, self)

    def _combine(self, q: Query, parts: list[Decision]) -> Decision:
        denied = [p for p in parts if not p.allowed]
        if not denied:
            return self._make(True, "permitted", q, [c for p in parts for c in p.clauses],
                              tuple(dict.fromkeys(o for p in parts for o in p.obligations)))
        worst = next((p for p in denied if p.reason == "forbidden"), denied[0])
        return self._make(
            False, worst.reason, q, [c for p in denied for c in p.clauses],
            failed=tuple(c for p in denied for c in p.failed_conditions),
            denied=tuple((p.query.action, p.query.data, p.query.purpose) for p in denied))

    # -- introspection -------------------------------------------------------------------------

    def terms(self, kind: str, *, groups: bool = True) -> tuple[str, ...]:
        """The ids of one vocabulary kind (actions, data, purposes, context, obligations)."""
        entries = self.vocabulary[kind]
        return tuple(t for t, e in entries.items() if groups or "members" not in e)

    def label(self, kind: str, term: str, lang: str) -> str:
        entry = self.vocabulary[kind][term]
        return str(entry["labels"].get(lang) or next(iter(entry["labels"].values())))

    def clause(self, id_path: str) -> Mapping[str, Any]:
        return self.bundle["clauses"][id_path]  # type: ignore[no-any-return]

    def bundle_dict(self) -> dict[str, Any]:
        """A plain, mutable, JSON-ready copy of the bundle this policy answers from."""
        return _thaw(self.bundle)  # type: ignore[no-any-return]


    def __repr__(self) -> str:
        return f"<CompiledPolicy version={self.version} {self.hash[:15]}>"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and deep-copied) as the bundle it answers from; the memo is rebuilt.
        return (CompiledPolicy, (self.bundle_dict(),))


def _thaw(value: Any) -> Any:
    if isinstance(value, _Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _freeze(value: Any) -> Any:
    """Mappings become read-only views and lists become tuples, recursively."""
    if isinstance(value, _Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


_RESERVED = frozenset({"action", "data", "purpose", "self"})


def _keyword_allows(policy: CompiledPolicy) -> Callable[..., Decision] | None:
    """`policy.allows` with the policy's flags as keyword-only parameters, or None if a flag
    cannot be a parameter name.

    Generated per policy (as dataclasses and namedtuple generate their methods) because
    binding keyword arguments to named parameters is about twice as fast as walking a
    `**context` dict: this is the whole cost of a cached question. Semantics are those of
    `CompiledPolicy.allows`: a flag is exactly True or False (else QueryTypeError), an
    unknown flag raises UnknownTermError, terms are validated on the first ask."""
    flags = policy.flags
    if not all(f.isidentifier() and not keyword.iskeyword(f) and not f.startswith("_")
               and f not in _RESERVED for f in flags):
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
              "    if _policy._audit:",
              "        _policy._log(_d)",
              "    return _d"]
    scope: dict[str, Any] = {
        "_memo": policy._memo, "_decide_new": policy._decide_new,
        "_check_terms": policy._check_terms, "_reject": policy._reject_context,
        "_policy": policy,
    }
    exec(compile("\n".join(lines) + "\n", f"<allows of policy {policy.version}>", "exec"), scope)
    fn: Callable[..., Decision] = scope["allows"]
    fn.__doc__ = CompiledPolicy.allows.__doc__
    fn.__qualname__ = "CompiledPolicy.allows"
    return fn
