"""The checks of `policy check` (translation, legal review, release notes): one ordered list of registered units, one file each.

How to add a check (one file and one fixture per code):

1. Write `engine/checks/<name>.py`. Declare each code it reports with its one-line meaning,
   write its `run`, and end the file with the unit:

       from collections.abc import Iterator

       from ..findings import Code, Diagnostic, Severity, make
       from ..parity.context import Context, Pair, text_fields, unit_id
       from .unit import Check, Scope

       INV010 = Code("INV010", Severity.ERROR, "the number of paragraphs differs from the master")

       def run(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
           u, mu, ed = pair.unit, pair.master, pair.edition
           if u is None:
               return  # a missing unit is the structure check's finding
           ...
           pos = ctx.locator(ed.doc).start(path)
           yield make(INV010, f"{have} paragraph(s), the master {want}", ed.file, pos.line,
                      pos.col, unit=unit_id(mu), lang=ed.lang, hint="break them as it does",
                      params={"have": have, "want": want})

       WORDS = {"INV010": texts(
           "段落の数が原文と異なります。", "Число абзацев не совпадает с оригиналом.",
           "The number of paragraphs differs from the master.",
           message=("段落は{have}つ、原文は{want}つです",
                    "{have} {have:абзац|абзаца|абзацев}, в оригинале {want}",
                    "{have} paragraph(s), the master {want}"),
           hint=("原文と同じ位置で段落を分けてください", "разбейте на абзацы, как в оригинале",
                 "break them as it does"))}

       CHECK = Check(name="paragraphs", scope=Scope.PAIR, codes=(INV010,), run=run,
                     summary="translations keep the master's paragraphs", words=WORDS)

   `words` say each code to people (engine/saying.py): a plain sentence in ja, ru and en
   (what is wrong, in plain words), and the message and hint as templates filled from the
   finding's `params` at output time; the English template renders the English `message`
   exactly (the machine formats keep it). A finding without `params` is told by its plain
   sentence and the English message after it.

   `scope` says what one call of `run` sees: `Scope.PAIR` (a master unit and its
   translation in one edition: `run(pair, ctx)`), `Scope.EDITION` (`run(edition, ctx)`) or
   `Scope.RUN` (`run(ctx)`: the master and every edition). Shared helpers live in
   engine/parity/context.py (pairing, `text_fields`, positions with `ctx.locator(doc)`, and
   `ctx.memo` for what is worked out once per run), engine/parity/text.py (scripts, numbers,
   dates, e-mails, URLs), engine/parity/prose.py (sentences, negations, stops, spacing, per
   language, memoised per text) and engine/parity/fields.py (a pair's texts; quoting and
   locating a phrase). A check reads its data from
   the tables of policy/parity.toml it names in `settings`: the shared ones (`keep`,
   `scripts`, `prevailing`) parsed into `ctx.config` by engine/parity/config.py, a table of
   its own as read, in `ctx.config.tables[name]`.
   A pair check whose findings depend only on its pair (the master unit; the translated
   unit and its fingerprint, as the edition's file holds them), its settings and the
   master's language declares `reads=pair_only`; one that reads more of the run also gives
   a function of the context returning what it reads, as a key (the terminology check:
   every vocabulary). The resident server (in memory) and the console script (on disk,
   engine/checkcache.py) then keep its findings per pair: after an edit
   of the master it runs only on the units the edit changed, after an edit of a translation
   on every unit of that edition (its whole text is in the key: a finding's line may have
   moved), and for what `reads` gives, on every pair it covers (`run_checks` in
   engine/checks/unit.py).
   Leave `reads` out when in doubt: the check then runs on every pair every time.
   A pair check that also finds something in each master unit's own texts, depending on
   nothing else than the unit, its settings and the master's language (the scripts check:
   the master held to its own script), gives it as `per_master_unit=function(unit, ctx)`:
   the units it found nothing in are kept as pairs are, so after an edit it runs only on the
   edited units and on those it found something in (their lines may have moved). What it
   finds outside any unit (the scripts check: the vocabularies' labels) it gives as
   `also=function(ctx)`, run once per run and never kept.
   tests/test_kept_in_memory.py and tests/test_pair_cache.py hold a kept run after each kind
   of edit equal to a fresh one.
   The codes whose findings compare a translated unit with its master unit's text (what the
   master says that the translation lacks or says otherwise, as INV010 above) are listed in
   `compares=(INV010,)`: on a translation left stale by an edit of the master (DRIFT001) they
   only repeat that edit, and `policy check` holds them back until it is stamped
   (engine/check.py). A code that finds something wrong in a translation whatever its master
   says (an unbalanced bracket) is not listed.
   What other commands do with its codes is declared here too (the `Check` docstring in
   engine/checks/unit.py says each in full), never in a list elsewhere:
   `untranslated=` the codes saying a text is not translated yet (`policy status` counts
   the unit untranslated; the site puts a banner over it), and among them `left_untranslated=` those
   saying a text was left as another is; `follows_untranslated=` the codes whose findings
   in such a text only follow from it (not told beside it); `lagging=` the codes saying
   only that a translation lags behind its master (stale, unreviewed, a unit missing:
   `policy build --allow-drift` publishes over them under a banner); `follows_master=True`
   when its findings in a translation follow from the master's units (held back in the
   report while the master cannot be read or its shape, ids or references are wrong).
   INV010 above, which pairs a translation with its master unit, declares
   `follows_master=True`.
   tests/test_check_code_lists.py pins the lists these make.
2. Add its module to `CHECKS` below (the order is the order checks run in; output is sorted).
3. Add one fixture per code: `tests/checks/<CODE>.yaml`, the master and translated snippets
   and the expected (code, file, line, col) (see tests/checks/README.md). A test fails while a
   registered code has none.

Nothing else changes: the codes register in `engine.diagnostics` from this list, severities
(`[tool.policy.severity]`) and per-unit waivers apply to the new codes like to every other,
and the SARIF rule list and `policy check` pick them up.
"""

from __future__ import annotations

from . import (
    brackets,
    drift,
    emphasis,
    ids,
    invariants,
    length,
    names,
    negation,
    notes,
    prevailing,
    review,
    scripts,
    sentences,
    structure,
    terminology,
    typography,
)
from .unit import Check, Scope, run_checks

CHECKS: tuple[Check, ...] = (
    structure.CHECK,
    ids.CHECK,
    drift.CHECK,
    scripts.CHECK,
    invariants.CHECK,
    prevailing.CHECK,
    review.CHECK,
    notes.CHECK,
    sentences.CHECK,
    length.CHECK,
    negation.CHECK,
    terminology.CHECK,
    names.CHECK,
    brackets.CHECK,
    emphasis.CHECK,
    typography.CHECK,
)

__all__ = ["CHECKS", "Check", "Scope", "by_code", "run_checks"]


def by_code() -> dict[str, Check]:
    """The check that reports each code."""
    return {c.code: check for check in CHECKS for c in check.codes}
