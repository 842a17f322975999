"""What a translation check is: one registered unit with a name, its codes, its scope, its settings and its `run`.

Modelled on a sqlfluff rule or a markdown-it rule: everything about a check sits in its own
file (engine/checks/<name>.py), which ends with

    CHECK = Check(name="…", scope=Scope.PAIR, codes=(CODE1, CODE2), run=run, settings=("…",))

and one ordered list (engine/checks/__init__.py) runs them all. The codes a check declares
are what it may report; `engine.diagnostics` registers them from that list, so every command
sees the same codes. Severities (`[tool.policy.severity]`, engine/severities.py) and per-unit
waivers (engine/waivers.py) are applied afterwards to every check's findings alike.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from ..findings import Code, Diagnostic
from ..inputs import caches_on
from ..loader import keeping
from ..saying import Texts
from ..values import field, record

if TYPE_CHECKING:
    from ..checkcache import PairFindings
    from ..model import Unit
    from ..parity.context import Context, Edition, Pair


class Scope(enum.Enum):
    """What one call of a check's `run` looks at."""

    PAIR = "pair"  # run(pair, ctx): one master unit and its translation in one edition
    EDITION = "edition"  # run(edition, ctx): one translated edition as a whole
    RUN = "run"  # run(ctx): the whole run (the master, every edition, across editions)


Run = Callable[..., Iterable[Diagnostic]]


