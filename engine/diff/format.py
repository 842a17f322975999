"""Formats of a diff for people and machines: text, JSON and Markdown (a pull-request comment).

The text is laid out once (`format_text`) for every language, each part said by a wording
(`TextWording`): English here by vocabulary ids, which are the engine's API ("now allowed:
use contact for research (clause 4.2.8)"), Japanese and Russian in the reader's words by
render/redline.py. The HTML redline page lives in render/redline.py too.
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
from .facts import FactChange
from .origins import OriginChange
from .result import PolicyDiff
from .text import Op, StructureChange, TextChange
from .vocabulary import TermChange

CONTEXT_CHARS = 40


class UseChange(Protocol):
    """A declared use the change affects (engine.uses.AffectedUse); diff only formats it: by
    its ids (`text`, as CI reads it) or in a sentence in a language."""

    def text(self) -> str: ...

    def sentence(self, lang: str, policy: CompiledPolicy) -> str: ...

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


class TextWording(Protocol):
    """How one language says the parts of a diff's text: the statements, the terms, the units
    and the rest; `format_text` lays them out, the same for every language. `IdWording` is
    English as CI reads it (vocabulary ids and keys); render/redline.py says them in the
    reader's words."""

    lang: str  # the language of the lines engine/commandwords.py says (header, counts)
    label_sep: str  # between a place and what changed there: ": ", "："
    nothing: str  # when nothing changed

    def heading(self, part: str) -> str | None:
        """The line over a part ("why", "uses", "vocabulary", "text", "facts", "origins");
        None: none."""
        ...

    def answers(self, classification: str) -> str: ...

    def bump(self, level: str) -> str:
        """The bump `level` the change needs, with the version it gives."""
        ...

    def why(self, reasons: Sequence[str]) -> Sequence[str]:
        """The reasons for the bump, one a line (`reasons`: classify.required_level's)."""
        ...

    def statement(self, s: Statement) -> str: ...

    def use(self, u: UseChange) -> str: ...

    def term(self, v: TermChange) -> str: ...

    def structure(self, s: StructureChange) -> str: ...

    def where(self, c: TextChange) -> str:
        """The unit, language and field a text change is in."""
        ...

    def fact(self, f: FactChange) -> str: ...

    def origin(self, o: OriginChange) -> str:
        """An edition's or a unit's origin that changed (what the pages say of its words)."""
        ...


# The classification of the decisions (json: "classification"), as the text line says it.
_ANSWERS = {"none": "unchanged", "expands": "allow more", "narrows": "allow less",
            "both": "allow more and less"}
_HEADINGS = {"uses": "Declared uses:", "vocabulary": "Vocabulary:", "text": "Text:",
             "facts": "Facts:", "origins": "Origin:"}


class IdWording:
    """English for reviewers and CI: statements, terms and units by their vocabulary ids and
    keys, as the engine's API names them ("now denied: disclose contact for research")."""

    lang = "en"
    label_sep = ": "
    nothing = "no changes"

    def __init__(self, diff: PolicyDiff) -> None:
        self.diff = diff

    def heading(self, part: str) -> str | None:
        return _HEADINGS.get(part)

    def answers(self, classification: str) -> str:
        return _ANSWERS[classification]

    def bump(self, level: str) -> str:
        if level == "none":
            return level.upper()
        return f"{level.upper()} (expected {bump(self.diff.base.version, level)})"

    def why(self, reasons: Sequence[str]) -> Sequence[str]:
        return [f"because: {r}" for r in reasons]

    def statement(self, s: Statement) -> str:
        return statement_text(s, self.diff)

    def use(self, u: UseChange) -> str:
        return u.text()

    def term(self, v: TermChange) -> str:
        return v.text()

    def structure(self, s: StructureChange) -> str:
        return s.text()

    def where(self, c: TextChange) -> str:
        return _where(c)

    def fact(self, f: FactChange) -> str:
        return f.text()

    def origin(self, o: OriginChange) -> str:
        return o.text()


def format_text(diff: PolicyDiff, findings: Sequence[Diagnostic] = (),
                uses: Sequence[UseChange] = (),
                line: Callable[[Diagnostic], str] = str,
                names: tuple[str, str] | None = None,
                wording: TextWording | None = None, check: bool = False) -> str:
    """`policy diff`'s text, every language laid out alike and each part said by `wording`
    (English by ids, `IdWording`, when None): the sides (by `names` when given, as a person
    knows them, the caller's words; else their labels, a commit with its hash), the version
    and the bump it needs, why, the counts, then what changed; the findings, each as `line`
    says it (the command gives the reader's language: engine/cli/output.py); with `check`,
    whether the change may be merged."""
    said = wording if wording is not None else IdWording(diff)
    lang = said.lang
    level, reasons = required_level(diff)
    base, head = names or (diff.base.label, diff.head.label)
    d = diff.decisions
    lines = [say("diff_header", lang, base=base, head=head),
             say("diff_version", lang, base=diff.base.version, head=diff.head.version,
                 answers=said.answers(diff.classification), bump=said.bump(level))]
    why = said.why(reasons)
    if why:
        _part(lines, said.heading("why"), why)
    lines.append(say("diff_counts", lang, compared=d.questions_compared,
                     allowed=len(d.newly_allowed), denied=len(d.newly_denied)))
    lines.extend(f"  {said.statement(s)}" for s in d.statements)
    if uses:
        _part(lines, said.heading("uses"), [said.use(u) for u in uses])
    if diff.vocabulary:
        _part(lines, said.heading("vocabulary"), [said.term(v) for v in diff.vocabulary])
    if diff.text is None:
        lines.append(say("diff_no_text", lang))
    elif diff.text.structure or diff.text.changes:
        _part(lines, said.heading("text"),
              [*(said.structure(s) for s in diff.text.structure),
               *(f"{said.where(c)}{said.label_sep}{inline_ops(c.ops)}"
                 for c in diff.text.changes)])
    if diff.facts:
        _part(lines, said.heading("facts"), [said.fact(f) for f in diff.facts])
    if diff.origins:
        _part(lines, said.heading("origins"), [said.origin(o) for o in diff.origins])
    lines.extend(line(f) for f in findings)
    if diff.empty:
        lines.append(said.nothing)
    if check:
        errors = sum(1 for f in findings if f.severity.name == "ERROR")
        lines.append(say("diff_check_failed", lang, n=errors) if errors
                     else say("diff_check_ok", lang))
    return "\n".join(lines) + "\n"


def _part(lines: list[str], heading: str | None, items: Sequence[str]) -> None:
    """A part of the text: its heading, if it has one, then its items, indented."""
    if heading is not None:
        lines.append(heading)
    lines.extend(f"  {item}" for item in items)


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
    if diff.origins:
        # no words change (so no bump), but the pages tell readers something else of them
        out += ["### Origin", "", "| edition | part | before | after |", "|---|---|---|---|"]
        out.extend(f"| {o.lang} | {_md_escape('edition' if o.edition else o.label)} | "
                   f"{o.old or '-'} | {o.new} |" for o in diff.origins)
        out.append("")
    if findings:
        out += ["### Release check", ""]
        out.extend(f"- ❌ `{f.code}` {_md_escape(f.message)}" for f in findings)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
