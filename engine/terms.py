"""The vocabulary for people: `policy terms` lists ids with their labels, and `policy ask`
lists the valid values when a misspelt term is close to none of them.

Standard library only: it reads a compiled policy (engine/decide.py), as `policy ask` does.
"""

from __future__ import annotations

from collections.abc import Iterable

from .decide import CompiledPolicy
from .names import closest

KIND_ORDER = ("actions", "data", "purposes", "context", "obligations")
KIND_WORDS = {"actions": "actions", "data": "data categories", "purposes": "purposes",
              "context": "context flags (ask --flag NAME)", "obligations": "obligations"}
# What the engine calls a kind in its errors -> the vocabulary kind.
ERROR_KINDS = {"action": "actions", "data category": "data", "purpose": "purposes",
               "context flag": "context"}
# Close enough to be a typo; anything further is not suggested, the valid values are listed.
CUTOFF = 0.75


def kinds_matching(word: str | None) -> tuple[str, ...]:
    """The kinds named by `word` ("purposes", "purpose", "flags"), all when None."""
    if word is None:
        return KIND_ORDER
    w = word.lower().rstrip("s")
    aliases = {"action": "actions", "data": "data", "datum": "data", "purpose": "purposes",
               "context": "context", "flag": "context", "obligation": "obligations"}
    return (aliases[w],) if w in aliases else ()


def term_rows(policy: CompiledPolicy, kind: str, lang: str) -> list[tuple[str, str]]:
    """(id, label in `lang`, with its members when it is a group) for one kind."""
    rows: list[tuple[str, str]] = []
    for tid, entry in policy.vocabulary[kind].items():
        label = policy.label(kind, tid, lang)
        members = entry.get("members")
        if members:
            label += "  (group: " + ", ".join(members) + ")"
        rows.append((tid, label))
    return rows


def format_terms(policy: CompiledPolicy, kinds: Iterable[str], lang: str) -> str:
    lines: list[str] = []
    for kind in kinds:
        rows = term_rows(policy, kind, lang)
        lines.append(f"{KIND_WORDS[kind]} ({len(rows)}):")
        width = max((len(t) for t, _ in rows), default=0)
        lines.extend(f"  {tid:<{width}}  {label}" for tid, label in rows)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def close_terms(term: str, known: Iterable[str]) -> list[str]:
    return closest(term, known, cutoff=CUTOFF)


def unknown_term_message(policy: CompiledPolicy, error_kind: str, term: str, lang: str) -> str:
    """"unknown purpose 'x'; did you mean 'y'?" or, when nothing is close, the valid values."""
    kind = ERROR_KINDS.get(error_kind)
    if kind is None:
        return f"unknown {error_kind} {term!r}"
    close = close_terms(term, policy.vocabulary[kind])
    if close:
        return (f"unknown {error_kind} {term!r}; did you mean "
                + " or ".join(repr(c) for c in close) + "?")
    rows = term_rows(policy, kind, lang)
    width = max((len(t) for t, _ in rows), default=0)
    listing = "\n".join(f"  {tid:<{width}}  {label}" for tid, label in rows)
    return (f"unknown {error_kind} {term!r}, and no {error_kind} is spelt like it. "
            f"The {KIND_WORDS[kind].split(' (')[0]} are:\n{listing}")
