"""Drift: each translated unit records the fingerprint of the master text it was translated from.

A unit whose fingerprint is not the current master's is stale; the finding shows the old and
the new Japanese side by side, as `msgmerge --previous` does, when the old text can be found
(git history or a stored copy, engine/history.py). A unit with no fingerprint is unreviewed.
`states` gives each unit's state for status tables and the site's banners.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..findings import Code, Diagnostic, Severity, make
from ..model import fingerprint, normalize
from ..parity.context import Context, Pair, unit_id
from ..parity.naming import how_to_name, typed_names
from ..saying import texts
from .unit import Check, Scope

E, W = Severity.ERROR, Severity.WARNING

# What the detail says when no earlier master text has the fingerprint a translation records
# (no history here, or a `source:` edited by hand): engine/humane.py says so in words.
NOT_AVAILABLE = "(previous text not available)"
DRIFT001 = Code("DRIFT001", E, "the master text changed after the unit was translated (stale)")
DRIFT002 = Code("DRIFT002", W, "the unit records no source fingerprint (unreviewed)")

CURRENT, STALE, UNREVIEWED, UNTRANSLATED = "current", "stale", "unreviewed", "untranslated"


def _runs(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The change from old to new by characters, as ("=" | "-" | "+", text) runs, a long
    kept run shortened to its ends."""
    return _normal_runs(normalize(old), normalize(new))


