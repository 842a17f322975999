"""Which declared uses a policy change affects: each use, for each data category it lists, is
asked of both policies with its `when`; a use whose answer changed is newly denied or newly
allowed, and an allowed use that gained obligations is newly obliged.

`affected_uses(diff, uses)` is what `policy diff` and `policy report` call. `breaking_uses`
gives the `diff --check` findings: a newly denied use whose declaration did not change in the
same change. A term or flag one policy does not know is treated as that policy's diff does:
an unknown term is denied there, an unknown flag is ignored there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from ..citation import cite_many
from ..decide import CompiledPolicy, Decision
from ..findings import Diagnostic, make
from ..saying import english_of, in_every_language
from .sources import Declarations, DeclaredUse, System

if TYPE_CHECKING:
    from ..diff.result import PolicyDiff

Change = Literal["denied", "allowed", "obliged"]
_ORDER = {"denied": 0, "allowed": 1, "obliged": 2}

# Sentences for reviewers (policy report), per language; labels come from the policy.
FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "denied": "Newly denied: {system} ({key}): {action} of {data} for {purpose} ({clauses}).",
        "allowed": "Newly allowed: {system} ({key}): {action} of {data} for {purpose} "
                   "({clauses}).",
        "obliged": "New obligations: {system} ({key}): {action} of {data} for {purpose} now "
                   "requires {obligations} ({clauses}).",
        "quote": "“{}”", "join": ", ", "removed": "no longer in the policy",
    },
    "ru": {
        "denied": "Теперь запрещено: {system} ({key}): действие {action} с данными {data} для "
                  "цели {purpose} ({clauses}).",
        "allowed": "Теперь разрешено: {system} ({key}): действие {action} с данными {data} "
                   "для цели {purpose} ({clauses}).",
        "obliged": "Новые обязанности: {system} ({key}): действие {action} с данными {data} "
                   "для цели {purpose} теперь требует: {obligations} ({clauses}).",
        "quote": "«{}»", "join": ", ", "removed": "больше нет в политике",
    },
    "ja": {
        "denied": "新たに禁止：{system}（{key}）：{purpose}の目的での{data}の{action}"
                  "（{clauses}）。",
        "allowed": "新たに許可：{system}（{key}）：{purpose}の目的での{data}の{action}"
                   "（{clauses}）。",
        "obliged": "新たな遵守事項：{system}（{key}）：{purpose}の目的での{data}の{action}には、"
                   "{obligations}が必要になりました（{clauses}）。",
        "quote": "「{}」", "join": "、", "removed": "本ポリシーから削除",
    },
}


@dataclass(frozen=True, slots=True)
class AffectedUse:
    """One declared use, for one data category it lists, whose answer a change altered."""

    change: Change
    system: System
    use: DeclaredUse
    data: str
    before: Decision | None  # None: the policy did not know one of the use's terms
    after: Decision | None
    obligations: tuple[str, ...] = ()  # newly attached, for change == "obliged"

    @property
    def clauses(self) -> tuple[str, ...]:
        """Dotted numbers of the clauses that decide now (or attach the new obligations)."""
        if self.change == "obliged" and self.after is not None:
            return tuple(dict.fromkeys(o.clause.number for o in self.after.obligations
                                       if o.id in self.obligations))
        return tuple(c.number for c in self.after.clauses) if self.after is not None else ()

    def text(self) -> str:
        """For CI logs, in ids: `newly denied: lesson-mailer/weekly-digest (contact for
        newsletter), clause 10`."""
        head = {"denied": "newly denied", "allowed": "newly allowed",
                "obliged": "newly obliged"}[self.change]
        what = f"{self.use.action} {self.data} for {self.use.purpose}"
        if self.change == "obliged":
            what += f": {', '.join(self.obligations)}"
        where = cite_many(self.clauses, "en") if self.clauses else "term no longer in the policy"
        return f"{head}: {self.use.key} ({what}), {where}"

    def sentence(self, lang: str, policy: CompiledPolicy) -> str:
        """For reviewers, with the system's name and the policy's labels in `lang`
        (`policy` is the newer policy, whose labels are shown; a term it no longer has is
        shown by its id)."""
        f = FRAMES.get(lang, FRAMES["en"])

        def label(kind: str, term: str) -> str:
            entry = policy.vocabulary[kind].get(term)
            return f["quote"].format(policy.label(kind, term, lang) if entry else term)

        return f[self.change].format(
            system=self.system.name(lang)[0], key=self.use.key,
            action=label("actions", self.use.action), data=label("data", self.data),
            purpose=label("purposes", self.use.purpose),
            obligations=f["join"].join(label("obligations", o) for o in self.obligations),
            clauses=cite_many(self.clauses, lang) if self.clauses else f["removed"])

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change, "system": self.use.system, "use": self.use.id,
            "action": self.use.action, "data": self.data, "purpose": self.use.purpose,
            "when": dict(self.use.when), "clauses": list(self.clauses),
            "obligations": list(self.obligations), "file": self.use.file,
            "line": self.use.line, "text": self.text(),
        }


def ask(policy: CompiledPolicy, use: DeclaredUse, data: str) -> Decision | None:
    """The policy's answer for one use and data term, or None if it does not know a term."""
    v = policy.vocabulary
    if use.action not in v["actions"] or data not in v["data"] or use.purpose not in v["purposes"]:
        return None
    context = {f: value for f, value in use.when if f in v["context"]}
    return policy.decide(use.action, data, use.purpose, context)


