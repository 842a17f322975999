"""Check declared uses against a policy: every use, for every data category it lists, is asked
of the engine with its `when` (flags it does not list are false, as in `policy.allows`).

Findings are diagnostics at the use's nodes (USES001 denied, USES002 obligations not
acknowledged, USES003 unknown terms) beside the reading diagnostics; the decisions themselves
come back too, as values, for the ledger and for callers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..citation import cite_many
from ..decide import CompiledPolicy, Decision
from ..findings import Diagnostic, did_you_mean, has_errors, make, sorted_unique
from .sources import Declarations, DeclaredUse

# The vocabulary kind of each field of a use, and how a message names it.
_FIELDS = (("action", "actions", "action"), ("purpose", "purposes", "purpose"))


@dataclass(frozen=True, slots=True)
class UseResult:
    """The engine's answer for one declared use and one data category (or group) it lists."""

    use: DeclaredUse
    data: str
    decision: Decision

    @property
    def allowed(self) -> bool:
        return self.decision.allowed

    @property
    def missing_obligations(self) -> tuple[str, ...]:
        """Obligations the decision carries that the declaration does not acknowledge."""
        declared = set(self.use.obligations)
        return tuple(dict.fromkeys(o.id for o in self.decision.obligations
                                   if o.id not in declared))


