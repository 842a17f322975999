"""The values a diff is made of: the two sides compared and the four-part result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..decide import CompiledPolicy
from ..document import Document
from ..model import Master, Translation
from ..values import field, record
from .decisions import DecisionDiff
from .facts import FactChange
from .origins import OriginChange
from .text import TextDiff
from .vocabulary import TermChange


@record
class Side:
    """One policy being compared: a git revision, a folder or a bundle.

    `master`/`translations` are None/empty for a bundle (a bundle carries no full text).
    `changelog` is the text of CHANGELOG.md as of this side, when one was found.
    """

    label: str
    policy: CompiledPolicy
    master: Master | None = None
    translations: Mapping[str, Translation] = field(default_factory=dict)
    documents: Mapping[str, Document] = field(default_factory=dict)
    changelog: str | None = None
    changelog_name: str = "CHANGELOG.md"
    # What the side is, for people (the report names it in their language, never by a hash):
    # ("merge_base", branch), ("working_tree", ""), ("revision", the name typed), or ("", "")
    # for a folder or a bundle, named by its path (`label`).
    named: tuple[str, str] = ("", "")

    @property
    def version(self) -> str:
        return self.policy.version

    @property
    def master_doc(self) -> Document | None:
        if self.master is None:
            return None
        return self.documents.get(self.master.lang)

    def revision_dates(self) -> tuple[str, ...]:
        if self.master is not None:
            return tuple(str(r.date) for r in self.master.facts.revisions)
        return (str(self.policy.bundle.get("revised")),)

    def latest_date(self) -> str:
        """The date the policy was last revised (or took effect, if never revised)."""
        if self.master is not None:
            revs = self.master.facts.revisions
            return str(revs[-1].date) if revs else str(self.master.facts.effective)
        return str(self.policy.bundle.get("revised"))


@record
class PolicyDiff:
    """What changed between two policies, in four parts, and where the words come from
    (`origins`: no part of the policy's words, but what the published pages tell readers of
    them; none between bundles, which carry no text)."""

    base: Side
    head: Side
    decisions: DecisionDiff
    vocabulary: tuple[TermChange, ...]
    text: TextDiff | None  # None when either side is a bundle
    facts: tuple[FactChange, ...]
    origins: tuple[OriginChange, ...] = ()

    @property
    def classification(self) -> str:
        return self.decisions.classification

    @property
    def empty(self) -> bool:
        return (not self.decisions.statements and not self.vocabulary and not self.facts
                and not self.origins and (self.text is None or (not self.text.changes and not self.text.structure)))

    def to_json(self, required_bump: str, reasons: tuple[str, ...]) -> dict[str, Any]:
        """The diff as JSON, with the version bump it needs (see `classify.required_level`,
        which reads this value: passing its answer in keeps the import one-way)."""
        return {
            "base": {"label": self.base.label, "version": self.base.version},
            "head": {"label": self.head.label, "version": self.head.version},
            "classification": self.classification,
            "required_bump": required_bump,
            "reasons": list(reasons),
            "decisions": self.decisions.to_json(),
            "vocabulary": [v.to_json() for v in self.vocabulary],
            "text": self.text.to_json() if self.text is not None else None,
            "facts": [f.to_json() for f in self.facts],
            "origins": [o.to_json() for o in self.origins],
        }
