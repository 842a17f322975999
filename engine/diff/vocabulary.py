"""The vocabulary diff: terms added, removed, relabelled (per language) and groups re-membered."""

from __future__ import annotations

from typing import Any

from ..decide import CompiledPolicy
from ..values import record

VOCABULARY_KINDS = ("actions", "data", "purposes", "context", "obligations")


@record
class TermChange:
    """One vocabulary change. `kind` is actions/data/…; `change` says what happened."""

    kind: str
    term: str
    change: str  # added | removed | relabelled | members
    lang: str | None = None  # for relabelled
    old: str | tuple[str, ...] | None = None
    new: str | tuple[str, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "term": self.term, "change": self.change}
        if self.lang is not None:
            out["lang"] = self.lang
        for name in ("old", "new"):
            value = getattr(self, name)
            if value is not None:
                out[name] = list(value) if isinstance(value, tuple) else value
        return out

    def text(self) -> str:
        if self.change == "added":
            return f"{self.kind} term added: {self.term}"
        if self.change == "removed":
            return f"{self.kind} term removed: {self.term}"
        if self.change == "members":
            old = ", ".join(self.old or ())
            new = ", ".join(self.new or ())
            return f"{self.kind} group {self.term} members changed: [{old}] -> [{new}]"
        return f"{self.kind} term {self.term} relabelled ({self.lang}): {self.old!r} -> {self.new!r}"


def diff_vocabulary(base: CompiledPolicy, head: CompiledPolicy) -> tuple[TermChange, ...]:
    out: list[TermChange] = []
    for kind in VOCABULARY_KINDS:
        vb: dict[str, Any] = dict(base.vocabulary.get(kind, {}))
        vh: dict[str, Any] = dict(head.vocabulary.get(kind, {}))
        for term in sorted(set(vb) | set(vh)):
            if term not in vb:
                out.append(TermChange(kind, term, "added"))
                continue
            if term not in vh:
                out.append(TermChange(kind, term, "removed"))
                continue
            mb = tuple(vb[term].get("members") or ())
            mh = tuple(vh[term].get("members") or ())
            if mb != mh:
                out.append(TermChange(kind, term, "members", old=mb, new=mh))
            lb: dict[str, str] = vb[term].get("labels", {})
            lh: dict[str, str] = vh[term].get("labels", {})
            for lang in sorted(set(lb) & set(lh)):
                if lb[lang] != lh[lang]:
                    out.append(TermChange(kind, term, "relabelled", lang, lb[lang], lh[lang]))
    return tuple(out)
