"""`policy check`: validation plus every registered translation check, with waivers and severities applied.

The checks are the ordered list of engine/checks/; waivers (engine/waivers.py) turn a waived
unit's finding into a note, and severities (engine/severities.py, `[tool.policy.severity]`)
then set each code's level or turn it off. The same rules apply to every check's codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import CHECKS, Check, run_checks
from .checks.drift import states as unit_states_of
from .diagnostics import Diagnostic, Severity, sorted_unique
from .inputs import later
from .loader import Sources, keeping, kept, load_folder
from .parity.config import CONFIG_NAME, ParityConfig, load_config
from .parity.context import Context, PreviousLookup, build_context
from .severities import SeverityTable, apply_severities, find_pyproject, load_severities
from .values import field, record_mutable, replace
from .waivers import apply_waivers

if TYPE_CHECKING:
    from . import checkcache

# Kept importable from here for callers of the old layout.
__all__ = ["CheckResult", "SeverityTable", "check_sources", "find_pyproject",
           "load_severities", "parity_findings", "run_check", "unit_states"]

# The codes saying a unit is not translated yet (`Check.untranslated`, declared in each
# check's file): `policy status` counts such a unit untranslated.
UNTRANSLATED_CODES = frozenset(c.code for check in CHECKS for c in check.untranslated)
# A text left as the master's (L10N001) or as another edition's (L10N002) is one mistake: its
# letters, terms, names, sentences, negations, length and punctuation differ from what the
# edition needs only because it is not translated, so what the checks find in the same text
# (`Check.follows_untranslated`) is not told beside it (it comes back, if still true, once the
# text is translated). Both lists are declared in each check's file (`Check.left_untranslated`).
LEFT_UNTRANSLATED = frozenset(c.code for check in CHECKS for c in check.left_untranslated)
FOLLOW_FROM_UNTRANSLATED = frozenset(c.code for check in CHECKS
                                     for c in check.follows_untranslated)

# A translation whose master text changed after it was translated (DRIFT001, stale) differs
# from the new text by the very edit it has not caught up with: a 「のみ」 added to the master
# is a restriction the old translation lacks (NEG001), a changed number one it has not got
# (INV001). The checks that compare a translated unit with its master unit's text declare
# those codes (`Check.compares`, in each check's file, with the reason; a title the master's
# edit added or took away, PARITY005, is among them). On a stale unit their findings only
# repeat, once per edit, what DRIFT001 says with the before and after, so they are not told
# beside it; stamped against the new text, the unit is compared again, and what is still
# true is told then. What is wrong in a translation whatever its master says (markup, an
# unbalanced bracket, spacing, a text not translated or in the wrong script (L10N*), an
# empty text, an id, a release note, an approval (REVIEW*)) is told on a stale unit too.
# Held back
# after waivers (a waiver of a held finding is still used, not told as unused, PARITY010) and
# severities, and only while DRIFT001 stays an error (not waived, not made a warning or
# turned off in [tool.policy.severity]): then DRIFT001 alone decides what the held findings
# would, so no build's outcome changes (without --allow-drift it refuses the build; with it,
# the unit is bannered, and render/site.py `not_drift` publishes a bannered unit's errors).
# Not on an unreviewed unit (DRIFT002, no fingerprint): it was never held against any master
# text, so the comparisons are the first anyone made, what its reviewer reads before
# `policy stamp`; and DRIFT002 is a warning, so an error they find is what stops its build.
STALE = "DRIFT001"
FOLLOW_FROM_STALE = frozenset(c.code for check in CHECKS for c in check.compares)

# A release note still the placeholder `policy revise` drafted (NOTE002) is one thing to do:
# write it. In a translation, what the other checks find in the placeholder (the number the
# master's note has and it lacks, the terms it does not render, that it was never stamped
# (DRIFT002) or was stamped against another master text) follows only from it, so NOTE002 is
# told alone there. While the master's note is the placeholder, a translation's note has
# nothing to be compared with or stamped against yet: what the comparisons find there
# (FOLLOW_FROM_STALE) and DRIFT002 are held too, and told once the master's note is written.
# Held only while that NOTE002 stays an error (after waivers and severities): then it stops
# the build as the held findings would, so no build's outcome changes.
DRAFT = "NOTE002"
FOLLOW_FROM_DRAFT_MASTER = FOLLOW_FROM_STALE | {"DRIFT002"}


@record_mutable
class CheckResult:
    diagnostics: list[Diagnostic]
    sources: Sources
    states: dict[str, dict[str, str]] = field(default_factory=dict)
    config: ParityConfig = field(default_factory=ParityConfig)

    @property
    def loaded(self) -> bool:
        """False when the run could not compare anything (no valid master)."""
        return self.sources.master is not None

    @property
    def validation_errors(self) -> list[Diagnostic]:
        """The errors of loading, validation and the settings (parity.toml, the severity
        table): a file that cannot be read or says something wrong (`lang: rx` in ru.yaml).
        The translation checks' findings are not among them: what they find of each unit is
        what `states` counts (stale, untranslated), or `policy check`'s to tell."""
        checked = {code for check in CHECKS for code in check.code_names}
        return [d for d in self.diagnostics
                if d.severity is Severity.ERROR and d.code not in checked]