@record
class Check:
    """A registered translation check.

    `settings` names the tables of policy/parity.toml the check reads (through
    `ctx.config`); `codes` are every code its `run` reports, each with its one-line meaning;
    `words` what each code says to people in ja, ru and en (engine/saying.py): a plain
    sentence, and the message and hint as templates filled from the finding's `params`.

    What its codes say of a translation, declared here so that the lists of codes that
    `policy check`, its report and `policy build` treat alike are built from the checks
    (`CHECKS`), not written out elsewhere:

    `untranslated`: the codes (among `codes`) whose finding says a unit's text is not
    translated yet (the master's text left as it is, another edition's, a text in another
    language's script: the scripts check). `policy check` counts such a unit untranslated
    (`policy status`; engine/check.py `UNTRANSLATED_CODES`), and the built site puts the
    "untranslated" banner over it, so `policy build --allow-drift` publishes over these
    errors (render/site.py `DRIFT_CODES`).

    `left_untranslated`: the codes (among `untranslated`) whose finding says a text was left
    as another text is (the master's, another edition's). That is one mistake: what the
    `follows_untranslated` codes of any check find in the same text (edition, unit and
    field) is not told beside it (engine/check.py `without_untranslated_followons`), and
    comes back, if still true, once the text is translated.

    `follows_untranslated`: the codes (among `codes`) whose findings in a text left
    untranslated only follow from it: its letters, terms, names, sentences, negations,
    length and punctuation differ from what the edition needs because it is not translated.

    `lagging`: the codes (among `codes`), besides `untranslated`, whose finding says only
    that a translation lags behind its master: stale (DRIFT001), never checked against it
    (DRIFT002), a unit missing (PARITY001). The built site puts a banner over the unit saying
    so (render/view.py `BANNER_STATES`), so `policy build --allow-drift` publishes over these
    errors and over any other error on the same unit (render/site.py `DRIFT_CODES`,
    `not_drift`).

    `follows_master`: True when what the check finds in a translation follows from the
    master's units (it pairs them by id or compares with them). While the master has an error
    that spoils the comparison (it cannot be read; its shape, ids or references are wrong),
    `policy check`'s report holds these findings back (engine/humane.py `shown_and_held`):
    with an id used twice in the master they would compare clause 1's translation with
    clause 2's text and quote it.
    """

    name: str
    scope: Scope
    codes: tuple[Code, ...]
    run: Run
    settings: tuple[str, ...] = ()
    summary: str = ""
    words: Mapping[str, Texts] = field(default_factory=dict)
    # For a PAIR check: what it reads beyond its pair, as a key worked out once per run, when
    # its findings depend on nothing else than that, the pair (the master unit; the translated
    # unit and its fingerprint, as its edition's file holds them), the parity settings and the
    # master's language. `lambda ctx: ()` when it reads nothing more. Given, the server (in
    # memory) or the console script (on disk, engine/checkcache.py) keeps the check's findings
    # per pair (`run_checks`): after an edit of the master the check runs
    # again only on the units it changed; after an edit of a translation, on that edition's
    # units (and where `reads` gives another key, on every pair). On disk only when what
    # `reads` gives is texts, numbers, tuples, sets, mappings or records (hashed alike in every
    # process, `checkcache.stable_digest`). None: it reads more (the drift check asks git's
    # history), and runs on every pair every time.
    reads: Callable[[Context], Hashable] | None = None
    # For a PAIR check: what it finds in each master unit's own texts, outside any pair (the
    # scripts check: the master held to its own script), called as `per_master_unit(unit,
    # ctx)` on every master unit in order, after the run checks. Its findings depend on
    # nothing else than the unit, the parity settings and the master's language (and, for
    # where they are, the master's file). The server (in memory) and the console script (on
    # disk, engine/checkcache.py) keep the units it found nothing in (`run_checks`): after an
    # edit of the master it runs again only on the units the edit changed and on those it
    # found something in (an edit above them may have moved their lines); an edit of a
    # translation runs it on none. What reads more of the run belongs in `also`.
    per_master_unit: Callable[[Unit, Context], Iterable[Diagnostic]] | None = None
    # For a PAIR check: what it also finds once per run, outside any pair and any master unit
    # (the scripts check: the vocabularies' labels), called as `also(ctx)` after the run
    # checks and its `per_master_unit`. It is never kept: it runs every time.
    also: Callable[[Context], Iterable[Diagnostic]] | None = None
    # The codes (among `codes`) whose findings compare a translated unit with its master
    # unit's text: what the master's text has or says that the translation's lacks or says
    # otherwise (a number, a negation, a sentence, a term, a final stop). While that
    # translation is stale (DRIFT001: the master's text changed after it was translated),
    # what they find is only the edit that is not translated yet, already told by DRIFT001;
    # `policy check` holds it back until the translation is stamped against the new text
    # (engine/check.py `without_stale_followons`). Not a code that finds something in the
    # translation alone, wrong whatever its master says (an unbalanced bracket, two spaces,
    # the wrong script, an empty text).
    compares: tuple[Code, ...] = ()
    # what its codes say of a translation, for what follows from them: see the docstring
    untranslated: tuple[Code, ...] = ()
    left_untranslated: tuple[Code, ...] = ()
    follows_untranslated: tuple[Code, ...] = ()
    lagging: tuple[Code, ...] = ()
    follows_master: bool = False

    def __post_init__(self) -> None:
        if not self.codes:
            raise ValueError(f"check {self.name} declares no codes")
        if self.reads is not None and self.scope is not Scope.PAIR:
            raise ValueError(f"check {self.name} declares what it reads beyond a pair, but "
                             "runs on more than one")
        if self.per_master_unit is not None and self.scope is not Scope.PAIR:
            raise ValueError(f"check {self.name} declares work per master unit, but is not a "
                             "pair check: an edition or run check sees the master as a whole")
        if self.also is not None and self.scope is not Scope.PAIR:
            raise ValueError(f"check {self.name} runs on the whole run already: its `run` "
                             "finds what `also` would")
        if not set(self.compares) <= set(self.codes):
            raise ValueError(f"check {self.name} lists in `compares` codes it does not "
                             "declare")
        for name in ("untranslated", "follows_untranslated", "lagging"):
            if not {c.code for c in getattr(self, name)} <= self.code_names:
                raise ValueError(f"check {self.name} lists in `{name}` codes it does not "
                                 "declare")
        if not set(self.left_untranslated) <= set(self.untranslated):
            raise ValueError(f"check {self.name} lists in `left_untranslated` codes it does "
                             "not list in `untranslated`")
        if set(self.lagging) & set(self.untranslated):
            raise ValueError(f"check {self.name} lists codes both in `lagging` and in "
                             "`untranslated`")
        if set(self.words) - self.code_names:
            raise ValueError(f"check {self.name} has words for codes it does not declare")

    @property
    def code_names(self) -> frozenset[str]:
        return frozenset(c.code for c in self.codes)