@dataclass(slots=True)
class UsesCheck:
    """The outcome of checking a folder of declarations against one policy."""

    declarations: Declarations
    results: list[UseResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def denied(self) -> list[UseResult]:
        return [r for r in self.results if not r.allowed]


def unknown_terms(policy: CompiledPolicy, use: DeclaredUse) -> list[Diagnostic]:
    """USES003 for every id of the use the policy does not define, at its node."""
    found: list[Diagnostic] = []

    def report(kind_name: str, term: str, known: Sequence[str], *path: str | int) -> None:
        line, col = use.pos(*path)
        found.append(make("USES003", f"{use.key}: the policy has no {kind_name} '{term}'",
                          use.file, line, col, unit=use.key,
                          hint=did_you_mean(term, known) or f"use one of the policy's "
                          f"{kind_name} ids (policy/ja.yaml, vocabulary)"))

    for attr, kind, name in _FIELDS:
        term = getattr(use, attr)
        if term not in policy.vocabulary[kind]:
            report(name, term, policy.terms(kind), attr)
    for i, term in enumerate(use.data):
        if term not in policy.vocabulary["data"]:
            report("data category", term, policy.terms("data"), "data", i)
    for flag, _value in use.when:
        if flag not in policy.vocabulary["context"]:
            report("context flag", flag, policy.flags, "key", "when", flag)
    obligations = policy.vocabulary.get("obligations", {})
    for i, term in enumerate(use.obligations):
        if term not in obligations:
            report("obligation", term, tuple(obligations), "obligations", i)
    return found


def _askable(policy: CompiledPolicy, use: DeclaredUse) -> bool:
    return (use.action in policy.vocabulary["actions"]
            and use.purpose in policy.vocabulary["purposes"]
            and all(f in policy.vocabulary["context"] for f, _v in use.when))


def _cited(decision: Decision) -> str:
    return cite_many([c.number for c in decision.clauses], "en") if decision.clauses else ""


def _denied(use: DeclaredUse, index: int, result: UseResult, policy: CompiledPolicy,
            said: dict[int, tuple[str, str]]) -> Diagnostic:
    """USES001 at the data category; `said` keeps each decision's explanation and hint (by the
    decision's identity: the engine hands out one object per question), so a denial that many
    uses share is explained once."""
    d = result.decision
    line, col = use.pos("data", index)
    words = said.get(id(d))
    if words is None:
        words = said[id(d)] = (d.explain("en"), _denial_hint(d))
    explanation, hint = words
    return make("USES001", f"{use.key} is denied for {result.data}: {explanation}",
                use.file, line, col, unit=use.key, hint=hint)


def _denial_hint(d: Decision) -> str:
    failed = d.failed_conditions
    if d.reason == "condition_failed" and failed:
        # Each clause that would allow the use names its own condition; any one of them will do.
        by_clause: dict[str, list[str]] = {}
        for c in failed:
            wanted = f"{c.flag}: {'true' if c.required else 'false'}"
            if wanted not in by_clause.setdefault(c.clause.number, []):
                by_clause[c.clause.number].append(wanted)
        options = " or ".join(f"{{{', '.join(w)}}} ({cite_many([n], 'en')})"
                              for n, w in by_clause.items())
        hint = (f"if the use only runs when {options}, declare that under `when:`; "
                f"otherwise change the use or ask the legal team about {_cited(d)}")
    elif d.reason == "forbidden":
        hint = (f"the policy forbids this ({_cited(d)}): stop the use or remove this data "
                "category from it")
    else:
        hint = ("no clause allows this: change the action, data or purpose, or ask the legal "
                "team whether the policy should allow it")
    return hint


def _unacknowledged(use: DeclaredUse, results: list[UseResult], policy: CompiledPolicy,
                    ) -> Diagnostic | None:
    missing: dict[str, list[str]] = {}
    for r in results:
        for o in r.decision.obligations:
            if o.id not in use.obligations:
                missing.setdefault(o.id, [])
                if o.clause.number not in missing[o.id]:
                    missing[o.id].append(o.clause.number)
    if not missing:
        return None
    listed = "; ".join(f"{o} — {policy.label('obligations', o, 'en')} ({cite_many(n, 'en')})"
                       for o, n in missing.items())
    line, col = use.pos("key", "obligations") if use.has("key", "obligations") else use.pos("id")
    return make("USES002", f"{use.key}: the policy allows this use only with obligations the "
                f"declaration does not list: {listed}", use.file, line, col, unit=use.key,
                hint="once the system fulfils them, add them under `obligations:` ("
                + ", ".join(missing) + ")")


def check_uses(policy: CompiledPolicy, declarations: Declarations) -> UsesCheck:
    """Ask the policy about every declared use; collect the decisions and the findings."""
    out = UsesCheck(declarations)
    found = list(declarations.diagnostics)
    # `engine.policy` stands in for the shipped policy and forwards each attribute through a
    # lock; a thousand uses ask for the vocabulary thousands of times, so use the real one.
    real = getattr(policy, "_real", None)
    if callable(real):
        policy = real()
    # The vocabulary's ids as sets: membership in a set is quicker than in the read-only
    # mappings the policy hands out, and a thousand uses ask several times each.
    vocabulary = policy.vocabulary
    actions, data_terms, purposes, flags = (
        frozenset(vocabulary[k]) for k in ("actions", "data", "purposes", "context"))
    duties = frozenset(vocabulary.get("obligations", {}))
    ask = policy.allows  # the terms and flags are known (checked above), the values are bools
    said: dict[int, tuple[str, str]] = {}
    results = out.results
    for use in declarations.uses:
        # Most uses name only terms the policy defines: then there is nothing to report and
        # every question can be asked (the same tests as unknown_terms and _askable, inlined).
        if not (use.action in actions and use.purpose in purposes
                and data_terms.issuperset(use.data) and duties.issuperset(use.obligations)
                and (not use.when or flags.issuperset(f for f, _v in use.when))):
            found.extend(unknown_terms(policy, use))
            if not _askable(policy, use):
                continue  # no question can be asked; its unknown terms are reported above
        context = use.context
        allowed: list[UseResult] = []
        for i, term in enumerate(use.data):
            if term not in data_terms:
                continue
            result = UseResult(use, term, ask(use.action, term, use.purpose, **context))
            results.append(result)
            if result.decision.allowed:
                allowed.append(result)
            else:
                found.append(_denied(use, i, result, policy, said))
        if allowed:
            missing = _unacknowledged(use, allowed, policy)
            if missing is not None:
                found.append(missing)
    out.diagnostics = sorted_unique(found)
    return out