def settings_tables(checks: Iterable[Check]) -> set[str]:
    """The tables of parity.toml the checks read."""
    return {table for check in checks for table in check.settings}


def parity_findings(ctx: Context, checks: Iterable[Check] = CHECKS, *,
                    cache: bool | None = None) -> list[Diagnostic]:
    """Every translation finding of a run, before waivers and severities; `cache` as for
    `run_checks` (the pair checks' findings kept on disk)."""
    return list(run_checks(checks, ctx, cache=cache))


def without_untranslated_followons(found: list[Diagnostic]) -> list[Diagnostic]:
    """The findings without those that only follow from a text left untranslated
    (FOLLOW_FROM_UNTRANSLATED in a text of a LEFT_UNTRANSLATED finding: the same edition,
    unit and field)."""
    left = {(d.lang, d.unit, dict(d.params).get("field")) for d in found
            if d.code in LEFT_UNTRANSLATED}
    if not left:
        return found
    return [d for d in found if not (d.code in FOLLOW_FROM_UNTRANSLATED and (
        d.lang, d.unit, dict(d.params).get("field")) in left)]


def without_stale_followons(found: list[Diagnostic]) -> list[Diagnostic]:
    """The findings without those that only follow from a stale translation: a
    FOLLOW_FROM_STALE finding on the edition and unit of a DRIFT001 error (after waivers and
    severities)."""
    stale = {(d.lang, d.unit) for d in found
             if d.code == STALE and d.severity is Severity.ERROR}
    if not stale:
        return found
    return [d for d in found
            if not (d.code in FOLLOW_FROM_STALE and (d.lang, d.unit) in stale)]


def without_draft_followons(found: list[Diagnostic], master_lang: str | None) -> list[Diagnostic]:
    """The findings without those that only follow from a release note left as the
    placeholder (DRAFT, an error): every other finding on that note in a translation, and, on
    a note the master left as the placeholder, FOLLOW_FROM_DRAFT_MASTER in the translations."""
    drafts = {(d.lang, d.unit) for d in found
              if d.code == DRAFT and d.severity is Severity.ERROR}
    if not drafts:
        return found
    in_master = {unit for lang, unit in drafts if lang == master_lang}

    def follows(d: Diagnostic) -> bool:
        if d.code == DRAFT or d.lang == master_lang:
            return False
        return (d.lang, d.unit) in drafts or (
            d.unit in in_master and d.code in FOLLOW_FROM_DRAFT_MASTER)

    return [d for d in found if not follows(d)]


def _with_lang(found: Iterable[Diagnostic], src: Sources) -> Iterator[Diagnostic]:
    """Validation findings carry no language; give them their file's."""
    by_file = {doc.file: lang for lang, doc in src.documents.items()}
    for d in found:
        yield d if d.lang is not None or d.file not in by_file else replace(d, lang=by_file[d.file])


