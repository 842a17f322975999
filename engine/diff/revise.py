"""`policy revise`: bump the version by the pending change, record the revision, open a changelog entry.

Facts are written: facts.version and a new facts.revisions entry in the master, and
facts.version / facts.revised in each translation. Wording (the footer's release note) is the
legal team's: each edition gets a clearly marked placeholder (engine/releasenotes.py) that
`policy check` refuses until someone writes the note; in a translation whose words are the
published ones it says `origin: translated` (written here), which the note written in its place
keeps. Run again (say, to correct the date), it updates the pending revision, its placeholders
and its CHANGELOG entry in place.

The YAML is edited with the round-trip editor (engine/edit.py), so comments, key order, quoting
and line breaks survive; the edited text is then read back and must hold exactly the intended
data, or nothing is written. Files are written atomically.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..changelog import open_entry, retitle_entry
from ..changelog import parse as parse_changelog
from ..document import Document
from ..findings import Diagnostic, make, worded  # DIFF codes: the base set, not the registry's
from ..values import field, record_mutable
from .classify import bump, required_level
from .result import PolicyDiff

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

# The round-trip editor (engine/edit.py, ruamel.yaml) and the reader are imported where a file
# is edited: a dry run edits nothing and needs neither.


def _map(pairs: list[tuple[str, Any]] | None = None) -> CommentedMap:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(pairs or [])


def set_key(mapping: CommentedMap, key: str, value: Any, *, before: tuple[str, ...] = ()) -> bool:
    from ..edit import set_key as set_edited_key

    return set_edited_key(mapping, key, value, before=before)


def _base_branch(label: str) -> str | None:
    """"merge-base with main (f627c94ccf)" -> "main"; None for any other base."""
    import re

    m = re.fullmatch(r"merge-base with (?P<branch>\S+) \([0-9a-f]+\)", label)
    return m.group("branch") if m else None


def _base_in_words(label: str) -> str:
    """"merge-base with main (f627c94ccf)" -> "the last version on the main branch"; the
    commit stays in the diagnostic's detail (JSON) for developers."""
    branch = _base_branch(label)
    return f"the last version on the {branch} branch" if branch is not None else label


class RevisionError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


@record_mutable
class RevisionPlan:
    version_before: str
    version: str
    level: str
    revision_id: str
    date: dt.date
    texts: dict[Path, str] = field(default_factory=dict)  # file -> new content
    unchanged: list[Path] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    replaces: str | None = None  # id of the pending revision this one updates in place
    # each to-do as a sentence of engine/commandwords.py and its fields (said in --lang)
    todo_words: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def files(self) -> list[Path]:
        return sorted(self.texts)

    def summary(self, lang: str = "en") -> list[str]:
        """What the revision does and what is left to do, in `lang` (ja, ru, en)."""
        from ..commandwords import say

        what = say(self.level if self.level in ("patch", "minor") else "major", lang)
        lines = [say("version", lang, before=self.version_before, after=self.version,
                     what=what),
                 say("revision", lang, day=self.date.isoformat()) + (
                     say("revision_moves", lang, id=self.replaces)
                     if self.replaces and self.replaces != self.revision_id else
                     say("revision_same", lang) if self.replaces else "")]
        if lang == "en" or len(self.todo_words) != len(self.todo):
            lines.extend(f"to do: {t}" for t in self.todo)
        else:
            lines.extend(say("todo", lang, what=say(key, lang, **fields))
                         for key, fields in self.todo_words)
        return lines


# ------------------------------------------------------------------------------ edits


def _last_date_path(master: Any, last: str) -> tuple[str | int, ...]:
    """Where the date a new revision must come after is written: the `date:` of the revision
    of that day (the last one), else `effective:` (a policy never revised), else the list."""
    revisions = list(master.facts.revisions)
    for at in range(len(revisions) - 1, -1, -1):
        if str(revisions[at].date) == last:
            return ("facts", "revisions", at, "date")
    if str(master.facts.effective) == last:
        return ("facts", "effective")
    return ("facts", "revisions")


def _pos(doc: Document, path: tuple[str | int, ...]) -> tuple[int, int]:
    p = doc.pos(path)
    return p.line, p.col


def _edit(doc: Document, mutate_map: Callable[[CommentedMap], None],
          mutate_data: Callable[[dict[str, Any]], None]) -> str:
    """Round-trip edit (engine/edit.py), then prove the result reads back as exactly the
    intended data; otherwise refuse and write nothing."""
    # A revision changes facts and footer notes and reads the edition's language: only those
    # keys' lines go through the round-trip editor; the read-back below checks the whole file.
    from ..edit import EditError, edit_text
    from ..read import read_text

    where = {path[0]: (p.line, p.col) for path, p in doc.key_positions.items() if len(path) == 1}
    try:
        text = edit_text(doc.text, mutate_map, only=(("lang", "facts", "footer"), where))
    except EditError as exc:
        raise RevisionError(exc.diagnostic(doc.file)) from None
    except (KeyError, TypeError):  # facts or notes not shaped as the revision expects
        raise RevisionError(EditError("the facts or notes are not shaped as expected"
                                      ).diagnostic(doc.file)) from None
    want = copy.deepcopy(doc.data)
    mutate_data(want)
    back = read_text(text, doc.file)
    if back.document is None or back.document.data != want:
        raise RevisionError(worded("DIFF006", {"form": "more"}, doc.file, 1, 1, hint=True))
    return text


