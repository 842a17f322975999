"""Exports with a bug written in on purpose: the agreement checks must catch every one.

Each mutant is the export's own output with one plausible bug patched in, chosen from the
compiled policy (no flag, rule or term is named here):

* `needs_unnamed_true`, `needs_unnamed_false`: one rule also needs a flag that no rule of its
  question names (a condition taken from another rule);
* `missing_flag_true`: a flag a query leaves out reads as true, where the engine reads false;
* `unnamed_flags_false`: every rule needs each flag it does not name to be false (a condition
  left out read as "false");
* `rule_dropped`: one forbid is left out;
* Rego only, in its decision procedure: `conditions_ignored`, `forbids_ignored`,
  `obligations_dropped`.

Every mutant comes with `leaves`, the leaf questions of one rule where the engine itself sees
the bug: asked of the policy with its rules changed as the bug changes them (that rule needing
the flag, the forbid gone, every condition or obligation gone, every unnamed flag needed
false), the engine answers one of them differently. The rule is the one with the fewest leaf
questions that shows it (`smallest_first`), so the tests can run every mutant in seconds; a
mutant the check does not catch there is a hole in the check, never a change without effect.
(`missing_flag_true` changes no rule: it is shown on the leaves of the extra condition's rule,
where a query that leaves a flag out is asked too.)

Run every mutant against the whole agreement check of the shipped policy instead (every leaf
question of `leaf_questions`; regopy in worker processes, a few minutes on 2 cores):

    .venv/bin/python -m tests.export.mutants [rego] [cedar]

It prints each mutant's disagreements and exits 1 if a mutant was not caught. The tests
(tests/test_export_rego.py, tests/test_export_cedar.py) run every mutant on its `leaves`.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from engine import CompiledPolicy
from engine.export import rego
from engine.export.cedar import RULE_GROUP
from engine.export.files import cedar_files

from .runners import Question, leaf_contexts, leaf_questions, named_flags

Leaf = tuple[str, str, str]

REGO_MUTANTS = ("needs_unnamed_true", "needs_unnamed_false", "missing_flag_true",
                "unnamed_flags_false", "rule_dropped", "conditions_ignored", "forbids_ignored",
                "obligations_dropped")
CEDAR_MUTANTS = REGO_MUTANTS[:5]


@dataclasses.dataclass(frozen=True)
class Mutant:
    """An export with a bug in it: `files` as the export writes them, and `leaves`, the leaf
    questions of one rule, where the engine sees the bug change an answer (the part of the
    check the tests run)."""

    name: str
    bug: str
    files: dict[str, Any]
    leaves: frozenset[Leaf]

    def questions(self, pol: CompiledPolicy) -> list[Question]:
        """The questions of `leaf_questions` at the mutant's `leaves`."""
        return [q for q in leaf_questions(pol) if q[:3] in self.leaves]


def _named(names: Sequence[str], mutants: list[Mutant]) -> dict[str, Mutant]:
    """The mutants by name, which must be `names` (the tests' parameters) in that order."""
    if [m.name for m in mutants] != list(names):
        raise LookupError(f"mutants {[m.name for m in mutants]}, expected {list(names)}")
    return {m.name: m for m in mutants}


def rule_leaves(rule: Mapping[str, Any]) -> list[Leaf]:
    return list(itertools.product(rule["actions"], rule["data"], rule["purposes"]))


def smallest_first(pol: CompiledPolicy) -> list[tuple[int, Mapping[str, Any]]]:
    """The rules with their positions, those with the fewest leaf questions first (then in
    bundle order): a mutant is shown on as few questions as will show it."""
    rules = list(enumerate(pol.bundle["rules"]))
    return sorted(rules, key=lambda ir: (len(rule_leaves(ir[1])), ir[0]))


