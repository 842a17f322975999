"""Format diagnostics for people and machines: text, JSON (and GitHub annotations, SARIF)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .diagnostics import Diagnostic, Severity


def summary_counts(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
    for d in diagnostics:
        counts[str(d.severity)] += 1
    return counts


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """One line per finding, `file:line:col: CODE message (hint)`, then a summary line."""
    lines = []
    for d in diagnostics:
        lines.append(str(d) if d.severity is Severity.ERROR else
                     f"{d.location}: {d.code} [{d.severity}] {d.message}"
                     + (f" ({d.hint})" if d.hint else ""))
        lines.extend(f"    {extra}" for extra in d.detail)
    c = summary_counts(diagnostics)
    lines.append(f"{c['error']} error(s), {c['warning']} warning(s), {c['note']} note(s)")
    return "\n".join(lines) + "\n"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps(
        {"diagnostics": [d.to_json() for d in diagnostics], "summary": summary_counts(diagnostics)},
        ensure_ascii=False, indent=2, sort_keys=True,
    ) + "\n"
