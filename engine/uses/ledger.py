"""The personal-information ledger (個人情報管理台帳, JIS Q 15001): for each data category, the
systems that handle it, for which purposes and actions, under which clauses, with which
obligations and owners. Built from the declared uses and the policy's own answers; rendered by
render/ledger.py (HTML, CSV, JSON).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..decide import CompiledPolicy, Decision
from .affected import ask
from .sources import Declarations, DeclaredUse, System


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One declared use of one data category (a group a use lists is expanded to its members)."""

    category: str
    system: System
    use: DeclaredUse
    listed_as: str  # the term the declaration wrote: the category itself or a group holding it
    decision: Decision


@dataclass(frozen=True, slots=True)
class Ledger:
    """Rows per data category in the policy's vocabulary order; categories no use touches."""

    policy: CompiledPolicy
    categories: tuple[tuple[str, tuple[LedgerRow, ...]], ...]
    unused: tuple[str, ...]

    @property
    def rows(self) -> tuple[LedgerRow, ...]:
        return tuple(r for _c, rows in self.categories for r in rows)


def build_ledger(policy: CompiledPolicy, declarations: Declarations) -> Ledger:
    """The ledger of every declared use the policy can answer (unknown terms are left to
    `policy uses check`, which reports them)."""
    data = policy.vocabulary["data"]
    leaves = policy.terms("data", groups=False)
    by_category: dict[str, list[LedgerRow]] = {c: [] for c in leaves}
    for system in declarations.systems:
        for use in system.uses:
            for term in use.data:
                entry = data.get(term)
                if entry is None:
                    continue
                for member in tuple(entry.get("members") or (term,)):
                    decision = ask(policy, use, member)
                    if decision is not None:
                        by_category[member].append(LedgerRow(member, system, use, term, decision))
    categories = []
    for c in leaves:
        rows = sorted(dict.fromkeys(by_category[c]), key=lambda r: (r.system.id, r.use.id))
        if rows:
            categories.append((c, tuple(rows)))
    unused = tuple(c for c in leaves if not by_category[c])
    return Ledger(policy, tuple(categories), unused)
