"""The human text of `policy check`, `validate` and `build`: what a lawyer or translator reads.

Findings are told in plain words, by printed number and title, in this order:

1. the master's own findings first (a problem there is the one to fix);
2. while the master has errors, translation findings that follow from them (parity, drift,
   untranslated text, invariants) are held back, and the report says how many;
3. master changes awaiting translation are grouped by the change: "clause 10 メール配信の停止
   changed → ru, en need translating", with the old and new Japanese; this is the state
   "needs translation", not an error the editor made;
4. every other finding by file and unit.

No fingerprints, git hashes or zero-based data paths are shown; a finding keeps its
`file:line:col` (editors jump to it) and its code (to look it up or waive it). Colour only on a
terminal, never with NO_COLOR. The machine formats (JSON, GitHub, SARIF) live in report.py
and keep every field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity
from .loader import Sources
from .model import master_units, translation_units
from .wording import humanize_paths, language_name, paint, short, unit_label

# Translation findings that follow from the master (they compare with it): held back while the
# master has errors of the kinds that spoil the comparison (it cannot be read, or its shape,
# ids or references are wrong).
DERIVED_FAMILIES = ("PARITY", "DRIFT", "L10N", "INV", "LANG")
MASTER_BLOCKING = ("IO", "YAML", "SCHEMA", "POLICY")
NEEDS_TRANSLATION = "DRIFT001"
UNREVIEWED = "DRIFT002"
NOT_READY = "Not ready to publish: "

_PREVIOUS = re.compile(r"^previous \S+ \([^)]*\): (?P<text>.*)$")
_CHANGE = re.compile(r"^change: (?P<text>.*)$")
_FINGERPRINTS = re.compile(r"\s*\((?:from )?[0-9a-f]{10}(?: to [0-9a-f]{10})?\)")


@dataclass(slots=True)
class Names:
    """How each unit is named, per language: unit id -> (printed number, title or first words)."""

    by_lang: dict[str, dict[str, tuple[str, str | None, str]]] = field(default_factory=dict)
    master_lang: str = "ja"
    master_file: str = ""
    data: dict[str, object] = field(default_factory=dict)  # file -> plain data (for paths)
    langs: dict[str, str] = field(default_factory=dict)  # file -> language

    def label(self, unit: str | None, lang: str | None = None) -> str:
        if unit is None:
            return "the file as a whole"
        for which in (lang, self.master_lang):
            found = self.by_lang.get(which or "", {}).get(unit)
            if found is not None:
                return unit_label(*found)
        return unit_label("", None, unit)


def names_of(src: Sources | None) -> Names:
    names = Names()
    if src is None:
        return names
    for lang, doc in src.documents.items():
        names.data[doc.file] = doc.data
        names.langs[doc.file] = lang
    if src.master_doc is not None:
        doc = src.master_doc
        names.master_file = doc.file
        names.data[doc.file] = doc.data
        declared = doc.data.get("lang") if isinstance(doc.data, dict) else None
        if isinstance(declared, str):
            names.master_lang = declared
            names.langs[doc.file] = declared
    if src.master is None:
        return names

    def title(u_title: str | None, u_text: str | None) -> str | None:
        return u_title or (short(u_text, 30) if u_text else None)

    names.by_lang[src.master.lang] = {
        (u.id_path or u.key): (u.number, title(u.title, u.text), u.key)
        for u in master_units(src.master)}
    for lang, tr in src.translations.items():
        names.by_lang[lang] = {(u.id_path or u.key): (u.number, title(u.title, u.text), u.key)
                               for u, _ in translation_units(tr)}
    return names


def _derived(d: Diagnostic, master_file: str) -> bool:
    return d.file != master_file and d.code.startswith(DERIVED_FAMILIES)


# Messages whose checker wording names machinery (fingerprints), said for people instead.
_PLAIN = {"DRIFT002": "not yet checked against the master text"}


def _message(d: Diagnostic, names: Names) -> str:
    text = _PLAIN.get(d.code) or _FINGERPRINTS.sub("", d.message)
    text = humanize_paths(text, names.data.get(d.file))
    if d.hint and not d.hint.startswith("waived:"):
        text += f" ({humanize_paths(d.hint, names.data.get(d.file))})"
    elif d.hint:
        text += f" ({d.hint})"
    return text


def _finding(d: Diagnostic, names: Names, colour: bool) -> list[str]:
    sev = {Severity.ERROR: ("error", "red"), Severity.WARNING: ("warning", "yellow"),
           Severity.NOTE: ("note", "dim")}[d.severity]
    head = (f"    {d.location}: {paint(sev[0], sev[1], colour)}: {_message(d, names)} "
            f"{paint('[' + d.code + ']', 'dim', colour)}")
    return [head]


def _file_title(file: str, names: Names) -> str:
    lang = names.langs.get(file)
    if not file:
        return "The policy"
    if lang is None:
        return file
    role = "the master" if file == names.master_file else "translation"
    return f"{file} ({language_name(lang)}, {role})"


def _translation_groups(found: Sequence[Diagnostic], names: Names, colour: bool) -> list[str]:
    """DRIFT001 findings, one group per master unit that changed."""
    by_unit: dict[str, list[Diagnostic]] = {}
    for d in found:
        by_unit.setdefault(d.unit or "", []).append(d)
    lines: list[str] = []
    order = list(names.by_lang.get(names.master_lang, {}))
    for unit, items in sorted(by_unit.items(), key=lambda kv: (
            order.index(kv[0]) if kv[0] in order else len(order), kv[0])):
        langs = sorted({d.lang or "?" for d in items})
        label = names.label(unit or None, names.master_lang)
        verb = "needs" if len(langs) == 1 else "need"
        lines.append(f"  {label[0].upper() + label[1:]} changed → "
                     f"{paint(', '.join(langs), 'yellow', colour)} {verb} translating")
        first = items[0]
        old = next((m.group("text") for x in first.detail if (m := _PREVIOUS.match(x))), None)
        change = next((m.group("text") for x in first.detail if (m := _CHANGE.match(x))), None)
        if change is not None:
            lines.append(f"      what changed: {change}")
        elif old is None:
            lines.append("      (the earlier text could not be found in the history)")
        where = ", ".join(f"{d.location}" for d in items)
        lines.append(f"      translate it at {where},")
        number = names.by_lang.get(names.master_lang, {}).get(unit, ("", None, ""))[0] or unit
        lines.append("      then: " + "; ".join(f"policy stamp {lang} {number}"
                                                 for lang in langs))
    return lines


def format_human(diagnostics: Sequence[Diagnostic], src: Sources | None = None, *,
                 colour: bool = False, tail: str | None = None, strict: bool = False) -> str:
    """The whole report; `tail` replaces the closing sentence (build says what it did)."""
    names = names_of(src)
    master_file = names.master_file
    master_errors = [d for d in diagnostics
                     if d.file == master_file and d.severity is Severity.ERROR
                     and d.code.startswith(MASTER_BLOCKING)]
    held: list[Diagnostic] = []
    shown: list[Diagnostic] = []
    for d in diagnostics:
        if master_errors and _derived(d, master_file):
            held.append(d)
        else:
            shown.append(d)
    stale = [d for d in shown if d.code == NEEDS_TRANSLATION]
    rest = [d for d in shown if d.code != NEEDS_TRANSLATION]
    lines: list[str] = []
    files = sorted({d.file for d in rest}, key=lambda f: (f != master_file, f))
    for file in files:
        items = [d for d in rest if d.file == file]
        lines.append(paint(_file_title(file, names), "bold", colour))
        by_unit: dict[str | None, list[Diagnostic]] = {}
        for d in items:
            by_unit.setdefault(d.unit, []).append(d)
        for unit, group in sorted(by_unit.items(), key=lambda kv: (kv[1][0].line, kv[0] or "")):
            if unit is not None:
                lines.append(f"  {names.label(unit, names.langs.get(file))}")
            for d in group:
                lines.extend(_finding(d, names, colour))
        lines.append("")
    if stale:
        lines.append(paint("Needs translation", "bold", colour))
        lines.extend(_translation_groups(stale, names, colour))
        lines.append("")
    if held:
        langs = ", ".join(sorted({d.lang or "?" for d in held}))
        lines.append(paint(f"Held back: {len(held)} finding(s) in the translations ({langs}) "
                           "that may only follow from the master's errors; they are shown once "
                           "the master is fixed.", "yellow", colour))
        lines.append("")
    verdict = summary_sentence(shown, held, strict=strict)
    lines.append(tail if tail is not None else summary_sentence(shown, held, colour=colour,
                                                                strict=strict))
    # A clean verdict says what it did not check (the legal sign-off) in the same breath.
    if tail is None and src is not None and not verdict.startswith(NOT_READY):
        legal = legal_review_sentence(src)
        if legal:
            lines.append(legal)
    return "\n".join(lines) + "\n"


def legal_review_sentence(src: Sources) -> str | None:
    """What the tool does not check, and how far the legal sign-off has got, per edition:
    "Not checked by the tool: … Approved by a lawyer so far: Japanese 0 of 73 parts, …"."""
    if src.master is None:
        return None
    from .review import review_states

    counts = []
    for lang, states in review_states(src).items():
        done = sum(1 for s in states if s.state == "approved")
        counts.append((lang, done, len(states)))
    if not counts:
        return None
    head = "Not checked by the tool: whether the text is legally right; a lawyer decides that."
    if all(done == total for _, done, total in counts):
        return f"{head} Approved by a lawyer: every part of every edition."
    return (f"{head} Approved by a lawyer so far: " + ", ".join(
        f"{language_name(lang)} {done} of {total} parts" for lang, done, total in counts)
        + " (policy approve records a sign-off).")


def summary_sentence(shown: Sequence[Diagnostic], held: Sequence[Diagnostic] = (), *,
                     colour: bool = False, strict: bool = False) -> str:
    """One closing sentence that agrees with the exit code, and claims no more than the tool
    checked (whether the text is legally right is a lawyer's call: legal_review_sentence)."""
    problems = [d for d in shown if d.severity is Severity.ERROR and d.code != NEEDS_TRANSLATION]
    changes = {d.unit for d in shown if d.code == NEEDS_TRANSLATION}
    langs = sorted({d.lang or "?" for d in shown if d.code == NEEDS_TRANSLATION})
    warnings = [d for d in shown if d.severity is Severity.WARNING]
    parts: list[str] = []
    if problems:
        parts.append(f"{len(problems)} problem(s) to fix")
    if changes:
        parts.append(f"{len(changes)} master change(s) need translating ({', '.join(langs)})")
    if held:
        parts.append(f"{len(held)} held back")
    tail = f"; {len(warnings)} warning(s)" if warnings else ""
    if strict and warnings:
        parts.append(f"{len(warnings)} warning(s) (--strict counts them)")
        tail = ""
    if parts:
        return paint(NOT_READY + ", ".join(parts) + tail + ".", "red", colour)
    notes = sum(1 for d in shown if d.severity is Severity.NOTE)
    also = f"; {notes} note(s) above" if notes else ""
    checked = ("No problems found in what the tool checks (the YAML, the rules, and each "
               "translation against the master)")
    if warnings:
        return paint(f"{checked}, but {len(warnings)} warning(s) to look at{also}.",
                     "yellow", colour)
    return paint(f"{checked}{also}.", "green", colour)



STATE_WORDS = {"stale": "needs translation (the master changed)",
               "untranslated": "needs translation (not translated yet)",
               "unreviewed": "needs review (never checked against the master)"}


def progress_bar(done: int, total: int, width: int = 20) -> str:
    filled = width * done // total if total else width  # never full until every unit is done
    return "█" * filled + "░" * (width - filled)


def format_status(states: dict[str, dict[str, str]], src: Sources | None = None, *,
                  colour: bool = False) -> str:
    """Per language: a progress bar, then each unit that needs translation or review, by
    printed number and title (in that language's words where it has them)."""
    names = names_of(src)
    lines: list[str] = []
    for lang in sorted(states):
        per = states[lang]
        total = len(per)
        done = sum(1 for s in per.values() if s == "current")
        percent = 100 * done / total if total else 100.0
        bar = paint(progress_bar(done, total), "green" if done == total else "yellow", colour)
        lines.append(f"{language_name(lang):<9} {bar} {done} of {total} up to date "
                     f"({percent:.0f} %)")
        for state in ("stale", "untranslated", "unreviewed"):
            keys = [k for k, s in per.items() if s == state]
            if not keys:
                continue
            lines.append(f"  {STATE_WORDS[state]}:")
            for key in keys:
                unit = key.removeprefix("clause:")
                lines.append(f"    {names.label(unit, lang)}")
        todo = [k.removeprefix("clause:") for k, s in per.items() if s in ("stale", "unreviewed")]
        if todo:
            numbers = [names.by_lang.get(names.master_lang, {}).get(u, ("", None, u))[0] or u
                       for u in todo]
            lines.append(f"  after translating or reviewing them: policy stamp {lang} "
                         + " ".join(numbers))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
