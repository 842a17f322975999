"""The decision table: the one definition of the decision rules, read from the compiled bundle.

Everything that answers a question reads this module: the engine's first ask
(`engine.decide`), the decision diff (`engine.diff.decisions`) and the exports. The rules:

* a question is a leaf (action, data, purpose) and a context (which flags are true);
* a rule covers a leaf when the leaf's three terms are in its scope, and holds in a context
  when every flag of its `when` has the value it names;
* deny unless a covering permit holds; a covering forbid that holds beats every permit;
* an `oblige` rule never decides: when the question is allowed, the obligations of the duties
  that cover and hold are added to those of the permits.

Rules are numbered in bundle order and sets of rules are Python ints (bit i = rule i), kept
per dimension: `cover(a, d, p)` is two ANDs however many rules there are, and `holds(mask)`
is one lookup. For the exhaustive uses (the diff, the table export) `context_sets` gives each
rule the set of contexts where it holds, as a bit set over the 2**n flag masks (256 bits for
8 flags): no Decision is ever built per context. Standard library only.
"""

from __future__ import annotations

import itertools

TYPE_CHECKING = False  # typing costs cold start on the service path; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from typing import Any

KINDS = ("actions", "data", "purposes")
Leaf = tuple[str, str, str]

# Above this many flags the per-mask cache of `holds` would grow too large to keep.
_HOLDS_CACHE_FLAGS = 12


class TableRule:
    """One expanded rule of the bundle, as the table reads it."""

    __slots__ = ("actions", "clause", "data", "effect", "index", "obligations", "purposes",
                 "when")

    def __init__(self, index: int, raw: Mapping[str, Any]) -> None:
        self.index = index
        self.clause: str = raw["clause"]
        self.effect: str = raw["effect"]  # permit | forbid | oblige
        self.actions: tuple[str, ...] = tuple(raw["actions"])
        self.data: tuple[str, ...] = tuple(raw["data"])
        self.purposes: tuple[str, ...] = tuple(raw["purposes"])
        self.when: tuple[tuple[str, bool], ...] = tuple(sorted(raw["when"].items()))
        self.obligations: tuple[str, ...] = tuple(raw["obligations"])


def indices(bits: int) -> Iterator[int]:
    """The rule numbers in a rule set, in bundle order."""
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


class Leaves:
    """Every covered leaf's answers over every context: per leaf, bit m is set when some
    covering rule of that effect holds in context m."""

    __slots__ = ("forbid", "oblige", "permit")

    def __init__(self) -> None:
        self.permit: dict[Leaf, int] = {}  # some covering permit holds
        self.forbid: dict[Leaf, int] = {}  # some covering forbid holds
        self.oblige: dict[Leaf, int] = {}  # some covering duty holds

    def allowed(self, leaf: Leaf) -> int:
        """The contexts where the leaf is allowed: a permit holds and no forbid does."""
        return self.permit.get(leaf, 0) & ~self.forbid.get(leaf, 0)


