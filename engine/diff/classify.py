"""Version discipline: the bump a change requires, and `--check` of version, date and changelog.

MAJOR when the policy allows more (`expands` or `both`); MINOR when it narrows, or adds,
removes or re-members clauses or vocabulary terms; PATCH for wording, translations, labels
and facts such as the contact address. Bookkeeping of a release (the version itself, the
revision history, a translation's `revised`) requires nothing, nor does a change of where an
edition's or a unit's words come from (`origin`, `diff.origins`): it changes no word of the
policy, only what the pages tell readers of them, like a lawyer's sign-off (`approvals:`),
and the words `policy revise` or `policy xliff import` mark so are counted as the wording
they are. The diff reports it; `--check` asks for no version for it.
"""

from __future__ import annotations

from .. import patterns
from ..changelog import parse as parse_changelog
from ..findings import Diagnostic, make  # DIFF001-003: declared in engine/findings.py
from .result import PolicyDiff, Side
from .text import StructureChange, TextChange, TextDiff

LEVELS = ("none", "patch", "minor", "major")
_SEMVER = patterns.compile(r"^(\d+)\.(\d+)\.(\d+)$")


RELEASE_NOTES = "footer.revisions."


def required_level(diff: PolicyDiff) -> tuple[str, tuple[str, ...]]:
    """The bump this change needs, with the reasons that set it (most severe first), as the
    machine formats and reviewers read them (counts included)."""
    reasons = _reasons(diff)
    if not reasons:
        return "none", ()
    return LEVELS[reasons[0][0]], tuple(text for _lvl, _why, text in reasons)


def bump_changes(text: TextDiff) -> tuple[list[StructureChange], list[TextChange]]:
    """What of a text diff counts towards the bump: the units added, removed, moved or
    renumbered, and the texts reworded (those of added or removed units are counted with the
    structure). A revision's own release note (footer.revisions.<id>) is part of the release,
    like its version and date: it never sets the bump by itself, nor is it named as a reason
    (the change report's "why" reads this too)."""
    structure = [s for s in text.structure if not s.key.startswith(RELEASE_NOTES)]
    reworded = [c for c in text.changes if c.base is not None and c.head is not None
                and not c.key.startswith(RELEASE_NOTES)]
    return structure, reworded


def _count(n: int, noun: str) -> str:
    """`n` and the English noun in its form for n: "1 unit", "3 units", "2,624 questions" (as
    the counts of questions on the next line are written)."""
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


def _reasons(diff: PolicyDiff) -> list[tuple[int, str, str]]:
    """Each reason for a bump, most severe first: its level (an index of LEVELS), its key
    among the words a finding names it by (`why:…` in engine/saying.py), and its text."""
    reasons: list[tuple[int, str, str]] = []
    cls = diff.classification
    if cls in ("expands", "both"):
        reasons.append((3, "why:allows_more", f"allows more ({_count(len(diff.decisions.newly_allowed), 'question')} "
                                              "newly allowed)"))
    if cls in ("narrows", "both"):
        reasons.append((2, "why:allows_less", f"allows less ({_count(len(diff.decisions.newly_denied), 'question')} "
                                              "newly denied)"))
    if diff.text is not None:
        structure, reworded = bump_changes(diff.text)
        added = [s for s in structure if s.change == "added"]
        removed = [s for s in structure if s.change == "removed"]
        if added:
            reasons.append((2, "why:units_added", f"{_count(len(added), 'unit')} added"))
        if removed:
            reasons.append((2, "why:units_removed", f"{_count(len(removed), 'unit')} removed"))
        if any(s.change in ("moved", "renumbered") for s in structure):
            reasons.append((1, "why:units_moved", "units moved or renumbered"))
        if any(c.master for c in reworded):
            reasons.append((1, "why:master_wording", "master wording changed"))
        other = sorted({c.lang for c in reworded if not c.master})
        if other:
            reasons.append((1, "why:translations", "translations changed: " + ", ".join(other)))
    vocab = [v for v in diff.vocabulary if v.change in ("added", "removed", "members")]
    if vocab:
        reasons.append((2, "why:vocabulary",
                        f"{_count(len(vocab), 'vocabulary term')} added, removed or given other "
                        "members"))
    if any(v.change == "relabelled" for v in diff.vocabulary):
        reasons.append((1, "why:labels", "vocabulary labels changed"))
    facts = [f for f in diff.facts if not f.release]
    if facts:
        reasons.append((1, "why:facts",
                        "facts changed: " + ", ".join(sorted({f.field for f in facts}))))
    reasons.sort(key=lambda r: -r[0])
    return reasons


