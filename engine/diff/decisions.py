"""The decision diff: every question either policy can be asked, answered by both, compared.

The domain is action × data × purpose × every combination of context flags, over the union of
both vocabularies. Terms known to only one policy are denied in the other. A context flag
known to only one policy does not change the other's answers (that policy ignores it).

For speed the answers come from each policy's decision table (`engine.table`, the one
definition of the rules, which `CompiledPolicy.allows` reads too): per leaf question, a bit set
over the flag combinations where some permit holds and no forbid does (tests/test_agreement.py
checks the table, the engine and the Cedar export agree on every question). Group questions (`personal`, `sensitive`, …) are answered as the conjunction of
their members, as `allows` does; they are reported only when a group's membership changed,
since otherwise their change is already the change of their members.

Changed questions are grouped into statements: flag combinations are minimised into a short
condition ("when consent, not opted_out"), then data and purposes with the same change,
condition and deciding clauses are gathered into one statement.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from ..decide import CompiledPolicy
from ..values import record

KINDS = ("actions", "data", "purposes")
Change = Literal["allowed", "denied"]
Reason = Literal["permitted", "forbidden", "condition_failed", "no_permission"]
Cube = tuple[tuple[str, bool], ...]  # a conjunction of flag values; () means "always"


@record
class Question:
    """One question whose answer changed, with the flags set to True in it."""

    change: Change
    action: str
    data: str
    purpose: str
    flags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"change": self.change, "action": self.action, "data": self.data,
                "purpose": self.purpose, "flags": list(self.flags)}


@record
class Statement:
    """A readable group of changed questions: one action, some data, some purposes, a condition.

    `clauses` are the clauses that decide now (the permit that allows, the forbid or unmet
    condition that denies); `was` are those that decided before. Each is (id path, number).
    """

    change: Change
    action: str
    data: tuple[str, ...]
    purposes: tuple[str, ...]
    when: tuple[Cube, ...]  # disjunction of conjunctions; ((),) means in any context
    clauses: tuple[tuple[str, str], ...]
    was: tuple[tuple[str, str], ...]
    questions: int
    group: bool = False  # a group query whose membership changed
    reason: Reason = "permitted"  # why it is decided so now (as in engine.decide)

    def condition_text(self) -> str:
        return condition_text(self.when)

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "action": self.action,
            "data": list(self.data),
            "purposes": list(self.purposes),
            "when": [dict(c) for c in self.when],
            "condition": self.condition_text(),
            "clauses": [{"id": i, "number": n} for i, n in self.clauses],
            "was": [{"id": i, "number": n} for i, n in self.was],
            "questions": self.questions,
            "group": self.group,
            "reason": self.reason,
        }


@record
class DecisionDiff:
    questions_compared: int
    flags: tuple[str, ...]
    newly_allowed: tuple[Question, ...]
    newly_denied: tuple[Question, ...]
    statements: tuple[Statement, ...]

    @property
    def classification(self) -> str:
        if self.newly_allowed and self.newly_denied:
            return "both"
        if self.newly_allowed:
            return "expands"
        if self.newly_denied:
            return "narrows"
        return "none"

    def to_json(self) -> dict[str, Any]:
        return {
            "classification": self.classification,
            "questions_compared": self.questions_compared,
            "flags": list(self.flags),
            "newly_allowed": len(self.newly_allowed),
            "newly_denied": len(self.newly_denied),
            "statements": [s.to_json() for s in self.statements],
        }


# ----------------------------------------------------------------------------- the table


@record
class _Rule:
    clause: str
    forbid: bool
    holds: int  # bit set over flag combinations (masks over the union flags)


class Table:
    """One policy's answers over the union domain: key (a, d, p) -> bit set of allowed masks.

    Read from the policy's decision table (`engine.table`), the one definition of the rules."""

    def __init__(self, policy: CompiledPolicy, flags: Sequence[str]) -> None:
        self.policy = policy
        self.flags = tuple(flags)
        self.full = (1 << (1 << len(self.flags))) - 1
        table = policy.table
        sets = table.context_sets(self.flags)
        # by rule number (bundle order); duties (oblige) never decide, so never cited here
        self.rules: list[_Rule] = [_Rule(r.clause, r.effect == "forbid", sets[r.index])
                                   for r in table.rules]
        leaves = table.leaves(self.flags)
        self.allowed: dict[tuple[str, str, str], int] = {}
        for key, bits in leaves.permit.items():
            bits &= ~leaves.forbid.get(key, 0)
            if bits:
                self.allowed[key] = bits
        self.members: dict[str, dict[str, tuple[str, ...]]] = {
            kind: {t: tuple(e.get("members") or (t,)) for t, e in policy.vocabulary[kind].items()}
            for kind in KINDS
        }

    def answer(self, a: str, d: str, p: str) -> int:
        """Bit set of flag combinations where the question (terms may be groups) is allowed."""
        ma, md, mp = (self.members[k].get(t) for k, t in zip(KINDS, (a, d, p), strict=True))
        if ma is None or md is None or mp is None:
            return 0
        bits = self.full
        for key in itertools.product(ma, md, mp):
            bits &= self.allowed.get(key, 0)
            if not bits:
                return 0
        return bits

    def deciding(self, key: tuple[str, str, str], masks: int, *, allowed: bool,
                 ) -> tuple[Reason, tuple[tuple[str, str], ...]]:
        """Why `key` is decided so on the combinations `masks` here, and by which clauses."""
        rules = [self.rules[r.index] for r in self.policy.table.deciding(*key)]
        reason: Reason
        if allowed:
            reason = "permitted"
            picked = [r for r in rules if not r.forbid and r.holds & masks]
        else:
            reason = "forbidden"
            picked = [r for r in rules if r.forbid and r.holds & masks]
            if not picked:  # no forbid: the permits whose condition failed
                reason = "condition_failed"
                picked = [r for r in rules if not r.forbid]
            if not picked:
                reason = "no_permission"
        refs = dict.fromkeys(r.clause for r in picked)
        return reason, tuple((c, str(self.policy.clause(c)["number"])) for c in refs)


