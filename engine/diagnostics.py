"""Diagnostics as values: one shape for every problem, a registry of stable codes, sorting and text form."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace


class Severity(enum.IntEnum):
    """How bad a finding is; larger is worse, so `max()` gives the worst."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Code:
    """A stable diagnostic code: its family prefix, default severity and one-line meaning."""

    code: str
    severity: Severity
    summary: str


# The registry. Codes are stable: never renumber, only add. Families follow the phases:
# YAML (read), SCHEMA (shape), POLICY (cross-references), PARITY/DRIFT/L10N/INV (translation
# checks), IO (filesystem), DIFF (version discipline).
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # -- read: bytes and YAML ------------------------------------------------------------
        Code("IO001", Severity.ERROR, "policy folder or file not found"),
        Code("IO002", Severity.ERROR, "file cannot be read"),
        Code("IO003", Severity.ERROR, "file is larger than the size limit"),
        Code("IO004", Severity.ERROR, "file is not valid UTF-8"),
        Code("IO005", Severity.ERROR, "file cannot be written"),
        Code("YAML001", Severity.ERROR, "YAML syntax error"),
        Code("YAML002", Severity.ERROR, "duplicate mapping key"),
        Code("YAML003", Severity.ERROR, "tab character used for indentation"),
        Code("YAML004", Severity.ERROR, "file is empty or holds only comments"),
        Code("YAML005", Severity.ERROR, "YAML tags are not allowed"),
        Code("YAML006", Severity.ERROR, "anchors and aliases are not allowed"),
        Code("YAML007", Severity.ERROR, "document nests too deeply"),
        Code("YAML008", Severity.ERROR, "control or invisible character in the file"),
        Code("YAML009", Severity.ERROR, "byte-order mark at the start of the file"),
        Code("YAML010", Severity.WARNING, "CRLF line endings"),
        Code("YAML011", Severity.ERROR, "more than one YAML document in the file"),
        Code("YAML012", Severity.ERROR, "line is longer than the limit"),
        # -- schema: the shape of each file ---------------------------------------------------
        Code("SCHEMA001", Severity.ERROR, "unknown field"),
        Code("SCHEMA002", Severity.ERROR, "required field is missing"),
        Code("SCHEMA003", Severity.ERROR, "value has the wrong type"),
        Code("SCHEMA004", Severity.ERROR, "value is not allowed here"),
        Code("SCHEMA005", Severity.ERROR, "id is not a valid slug"),
        # -- policy: meaning and cross-references ---------------------------------------------
        Code("POLICY001", Severity.ERROR, "duplicate id"),
        Code("POLICY002", Severity.ERROR, "reference to an unknown vocabulary term"),
        Code("POLICY003", Severity.ERROR, "reference to an unknown clause"),
        Code("POLICY004", Severity.ERROR, "edition language is not declared by the master"),
        Code("POLICY005", Severity.ERROR, "numbering is not consecutive"),
        Code("POLICY006", Severity.ERROR, "group is empty or contains itself"),
        Code("POLICY007", Severity.ERROR, "raw HTML in Markdown text"),
        Code("POLICY008", Severity.ERROR, "unsafe link scheme in Markdown text"),
        Code("POLICY009", Severity.ERROR, "master edition missing"),
        Code("POLICY010", Severity.ERROR, "translation file declares another language"),
        Code("POLICY011", Severity.WARNING, "rule can never apply"),
        Code("POLICY012", Severity.ERROR, "context flag name is reserved by the engine's API"),
        # -- review: the legal team's sign-off -----------------------------------------------
        Code("REVIEW001", Severity.WARNING, "parts of an edition await legal review"),
        Code("REVIEW002", Severity.WARNING, "an approved text has changed since its approval"),
        Code("REVIEW003", Severity.ERROR, "an approval names a part the edition does not have"),
        Code("REVIEW004", Severity.ERROR, "`policy approve` needs the clauses and the approver"),
        # -- test: the legal team's expected answers (policy/tests) ------------------------
        Code("TEST001", Severity.ERROR, "an expected answer differs from the engine's"),
        Code("TEST002", Severity.ERROR, "a property of the policy does not hold"),
        Code("TEST003", Severity.ERROR, "a rule is not exercised by any expected answer"),
        Code("TEST004", Severity.ERROR, "a mutant of a rule is not caught by any test"),
        Code("TEST005", Severity.ERROR, "a test names something the policy does not have"),
        Code("TEST006", Severity.ERROR, "a change breaks a property the legal team wrote"),
        # -- bundle: the compiled JSON ---------------------------------------------------------
        Code("BUNDLE001", Severity.ERROR, "file is not a compiled policy bundle"),
        Code("BUNDLE002", Severity.ERROR, "bundle content hash does not match"),
    ]
}


def register(*codes: Code) -> None:
    """Add codes from a later phase (parity, diff) to the one registry."""
    for c in codes:
        if c.code in CODES and CODES[c.code] != c:
            raise ValueError(f"diagnostic code {c.code} registered twice")
        CODES[c.code] = c


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one place. Prints as `file:line:col: CODE message`."""

    code: str
    message: str
    file: str = ""
    line: int = 0  # 1-based; 0 when the problem has no position (a missing file)
    col: int = 0  # 1-based
    severity: Severity = Severity.ERROR
    hint: str | None = None
    unit: str | None = None  # id path of the clause/unit concerned, where there is one
    lang: str | None = None
    detail: tuple[str, ...] = field(default=())  # extra lines, e.g. old/new text side by side

    @property
    def location(self) -> str:
        if not self.file:
            return "<policy>"
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"

    def __str__(self) -> str:
        text = f"{self.location}: {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.col, self.code, self.message)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "col": self.col,
        }
        for key in ("hint", "unit", "lang"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.detail:
            out["detail"] = list(self.detail)
        return out


def make(
    code: str,
    message: str,
    file: str = "",
    line: int = 0,
    col: int = 0,
    **extra: object,
) -> Diagnostic:
    """Build a diagnostic with the registered default severity of its code."""
    registered = CODES.get(code)
    if registered is None:
        raise KeyError(f"unregistered diagnostic code {code}")
    return Diagnostic(
        code=code,
        message=message,
        file=file,
        line=line,
        col=col,
        severity=registered.severity,
        **extra,  # type: ignore[arg-type]
    )


def sorted_unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by location then code, dropping exact repeats, so output is deterministic."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str | None:
    """A 'did you mean ...?' hint naming the closest known ids, or None."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=n, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


class PolicyLoadError(Exception):
    """Raised only when a run cannot go on; carries the diagnostics that stopped it."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted_unique(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        super().__init__(str(first) if first else "policy could not be loaded")
