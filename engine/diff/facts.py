"""The metadata diff: version, dates, revision history, contact and the other shared facts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..decide import CompiledPolicy
from ..model import Master, Translation
from ..values import record

# Facts whose change is bookkeeping of a release, not a change of the policy itself.
RELEASE_FIELDS = frozenset({"version", "revisions", "revised"})


@record
class FactChange:
    lang: str  # the edition whose facts changed (the master's language for shared facts)
    field: str
    old: str | None
    new: str | None

    @property
    def release(self) -> bool:
        return self.field in RELEASE_FIELDS

    def text(self) -> str:
        return f"{self.lang} facts.{self.field}: {self.old or '-'} -> {self.new or '-'}"

    def to_json(self) -> dict[str, Any]:
        return {"lang": self.lang, "field": self.field, "old": self.old, "new": self.new}


def _plain(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple | list):
        return ", ".join(_plain(v) or "" for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_plain(v)}" for k, v in value.items())
    return str(value)


def _fields(facts: Any) -> dict[str, object]:
    """The facts' fields by name, in the model's order, as they are. `_plain` writes a date as
    YYYY-MM-DD."""
    from ..model import fields_of

    return {f.name: getattr(facts, f.name) for f in fields_of(facts)}


def _facts(master: Master) -> dict[str, str | None]:
    out = {k: _plain(v) for k, v in _fields(master.facts).items() if k != "revisions"}
    out["revisions"] = ", ".join(f"{r.id} {r.date}" for r in master.facts.revisions)
    return out


def _tfacts(tr: Translation) -> dict[str, str | None]:
    return {k: _plain(v) for k, v in _fields(tr.facts).items()}


def _compare(lang: str, old: Mapping[str, str | None], new: Mapping[str, str | None],
             ) -> list[FactChange]:
    return [FactChange(lang, f, old.get(f), new.get(f))
            for f in sorted(set(old) | set(new)) if old.get(f) != new.get(f)]


def diff_facts(base: Master, base_tr: Mapping[str, Translation], head: Master,
               head_tr: Mapping[str, Translation]) -> tuple[FactChange, ...]:
    out = _compare(head.lang, _facts(base), _facts(head))
    for lang in sorted(set(base_tr) | set(head_tr)):
        ob = _tfacts(base_tr[lang]) if lang in base_tr else {}
        oh = _tfacts(head_tr[lang]) if lang in head_tr else {}
        out += _compare(lang, ob, oh)
    return tuple(out)


def diff_bundle_facts(base: CompiledPolicy, head: CompiledPolicy) -> tuple[FactChange, ...]:
    """What a bundle records of the facts: its version and latest revision date."""
    lang = str(head.bundle.get("prevailing_language", head.languages[0]))
    old = {"version": base.version, "revised": str(base.bundle.get("revised"))}
    new = {"version": head.version, "revised": str(head.bundle.get("revised"))}
    return tuple(_compare(lang, old, new))
