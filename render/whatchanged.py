"""The "what changed" page of `policy build --since REV`: the semantic diff (engine.diff) since a git revision.

The diff itself is `policy diff`'s (engine.diff.diff_since); this module only lays its parts out
as one page, `<site>/changes-since.html`: the classification, the decisions now allowed or
denied, vocabulary and fact changes, and each changed text with deletions and insertions marked.
Every string from the diff is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from engine.diagnostics import Diagnostic, PolicyLoadError, make
from engine.load import Sources

from .html import document_page, esc

PAGE_NAME = "changes-since.html"


def _ops_html(ops: Sequence[tuple[str, str]]) -> str:
    out = []
    for tag, text in ops:
        if tag == "-":
            out.append(f"<del>{esc(text)}</del>")
        elif tag == "+":
            out.append(f"<ins>{esc(text)}</ins>")
        else:
            out.append(esc(text))
    return "".join(out)


def _list(items: Sequence[str]) -> str:
    return "<ul>\n" + "".join(f"<li>{esc(i)}</li>\n" for i in items) + "</ul>\n"


def since_page(diff: object, since: str) -> str:
    """The page for a PolicyDiff (engine.diff.result.PolicyDiff)."""
    from engine.diff import PolicyDiff
    from engine.diff.format import headline, statement_text

    assert isinstance(diff, PolicyDiff)
    parts = [f"<h1>What changed since {esc(since)}</h1>\n"]
    parts.append("".join(f"<p>{esc(line.strip())}</p>\n" for line in headline(diff)))
    d = diff.decisions
    parts.append(f"<h2>Decisions</h2>\n<p>{d.questions_compared} questions compared: "
                 f"{len(d.newly_allowed)} newly allowed, {len(d.newly_denied)} newly denied.</p>\n")
    if d.statements:
        parts.append(_list([statement_text(s, diff) for s in d.statements]))
    if diff.vocabulary:
        parts.append("<h2>Vocabulary</h2>\n" + _list([v.text() for v in diff.vocabulary]))
    if diff.text is not None and (diff.text.structure or diff.text.changes):
        parts.append("<h2>Text</h2>\n")
        if diff.text.structure:
            parts.append(_list([s.text() for s in diff.text.structure]))
        for c in diff.text.changes:
            parts.append(f'<h3 lang="en">{esc(c.label)} [{esc(c.lang)}] {esc(c.field)}</h3>\n'
                         f'<p class="redline" lang="{esc(c.lang)}">{_ops_html(c.ops)}</p>\n')
    if diff.facts:
        parts.append("<h2>Facts</h2>\n" + _list([f.text() for f in diff.facts]))
    if diff.empty:
        parts.append("<p>No changes.</p>\n")
    return document_page(lang="en", title=f"What changed since {since}", body_html="".join(parts),
                         back="Privacy policy")


def since_files(policy_dir: Path, since: str,
                src: Sources) -> tuple[dict[str, str], list[Diagnostic]]:
    """Files to add to the site and any problem building them (never raises for bad input)."""
    del src  # the diff reads the folder itself, the same way `policy diff` does
    try:
        from engine.diff import diff_since
    except ImportError:
        return {}, [make("RENDER005", f"--since {since}: the semantic diff (engine.diff) is "
                         "not available", str(policy_dir))]
    try:
        diff = diff_since(since, policy_dir)
    except PolicyLoadError as exc:
        return {}, [*exc.diagnostics, make("RENDER005", f"--since {since}: the diff could not "
                                           "be computed", str(policy_dir))]
    return {PAGE_NAME: since_page(diff, since)}, []
