"""Formats of a diff for people and machines: text, JSON and Markdown (a pull-request comment).

The HTML redline page lives in render/redline.py. Statements are written with vocabulary ids,
which are the engine's API: "now allowed: use contact for research (clause 4.2.8)".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from ..commandwords import say
from ..decide import CompiledPolicy
from ..findings import Diagnostic
from .classify import bump, required_level
from .decisions import Statement
from .result import PolicyDiff
from .text import Op, TextChange

CONTEXT_CHARS = 40


class UseChange(Protocol):
    """A declared use the change affects (engine.uses.AffectedUse); diff only formats it."""

    def text(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...


def _terms(ids: Sequence[str], kind: str, policies: Iterable[CompiledPolicy]) -> str:
    """`a, b` — or `any purpose` / `every member of <group>` when the set is exactly that."""
    chosen = set(ids)
    pols = list(policies)
    leaves: set[str] = set()
    for p in pols:
        leaves |= {t for t, e in p.vocabulary[kind].items() if "members" not in e}
    noun = {"actions": "action", "data": "data", "purposes": "purpose"}[kind]
    if len(chosen) > 1 and chosen == leaves:
        return f"any {noun}"
    for p in pols:
        for term, entry in sorted(p.vocabulary[kind].items()):
            if len(chosen) > 2 and "members" in entry and set(entry["members"]) == chosen:
                return f"{term} (all {len(chosen)})"
    return ", ".join(ids)


def statement_text(s: Statement, diff: PolicyDiff) -> str:
    pols = (diff.head.policy, diff.base.policy)
    if s.group:  # the group names are the point here; do not fold them into other groups
        data, purposes = ", ".join(s.data), ", ".join(s.purposes)
    else:
        data = _terms(s.data, "data", pols)
        purposes = _terms(s.purposes, "purposes", pols)
    head = "now allowed" if s.change == "allowed" else "now denied"
    group = " [group query]" if s.group else ""
    text = f"{head}: {s.action} {data} for {purposes}{group}"
    condition = s.condition_text()
    if condition != "in any context":
        text += f" {condition}"
    cites = _cite(s.clauses)
    was = _cite(s.was)
    if s.change == "allowed":
        notes = [f"clause {cites}" if cites else "group membership changed"]
        if was:
            notes.append(f"before: denied by clause {was}")
    else:
        if s.group:
            notes = ["group membership changed"]
        elif s.reason == "forbidden":
            notes = [f"forbidden by clause {cites}"]
        elif s.reason == "condition_failed":
            notes = [f"condition of clause {cites} not met"]
        else:
            notes = ["no permission remains"]
        if was:
            notes.append(f"was allowed by clause {was}")
    return f"{text} ({'; '.join(notes)})"


def _cite(refs: Sequence[tuple[str, str]]) -> str:
    return ", ".join(n for _i, n in refs)


def inline_ops(ops: Sequence[Op], context: int = CONTEXT_CHARS) -> str:
    """`…kept [-deleted-]{+inserted+} kept…`, long unchanged runs shortened."""
    out: list[str] = []
    for i, (tag, text) in enumerate(ops):
        flat = " ".join(text.split("\n"))
        if tag == "=":
            if len(flat) > 2 * context:
                first, last = i == 0, i == len(ops) - 1
                if first:
                    flat = "…" + flat[-context:]
                elif last:
                    flat = flat[:context] + "…"
                else:
                    flat = flat[:context] + " … " + flat[-context:]
            out.append(flat)
        elif tag == "-":
            out.append(f"[-{flat}-]")
        else:
            out.append(f"{{+{flat}+}}")
    return "".join(out)


def _where(c: TextChange) -> str:
    return f"{c.label} [{c.lang}] {c.field}"


# The classification of the decisions (json: "classification"), as the text line says it.
_ANSWERS = {"none": "unchanged", "expands": "allow more", "narrows": "allow less",
            "both": "allow more and less"}


def headline(diff: PolicyDiff, names: tuple[str, str] | None = None) -> list[str]:
    """The sides (by `names` when given: as a person knows them, the caller's words; else
    their labels, a commit with its hash), the version and the bump it needs, and why."""
    level, reasons = required_level(diff)
    base, head = names or (diff.base.label, diff.head.label)
    needed = level.upper() + (f" (expected {bump(diff.base.version, level)})"
                              if level != "none" else "")
    lines = [say("diff_header", base=base, head=head),
             say("diff_version", base=diff.base.version, head=diff.head.version,
                 answers=_ANSWERS[diff.classification], bump=needed)]
    lines.extend(f"  because: {r}" for r in reasons)
    return lines


def format_text(diff: PolicyDiff, findings: Sequence[Diagnostic] = (),
                uses: Sequence[UseChange] = (),
                line: Callable[[Diagnostic], str] = str,
                names: tuple[str, str] | None = None) -> str:
    """The diff for reviewers (statements by vocabulary id), then the findings, each as
    `line` says it (the command gives the reader's language: engine/cli/output.py); the
    sides named as `headline` names them. In Japanese and Russian the command says it all in
    the reader's words (render/redline.py `render_diff_text`)."""
    lines = headline(diff, names)
    d = diff.decisions
    lines.append(say("diff_counts", compared=d.questions_compared,
                     allowed=len(d.newly_allowed), denied=len(d.newly_denied)))
    lines.extend(f"  {statement_text(s, diff)}" for s in d.statements)
    if uses:
        lines.append("Declared uses:")
        lines.extend(f"  {u.text()}" for u in uses)
    if diff.vocabulary:
        lines.append("Vocabulary:")
        lines.extend(f"  {v.text()}" for v in diff.vocabulary)
    if diff.text is None:
        lines.append(say("diff_no_text"))
    elif diff.text.structure or diff.text.changes:
        lines.append("Text:")
        lines.extend(f"  {s.text()}" for s in diff.text.structure)
        for c in diff.text.changes:
            lines.append(f"  {_where(c)}: {inline_ops(c.ops)}")
    if diff.facts:
        lines.append("Facts:")
        lines.extend(f"  {f.text()}" for f in diff.facts)
    lines.extend(line(f) for f in findings)
    if diff.empty:
        lines.append("no changes")
    return "\n".join(lines) + "\n"


def format_json(diff: PolicyDiff, findings: Sequence[Diagnostic] = (),
                uses: Sequence[UseChange] = ()) -> str:
    body = diff.to_json(*required_level(diff))
    body["statements"] = [statement_text(s, diff) for s in diff.decisions.statements]
    body["uses"] = [u.to_json() for u in uses]
    body["check"] = [f.to_json() for f in findings]
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _md_escape(text: str) -> str:
    out = text
    for ch in "\\`*_[]<>#|~":
        out = out.replace(ch, "\\" + ch)
    return out


def format_markdown(diff: PolicyDiff, findings: Sequence[Diagnostic] = (),
                    uses: Sequence[UseChange] = ()) -> str:
    """A pull-request comment: summary, statements, then collapsible text changes."""
    level, reasons = required_level(diff)
    d = diff.decisions
    out = [
        "## Policy diff",
        "",
        f"**{_md_escape(diff.base.label)}** → **{_md_escape(diff.head.label)}** · "
        f"version `{diff.base.version}` → `{diff.head.version}` · classification "
        f"**{diff.classification}** · required bump **{level.upper()}**"
        + (f" (`{bump(diff.base.version, level)}`)" if level != "none" else ""),
        "",
    ]
    out.extend(f"- {_md_escape(r)}" for r in reasons)
    if reasons:
        out.append("")
    out += [f"### Decisions ({d.questions_compared:,} questions compared: "
            f"{len(d.newly_allowed):,} newly allowed, {len(d.newly_denied):,} newly denied)", ""]
    if d.statements:
        out.extend(f"- {_md_escape(statement_text(s, diff))}" for s in d.statements)
    else:
        out.append("No decision changes.")
    out.append("")
    if uses:
        out += ["### Declared uses", ""]
        out.extend(f"- {_md_escape(u.text())}" for u in uses)
        out.append("")
    if diff.vocabulary:
        out += ["### Vocabulary", ""]
        out.extend(f"- {_md_escape(v.text())}" for v in diff.vocabulary)
        out.append("")
    if diff.text is not None and (diff.text.structure or diff.text.changes):
        out += ["### Text", ""]
        out.extend(f"- {_md_escape(s.text())}" for s in diff.text.structure)
        if diff.text.structure:
            out.append("")
        for c in diff.text.changes:
            out += [f"<details><summary>{_md_escape(_where(c))}</summary>", "", "~~~~diff"]
            out.extend(f"- {line}" for line in c.old.replace("~~~~", "~ ~ ~ ~").split("\n")
                       if c.old)
            out.extend(f"+ {line}" for line in c.new.replace("~~~~", "~ ~ ~ ~").split("\n")
                       if c.new)
            out += ["~~~~", "", "</details>", ""]
    if diff.facts:
        out += ["### Facts", "", "| edition | fact | before | after |", "|---|---|---|---|"]
        out.extend(f"| {f.lang} | {f.field} | {_md_escape(f.old or '-')} | "
                   f"{_md_escape(f.new or '-')} |" for f in diff.facts)
        out.append("")
    if findings:
        out += ["### Release check", ""]
        out.extend(f"- ❌ `{f.code}` {_md_escape(f.message)}" for f in findings)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