def parse_version(version: str) -> tuple[int, int, int] | None:
    m = _SEMVER.match(version)
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def bump(version: str, level: str) -> str:
    """`version` raised by `level` (none leaves it)."""
    parts = parse_version(version)
    if parts is None:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch = parts
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def _where(side: Side, path: tuple[str | int, ...]) -> tuple[str, int, int]:
    doc = side.master_doc
    if doc is None:
        return side.label, 0, 0
    pos = doc.pos(path)
    return doc.file, pos.line, pos.col


def check_release(diff: PolicyDiff) -> list[Diagnostic]:
    """The findings of `policy diff --check`: each says what to fix, in every language (their
    parameters fill the words of engine/basewords.py)."""
    reasons = _reasons(diff)
    level = LEVELS[reasons[0][0]] if reasons else "none"
    base, head = diff.base, diff.head
    found: list[Diagnostic] = []
    expected = bump(base.version, level)
    revise = "run `policy revise --date YYYY-MM-DD`"
    if head.version != expected:
        file, line, col = _where(head, ("facts", "version"))
        if level == "none" and diff.origins:
            # something changed, but not the words: say what, not "nothing changed"
            found.append(make(
                "DIFF001", f"version changed {base.version} -> {head.version}, but only "
                "where the words come from changed (origin:), which needs no new version; "
                f"keep {base.version}", file, line, col,
                params={"form": "origins", "base": base.version, "version": head.version}))
        elif level == "none":
            found.append(make(
                "DIFF001", f"version changed {base.version} -> {head.version}, but nothing in "
                f"the policy changed; keep {base.version}", file, line, col,
                params={"form": "none", "base": base.version, "version": head.version}))
        else:
            # The reason in plain words, without the machine's counts (the diff lists them).
            from ..saying import word

            why = reasons[0][1]
            found.append(make(
                "DIFF001", f"change requires a {level.upper()} bump ({word(why, 'en')}): "
                f"version should be {expected}, not {head.version}", file, line, col,
                hint=revise, params={"level": f"level:{level}", "why": why,
                                     "expected": expected, "version": head.version}))
    if level == "none":
        return found
    moved = head.latest_date() > base.latest_date()
    added = head.master is None or len(head.revision_dates()) > len(base.revision_dates())
    if not (moved and added):
        file, line, col = _where(head, ("facts", "revisions"))
        latest = head.latest_date()
        found.append(make(
            "DIFF002", f"revision date did not move (still {latest}); add an entry "
            "to facts.revisions with the date of this revision", file, line, col,
            hint=revise, params={"date": latest}))
    if head.master is not None:  # every revision needs the legal team's note in each edition
        from ..checks.notes import notes_findings

        found.extend(notes_findings(head.master, head.translations, head.documents))
    log_name = head.changelog_name
    if head.changelog is None:
        found.append(make("DIFF003", f"no {log_name} found; add one with an entry "
                          f"'## [{expected}] - DATE'", log_name,
                          params={"form": "file", "log": log_name, "version": expected}))
    else:
        log = parse_changelog(head.changelog)
        # Until the version is bumped, ask for the entry of the version it should become.
        wanted = head.version if head.version != base.version else expected
        entry = log.find(wanted)
        if entry is None:
            unreleased = log.find("Unreleased")
            line = unreleased.line if unreleased else (log.entries[0].line if log.entries else 1)
            found.append(make("DIFF003", f"{log_name} has no entry for version {wanted}; "
                              f"add '## [{wanted}] - DATE' listing the change", log_name,
                              line, 1, hint="`policy revise --date YYYY-MM-DD` writes it for "
                                            "you; then say in it what changed",
                              params={"log": log_name, "version": wanted}))
        elif entry.date is not None and entry.date != head.latest_date():
            latest = head.latest_date()
            found.append(make("DIFF003", f"{log_name} dates version {wanted} {entry.date}, but "
                              f"the policy's latest revision is {latest}",
                              log_name, entry.line, 1,
                              hint="make the entry's date the revision date",
                              params={"form": "date", "log": log_name, "version": wanted,
                                      "entry_date": entry.date, "date": latest}))
    return found