def pair_only(ctx: Context) -> Hashable:
    """`reads` of a pair check that reads nothing beyond its pair, its settings and the
    master's language."""
    return ()


def run_checks(checks: Iterable[Check], ctx: Context, *, cache: bool | None = None
               ) -> Iterator[Diagnostic]:
    """Every finding of `checks` over one run, in list order per scope: for each edition the
    pair checks over every master unit, then the edition checks; then the run checks, and
    what the pair checks find in each master unit (`Check.per_master_unit`) and once per run
    (`Check.also`), check by check.

    The findings of a pair check that declares what it `reads` are kept per pair, by
    everything they depend on: the check, the master's language, the settings' file, what
    `reads` gives, the edition's language, file name and whole text (the translated unit, its
    fingerprint and the positions of what it finds), and the master unit itself. Where the
    server keeps reads (engine/loader.py `keeping`) they are kept in its memory; elsewhere,
    with `cache` (by default when the console script turned the caches on), in files in the
    user's cache that the next process reads (engine/checkcache.py `pair_findings`, whose keys
    add the tool's own hash). A pair seen before is answered from there; an edited master
    unit is checked again in every edition, and an edited translation on every unit (its
    whole text is in the key).

    The master units a pair check's `per_master_unit` found nothing in are kept likewise, by
    the check, the master's language, the settings' file and the unit (in memory, or on disk
    by the unit's digest, `PairFindings.clean`): unchanged and found clean before, a unit is
    not looked at again; a unit it found something in always is (the findings' lines are in
    the master's file, which an edit of another unit may have moved)."""
    listed = list(checks)
    # (check, its codes) once per run, not once per call; each finding is checked against
    # its check's codes inline (a wrapping generator per call costs more than the check
    # itself for the many pairs where nothing is found)
    pair = [(c, c.code_names, _run_key(c, ctx)) for c in listed if c.scope is Scope.PAIR]
    edition = [(c, c.code_names) for c in listed if c.scope is Scope.EDITION]
    whole = [(c, c.code_names) for c in listed if c.scope is Scope.RUN]
    on_disk = _on_disk([c for c, _, _ in pair], ctx, cache)
    # a kept table's key of a master unit: the unit itself in memory; on disk, its digest (by
    # the unit's id: hashing a unit field by field costs more than a check finding nothing)
    digests = on_disk.digests if on_disk is not None else None
    for ed in ctx.editions.values():
        if pair:
            tables: list[dict[Hashable, tuple[Diagnostic, ...]] | None]
            if on_disk is not None:
                tables = [on_disk.table(c.name, ed) for c, _, _ in pair]
            else:
                tables = [_kept_table(key, ed) for _, _, key in pair]
            for p in ctx.pairs(ed):
                unit: Hashable = p.master if digests is None else \
                    digests.get(id(p.master), p.master)
                for (check, allowed, _), table in zip(pair, tables, strict=True):
                    if table is not None:
                        found = table.get(unit)
                        if found is None:
                            if len(table) >= MAX_KEPT_PAIRS:  # a long preview's many edits
                                table.clear()
                            found = table[unit] = tuple(_declared(check, allowed, p, ctx))
                        yield from found
                        continue
                    for d in check.run(p, ctx):
                        if d.code not in allowed:
                            _undeclared(check, d)
                        yield d
        for check, allowed in edition:
            for d in check.run(ed, ctx):
                if d.code not in allowed:
                    _undeclared(check, d)
                yield d
    for check, allowed in whole:
        for d in check.run(ctx):
            if d.code not in allowed:
                _undeclared(check, d)
            yield d
    for check, allowed, _ in pair:
        if check.per_master_unit is not None:
            clean = on_disk.clean(check.name) if on_disk is not None else _kept_clean(check, ctx)
            yield from _per_master_unit(check, allowed, ctx, clean, digests)
        if check.also is not None:
            for d in check.also(ctx):
                if d.code not in allowed:
                    _undeclared(check, d)
                yield d
    if on_disk is not None:
        on_disk.store_later(ctx.editions.values())


