"""`policy check`: validation plus every translation check, with per-code severities and waivers applied.

Severities come from `[tool.policy.severity]` in the nearest pyproject.toml above the working
directory (`CODE = "error" | "warning" | "note" | "off"`). A waiver (`waivers: [{check: CODE,
reason: ...}]` on a translated unit) turns that unit's finding into a note that cites the
reason; a waiver that waives nothing is itself reported (PARITY010).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .diagnostics import CODES, Diagnostic, Severity, make, sorted_unique
from .loader import Sources, load_folder
from .parity import drift, invariants, prevailing, scripts, structure
from .parity.config import CONFIG_NAME, ParityConfig, load_config
from .parity.context import Context, PreviousLookup, build_context, unit_id

SEVERITY_NAMES = {"error": Severity.ERROR, "warning": Severity.WARNING, "note": Severity.NOTE}
UNTRANSLATED_CODES = frozenset({"L10N001", "L10N002", "L10N003"})

PAIR_CHECKS = (*structure.PAIR_CHECKS, *drift.PAIR_CHECKS, *scripts.PAIR_CHECKS,
               *invariants.PAIR_CHECKS)


@dataclass(frozen=True, slots=True)
class SeverityTable:
    """Per-code severities; None means the code is turned off."""

    levels: dict[str, Severity | None] = field(default_factory=dict)
    file: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(slots=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    sources: Sources
    states: dict[str, dict[str, str]] = field(default_factory=dict)
    config: ParityConfig = field(default_factory=ParityConfig)

    @property
    def loaded(self) -> bool:
        """False when the run could not compare anything (no valid master)."""
        return self.sources.master is not None


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml with a [tool.policy] table, from `start` upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "policy" in data["tool"]:
                return candidate
    return None


def load_severities(pyproject: Path | None) -> SeverityTable:
    if pyproject is None or not pyproject.is_file():
        return SeverityTable()
    name = str(pyproject)
    try:
        text = pyproject.read_text("utf-8")
        table = tomllib.loads(text).get("tool", {}).get("policy", {}).get("severity", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return SeverityTable({}, name, (make("CHECK001", f"cannot read {name}: {exc}", name),))
    levels: dict[str, Severity | None] = {}
    found: list[Diagnostic] = []

    def line_of(key: str) -> int:
        m = re.search(rf'^\s*"?{re.escape(key)}"?\s*=', text, re.MULTILINE)
        return text.count("\n", 0, m.start()) + 1 if m else 1

    if not isinstance(table, dict):
        return SeverityTable({}, name, (make("CHECK001", "[tool.policy.severity] must be a "
                                             "table", name, line_of("severity"), 1),))
    for code, value in sorted(table.items()):
        if code not in CODES:
            found.append(make("CHECK001", f"unknown code '{code}'", name, line_of(code), 1))
        elif value == "off":
            levels[code] = None
        elif isinstance(value, str) and value in SEVERITY_NAMES:
            levels[code] = SEVERITY_NAMES[value]
        else:
            found.append(make("CHECK001", f"severity of {code} must be error, warning, note "
                              "or off", name, line_of(code), 1))
    return SeverityTable(levels, name, tuple(found))


def _waivers(ctx: Context) -> dict[tuple[str, str], list[tuple[str, str, tuple[str | int, ...]]]]:
    """(lang, unit id) -> [(code, reason, data path of the waiver)]."""
    out: dict[tuple[str, str], list[tuple[str, str, tuple[str | int, ...]]]] = {}
    for lang, ed in ctx.editions.items():
        for unit, tracked in ed.units.values():
            for i, w in enumerate(getattr(tracked, "waivers", ())):
                out.setdefault((lang, unit_id(unit)), []).append(
                    (w.check, w.reason, (*unit.data_path, "waivers", i)))
    return out


def _apply_waivers(found: list[Diagnostic], ctx: Context) -> Iterator[Diagnostic]:
    waivers = _waivers(ctx)
    used: set[tuple[str, str, str]] = set()
    for d in found:
        reason = None
        if d.lang is not None and d.unit is not None:
            for code, why, _ in waivers.get((d.lang, d.unit), ()):
                if code == d.code:
                    reason = why
                    used.add((d.lang, d.unit, code))
        if reason is None:
            yield d
        else:
            yield replace(d, severity=Severity.NOTE, hint=f"waived: {reason}")
    for (lang, unit), entries in sorted(waivers.items()):
        for code, _, path in entries:
            if (lang, unit, code) not in used:
                ed = ctx.editions[lang]
                pos = ed.doc.pos(path)
                yield make("PARITY010", f"waiver for {code} on {unit} waives no finding",
                           ed.file, pos.line, pos.col, unit=unit, lang=lang,
                           hint="remove the waiver")


def parity_findings(ctx: Context) -> list[Diagnostic]:
    """Every translation finding of a run, before waivers and severities."""
    found: list[Diagnostic] = []
    for ed in ctx.editions.values():
        for pair in ctx.pairs(ed):
            for check in PAIR_CHECKS:
                found.extend(check(pair, ctx))
        found.extend(structure.check_edition(ed, ctx))
    found.extend(scripts.check_master(ctx))
    found.extend(scripts.check_labels(ctx))
    found.extend(prevailing.check_prevailing(ctx))
    return found


def _with_lang(found: Iterable[Diagnostic], src: Sources) -> Iterator[Diagnostic]:
    """Validation findings carry no language; give them their file's."""
    by_file = {doc.file: lang for lang, doc in src.documents.items()}
    for d in found:
        yield d if d.lang is not None or d.file not in by_file else replace(d, lang=by_file[d.file])


def _severities(found: Iterable[Diagnostic], table: SeverityTable) -> Iterator[Diagnostic]:
    for d in found:
        if d.code in table.levels:
            level = table.levels[d.code]
            if level is None:
                continue
            if d.hint is None or not d.hint.startswith("waived:"):
                d = d.with_severity(level)
        yield d


def check_sources(src: Sources, *, previous: Path | None = None,
                  previous_lookup: PreviousLookup | None = None,
                  pyproject: Path | None = None) -> CheckResult:
    """Run every check over already loaded sources."""
    shown = Path(src.master_doc.file).parent if src.master_doc is not None else src.folder
    config, config_found = load_config(src.folder, str(shown / CONFIG_NAME))
    table = load_severities(pyproject if pyproject is not None else find_pyproject())
    found: list[Diagnostic] = [*src.diagnostics, *config_found, *table.diagnostics]
    lookup = previous_lookup
    if lookup is None and src.master_doc is not None:
        from .history import History

        lookup = History(Path(src.master_doc.file), previous)
    ctx = build_context(src, config, lookup)
    states: dict[str, dict[str, str]] = {}
    if ctx is not None:
        parity = list(_apply_waivers(parity_findings(ctx), ctx))
        untranslated = {(d.lang, d.unit) for d in parity
                        if d.code in UNTRANSLATED_CODES and d.severity is not Severity.NOTE
                        and d.lang is not None and d.unit is not None
                        and (table.levels.get(d.code, Severity.ERROR) is not None)}
        states = drift.states(ctx, untranslated)
        found.extend(parity)
    if src.master is not None:
        from .review import review_findings

        found.extend(review_findings(src))
        from .releasenotes import check_notes

        found.extend(check_notes(src.master, src.translations, src.documents))
    final = sorted_unique(_severities(_with_lang(found, src), table))
    return CheckResult(final, src, states, config)


def run_check(folder: Path, *, previous: Path | None = None) -> CheckResult:
    """Load a policy folder and run validation and every translation check over it."""
    return check_sources(load_folder(folder), previous=previous)