def union_flags(base: CompiledPolicy, head: CompiledPolicy) -> tuple[str, ...]:
    return tuple(sorted(set(base.vocabulary["context"]) | set(head.vocabulary["context"])))


def _leaves(policy: CompiledPolicy, kind: str) -> set[str]:
    return {t for t, e in policy.vocabulary[kind].items() if "members" not in e}


def _groups(policy: CompiledPolicy, kind: str) -> dict[str, tuple[str, ...]]:
    return {t: tuple(e["members"]) for t, e in policy.vocabulary[kind].items() if "members" in e}


def diff_decisions(base: CompiledPolicy, head: CompiledPolicy) -> DecisionDiff:
    """Compare both policies' answers over the whole finite domain."""
    flags = union_flags(base, head)
    tb, th = Table(base, flags), Table(head, flags)
    nmasks = 1 << len(flags)
    leaves = {k: sorted(_leaves(base, k) | _leaves(head, k)) for k in KINDS}
    groups_b = {k: _groups(base, k) for k in KINDS}
    groups_h = {k: _groups(head, k) for k in KINDS}
    terms = {k: sorted(set(leaves[k]) | set(groups_b[k]) | set(groups_h[k])) for k in KINDS}
    compared = nmasks
    for k in KINDS:
        compared *= len(terms[k])

    changed: dict[tuple[str, str, str], tuple[int, int]] = {}  # key -> (allowed, denied) masks
    for key in set(tb.allowed) | set(th.allowed):
        xb, xh = tb.allowed.get(key, 0), th.allowed.get(key, 0)
        if xb != xh:
            changed[key] = (xh & ~xb, xb & ~xh)

    # Groups whose membership differs (or that exist on one side only) are questions of their
    # own; every other group's answer follows from its members' answers above.
    moved = {k: {g for g in terms[k] if groups_b[k].get(g) != groups_h[k].get(g)
                 and (g in groups_b[k] or g in groups_h[k])} for k in KINDS}
    group_changes: dict[tuple[str, str, str], tuple[int, int]] = {}
    if any(moved.values()):
        # Other terms stay leaves: a group whose membership did not change adds nothing.
        axes = [sorted(set(leaves[k]) | moved[k]) for k in KINDS]
        for a, d, p in itertools.product(*axes):
            if not (a in moved["actions"] or d in moved["data"] or p in moved["purposes"]):
                continue
            xb, xh = tb.answer(a, d, p), th.answer(a, d, p)
            if xb != xh:
                group_changes[a, d, p] = (xh & ~xb, xb & ~xh)

    questions: dict[Change, list[Question]] = {"allowed": [], "denied": []}
    for source in (changed, group_changes):
        for (a, d, p), (up, down) in source.items():
            pairs: tuple[tuple[Change, int], ...] = (("allowed", up), ("denied", down))
            for change, bits in pairs:
                for m in range(nmasks):
                    if bits >> m & 1:
                        on = tuple(f for i, f in enumerate(flags) if m >> i & 1)
                        questions[change].append(Question(change, a, d, p, on))
    statements = _statements(changed, tb, th, flags, group=False)
    statements += _statements(group_changes, tb, th, flags, group=True)
    statements.sort(key=_statement_key)
    return DecisionDiff(
        questions_compared=compared,
        flags=flags,
        newly_allowed=tuple(sorted(questions["allowed"], key=_question_key)),
        newly_denied=tuple(sorted(questions["denied"], key=_question_key)),
        statements=tuple(statements),
    )


def _question_key(q: Question) -> tuple[str, str, str, tuple[str, ...]]:
    return (q.action, q.data, q.purpose, q.flags)


def _statement_key(s: Statement) -> tuple[Any, ...]:
    return (0 if s.change == "allowed" else 1, s.group, s.action,
            [n for _i, n in s.clauses], s.data, s.purposes, s.when)


# ------------------------------------------------------------------------ grouping