class Engine:
    """The engine's answers to a leaf question, from the policy or from one with its rules
    changed, in the contexts `leaf_contexts` picks from the flags the policy's rules name
    there (no random ones): whole decisions, or outcomes only (`outcome_only`)."""

    def __init__(self, pol: CompiledPolicy, outcome_only: bool) -> None:
        self.pol = pol
        self.named = named_flags(pol)
        self.outcome_only = outcome_only
        self.rnd = random.Random(0)  # never drawn from: no random contexts

    def answers(self, pol: CompiledPolicy, leaf: Leaf) -> list[Any]:
        contexts = leaf_contexts(self.pol.flags, self.named.get(leaf, ()), self.rnd, 0)
        a, d, p = leaf
        decisions = [pol.allows(a, d, p, **ctx) for ctx in contexts]
        return [bool(dec) if self.outcome_only else dec.to_json() for dec in decisions]

    def first_rule_changed(self, change: Callable[[dict[str, Any]], None],
                           effects: Sequence[str]) -> frozenset[Leaf]:
        """The leaves of the first rule (`smallest_first`) of one of `effects` where the policy
        with its rules changed by `change` answers differently."""
        changed = self.pol.bundle_dict()
        change(changed)
        other = CompiledPolicy(changed)
        for _, rule in smallest_first(self.pol):
            if rule["effect"] in effects:
                leaves = rule_leaves(rule)
                if any(self.answers(self.pol, lf) != self.answers(other, lf) for lf in leaves):
                    return frozenset(leaves)
        raise LookupError("no rule where the engine sees the change")

    def extra_condition(self) -> tuple[int, str, frozenset[Leaf]]:
        """The first forbid or permit (`smallest_first`) and flag such that the flag, named by
        no rule of one of its leaf questions, would change the engine's answer there if the
        rule needed it: (the rule's position, the flag, its leaves where no rule names it)."""
        for i, rule in smallest_first(self.pol):
            if rule["effect"] == "oblige":
                continue
            for flag in self.pol.flags:
                leaves = [lf for lf in rule_leaves(rule) if flag not in self.named[lf]]
                changed = self.pol.bundle_dict()
                changed["rules"][i]["when"][flag] = True
                other = CompiledPolicy(changed)
                if any(self.answers(self.pol, lf) != self.answers(other, lf) for lf in leaves):
                    return i, flag, frozenset(leaves)
        raise LookupError("no rule whose extra condition the engine can see")

    def dropped_forbid(self) -> tuple[int, frozenset[Leaf]]:
        """The first forbid (`smallest_first`) whose absence changes the engine's answer to
        one of its leaf questions: (its position, its leaves)."""
        for i, rule in smallest_first(self.pol):
            if rule["effect"] != "forbid":
                continue
            changed = self.pol.bundle_dict()
            del changed["rules"][i]
            other = CompiledPolicy(changed)
            leaves = rule_leaves(rule)
            if any(self.answers(self.pol, lf) != self.answers(other, lf) for lf in leaves):
                return i, frozenset(leaves)
        raise LookupError("no forbid whose absence the engine can see")


def unnamed_flags_false(flags: Sequence[str]) -> Callable[[dict[str, Any]], None]:
    """Every rule of a bundle needing each flag it does not name false."""
    def change(bundle: dict[str, Any]) -> None:
        for rule in bundle["rules"]:
            rule["when"] = {f: rule["when"].get(f, False) for f in flags}
    return change


# -- Rego -------------------------------------------------------------------------------------

def _rego_data_mutant(pol: CompiledPolicy, name: str, bug: str,
                      patch: Callable[[dict[str, Any]], None], leaves: frozenset[Leaf],
                      ) -> Mutant:
    files = rego.opa_files(pol.bundle)
    data = json.loads(files[rego.DATA_PATH])
    patch(data)
    files[rego.DATA_PATH] = json.dumps(data).encode()
    return Mutant(name, bug, files, leaves)


def _rego_module_mutant(pol: CompiledPolicy, name: str, bug: str, old: str, new: str,
                        leaves: frozenset[Leaf]) -> Mutant:
    files = rego.opa_files(pol.bundle)
    module = files[rego.MODULE_PATH].decode()
    if module.count(old) != 1:
        raise LookupError(f"{name}: the module no longer holds {old!r} once")
    files[rego.MODULE_PATH] = module.replace(old, new).encode()
    return Mutant(name, bug, files, leaves)