@lru_cache(maxsize=256)
def _normal_runs(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """`_runs` of two normalized texts, worked out once per process: a stale unit's change
    is the same in every translation, and its finding's text and the summary both show it."""
    import difflib  # here: only a stale unit with its old text found shows a change (~2 ms)

    out: list[tuple[str, str]] = []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            chunk = a[i1:i2]
            out.append(("=", chunk if len(chunk) <= 24 else _kept(
                chunk, before=n > 0, after=n < len(ops) - 1)))
        else:
            if i2 > i1:
                out.append(("-", a[i1:i2]))
            if j2 > j1:
                out.append(("+", b[j1:j2]))
    return tuple(out)


# Where a shortened run of kept text may be cut: after a space or a punctuation mark, so that a
# word (or a Japanese phrase) is never cut in two ("当…社").
_BOUNDARIES = " \u3000、。，,.;；:：)）」』»"
_EDGE = 12  # characters of kept text shown beside a change


def _kept(chunk: str, *, before: bool, after: bool) -> str:
    """A long run of unchanged text, shortened to the context a reader needs: its end when a
    change follows it, its start when it follows a change (both in between), each cut at a
    space or a punctuation mark within reach."""
    head = ""
    if before:  # a change came before this run: show how the text goes on
        head = chunk[:_EDGE]
        cut = max(head.rfind(c, 3) for c in _BOUNDARIES)
        head = head[:cut + 1].rstrip() if cut >= 3 else head
    tail = ""
    if after:  # a change follows: show what leads to it
        tail = chunk[-_EDGE:]
        cuts = [k for k in (tail.find(c, 0, len(tail) - 3) for c in _BOUNDARIES) if k >= 0]
        tail = tail[min(cuts) + 1:].lstrip() if cuts else tail
    return f"{head}…{tail}"


def inline_diff(old: str, new: str) -> str:
    """Character-level change from old to new, as `…{-removed-}{+added+}…`."""
    return "".join(text if op == "=" else f"{{{op}{text}{op}}}" for op, text in _runs(old, new))


def before_after(old: str, new: str) -> tuple[str, str]:
    """The same change as two texts, the old and the new, each shortened where
    `inline_diff` shortens: for a reader without colour, who cannot read `{-…-}{+…+}`."""
    runs = _runs(old, new)
    return ("".join(text for op, text in runs if op != "+"),
            "".join(text for op, text in runs if op != "-"))


def check_drift(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    u, mu, ed = pair.unit, pair.master, pair.edition
    if u is None:
        return
    current = fingerprint(mu.source_text())
    if pair.source is None:
        # the command names the unit as a person types it (3.2, --release-note 2026-12-03)
        name = how_to_name(mu, typed_names(ctx.master))
        pos = ed.doc.pos(u.data_path)
        yield make(DRIFT002, "no source fingerprint: not yet reviewed against the master",
                   ed.file, pos.line, pos.col, unit=unit_id(mu), lang=ed.lang,
                   hint=f"after review run `policy stamp {ed.lang} {name}`",
                   params={"lang": ed.lang, "id": name})
        return
    if pair.source == current:
        return
    pos = ed.doc.pos((*u.data_path, "source"))
    new = normalize(mu.source_text())
    m = ctx.master.lang
    found = ctx.previous(pair.source) if ctx.previous is not None else None
    if found is None:
        detail: tuple[str, ...] = (
            f"previous {m} ({pair.source}): {NOT_AVAILABLE}",
            f"current  {m} ({current}): {new}",
        )
    else:
        old, origin = found
        detail = (
            f"previous {m} ({pair.source}, {origin}): {normalize(old)}",
            f"current  {m} ({current}): {new}",
            f"change: {inline_diff(old, mu.source_text())}",
        )
    name = how_to_name(mu, typed_names(ctx.master))
    # the fingerprints are in the detail (previous and current), for CI and reviewers; the
    # message is what a reader is told
    yield make(DRIFT001, "the master changed since this was translated", ed.file, pos.line,
               pos.col, unit=unit_id(mu), lang=ed.lang,
               hint=f"update the translation, then run `policy stamp {ed.lang} {name}`",
               detail=detail, params={"lang": ed.lang, "id": name})



def state_of(pair: Pair, untranslated: set[tuple[str, str]]) -> str:
    """The state of one pair, given the (lang, unit id) pairs found untranslated."""
    if pair.unit is None or (pair.edition.lang, unit_id(pair.master)) in untranslated:
        return UNTRANSLATED
    if pair.source is None:
        return UNREVIEWED
    if pair.source != fingerprint(pair.master.source_text()):
        return STALE
    return CURRENT


def states(ctx: Context, untranslated: set[tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {lang: {p.master.key: state_of(p, untranslated) for p in ctx.pairs(ed)}
            for lang, ed in ctx.editions.items()}


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "DRIFT001": texts(
        "日本語の原文が翻訳後に変更されました。翻訳を更新してください。",
        "Японский оригинал изменился после перевода. Обновите перевод.",
        "The Japanese master changed after this was translated. Update the translation.",
        message=("日本語の原文が翻訳後に変更されました", "японский оригинал изменился после перевода",
                 "the master changed since this was translated"),
        hint=("翻訳を更新してから、`policy stamp {lang} {id}` を実行してください",
              "обновите перевод, затем выполните `policy stamp {lang} {id}`",
              "update the translation, then run `policy stamp {lang} {id}`")),
    "DRIFT002": texts(
        "この翻訳はまだ原文と照合されていません。",
        "Этот перевод ещё не сверен с оригиналом.",
        "This translation has not been checked against the master yet.",
        message=("まだ原文と照合されていません", "ещё не сверено с оригиналом",
                 "no source fingerprint: not yet reviewed against the master"),
        hint=("原文と照合したら実行してください：`policy stamp {lang} {id}`",
              "после сверки выполните `policy stamp {lang} {id}`",
              "after review run `policy stamp {lang} {id}`")),
}


# `compares` nothing: DRIFT001 is the staleness the other checks' comparisons follow
# from; DRIFT002 (no fingerprint) keeps them (engine/check.py says why).
CHECK = Check(
    name="drift",
    scope=Scope.PAIR,
    codes=(DRIFT001, DRIFT002),
    run=check_drift,
    summary="each translated unit was translated from the current master text",
    words=WORDS,
    # stale or never checked against the master: the site's banner says so
    lagging=(DRIFT001, DRIFT002),
    follows_master=True,
)
