"""Per-code severities from `[tool.policy.severity]` in pyproject.toml, applied to any finding.

`CODE = "error" | "warning" | "note" | "off"`, for any registered code (engine.diagnostics).
The table is read from the nearest pyproject.toml with a [tool.policy] table above the working
directory; problems in it are CHECK001 findings, never exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .diagnostics import CODES, Diagnostic, Severity, make
from .findings import waiver_reason
from .tomltext import TomlSyntaxError, parse_toml
from .values import field, record

SEVERITY_NAMES = {"error": Severity.ERROR, "warning": Severity.WARNING, "note": Severity.NOTE}


@record
class SeverityTable:
    """Per-code severities; None means the code is turned off."""

    levels: dict[str, Severity | None] = field(default_factory=dict)
    file: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()

    def is_off(self, code: str) -> bool:
        return code in self.levels and self.levels[code] is None


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml with a [tool.policy] table, from `start` upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = parse_toml(candidate.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, TomlSyntaxError):
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
        table = parse_toml(text).get("tool", {}).get("policy", {}).get("severity", {})
    except (OSError, UnicodeDecodeError, TomlSyntaxError) as exc:
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


def apply_severities(found: Iterable[Diagnostic], table: SeverityTable) -> Iterator[Diagnostic]:
    """Each finding at its code's configured severity; codes turned off are dropped. A waived
    finding stays a note."""
    for d in found:
        if d.code in table.levels:
            level = table.levels[d.code]
            if level is None:
                continue
            if waiver_reason(d) is None:
                d = d.with_severity(level)
        yield d