def affected_between(base: CompiledPolicy, head: CompiledPolicy,
                     systems: Iterable[System]) -> list[AffectedUse]:
    """The declared uses whose answer differs between two policies."""
    out: list[AffectedUse] = []
    for system in systems:
        for use in system.uses:
            for data in dict.fromkeys(use.data):
                before, after = ask(base, use, data), ask(head, use, data)
                was, now = bool(before), bool(after)
                if was and not now:
                    out.append(AffectedUse("denied", system, use, data, before, after))
                elif now and not was:
                    out.append(AffectedUse("allowed", system, use, data, before, after))
                elif now and was and before is not None and after is not None:
                    old = {o.id for o in before.obligations}
                    new = tuple(dict.fromkeys(o.id for o in after.obligations
                                              if o.id not in old))
                    if new:
                        out.append(AffectedUse("obliged", system, use, data, before, after, new))
    out.sort(key=lambda a: (_ORDER[a.change], a.use.key, a.data))
    return out


def affected_uses(diff: PolicyDiff, uses: Declarations | Iterable[System]) -> list[AffectedUse]:
    """The declared uses a policy diff affects, newly denied first, then newly allowed, then
    newly obliged; each names the clauses that decide now."""
    systems = uses.systems if isinstance(uses, Declarations) else tuple(uses)
    return affected_between(diff.base.policy, diff.head.policy, systems)


def _where(clauses: Sequence[str], lang: str) -> str:
    """The clauses that deny a use now, as `lang` cites them (none: a term was removed)."""
    if clauses:
        return cite_many(list(clauses), lang)
    return {"ja": "ポリシーから削除された用語", "ru": "термин, удалённый из политики"}.get(
        lang, "a term removed from the policy")


def breaking_uses(affected: Sequence[AffectedUse],
                  base_uses: Declarations | None) -> list[Diagnostic]:
    """USES006 for each newly denied use whose declaration is the same before the change
    (or when the declarations before the change are unknown)."""
    found: list[Diagnostic] = []
    earlier = {u.key: u for u in base_uses.uses} if base_uses is not None else None
    for a in affected:
        if a.change != "denied":
            continue
        before = earlier.get(a.use.key) if earlier is not None else a.use
        if before is None or before.source != a.use.source:
            continue  # the declaration changed (or is new) in the same change
        index = a.use.data.index(a.data)
        line, col = a.use.pos("data", index)
        where = in_every_language(partial(_where, a.clauses))
        found.append(make(
            "USES006", f"{a.use.key}: this policy change denies {a.use.action} of {a.data} for "
            f"{a.use.purpose} ({english_of(where)}), and the declaration was not changed with it",
            a.use.file, line, col, unit=a.use.key,
            hint="change or retire the use in the same commit, or pass --allow-breaking-uses "
                 "if the break is intended",
            params={"use": a.use.key, "action": a.use.action, "data": a.data,
                    "purpose": a.use.purpose, "where": where}))
    return found