def check_sources(src: Sources, *, previous: Path | None = None,
                  previous_lookup: PreviousLookup | None = None,
                  pyproject: Path | None = None,
                  checks: Iterable[Check] = CHECKS, cache: bool | None = None,
                  key: str | None = None) -> CheckResult:
    """Run every check (or the given ones: bench/bench_check.py times subsets) over already
    loaded sources.

    With `cache` (by default when the console script turned the caches on), a run of every
    check with no stored copy of an older master is answered from, or stored in, the cache of
    check results (engine/checkcache.py): the same inputs give the same result. A run not
    answered from there still takes the pair checks' findings of every pair that did not
    change since an earlier run from the files they were kept in (`run_checks`). `key` is
    `checkcache.check_key(src, pyproject)` when the caller computed it just before (the build,
    for its own key), so it is not computed twice."""
    from . import checkcache

    if not (previous is None and previous_lookup is None and checks is CHECKS
            and checkcache.cache_on(cache)):
        key = None
    elif key is None:
        key = checkcache.check_key(src, pyproject, refs_read=True)
    if key is not None:
        hit = checkcache.lookup(key)
        if hit is not None:
            return CheckResult(list(hit.diagnostics), src, hit.states, hit.config)
    result = _check_sources(src, previous=previous, previous_lookup=previous_lookup,
                            pyproject=pyproject, checks=checks, cache=cache)
    if key is not None:
        kept = checkcache.StoredCheck(tuple(result.diagnostics), result.states, result.config)
        later(partial(_store_unchanged, src, pyproject, key, kept),
              refs=Path(src.master_doc.file).resolve().parent if src.master_doc else None)
    return result


def _store_unchanged(src: Sources, pyproject: Path | None, key: str,
                     kept: checkcache.StoredCheck) -> None:
    """Keep the checks' result when nothing they read changed while they ran."""
    from . import checkcache

    if checkcache.check_key(src, pyproject) == key:
        checkcache.store(key, kept)


def _check_sources(src: Sources, *, previous: Path | None,
                   previous_lookup: PreviousLookup | None, pyproject: Path | None,
                   checks: Iterable[Check], cache: bool | None) -> CheckResult:
    shown = Path(src.master_doc.file).parent if src.master_doc is not None else src.folder
    config, config_found = load_config(src.folder, str(shown / CONFIG_NAME),
                                       known=settings_tables(CHECKS))
    table = load_severities(pyproject if pyproject is not None else find_pyproject())
    found: list[Diagnostic] = [*src.diagnostics, *config_found, *table.diagnostics]
    lookup = previous_lookup
    if lookup is None and src.master_doc is not None:
        from .history import History

        lookup = History(Path(src.master_doc.file), previous,
                         memory=kept if keeping() else None)
    ctx = build_context(src, config, lookup)
    states: dict[str, dict[str, str]] = {}
    if ctx is not None:
        # A check whose every code is turned off is not run: its findings would all be dropped.
        listed = [c for c in checks if not all(table.is_off(code) for code in c.code_names)]
        ran = {code for c in listed for code in c.code_names}
        not_run = frozenset(code for c in CHECKS for code in c.code_names if code not in ran)
        parity = without_untranslated_followons(list(apply_waivers(
            parity_findings(ctx, listed, cache=cache), ctx, not_run)))
        # a translation's release note still the placeholder (NOTE002) is not translated yet
        # either: `policy status` lists it so, not as a text to review and stamp
        master_lang = src.master.lang if src.master is not None else None
        untranslated = {(d.lang, d.unit) for d in parity
                        if (d.code in UNTRANSLATED_CODES
                            or (d.code == DRAFT and d.lang != master_lang))
                        and d.severity is not Severity.NOTE
                        and d.lang is not None and d.unit is not None
                        and not table.is_off(d.code)}
        states = unit_states_of(ctx, untranslated)
        found.extend(parity)
    final = without_draft_followons(without_stale_followons(
        sorted_unique(apply_severities(_with_lang(found, src), table))),
        src.master.lang if src.master is not None else None)
    return CheckResult(final, src, states, config)


def run_check(folder: Path, *, previous: Path | None = None) -> CheckResult:
    """Load a policy folder and run validation and every translation check over it."""
    return check_sources(load_folder(folder), previous=previous)


def unit_states(src: Sources) -> dict[str, dict[str, str]]:
    """Per translation language, per unit key: "current", "stale", "unreviewed" or "untranslated".

    A unit is untranslated when it is missing or has an unwaived L10N finding; waivers and
    severities are applied as `policy check` applies them.
    """
    return check_sources(src).states
