"""`policy renumber`: make the printed numbers follow the master's order, in every edition.

After a clause, item or sub-item is inserted, moved or removed in the master, the master's
numbers are set to 1, 2, 3, … at each level in document order, and each translation gets, for
every id path, the number its master unit now has. Ids never change. Files are edited with the
round-trip editor (engine/edit.py: comments and layout survive) and written together,
atomically; nothing is written when nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import PolicyLoadError
from .readfile import read_file

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap


@dataclass(frozen=True, slots=True)
class Renumbered:
    file: str
    id_path: str
    old: str  # dotted printed number before
    new: str  # and after
    title: str = ""  # the unit's own title in that file, when it has one (people name it so)


@dataclass(slots=True)
class RenumberPlan:
    changes: list[Renumbered] = field(default_factory=list)
    texts: dict[Path, str] = field(default_factory=dict)


def _walk(node: Any, prefix: str = "", numbers: tuple[str, ...] = ()
          ) -> list[tuple[str, tuple[str, ...], Any]]:
    """(id path, dotted number as written, mapping) of every clause/item/sub-item."""
    out: list[tuple[str, tuple[str, ...], Any]] = []
    key = "clauses" if not prefix else "items"
    seq = node.get(key) if isinstance(node, dict) else None
    if not isinstance(seq, list):
        return out
    for child in seq:
        if not isinstance(child, dict) or not isinstance(child.get("id"), str):
            continue
        path = f"{prefix}.{child['id']}" if prefix else child["id"]
        num = (*numbers, str(child.get("number", "?")))
        out.append((path, num, child))
        out.extend(_walk(child, path, num))
    return out


def _title(node: Any) -> str:
    """A unit's own title as its file writes it (a translation's under `text:`), or ""."""
    title = node.get("title") if isinstance(node, dict) else None
    if isinstance(title, dict):
        title = title.get("text")
    return title if isinstance(title, str) else ""


def _master_numbers(data: Any) -> dict[str, tuple[str, ...]]:
    """id path -> the dotted number the master's order gives it (1-based at each level)."""
    wanted: dict[str, tuple[str, ...]] = {}

    def visit(node: Any, prefix: str, numbers: tuple[str, ...]) -> None:
        key = "clauses" if not prefix else "items"
        seq = node.get(key) if isinstance(node, dict) else None
        if not isinstance(seq, list):
            return
        n = 0
        for child in seq:
            if not isinstance(child, dict) or not isinstance(child.get("id"), str):
                continue
            n += 1
            path = f"{prefix}.{child['id']}" if prefix else child["id"]
            wanted[path] = (*numbers, str(n))
            visit(child, path, wanted[path])

    visit(data, "", ())
    return wanted


def plan_renumber(master: Path, translations: list[Path]) -> RenumberPlan:
    """Every edit, computed in memory; raises PolicyLoadError with the findings when a file
    cannot be read (the reader's) or edited safely (engine/edit.py EditError's)."""
    plan = RenumberPlan()
    mres = read_file(master, str(master))
    if mres.document is None:
        raise PolicyLoadError(mres.diagnostics)
    wanted = _master_numbers(mres.document.data)
    for path in [master, *translations]:
        res = mres if path == master else read_file(path, str(path))  # the master is read once
        if res.document is None:
            raise PolicyLoadError(res.diagnostics)
        walked = _walk(res.document.data)
        changes = [(p, num, wanted[p]) for p, num, _ in walked
                   if p in wanted and num != wanted[p]]
        if not changes:
            continue
        titles = {p: _title(node) for p, _num, node in walked}
        plan.changes.extend(Renumbered(str(path), p, ".".join(old), ".".join(new), titles[p])
                            for p, old, new in changes)
        targets = {p: int(new[-1]) for p, _old, new in changes}

        # the round-trip editor, only for a file that changes
        from .edit import EditError, edit_text

        def mutate(data: CommentedMap, targets: dict[str, int] = targets) -> None:
            for p, _num, node in _walk(data):
                if p in targets:
                    node["number"] = targets[p]

        try:
            new_text = edit_text(res.document.text, mutate)
        except EditError as exc:
            raise PolicyLoadError([exc.diagnostic(str(path))]) from exc
        if new_text != res.document.text:
            plan.texts[path] = new_text
    return plan


def write_renumber(plan: RenumberPlan) -> None:
    from .atomic import write_files_atomic

    write_files_atomic(dict(sorted(plan.texts.items())))