def _statements(changes: Mapping[tuple[str, str, str], tuple[int, int]], tb: Table, th: Table,
                flags: Sequence[str], *, group: bool) -> list[Statement]:
    buckets: dict[tuple[Change, str, tuple[Cube, ...], Any, Any, Reason],
                  dict[str, set[str]]] = {}
    for (a, d, p), (up, down) in sorted(changes.items()):
        pairs: tuple[tuple[Change, int], ...] = (("allowed", up), ("denied", down))
        for change, bits in pairs:
            if not bits:
                continue
            now_allowed = change == "allowed"
            # Flag combinations can be decided now by different clauses (or for different
            # reasons): split them so that each statement has one answer to "why now";
            # "before" lists every clause that decided any of them.
            parts: dict[tuple[Reason, tuple[tuple[str, str], ...]], int] = {}
            for m in range(1 << len(flags)):
                if bits >> m & 1:
                    why = th.deciding((a, d, p), 1 << m, allowed=now_allowed)
                    parts[why] = parts.get(why, 0) | 1 << m
            for (reason, clauses), part in parts.items():
                _before, was = tb.deciding((a, d, p), part, allowed=not now_allowed)
                bucket = (change, a, minimise(part, flags), clauses, was, reason)
                buckets.setdefault(bucket, {}).setdefault(d, set()).add(p)
    out: list[Statement] = []
    for bucket, by_data in buckets.items():
        change, a, cubes, clauses, was, reason = bucket
        # Data with the same purposes share a statement.
        by_purposes: dict[frozenset[str], list[str]] = {}
        for d, purposes in by_data.items():
            by_purposes.setdefault(frozenset(purposes), []).append(d)
        per_pair = bin(_cube_bits(cubes, flags)).count("1")
        for pset, ds in by_purposes.items():
            out.append(Statement(change, a, tuple(sorted(ds)), tuple(sorted(pset)), cubes,
                                 clauses, was, len(ds) * len(pset) * per_pair, group, reason))
    return out


def _cube_bits(cubes: Iterable[Cube], flags: Sequence[str]) -> int:
    bits = 0
    index = {f: i for i, f in enumerate(flags)}
    for m in range(1 << len(flags)):
        for cube in cubes:
            if all(bool(m >> index[f] & 1) == v for f, v in cube):
                bits |= 1 << m
                break
    return bits


def minimise(bits: int, flags: Sequence[str]) -> tuple[Cube, ...]:
    """A short disjunction of flag conditions covering exactly the masks in `bits`
    (Quine–McCluskey prime implicants, then a deterministic greedy cover).

    Implicants merge with their partner across one cared-for bit, found by lookup rather than
    by comparing every pair, and covers are bit sets; the same condition recurs across
    questions, so results are cached: 8 flags (256 masks) stay fast."""
    return _minimise(bits, tuple(flags))


@functools.lru_cache(maxsize=4096)
def _minimise(bits: int, flags: tuple[str, ...]) -> tuple[Cube, ...]:
    n = len(flags)
    if bits == (1 << (1 << n)) - 1:
        return ((),)  # every context
    minterms = [m for m in range(1 << n) if bits >> m & 1]
    if not minterms:
        return ()
    # An implicant is (value, care): bits in `care` must equal `value`; value has no bit
    # outside care.
    full_care = (1 << n) - 1
    current = {(m, full_care) for m in minterms}
    primes: set[tuple[int, int]] = set()
    while current:
        merged: set[tuple[int, int]] = set()
        used: set[tuple[int, int]] = set()
        for v, c in current:
            for i in range(n):
                bit = 1 << i
                if c & bit and not v & bit and (v | bit, c) in current:
                    merged.add((v, c & ~bit))
                    used.add((v, c))
                    used.add((v | bit, c))
        primes |= current - used
        current = merged

    def covers(imp: tuple[int, int]) -> int:
        v, c = imp
        return sum(1 << k for k, m in enumerate(minterms) if m & c == v)

    cover = {imp: covers(imp) for imp in primes}
    uncovered = (1 << len(minterms)) - 1
    chosen: list[tuple[int, int]] = []
    ranked = sorted(primes, key=lambda imp: (-cover[imp].bit_count(),
                                             bin(imp[1]).count("1"), imp))
    while uncovered:
        best = max(ranked, key=lambda imp: (cover[imp] & uncovered).bit_count())
        chosen.append(best)
        uncovered &= ~cover[best]
    cubes = [tuple((flags[i], bool(v >> i & 1)) for i in range(n) if c >> i & 1)
             for v, c in chosen]
    return tuple(sorted(cubes, key=lambda cube: (len(cube), cube)))


def condition_text(cubes: Sequence[Cube]) -> str:
    """`in any context`, or `when consent and not opted_out; or when consent_impractical`: in
    each way, the flags that must hold, then each that must not, every one joined by "and" (a
    comma list read "when consent, not erasure_requested, opted_out" as if "not" took both)."""
    if not cubes:
        return "never"
    if any(len(c) == 0 for c in cubes):
        return "in any context"
    parts = [" and ".join([f for f, v in cube if v] + [f"not {f}" for f, v in cube if not v])
             for cube in cubes]
    return "when " + "; or when ".join(parts)


# A condition in a reader's words (`policy report`, the redline page of `policy diff --format
# html`) is built as a decision's explanation builds it: engine.messages.condition_words.
