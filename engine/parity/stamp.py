"""`policy stamp`: record in a translation the fingerprint of the master text each unit was translated from.

Units are named by key ("preamble", "footer.signature"), id path ("collection.collection-consent"),
slug ("collection-consent") or dotted number ("3.2"); naming a unit stamps its items too, and
naming none stamps every unit. Only the `source` values change in the file (engine/edit.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..diagnostics import Diagnostic, PolicyLoadError, did_you_mean, make
from ..edit import EditError, edit_yaml, set_key
from ..loader import Sources
from ..model import Unit, fingerprint, master_units, translation_units
from .context import unit_id


@dataclass(frozen=True, slots=True)
class StampResult:
    lang: str
    file: Path
    stamped: tuple[str, ...]  # units whose fingerprint was written or changed
    unchanged: tuple[str, ...]  # units already stamped with the current fingerprint
    missing: tuple[str, ...]  # named units the translation does not have


def _names(unit: Unit) -> set[str]:
    names = {unit.key, unit_id(unit)}
    if unit.id_path:
        names.add(unit.anchor)
    if unit.number:
        names.add(unit.number)
    return names


def resolve(units: Sequence[Unit], names: Sequence[str]) -> tuple[list[Unit], list[str]]:
    """The units named (with their descendants), in document order, and the unknown names."""
    if not names:
        return list(units), []
    chosen: set[str] = set()
    unknown: list[str] = []
    for name in names:
        hits = [u for u in units if name in _names(u)]
        if not hits and name in ("footer", "footer.revisions"):
            hits = [u for u in units if u.key.startswith(name + ".")]
        if not hits:
            unknown.append(name)
        for hit in hits:
            chosen.add(hit.key)
            if hit.id_path:
                chosen.update(u.key for u in units
                              if u.id_path.startswith(hit.id_path + "."))
    return [u for u in units if u.key in chosen], unknown


def unknown_names(src: Sources, names: Sequence[str]) -> list[Diagnostic]:
    if src.master is None:
        return []
    units = list(master_units(src.master))
    _, unknown = resolve(units, names)
    every = sorted({n for u in units for n in _names(u)})
    return [make("PARITY011", f"no unit named '{n}' in the master", src.display_path(
        src.master.lang), hint=did_you_mean(n, every)) for n in unknown]


def stamp(src: Sources, lang: str, names: Sequence[str] = ()) -> StampResult:
    """Write the current master fingerprints of the named units into the `lang` edition."""
    if src.master is None or lang not in src.translations:
        problems = [d for d in src.diagnostics if d.severity.name == "ERROR"] or [
            make("IO001", f"no valid '{lang}' edition to stamp", str(src.folder))]
        raise PolicyLoadError(problems)
    errors = [d for d in src.diagnostics
              if d.severity.name == "ERROR" and d.file in (src.display_path(lang),
                                                           src.display_path(src.master.lang))]
    if errors:
        raise PolicyLoadError(errors)
    bad = unknown_names(src, names)
    if bad:
        raise PolicyLoadError(bad)
    targets, _ = resolve(list(master_units(src.master)), names)
    theirs = {u.key: (u, tracked) for u, tracked in translation_units(src.translations[lang])}
    stamped: list[str] = []
    unchanged: list[str] = []
    missing: list[str] = []
    writes: list[tuple[tuple[str | int, ...], str]] = []
    for mu in targets:
        if mu.key not in theirs:
            missing.append(unit_id(mu))
            continue
        unit, tracked = theirs[mu.key]
        fp = fingerprint(mu.source_text())
        if getattr(tracked, "source", None) == fp:
            unchanged.append(unit_id(mu))
            continue
        stamped.append(unit_id(mu))
        writes.append((unit.data_path, fp))

    def mutate(data: CommentedMap) -> None:
        for path, fp in writes:
            node = data
            for step in path:
                node = node[step]
            if not isinstance(node, CommentedMap):
                raise EditError(f"{'/'.join(map(str, path))} is not a mapping")
            set_key(node, "source", fp, before=("origin", "text", "items", "title"))

    file = Path(src.display_path(lang))
    if writes:
        try:
            edit_yaml(file, mutate)
        except EditError as exc:
            raise PolicyLoadError([make("IO005", str(exc), str(file))]) from exc
    return StampResult(lang, file, tuple(stamped), tuple(unchanged), tuple(missing))