def _each_rule(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def patch(bundle: dict[str, Any]) -> None:
        for rule in bundle["rules"]:
            change(rule)
    return patch


def rego_mutants(pol: CompiledPolicy) -> dict[str, Mutant]:
    """The Rego export's mutants. Its decision carries reason, clauses and obligations, so the
    engine's whole decision tells whether a change is seen."""
    engine = Engine(pol, outcome_only=False)
    i, flag, unnamed = engine.extra_condition()
    dropped, dropped_leaves = engine.dropped_forbid()
    deciding = ("permit", "forbid")
    every = ("permit", "forbid", "oblige")

    def needs(value: bool) -> Callable[[dict[str, Any]], None]:
        def patch(data: dict[str, Any]) -> None:
            data["rules"][i]["when"] = sorted([*data["rules"][i]["when"], [flag, value]])
        return patch

    def unnamed_false(data: dict[str, Any]) -> None:
        for rule in data["rules"]:
            when = dict(rule["when"])
            rule["when"] = [[f, when.get(f, False)] for f in pol.flags]

    def drop(data: dict[str, Any]) -> None:
        for by_data in data["index"]["covering"].values():
            for by_purpose in by_data.values():
                for positions in by_purpose.values():
                    if dropped in positions:
                        positions.remove(dropped)

    def no_forbids(bundle: dict[str, Any]) -> None:
        bundle["rules"] = [r for r in bundle["rules"] if r["effect"] != "forbid"]

    return _named(REGO_MUTANTS, [
        _rego_data_mutant(pol, "needs_unnamed_true", f"rule {i} also needs {flag} true",
                          needs(True), unnamed),
        _rego_data_mutant(pol, "needs_unnamed_false", f"rule {i} also needs {flag} false",
                          needs(False), unnamed),
        _rego_module_mutant(pol, "missing_flag_true", "a flag left out reads as true",
                            "{flag: false | some flag in", "{flag: true | some flag in",
                            unnamed),
        _rego_data_mutant(pol, "unnamed_flags_false",
                          "every rule needs each flag it does not name false", unnamed_false,
                          engine.first_rule_changed(unnamed_flags_false(pol.flags), deciding)),
        _rego_data_mutant(pol, "rule_dropped", f"forbid {dropped} left out of the index",
                          drop, dropped_leaves),
        _rego_module_mutant(pol, "conditions_ignored", "no rule's condition is read",
                            "flags[w[0]] != w[1]]) == 0]", "flags[w[0]] == null]) == 0]",
                            engine.first_rule_changed(
                                _each_rule(lambda r: r.update(when={})), every)),
        _rego_module_mutant(pol, "forbids_ignored", "a forbid that holds never denies",
                            '["forbidden", count(forbids)],', '["forbidden", 0],',
                            engine.first_rule_changed(no_forbids, ("forbid",))),
        _rego_module_mutant(pol, "obligations_dropped", "an allowed answer has no obligations",
                            "some o in _rules[i].obligations", "some o in []",
                            engine.first_rule_changed(
                                _each_rule(lambda r: r.update(obligations=[])), every)),
    ])


# -- Cedar ------------------------------------------------------------------------------------

def _cedar_mutant(pol: CompiledPolicy, name: str, bug: str, patch: Callable[[str], str],
                  leaves: frozenset[Leaf]) -> Mutant:
    files = cedar_files(pol.bundle)
    text = files["policies.cedar"]
    files["policies.cedar"] = patch(text)
    if files["policies.cedar"] == text:
        raise LookupError(f"{name}: the patch changed nothing")
    return Mutant(name, bug, files, leaves)


def _with_condition(text: str, i: int, extra: str) -> str:
    """`text` with `extra` added to the `when` of rule i's Cedar policy."""
    start = text.index(f'@id("{RULE_GROUP.format(i)}")\n')
    end = text.index(" };", start)
    return f"{text[:end]} && {extra}{text[end:]}"


def cedar_mutants(pol: CompiledPolicy) -> dict[str, Mutant]:
    """The Cedar export's mutants. Cedar answers allow or deny, so the engine's outcome alone
    tells whether a change is seen."""
    engine = Engine(pol, outcome_only=True)
    i, flag, unnamed = engine.extra_condition()
    dropped, dropped_leaves = engine.dropped_forbid()
    needed = f"(context has {flag} && context.{flag})"

    def missing_true(text: str) -> str:
        # a flag needed false written "has it and it is false", one needed true "lacks it or
        # it is true": both read a flag the request leaves out as true
        text = re.sub(r"!\(context has (\w+) && context\.\1\)",
                      r"(context has \1 && !context.\1)", text)
        return re.sub(r"(?<!!)\(context has (\w+) && context\.\1\)",
                      r"(!(context has \1) || context.\1)", text)

    def unnamed_false(text: str) -> str:
        for r, rule in enumerate(pol.bundle["rules"]):
            extra = [f"!(context has {f} && context.{f})" for f in pol.flags
                     if f not in rule["when"]]
            if rule["effect"] != "oblige" and extra:
                text = _with_condition(text, r, " && ".join(extra))
        return text

    def drop(text: str) -> str:
        start = text.index(f'@id("{RULE_GROUP.format(dropped)}")\n')
        end = text.index(" };", start) + len(" };")
        return text[:start] + text[end:]

    return _named(CEDAR_MUTANTS, [
        _cedar_mutant(pol, "needs_unnamed_true", f"rule {i} also needs {flag} true",
                      lambda text: _with_condition(text, i, needed), unnamed),
        _cedar_mutant(pol, "needs_unnamed_false", f"rule {i} also needs {flag} false",
                      lambda text: _with_condition(text, i, f"!{needed}"), unnamed),
        _cedar_mutant(pol, "missing_flag_true", "a flag left out reads as true", missing_true,
                      unnamed),
        _cedar_mutant(pol, "unnamed_flags_false",
                      "every rule needs each flag it does not name false", unnamed_false,
                      engine.first_rule_changed(unnamed_flags_false(pol.flags),
                                                ("permit", "forbid"))),
        _cedar_mutant(pol, "rule_dropped", f"forbid {dropped} left out", drop, dropped_leaves),
    ])


# -- the whole check, from the command line ---------------------------------------------------

def main(argv: Sequence[str]) -> int:
    from engine import load

    from ..conftest import POLICY
    from .runners import Cedar, cedar_disagreements, rego_agreement

    pol = load(POLICY)
    survivors = 0
    kinds = [k for k in ("rego", "cedar") if not argv or k in argv]
    for kind in kinds:
        mutants = rego_mutants(pol) if kind == "rego" else cedar_mutants(pol)
        for mutant in mutants.values():
            qs = leaf_questions(pol)
            if kind == "rego":
                found = rego_agreement(pol.bundle, qs, files=mutant.files)
                seen, wrong = found.seen, found.wrong
            else:
                seen, bad = cedar_disagreements(pol, Cedar(pol.bundle, mutant.files), iter(qs))
                wrong = len(bad)
            survivors += wrong == 0
            print(f"{kind} {mutant.name} ({mutant.bug}): {wrong} of {seen} questions disagree"
                  f"{'' if wrong else '  NOT CAUGHT'}", flush=True)
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
