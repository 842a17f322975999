"""What a reader is told about the legal review of each edition: approved, awaiting review, and where the words come from.

The states come from `engine.review` (a per-unit legal sign-off, `approvals:` in each edition
file): a unit without a current approval awaits review, so the pages never claim that an
unreviewed text prevails.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.loader import Sources
from engine.review import review_states
from engine.values import field, record

# Where the words of a unit come from (engine.model `origin`): as published, translated here
# and not yet reviewed, or reconstructed from other editions.
PUBLISHED, TRANSLATED, RECONSTRUCTED = "published", "translated", "reconstructed"


@record
class EditionReview:
    """One edition's review status, per unit key (the keys of `engine.model.Unit`)."""

    states: Mapping[str, str] = field(default_factory=dict)  # approved | stale | unapproved
    origins: Mapping[str, str] = field(default_factory=dict)
    origin: str = PUBLISHED  # the edition's own origin

    def approved(self, key: str) -> bool:
        return self.states.get(key) == "approved"

    @property
    def draft(self) -> bool:
        """Some unit is not approved: the edition as a whole is not yet a reviewed text."""
        return not self.states or any(s != "approved" for s in self.states.values())


def _unit_keys(src: Sources, lang: str) -> dict[str, str]:
    """approval key (unit anchor) -> unit key, for one edition."""
    from engine.model import master_units, translation_units

    assert src.master is not None
    if lang == src.master.lang:
        units = list(master_units(src.master))
    else:
        units = [u for u, _ in translation_units(src.translations[lang])]
    return {u.anchor: u.key for u in units}


def review_of(src: Sources) -> dict[str, EditionReview]:
    """Per edition language, its review status, keyed by unit key."""
    assert src.master is not None
    langs = [src.master.lang, *sorted(src.translations)]
    out: dict[str, EditionReview] = {}
    per = review_states(src)
    for lang in langs:
        keys = _unit_keys(src, lang)
        model = src.master if lang == src.master.lang else src.translations[lang]
        edition_origin = model.origin or PUBLISHED
        states: dict[str, str] = {}
        origins: dict[str, str] = {}
        for r in per.get(lang, ()):
            key = keys.get(r.key, r.key)
            states[key] = str(r.state)
            origins[key] = str(r.origin)
        out[lang] = EditionReview(states, origins, edition_origin)
    return out