class DecisionTable:
    """The bundle's rules as rule sets per term and per flag value."""

    def __init__(self, bundle: Mapping[str, Any]) -> None:
        vocabulary = bundle["vocabulary"]
        self.flags: tuple[str, ...] = tuple(sorted(vocabulary["context"]))
        self.rules: tuple[TableRule, ...] = tuple(
            TableRule(i, r) for i, r in enumerate(bundle["rules"]))
        self.all = (1 << len(self.rules)) - 1
        self.permit = self.forbid = self.oblige = 0
        # term -> set of rules whose scope names it (leaf terms only, as compiled)
        self.by: dict[str, dict[str, int]] = {
            kind: {t: 0 for t, e in vocabulary[kind].items() if "members" not in e}
            for kind in KINDS}
        need_true = dict.fromkeys(self.flags, 0)
        need_false = dict.fromkeys(self.flags, 0)
        for rule in self.rules:
            bit = 1 << rule.index
            if rule.effect == "forbid":
                self.forbid |= bit
            elif rule.effect == "oblige":
                self.oblige |= bit
            else:
                self.permit |= bit
            for kind in KINDS:
                by = self.by[kind]
                for term in getattr(rule, kind):
                    by[term] = by.get(term, 0) | bit
            for flag, value in rule.when:
                if value:
                    need_true[flag] |= bit
                else:
                    need_false[flag] |= bit
        self._need = [(1 << i, need_true[f], need_false[f]) for i, f in enumerate(self.flags)]
        self._holds: dict[int, int] = {}
        self._cache_holds = len(self.flags) <= _HOLDS_CACHE_FLAGS
        self._by_action, self._by_data, self._by_purpose = (self.by[k] for k in KINDS)

    # -- one question ------------------------------------------------------------------------

    def cover(self, action: str, data: str, purpose: str) -> int:
        """The rules whose scope covers the leaf question (0 for a term no rule names)."""
        return (self._by_action.get(action, 0) & self._by_data.get(data, 0)
                & self._by_purpose.get(purpose, 0))

    def holds(self, mask: int) -> int:
        """The rules whose `when` holds in context `mask` (bit i of mask: flag i is true)."""
        found = self._holds.get(mask)
        if found is None:
            broken = 0
            for bit, true, false in self._need:
                broken |= false if mask & bit else true
            found = self.all & ~broken
            if self._cache_holds:
                self._holds[mask] = found
        return found

    def allows(self, action: str, data: str, purpose: str, mask: int) -> bool:
        """The outcome alone: some covering permit holds and no covering forbid does."""
        live = self.cover(action, data, purpose) & self.holds(mask)
        return bool(live & self.permit) and not live & self.forbid

    def mask(self, context: Mapping[str, bool]) -> int:
        """The context as a mask over this table's flags (unknown flags are ignored)."""
        return sum(1 << i for i, f in enumerate(self.flags) if context.get(f, False))

    # -- every context at once ---------------------------------------------------------------

    def context_sets(self, flags: Sequence[str] | None = None) -> list[int]:
        """Per rule, the contexts where its `when` holds: a bit set over the 2**n masks of
        `flags` (default: this table's flags; a flag of `flags` no rule names changes nothing)."""
        order = self.flags if flags is None else tuple(flags)
        full = (1 << (1 << len(order))) - 1
        pattern: dict[str, int] = {}
        for i, flag in enumerate(order):
            period = 1 << (i + 1)
            block = ((1 << (1 << i)) - 1) << (1 << i)  # masks with bit i set, in one period
            pattern[flag] = block * (full // ((1 << period) - 1))
        out = []
        for rule in self.rules:
            s = full
            for flag, value in rule.when:
                s &= pattern[flag] if value else full ^ pattern[flag]
            out.append(s)
        return out

    def leaves(self, flags: Sequence[str] | None = None) -> Leaves:
        """Every leaf some rule covers, with its answers over every context of `flags`.

        A rule with the same effect, contexts and scope as an earlier one adds nothing to these
        sets and is skipped, so repeated rules cost nothing here."""
        sets = self.context_sets(flags)
        out = Leaves()
        targets = {"permit": out.permit, "forbid": out.forbid, "oblige": out.oblige}
        seen: set[tuple[Any, ...]] = set()
        for rule in self.rules:
            holds = sets[rule.index]
            key = (rule.effect, holds, rule.actions, rule.data, rule.purposes)
            if key in seen:
                continue
            seen.add(key)
            target = targets[rule.effect]
            for leaf in itertools.product(rule.actions, rule.data, rule.purposes):
                target[leaf] = target.get(leaf, 0) | holds
        return out

    def deciding(self, action: str, data: str, purpose: str) -> Iterator[TableRule]:
        """The permits and forbids that cover a leaf, in bundle order."""
        for i in indices(self.cover(action, data, purpose) & ~self.oblige):
            yield self.rules[i]