# ------------------------------------------------------------------------------ plan


def _changelog_sections(diff: PolicyDiff) -> dict[str, list[str]]:
    from .format import statement_text

    sections: dict[str, list[str]] = {"Added": [], "Changed": [], "Removed": []}
    for s in diff.decisions.statements:
        sections["Changed"].append(statement_text(s, diff).replace("now ", "Now ", 1))
    if diff.text is not None:
        for st in diff.text.structure:
            if st.change == "added":
                sections["Added"].append(st.text())
            elif st.change == "removed":
                sections["Removed"].append(st.text())
            elif st.change == "moved":
                sections["Changed"].append(st.text())
        seen: set[tuple[str, str]] = set()
        for c in diff.text.changes:
            if (c.key, c.lang) in seen or c.head is None or c.base is None:
                continue
            seen.add((c.key, c.lang))
            kind = "wording" if c.master else "translation"
            sections["Changed"].append(f"{c.label}: {kind} changed ({c.lang})")
    for v in diff.vocabulary:
        sections["Changed"].append(v.text())
    for f in diff.facts:
        if not f.release:
            sections["Changed"].append(f.text())
    return {k: v for k, v in sections.items() if v}


def _rename_note(notes: CommentedMap, old: str, new: str) -> None:
    """Move footer.revisions.<old> to <new>, keeping its place among the notes."""
    keys = list(notes.keys())
    value = notes.pop(old)
    notes.insert(keys.index(old), new, value)


