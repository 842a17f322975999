"""CHANGELOG.md in Keep a Changelog format: parse its entries, find a version, open a new entry.

An entry starts with a level-2 heading `## [1.2.0] - 2026-12-01` (or `## [Unreleased]`);
its sections are level-3 headings (`### Added`, `### Changed`, …) holding list items.
Opening an entry inserts text and changes nothing else in the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import patterns
from .values import record

_ENTRY = patterns.compile(
    r"^##\s+\[?(?P<version>[^\]\s]+)\]?(?:\s+[-–—]\s+(?P<date>\d{4}-\d{2}-\d{2}))?\s*(?P<rest>.*)$")
_SECTION = patterns.compile(r"^###\s+(?P<name>.+?)\s*$")

SECTION_ORDER = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
DEFAULT_TITLE = "# Changelog\n"


@record
class Entry:
    version: str  # "1.2.0" or "Unreleased"
    date: str | None
    line: int  # 1-based line of the heading
    end: int  # 1-based line after the entry's last line
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (section name, its list items)


@record
class Changelog:
    text: str
    entries: tuple[Entry, ...]

    def find(self, version: str) -> Entry | None:
        for entry in self.entries:
            if entry.version.lower() == version.lower():
                return entry
        return None

    @property
    def versions(self) -> tuple[str, ...]:
        return tuple(e.version for e in self.entries if e.version.lower() != "unreleased")


def parse(text: str) -> Changelog:
    lines = text.split("\n")
    heads: list[tuple[int, str, str | None]] = []
    in_fence = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not line.startswith("## "):
            continue
        m = _ENTRY.match(line)
        if m:
            heads.append((i, m.group("version"), m.group("date")))
    entries: list[Entry] = []
    for n, (start, version, date) in enumerate(heads):
        stop = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        # An entry ends before link reference definitions at the bottom of the file.
        while stop > start + 1 and (not lines[stop - 1].strip()
                                    or patterns.compile(r"^\[[^\]]+\]:\s").match(lines[stop - 1])):
            stop -= 1
        sections: list[tuple[str, list[str]]] = []
        for line in lines[start + 1:stop]:
            sm = _SECTION.match(line)
            if sm:
                sections.append((sm.group("name"), []))
            elif line.lstrip().startswith(("- ", "* ")) and sections:
                sections[-1][1].append(line.strip()[2:])
        entries.append(Entry(version, date, start + 1, stop + 1,
                             tuple((name, tuple(items)) for name, items in sections)))
    return Changelog(text, tuple(entries))


def render_entry(version: str, date: str, sections: Mapping[str, Sequence[str]]) -> str:
    """The Markdown of one entry, sections in Keep a Changelog order."""
    out = [f"## [{version}] - {date}", ""]
    names = [s for s in SECTION_ORDER if s in sections] + sorted(
        s for s in sections if s not in SECTION_ORDER)
    for name in names:
        items = sections[name]
        if not items:
            continue
        out.append(f"### {name}")
        out.extend(f"- {item}" for item in items)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def open_entry(text: str, version: str, date: str, sections: Mapping[str, Sequence[str]]) -> str:
    """`text` with a new entry for `version`, placed after `[Unreleased]` (if any) and before the
    newest release. The text is returned unchanged if the version already has an entry."""
    log = parse(text)
    if log.find(version) is not None:
        return text
    block = render_entry(version, date, sections)
    if not text.strip():
        return DEFAULT_TITLE + "\n" + block
    lines = text.split("\n")
    releases = [e for e in log.entries if e.version.lower() != "unreleased"]
    unreleased = log.find("Unreleased")
    if unreleased is not None:
        at = unreleased.end - 1  # 0-based index of the first line after the entry
    elif releases:
        at = releases[0].line - 1
    else:
        at = len(lines)
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        lines[at:at] = [""]
        at += 1
    # The block ends with its own last line; separate it from its neighbours by one blank line.
    insert = block.rstrip("\n").split("\n")
    if at > 0 and lines[at - 1].strip():
        insert = ["", *insert]
    if at >= len(lines) or lines[at].strip():
        insert = [*insert, ""]
    lines[at:at] = insert
    out = "\n".join(lines)
    return out if out.endswith("\n") else out + "\n"


def retitle_entry(text: str, version: str, new_version: str, date: str) -> str:
    """`text` with the heading of `version`'s entry renamed to `new_version` and dated `date`;
    its sections and everything else unchanged (a pending revision whose date was corrected)."""
    log = parse(text)
    entry = log.find(version)
    if entry is None:
        return text
    lines = text.split("\n")
    lines[entry.line - 1] = f"## [{new_version}] - {date}"
    return "\n".join(lines)