def _per_master_unit(check: Check, allowed: frozenset[str], ctx: Context,
                     clean: set[Hashable] | None, digests: dict[int, Hashable] | None
                     ) -> Iterator[Diagnostic]:
    """What `check.per_master_unit` finds in every master unit, in order; with `clean` (the
    units it found nothing in before, by unit or by digest), only in the others, which are
    added to it when they are clean now."""
    work = check.per_master_unit
    assert work is not None
    for mu in ctx.master_units:
        unit: Hashable = mu if digests is None else digests.get(id(mu), mu)
        if clean is not None and unit in clean:
            continue
        found = False
        for d in work(mu, ctx):
            if d.code not in allowed:
                _undeclared(check, d)
            found = True
            yield d
        if not found and clean is not None:
            if len(clean) >= MAX_KEPT_PAIRS:
                clean.clear()
            clean.add(unit)


def _on_disk(checks: list[Check], ctx: Context, cache: bool | None) -> PairFindings | None:
    """The pair checks' findings (and the master units their `per_master_unit` found clean)
    kept on disk for this run, or None: in the server (which keeps them in memory), with the
    caches off, or when no pair check says what it reads (or, without a translation, none
    works per master unit)."""
    if keeping() or not caches_on(cache):
        return None
    reads = {c.name: c.reads(ctx) for c in checks if c.reads is not None} \
        if ctx.editions else {}
    masters = [c.name for c in checks if c.per_master_unit is not None]
    if not reads and not masters:
        return None
    from ..checkcache import pair_findings  # hashlib and the cache's rules: only when on

    return pair_findings(ctx, reads, masters)


def _declared(check: Check, allowed: frozenset[str], pair: Pair, ctx: Context
              ) -> Iterator[Diagnostic]:
    for d in check.run(pair, ctx):
        if d.code not in allowed:
            _undeclared(check, d)
        yield d


# The pair checks' findings the server keeps: per (run key, edition) a table by master unit.
_KEPT: dict[Hashable, dict[Hashable, tuple[Diagnostic, ...]]] = {}
MAX_KEPT_TABLES = 64  # a run of every check on two editions fills 14 (seven checks keep)
MAX_KEPT_PAIRS = 4096  # per table: the shipped policy has 74 units


def _run_key(check: Check, ctx: Context) -> Hashable | None:
    """What a pair check's findings depend on in this run beyond the pair and its edition,
    or None when they are not kept (not in the server, or the check reads more)."""
    if check.reads is None or not keeping():
        return None
    settings = ctx.config.made_from
    if settings is None:
        return None
    return (check.name, ctx.master.lang, settings, check.reads(ctx))


def _kept_table(key: Hashable | None, ed: Edition
                ) -> dict[Hashable, tuple[Diagnostic, ...]] | None:
    if key is None:
        return None
    full = (key, ed.lang, ed.file, ed.doc.text)
    table = _KEPT.get(full)
    if table is None:
        table = _KEPT[full] = {}
        while len(_KEPT) > MAX_KEPT_TABLES:
            del _KEPT[next(iter(_KEPT))]
    return table


# The master units the server knows a check's `per_master_unit` finds nothing in: per (check,
# master's language, settings) a set of units.
_KEPT_CLEAN: dict[Hashable, set[Hashable]] = {}


def _kept_clean(check: Check, ctx: Context) -> set[Hashable] | None:
    """The master units `check.per_master_unit` found nothing in, as the server keeps them for
    this run's master language and settings; None when they are not kept (not in the server,
    or settings made in code)."""
    settings = ctx.config.made_from
    if not keeping() or settings is None:
        return None
    key = (check.name, ctx.master.lang, settings)
    clean = _KEPT_CLEAN.get(key)
    if clean is None:
        clean = _KEPT_CLEAN[key] = set()
        while len(_KEPT_CLEAN) > MAX_KEPT_TABLES:
            del _KEPT_CLEAN[next(iter(_KEPT_CLEAN))]
    return clean


def _undeclared(check: Check, d: Diagnostic) -> None:
    """A check reports only the codes it declares (so the registry and the fixtures cover it)."""
    raise AssertionError(f"check {check.name} reported {d.code}, which it does not declare")
