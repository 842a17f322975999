"""Phase 6 — answer: `CompiledPolicy.allows()` decides a query from the bundle and says why.

The rules are those of the decision table (`engine.table`, the one definition): deny unless a
permit applies, a forbid beats every permit, an oblige rule adds its obligations to an allowed
question and never decides. A query on a group is allowed only if it is allowed for every
member. Every decision cites at least one clause.

The first ask of a question reads the table's rule sets (a few integer ANDs, the same cost for
30 rules or 3,000) and returns a `Decision` whose outcome is set and whose parts (clauses,
obligations, failed conditions) are built when first read. Decisions are memoised per
(flags, action, data, purpose) in nested dicts, so a repeated question is one lookup per level;
the memo holds at most `memo_limit` decisions and starts afresh when full. This module imports
nothing outside the standard library: a service that loads a bundle pays for no YAML or
pydantic import.
"""

from __future__ import annotations

import itertools
from _weakref import ref as _ref  # built in: the weakref module costs ~9 ms of a cold start
from collections.abc import Mapping as _Mapping  # both already loaded at interpreter start
from types import MappingProxyType

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
    _new,
    _set,
)
from .fastpath import keyword_allows, set_audit
from .table import KINDS, DecisionTable, indices

TYPE_CHECKING = False  # typing itself costs ~7 ms of cold start; mypy reads this name as True
if TYPE_CHECKING:
    import logging
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any

    from .decision import Parts

__all__ = [
    "AUDIT_LOGGER_NAME", "MEMO_LIMIT", "ClauseRef", "CompiledPolicy", "Condition", "Decision",
    "FrozenInstanceError", "InvalidQueryError", "Obligation", "PolicyMismatchError", "Query",
    "QueryTypeError", "UnknownTermError", "live_policies", "live_policy",
]

AUDIT_LOGGER_NAME = "engine.decisions"
# At most this many decisions are memoised per policy (about 15 MB at the most); a service
# asks far fewer distinct questions, so in practice the memo never starts afresh.
MEMO_LIMIT = 65536
CONTEXTS_KEPT = 4096  # contexts (flag masks) whose tuple of flags is kept for the next Query
_KIND_NAMES = {"actions": "action", "data": "data category", "purposes": "purpose"}
# Every policy alive in this process, by content hash, held weakly (a policy no one holds is
# freed): where a pickled decision finds the policy that made it (`live_policy`).
_LIVE: dict[str, list[Callable[[], CompiledPolicy | None]]] = {}


def live_policy(policy_hash: str) -> CompiledPolicy | None:
    """A policy of this content hash that is alive in this process, if there is one."""
    for alive in _LIVE.get(policy_hash, ()):
        found = alive()
        if found is not None:
            return found
    return None