def plan_revision(diff: PolicyDiff, day: dt.date, policy_dir: Path,
                  changelog: Path, *, dry_run: bool = False) -> RevisionPlan:
    """Compute every edit of a revision without writing anything (with `dry_run`, only what
    would change: no file is edited even in memory, so it answers at once).

    A revision already pending (in the working tree but not in the base) is updated in place:
    its id and date, the notes drafted for it and its CHANGELOG entry follow the new date, so
    running `policy revise` again to correct the date never adds a second revision."""
    from ..releasenotes import draft, is_placeholder
    from ..review import TRANSLATED_HERE, mark_translated, needs_translated_mark

    head = diff.head
    if head.master is None or head.master_doc is None:
        raise RevisionError(make("DIFF006", "revise needs a policy folder", str(policy_dir)))
    level, _reasons = required_level(diff)
    if level == "none" and diff.origins:
        # something changed, but not the words: no revision is needed, and none is made
        raise RevisionError(make(
            "DIFF004", "nothing to revise: only where the words come from changed (origin:), "
            "which needs no revision or new version", head.master_doc.file,
            hint="commit the change as it is", params={"form": "origins"}))
    if level == "none":
        branch = _base_branch(diff.base.label)
        raise RevisionError(make(
            "DIFF004", "nothing to revise: the policy is the same as "
            f"{_base_in_words(diff.base.label)}", head.master_doc.file,
            hint="edit it first, then run policy revise again",
            detail=(f"compared: {diff.head.label} with {diff.base.label}",),
            params={"branch": branch} if branch is not None else None))
    if day.isoformat() <= diff.base.latest_date():
        raise RevisionError(make(
            "DIFF005", f"revision date {day.isoformat()} is not after the last revision "
            f"({diff.base.latest_date()})", head.master_doc.file,
            *_pos(head.master_doc, _last_date_path(head.master, diff.base.latest_date())),
            hint=f"give a date after {diff.base.latest_date()}",
            params={"date": day.isoformat(), "last": diff.base.latest_date()}))
    version = bump(diff.base.version, level)
    rev_id = f"rev-{day.isoformat()}"
    plan = RevisionPlan(diff.base.version, version, level, rev_id, day)
    master_doc = head.master_doc
    base_ids = ({str(r.id) for r in diff.base.master.facts.revisions}
                if diff.base.master is not None else set())
    revisions = [str(r.id) for r in head.master.facts.revisions]
    pending = [i for i, rid in enumerate(revisions) if rid not in base_ids]
    at = pending[-1] if pending else None  # the pending revision updated in place
    old_id = revisions[at] if at is not None else None
    plan.replaces = old_id
    when = day.isoformat()

    def notes_map(data: CommentedMap) -> CommentedMap:
        footer = data["footer"]
        if "revisions" not in footer or footer["revisions"] is None:
            set_key(footer, "revisions", _map(), before=("signature",))
        notes: CommentedMap = footer["revisions"]
        return notes

    def note_text(value: Any) -> str:
        return str(value.get("text", "")) if isinstance(value, dict) else str(value)

    def master_note(notes: Any, lang: str, as_map: bool) -> None:
        if old_id is not None and old_id != rev_id and old_id in notes:
            if as_map:
                _rename_note(notes, old_id, rev_id)
            else:
                notes[rev_id] = notes.pop(old_id)
        if rev_id not in notes or is_placeholder(note_text(notes[rev_id])):
            notes[rev_id] = draft(lang, when)

    def tr_note(notes: Any, lang: str, as_map: bool, edition_origin: object) -> None:
        # The note is written here, never published: in an edition whose words are the
        # published ones it says so (`origin: translated`), and keeps saying so once the
        # placeholder is replaced by the note.
        if old_id is not None and old_id != rev_id and old_id in notes:
            if as_map:
                _rename_note(notes, old_id, rev_id)
            else:
                notes[rev_id] = notes.pop(old_id)
        if rev_id not in notes:
            pairs: list[tuple[str, Any]] = [("text", draft(lang, when))]
            if needs_translated_mark(edition_origin):
                pairs.insert(0, ("origin", TRANSLATED_HERE))
            notes[rev_id] = _map(pairs) if as_map else dict(pairs)
        elif is_placeholder(note_text(notes[rev_id])):
            note = notes[rev_id]
            note["text"] = draft(lang, when)
            if needs_translated_mark(edition_origin, note.get("origin")):
                if as_map:
                    mark_translated(note)
                else:
                    note["origin"] = TRANSLATED_HERE

    def map_master(data: CommentedMap) -> None:
        facts = data["facts"]
        set_key(facts, "version", version)
        if at is not None:
            facts["revisions"][at]["id"] = rev_id
            facts["revisions"][at]["date"] = day
        elif rev_id not in revisions:
            facts["revisions"].append(_map([("id", rev_id), ("date", day)]))
        master_note(notes_map(data), str(data.get("lang", "ja")), True)

    def data_master(data: dict[str, Any]) -> None:
        data["facts"]["version"] = version
        if at is not None:
            data["facts"]["revisions"][at] = {"id": rev_id, "date": when}
        elif rev_id not in revisions:
            data["facts"]["revisions"].append({"id": rev_id, "date": when})
        if not isinstance(data["footer"].get("revisions"), dict):
            data["footer"]["revisions"] = {}
        master_note(data["footer"]["revisions"], str(data.get("lang", "ja")), False)

    def map_tr(data: CommentedMap, edition_origin: object) -> None:
        facts = data["facts"]
        set_key(facts, "version", version)
        set_key(facts, "revised", day)
        tr_note(notes_map(data), str(data.get("lang", "en")), True, edition_origin)

    def data_tr(data: dict[str, Any], edition_origin: object) -> None:
        data["facts"]["version"] = version
        data["facts"]["revised"] = when
        if not isinstance(data["footer"].get("revisions"), dict):
            data["footer"]["revisions"] = {}
        tr_note(data["footer"]["revisions"], str(data.get("lang", "en")), False,
                edition_origin)

    docs: list[tuple[Document, Callable[[CommentedMap], None],
                     Callable[[dict[str, Any]], None]]] = [(master_doc, map_master, data_master)]
    for lang in sorted(head.translations):
        tdoc = head.documents.get(lang)
        if tdoc is not None:
            # the edition's own origin: the round-trip editor sees only its facts and footer
            edition_origin = tdoc.data.get("origin") if isinstance(tdoc.data, dict) else None
            docs.append((tdoc, functools.partial(map_tr, edition_origin=edition_origin),
                         functools.partial(data_tr, edition_origin=edition_origin)))
    for doc, mutate_map, mutate_data in docs:
        path = policy_dir / Path(doc.file).name
        if dry_run:
            plan.texts[path] = doc.text
            continue
        new = _edit(doc, mutate_map, mutate_data)
        if new != doc.text:
            plan.texts[path] = new
        else:
            plan.unchanged.append(path)
    old_log = changelog.read_text("utf-8") if changelog.is_file() else ""
    log = parse_changelog(old_log)
    pending_version = head.version if head.version != diff.base.version else None
    entry = log.find(pending_version) if pending_version is not None else None
    if entry is not None and pending_version is not None:
        new_log = retitle_entry(old_log, pending_version, version, when)
        if new_log != old_log:
            plan.texts[changelog] = new_log
    elif log.find(version) is None:
        plan.texts[changelog] = open_entry(old_log, version, when, _changelog_sections(diff))
    from ..commandwords import say
    from ..saying import listed

    footer_files = listed(sorted(Path(d.file).name for d, _t, _m in docs))
    note = ("todo_note", {"id": rev_id, "files": footer_files, "day": when})
    plan.todo.append(say(note[0], "en", **note[1]))
    plan.todo.append(f"review the {changelog.name} entry for {version}")
    plan.todo_words = [note, ("todo_changelog", {"file": changelog.name, "version": version})]
    return plan


def write_revision(plan: RevisionPlan) -> None:
    """Write every planned file as one change: all of them, or none if any write fails."""
    from ..atomic import write_files_atomic  # a dry run writes nothing: not imported for it

    write_files_atomic({path: plan.texts[path] for path in plan.files()})
