"""Phase 6 — answer: `CompiledPolicy.allows()` decides a query from the bundle and says why.

Semantics (as in Cedar): deny unless a permit applies; a forbid beats every permit. A query on
a group is allowed only if it is allowed for every member. Every decision cites at least one
clause. Decisions are immutable values, memoised per (action, data, purpose, flags) so a
repeated question is one dictionary lookup. This module imports nothing outside the standard
library: a service that loads a bundle pays for no YAML or pydantic import.
"""

from __future__ import annotations

import difflib
import itertools
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .messages import render_explanation

AUDIT_LOGGER = logging.getLogger("engine.decisions")

Outcome = Literal["allow", "deny"]
Reason = Literal["permitted", "forbidden", "condition_failed", "no_permission"]


class InvalidQueryError(ValueError):
    """A query the engine cannot answer: bad argument types or values."""


class UnknownTermError(InvalidQueryError):
    """An action, data category, purpose or context flag the policy does not define."""

    def __init__(self, kind: str, term: object, known: Iterable[str]) -> None:
        self.kind = kind
        self.term = term
        close = difflib.get_close_matches(str(term), sorted(known), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        super().__init__(f"unknown {kind} {term!r}{hint}")
        self.suggestions = tuple(close)


class QueryTypeError(InvalidQueryError, TypeError):
    """An argument of the wrong type (None, a number, a list, a non-bool flag)."""


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """A clause, item or sub-item: its stable id path and its printed dotted number."""

    id: str  # "collection.collection-sensitive.sensitive-health"
    number: str  # "3.3.5"

    @property
    def anchor(self) -> str:
        return self.id.rsplit(".", 1)[-1]

    def __str__(self) -> str:
        return self.number


@dataclass(frozen=True, slots=True)
class Obligation:
    """Something the caller must do when the action is allowed, and the clause that says so."""

    id: str
    clause: ClauseRef


@dataclass(frozen=True, slots=True)
class Condition:
    """A context flag a permit needed, the value it needed, and the value the query gave."""

    flag: str
    required: bool
    given: bool
    clause: ClauseRef


@dataclass(frozen=True, slots=True)
class Query:
    action: str
    data: str
    purpose: str
    context: tuple[tuple[str, bool], ...]  # every flag of the policy, sorted, with its value

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "data": self.data, "purpose": self.purpose,
                "context": dict(self.context)}


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer to one query: truthy only when allowed."""

    allowed: bool
    reason: Reason
    query: Query
    clauses: tuple[ClauseRef, ...]
    obligations: tuple[Obligation, ...]
    failed_conditions: tuple[Condition, ...]
    policy_version: str
    denied_members: tuple[tuple[str, str, str], ...] = ()  # for group queries
    _policy: CompiledPolicy | None = field(default=None, compare=False, repr=False, hash=False)

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def outcome(self) -> Outcome:
        return "allow" if self.allowed else "deny"

    def explain(self, lang: str = "en") -> str:
        """One or two sentences in `lang` naming the deciding clause(s)."""
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


@dataclass(frozen=True, slots=True)
class _Rule:
    clause: ClauseRef
    forbid: bool
    actions: frozenset[str]
    data: frozenset[str]
    purposes: frozenset[str]
    when: tuple[tuple[str, bool], ...]
    obligations: tuple[str, ...]

    def covers(self, action: str, data: str, purpose: str) -> bool:
        return action in self.actions and data in self.data and purpose in self.purposes


KINDS = ("actions", "data", "purposes")
_KIND_NAMES = {"actions": "action", "data": "data category", "purposes": "purpose"}


class CompiledPolicy:
    """A policy ready to answer. Build it with `engine.load()`; it is safe to share across threads."""

    def __init__(self, bundle: Mapping[str, Any]) -> None:
        self.bundle = bundle
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
                forbid=r["effect"] == "forbid",
                actions=frozenset(r["actions"]),
                data=frozenset(r["data"]),
                purposes=frozenset(r["purposes"]),
                when=tuple(sorted(r["when"].items())),
                obligations=tuple(r["obligations"]),
            )
            for r in bundle["rules"]
        )
        # (action, data, purpose, flag mask) -> Decision. Filled on first use of each question;
        # the domain is finite and only validated terms enter, so it is bounded.
        self._cache: dict[tuple[str, str, str, int], Decision] = {}
        self._audit = False

    # -- the hot path ------------------------------------------------------------------------

    def allows(self, action: str, data: str, purpose: str, **context: bool) -> Decision:
        """May `action` be done to `data` for `purpose` in this context? Returns a Decision."""
        mask = 0
        if context:
            bits = self._bits
            for flag, value in context.items():
                bit = bits.get(flag)
                if bit is None or value.__class__ is not bool:
                    self._reject_context(flag, value)
                if value:
                    mask |= bit  # type: ignore[operator]
        try:
            decision = self._cache[action, data, purpose, mask]
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
        return self.allows(action, data, purpose, **dict(context or {}))

    # -- audit ---------------------------------------------------------------------------------

    def audit(self, enabled: bool = True) -> None:
        """Log every decision to the `engine.decisions` logger (one structured record each)."""
        self._audit = bool(enabled)

    def _log(self, d: Decision) -> None:
        if AUDIT_LOGGER.isEnabledFor(logging.INFO):
            record = {
                "query": d.query.as_dict(),
                "outcome": d.outcome,
                "clauses": [c.id for c in d.clauses],
                "policy_version": d.policy_version,
            }
            AUDIT_LOGGER.info("decision %s", d.outcome, extra={"decision": record})

    # -- validation of arguments ---------------------------------------------------------------

    def _reject_context(self, flag: str, value: object) -> None:
        if flag not in self._bits:
            raise UnknownTermError("context flag", flag, self.flags)
        raise QueryTypeError(f"context flag {flag!r} must be True or False, not {value!r}")

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
        self._cache[action, data, purpose, mask] = decision
        return decision

    def _leaf(self, action: str, data: str, purpose: str, mask: int) -> Decision:
        key = (action, data, purpose, mask)
        found = self._cache.get(key)
        if found is None:
            found = self._decide_leaf(Query(action, data, purpose, self._context(mask)), mask)
            self._cache[key] = found
        return found

    def _holds(self, rule: _Rule, mask: int) -> bool:
        return all(bool(mask & self._bits[f]) == v for f, v in rule.when)

    def _decide_leaf(self, q: Query, mask: int) -> Decision:
        covering = [r for r in self._rules if r.covers(q.action, q.data, q.purpose)]
        forbids = [r for r in covering if r.forbid and self._holds(r, mask)]
        if forbids:
            return self._make(False, "forbidden", q, [r.clause for r in forbids])
        permits = [r for r in covering if not r.forbid and self._holds(r, mask)]
        if permits:
            obligations = tuple(dict.fromkeys(
                Obligation(o, r.clause) for r in permits for o in r.obligations))
            return self._make(True, "permitted", q, [r.clause for r in permits], obligations)
        blocked = [r for r in covering if not r.forbid]
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
        permits = [r for r in self._rules if not r.forbid]
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

    def __repr__(self) -> str:
        return f"<CompiledPolicy version={self.version} {self.hash[:15]}>"