def live_policies() -> list[CompiledPolicy]:
    """Every policy alive in this process (one per content hash)."""
    found = (live_policy(h) for h in list(_LIVE))
    return [p for p in found if p is not None]


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
        self.table = DecisionTable(bundle)
        self.flags: tuple[str, ...] = self.table.flags
        self._bits: dict[str, int] = {f: 1 << i for i, f in enumerate(self.flags)}
        # flag mask -> every flag with its value, as a Query holds it: one tuple per mask (a
        # check of many questions meets few contexts); at most CONTEXTS_KEPT are kept.
        self._contexts: dict[int, tuple[tuple[str, bool], ...]] = {}
        self._refs: dict[str, ClauseRef] = {
            path: ClauseRef(path, c["number"]) for path, c in bundle["clauses"].items()
        }
        self._rule_refs: tuple[ClauseRef, ...] = tuple(
            self._refs[r.clause] for r in self.table.rules)
        # flag mask -> action -> data -> purpose -> Decision. Filled on first use of each
        # question. Nested dicts rather than one dict keyed by a tuple: no tuple is built and
        # hashed per call, which halves the cost of a cached question.
        self._memo: dict[int, dict[str, dict[str, dict[str, Decision]]]] = {}
        self._memo_size = 0
        self.memo_limit = MEMO_LIMIT
        # What every decision of this policy shares, one tuple per reason (see Decision).
        self._origins: dict[str, tuple[Any, ...]] = {
            reason: (self, self.version, self._parts, reason)
            for reason in ("permitted", "forbidden", "condition_failed", "no_permission")}
        self._decide_new: Callable[[str, str, str, int], Decision] = _first_ask(self)
        self._audit = False
        self._logger: logging.Logger | None = None
        fast = keyword_allows(self, CompiledPolicy.allows.__doc__)
        if fast is not None:
            # The instance attribute shadows the generic method below; both give the same
            # answers and raise the same errors (tests/test_engine_properties.py checks it).
            vars(self)["allows"] = fast
        known = _LIVE.setdefault(self.hash, [])
        known.append(_ref(self))  # atomic: policies built at once in two threads are both kept
        if len(known) > 8:  # the freed ones, now and then
            _LIVE[self.hash] = [r for r in known if r() is not None]

    # -- the hot path ------------------------------------------------------------------------

    def allows(self, /, action: str, data: str, purpose: str, **context: bool) -> Decision:
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

    def remade(self, action: str, data: str, purpose: str, flags: tuple[str, ...]) -> Decision:
        """A pickled decision of this policy made again (engine/bundle.py `remade_decision`):
        the answer `allows` gives with `flags` set, but not logged by the audit, which logged
        the decision once, when it was made; moving it to a worker or a cache is no new one."""
        if not all(flag in self._bits for flag in flags):
            self._reject_context(dict.fromkeys(flags, True))
        mask = self._mask_of(flags)
        try:
            return self._memo[mask][action][data][purpose]
        except KeyError:
            return self._decide_new(action, data, purpose, mask)

    def decide(self, action: str, data: str, purpose: str,
               context: Mapping[str, bool] | None = None) -> Decision:
        """`allows()` with the context as a mapping."""
        if context is None:
            return self.allows(action, data, purpose)
        if not isinstance(context, _Mapping):
            raise QueryTypeError(
                f"context must be a mapping of flag to bool, not {type(context).__name__}")
        for key in context:
            if not isinstance(key, str):
                raise QueryTypeError(
                    f"a context flag is named by a string, not {type(key).__name__} {key!r}; "
                    f"the flags are: {', '.join(self.flags)}")
        for flag in sorted(context):
            if flag not in self._bits:  # before binding: {"data": True} is a flag, not an argument
                raise UnknownTermError("context flag", flag, self.flags)
        return self.allows(action, data, purpose, **context)

    def explain(self, decision: Decision, lang: str, full: bool = False) -> str:
        """The sentences of `decision.explain(lang, full=full)` (the language is already
        checked)."""
        from .messages import SHOWN_MEMBERS, render_explanation  # only when one is read

        return render_explanation(decision, lang, self, None if full else SHOWN_MEMBERS)

    def rule_conditions(self, query: Query
                        ) -> tuple[tuple[ClauseRef, tuple[tuple[str, bool], ...]], ...]:
        """The `when` of each rule that decides a denied leaf question, with its clause, in
        rule order: each prohibition that holds when it is forbidden, else each permission
        that covers it and does not hold (each is one way the question would be allowed).
        The explanation states them ("forbidden when …", "allowed only when …")."""
        t, refs = self.table, self._rule_refs
        mask = self._mask_of(f for f, v in query.context if v)
        cover = t.cover(query.action, query.data, query.purpose)
        live = cover & t.holds(mask)
        picked = live & t.forbid or (0 if live & t.permit else cover & t.permit)
        return tuple(dict.fromkeys((refs[i], t.rules[i].when) for i in indices(picked)))

    def member_decisions(self, query: Query) -> tuple[Decision, ...]:
        """The decision of each leaf question of a (group) question, in the order of its
        members (action, then data, then purpose), in the query's context: what an explanation
        of a group reads to say which members are denied, and why. Built when asked, from the
        memo; `allows` never calls it."""
        mask = self._mask_of(f for f, v in query.context if v)
        members = [self._members[k][t] for k, t in zip(
            KINDS, (query.action, query.data, query.purpose), strict=True)]
        return tuple(self._leaf_decision(a, d, p, mask) for a, d, p in itertools.product(*members))

    def _mask_of(self, flags: Iterable[str]) -> int:
        """The flag mask (as the memo keys it) of the flags set, the policy's own among them."""
        bits = self._bits
        return sum(bits[f] for f in flags if f in bits)

    def memo_size(self) -> int:
        """How many decisions the memo holds now."""
        return sum(len(by_p) for by_a in self._memo.values() for by_d in by_a.values()
                   for by_p in by_d.values())

    # -- audit ---------------------------------------------------------------------------------

    def audit(self, enabled: bool = True) -> None:
        """Log every decision to the `engine.decisions` logger (one structured record each).

        Off by default; when off, a call pays one attribute test and nothing else."""
        if enabled and self._logger is None:
            import logging  # imported on first use: a service that never audits never pays

            self._logger = logging.getLogger(AUDIT_LOGGER_NAME)
        self._audit = bool(enabled)
        fast = vars(self).get("allows")
        if fast is not None:
            set_audit(fast, self._audit)

    def _log(self, d: Decision) -> None:
        logger = self._logger
        if logger is not None and logger.isEnabledFor(20):  # logging.INFO
            q = d.query
            record = {
                "query": q.as_dict(),
                "outcome": d.outcome,
                "clauses": [c.id for c in d.clauses],
                "policy_version": d.policy_version,
                # the version names a release; the hash names the exact rules that answered
                # (a pending version's rules may still change before it is released)
                "policy_hash": self.hash,
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
        # Called while the memo's KeyError (or an unhashable term's TypeError) is being
        # handled: `from None` keeps those internals out of the service's traceback and logs.
        for kind, term in zip(KINDS, (action, data, purpose), strict=True):
            name = _KIND_NAMES[kind]
            if not isinstance(term, str):
                raise QueryTypeError(
                    f"{name} must be a string, not {type(term).__name__}") from None
            if not term:
                raise UnknownTermError(name, term, self._members[kind]) from None
            if term not in self._members[kind]:
                raise UnknownTermError(name, term, self._members[kind],
                                       is_a=self._kind_of(term)) from None

    def _kind_of(self, term: str) -> str | None:
        """What `term` is in this policy (an action, data category, purpose or context
        flag), if anything: an answer to arguments given in the wrong order."""
        for kind in KINDS:
            if term in self._members[kind]:
                return _KIND_NAMES[kind]
        return "context flag" if term in self._bits else None

    # -- evaluation ----------------------------------------------------------------------------

    def _context(self, mask: int) -> tuple[tuple[str, bool], ...]:
        context = self._contexts.get(mask)
        if context is None:
            context = tuple((f, bool(mask & self._bits[f])) for f in self.flags)
            if len(self._contexts) < CONTEXTS_KEPT:
                self._contexts[mask] = context
        return context

    def _decide_group(self, action: str, data: str, purpose: str, mask: int) -> Decision:
        """A question on groups: the conjunction of its member questions."""
        self._check_terms(action, data, purpose)
        members = [self._members[k][t] for k, t in zip(KINDS, (action, data, purpose),
                                                          strict=True)]
        parts = [self._leaf_decision(a, d, p, mask) for a, d, p in itertools.product(*members)]
        decision = self._combine(action, data, purpose, mask, parts)
        self._remember(action, data, purpose, mask, decision)
        return decision

    def _remember(self, action: str, data: str, purpose: str, mask: int,
                  decision: Decision) -> None:
        if self._memo_size >= self.memo_limit:
            # Start afresh rather than grow: bounded memory whatever is asked. Other threads
            # holding the inner dicts only write to a detached dict.
            self._memo.clear()
            self._memo_size = 0
        self._memo_size += 1
        # setdefault is atomic, so racing threads share one inner dict and lose nothing;
        # `get` first spares building an empty dict on every call.
        memo = self._memo
        by_action = memo.get(mask)
        if by_action is None:
            by_action = memo.setdefault(mask, {})
        by_data = by_action.get(action)
        if by_data is None:
            by_data = by_action.setdefault(action, {})
        by_purpose = by_data.get(data)
        if by_purpose is None:
            by_purpose = by_data.setdefault(data, {})
        by_purpose[purpose] = decision

    def _leaf_decision(self, action: str, data: str, purpose: str, mask: int) -> Decision:
        found = self._memo.get(mask, {}).get(action, {}).get(data, {}).get(purpose)
        if found is None:
            found = self._decide_leaf(action, data, purpose, mask)
            self._remember(action, data, purpose, mask, found)
        return found

    def _decide_leaf(self, action: str, data: str, purpose: str, mask: int) -> Decision:
        """The outcome from the table's rule sets (`DecisionTable.cover` and `holds`, inlined:
        this is the first ask); the parts are built when first read."""
        t = self.table
        cover = (t._by_action.get(action, 0) & t._by_data.get(data, 0)
                 & t._by_purpose.get(purpose, 0))
        live = t._holds.get(mask)
        if live is None:
            live = t.holds(mask)
        live &= cover
        if live & t.forbid:
            reason = "forbidden"
        elif live & t.permit:
            reason = "permitted"
        elif cover & t.permit:
            reason = "condition_failed"
        else:
            reason = "no_permission"
        d = _new(Decision)
        _set(d, "allowed", reason == "permitted")
        _set(d, "_made", (self._origins[reason], action, data, purpose, mask))
        return d

    def _parts(self, action: str, data: str, purpose: str, mask: int) -> Parts:
        """Why a leaf question is decided so: its query, deciding clauses, obligations and
        failed conditions, read from the same rule sets as the outcome."""
        t, refs, rules = self.table, self._rule_refs, self.table.rules
        cover = t.cover(action, data, purpose)
        live = cover & t.holds(mask)
        query = Query(action, data, purpose, self._context(mask))
        obligations: tuple[Obligation, ...] = ()
        failed: tuple[Condition, ...] = ()
        if live & t.forbid:
            picked = live & t.forbid
        elif live & t.permit:
            picked = live & t.permit
            # one per (obligation, clause), keyed by strings: hashing the values is slower
            owed: dict[tuple[str, str], Obligation] = {}
            for part in (picked, live & t.oblige):
                for i in indices(part):
                    for o in rules[i].obligations:
                        if (o, refs[i].id) not in owed:
                            owed[o, refs[i].id] = Obligation(o, refs[i])
            obligations = tuple(owed.values())
        elif cover & t.permit:
            picked = cover & t.permit
            failed = tuple(dict.fromkeys(
                Condition(f, v, bool(mask & self._bits[f]), refs[i])
                for i in indices(picked) for f, v in rules[i].when
                if bool(mask & self._bits[f]) != v))
        else:
            picked = self._nearest(action, data, purpose)
        # one ClauseRef object per clause (self._refs), so identity dedupes them
        clauses = tuple({id(r): r for r in (refs[i] for i in indices(picked))}.values())
        return query, clauses, obligations, failed, ()

    def _nearest(self, action: str, data: str, purpose: str) -> int:
        """For a deny no rule speaks to: the rules that permit this action on this data for
        other purposes, else this action at all, else any rule about the data or purpose."""
        t = self.table
        by_a = t.by["actions"].get(action, 0)
        by_d = t.by["data"].get(data, 0)
        for tier in (by_a & by_d & t.permit, by_a & t.permit,
                     by_d | t.by["purposes"].get(purpose, 0), t.all):
            if tier:
                return tier
        return 0

    def _combine(self, action: str, data: str, purpose: str, mask: int,
                 parts: list[Decision]) -> Decision:
        denied = [p for p in parts if not p.allowed]
        if not denied:
            return Decision.on_demand(True, "permitted", self.version, self, self._group_parts,
                                      (action, data, purpose, mask, parts, denied))
        # The reason least in the service's power to change: a prohibition, else no permission
        # at all (no consent would help), else a permission whose condition failed. The first
        # denied member's reason made a group that mixes the last two say "condition_failed"
        # when its first member had a condition: a service could take consent for enough.
        worst = next((p for p in denied if p.reason == "forbidden"),
                     next((p for p in denied if p.reason == "no_permission"), denied[0]))
        return Decision.on_demand(False, worst.reason, self.version, self, self._group_parts,
                                  (action, data, purpose, mask, parts, denied))

    def _group_parts(self, action: str, data: str, purpose: str, mask: int,
                     parts: list[Decision], denied: list[Decision]) -> Parts:
        query = Query(action, data, purpose, self._context(mask))
        if not denied:
            return (query, tuple(dict.fromkeys(c for p in parts for c in p.clauses)),
                    tuple(dict.fromkeys(o for p in parts for o in p.obligations)), (), ())
        return (query, tuple(dict.fromkeys(c for p in denied for c in p.clauses)), (),
                tuple(dict.fromkeys(c for p in denied for c in p.failed_conditions)),
                tuple((p.query.action, p.query.data, p.query.purpose) for p in denied))

    # -- introspection -------------------------------------------------------------------------

    def terms(self, kind: str, *, groups: bool = True) -> tuple[str, ...]:
        """The ids of one vocabulary kind (actions, data, purposes, context, obligations)."""
        entries = self.vocabulary[kind]
        return tuple(t for t, e in entries.items() if groups or "members" not in e)

    def depends_on(self, action: str, data: str, purpose: str) -> tuple[str, ...]:
        """The context flags whose value can change the answer to this question (its outcome
        or its obligations), sorted: a service passes each of them, always. A flag that closes
        a door (`opted_out`) left out reads as "does not hold" and can allow what it forbids.
        A group question depends on every flag any of its members depends on. Terms are
        checked as `allows` checks them (UnknownTermError, QueryTypeError)."""
        self.allows(action, data, purpose)  # the same refusals for a wrong term or type
        kinds = ("actions", "data", "purposes")
        leaves = [self.vocabulary[kind][str(term)].get("members", [str(term)])
                  for term, kind in zip((action, data, purpose), kinds, strict=True)]
        flags: set[str] = set()
        for rule in self.bundle["rules"]:  # the rules whose scope holds a leaf question of it
            if all(any(t in rule[kind] for t in terms)
                   for terms, kind in zip(leaves, kinds, strict=True)):
                flags.update(rule["when"])
        return tuple(sorted(flags))

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


def _plain(term: object) -> Any:
    """A str subclass's text as a plain str; anything else as it is (checked later)."""
    return str.__str__(term) if isinstance(term, str) else term


def _first_ask(policy: CompiledPolicy) -> Callable[[str, str, str, int], Decision]:
    """The first ask of a question, as a closure over the policy's table and memo (no attribute
    is looked up per call). For a leaf question it is `_decide_leaf` and `_remember` written out
    in one function (the table's per-term rule sets double as the check that the terms are
    leaves); groups, unknown terms and bad arguments go to `_decide_group`."""
    t = policy.table
    by_action, by_data, by_purpose = t._by_action, t._by_data, t._by_purpose
    holds_cache, holds, forbid, permit = t._holds, t.holds, t.forbid, t.permit
    forbidden, permitted, condition_failed, no_permission = (
        policy._origins[r] for r in ("forbidden", "permitted", "condition_failed",
                                     "no_permission"))
    memo, group, remember = policy._memo, policy._decide_group, policy._remember
    new, set_allowed = _new, _SET_ALLOWED
    set_made = _SET_MADE

    def first_ask(action: str, data: str, purpose: str, mask: int) -> Decision:
        if action.__class__ is not str or data.__class__ is not str or (
                purpose.__class__ is not str):
            # a str subclass (a str Enum member) asks as its plain text: the decision, the memo
            # that every later caller shares and the audit record hold the vocabulary's words
            action, data, purpose = _plain(action), _plain(data), _plain(purpose)
        try:
            cover = by_action[action] & by_data[data] & by_purpose[purpose]
        except (KeyError, TypeError):  # a group, an unknown term or a bad argument
            return group(action, data, purpose, mask)
        live = holds_cache.get(mask)
        if live is None:
            live = holds(mask)
        live &= cover
        d = new(Decision)
        if live & forbid:
            set_allowed(d, False)
            set_made(d, (forbidden, action, data, purpose, mask))
        elif live & permit:
            set_allowed(d, True)
            set_made(d, (permitted, action, data, purpose, mask))
        elif cover & permit:
            set_allowed(d, False)
            set_made(d, (condition_failed, action, data, purpose, mask))
        else:
            set_allowed(d, False)
            set_made(d, (no_permission, action, data, purpose, mask))
        size = policy._memo_size
        if size >= policy.memo_limit:
            remember(action, data, purpose, mask, d)  # starts the memo afresh
            return d
        policy._memo_size = size + 1
        # setdefault is atomic, so racing threads share one inner dict and lose nothing;
        # `get` first spares building an empty dict on every call.
        by_a = memo.get(mask)
        if by_a is None:
            by_a = memo.setdefault(mask, {})
        by_d = by_a.get(action)
        if by_d is None:
            by_d = by_a.setdefault(action, {})
        by_p = by_d.get(data)
        if by_p is None:
            by_p = by_d.setdefault(data, {})
        by_p[purpose] = d
        return d

    return first_ask


# The slots' own setters: a decision's fields are stored without going through the
# `__setattr__` that keeps decisions immutable (a third of the cost of a first ask otherwise).
_SET_ALLOWED = vars(Decision)["allowed"].__set__
_SET_MADE = vars(Decision)["_made"].__set__


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
