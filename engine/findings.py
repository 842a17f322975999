"""Diagnostics as values: one shape for every problem, the codes of every phase but the checks, sorting.

This is the base every phase imports (standard library only). The one registry of codes is
`engine.diagnostics`: it adds to `BASE_CODES` below the codes the registered translation checks
declare (engine/checks/), so it is complete whenever it is imported. A code is declared once:
here, or in the one check that reports it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from .names import did_you_mean as did_you_mean  # the one 'did you mean' (re-exported)
from .values import field, record, replace


class Severity(enum.IntEnum):
    """How bad a finding is; larger is worse, so `max()` gives the worst."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@record
class Code:
    """A stable diagnostic code: its family prefix, default severity and one-line meaning."""

    code: str
    severity: Severity
    summary: str


# Codes are stable: never renumber, only add. Families follow the phases: IO (filesystem),
# YAML (read), SCHEMA (shape), POLICY (cross-references), BUNDLE (compiled JSON), GIT, DIFF
# (version discipline), RENDER (the site), REVIEW004 (`policy approve`), TEST (policy/tests),
# USES (declared data uses), QUERY (a question `policy ask` cannot ask), USAGE (a command line
# no command runs), CHECK and PARITY010/011 (the checker itself). The checks'
# families (PARITY, DRIFT, L10N, INV, LANG, REVIEW001-003, NOTE, SENT, LEN, NEG, TERM, TYPO)
# are declared by each check unit of engine/checks/.
BASE_CODES: dict[str, Code] = {
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
        Code("YAML003", Severity.ERROR, "tab or full-width space where YAML needs spaces"),
        Code("YAML004", Severity.ERROR, "file is empty or holds only comments"),
        Code("YAML005", Severity.ERROR, "YAML tags are not allowed"),
        Code("YAML006", Severity.ERROR, "anchors and aliases are not allowed"),
        Code("YAML007", Severity.ERROR, "document nests too deeply"),
        Code("YAML008", Severity.ERROR, "control or invisible character in the file"),
        Code("YAML009", Severity.ERROR, "byte-order mark at the start of the file"),
        Code("YAML010", Severity.WARNING, "CRLF line endings"),
        Code("YAML011", Severity.ERROR, "more than one YAML document in the file"),
        Code("YAML012", Severity.ERROR, "line is longer than the limit"),
        Code("YAML013", Severity.ERROR, "YAML directive (%YAML, %TAG) in a policy file"),
        Code("YAML014", Severity.ERROR, "a quote is never closed, or is closed too early"),
        Code("YAML015", Severity.ERROR, "a line does not line up with the lines above it"),
        Code("YAML016", Severity.ERROR, "a [ or { is never closed"),
        Code("YAML017", Severity.ERROR, "a colon and a space inside text that is not in quotes"),
        Code("YAML018", Severity.ERROR,
             "a colon or dash without its space, or a name without its colon"),
        Code("YAML019", Severity.ERROR,
             "a # after a space ends a text that is not in quotes: the rest is a comment"),
        # -- schema: the shape of each file ---------------------------------------------------
        Code("SCHEMA000", Severity.ERROR, "a committed JSON Schema is out of date"),
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
        # -- review: `policy approve` (REVIEW001-003 are the check unit engine/checks/review.py's)
        Code("REVIEW004", Severity.ERROR, "`policy approve` needs the clauses and the approver"),
        # -- test: the legal team's expected answers (policy/tests) ------------------------
        Code("TEST001", Severity.ERROR, "an expected answer differs from the engine's"),
        Code("TEST002", Severity.ERROR, "a property of the policy does not hold"),
        Code("TEST003", Severity.ERROR, "a rule is not exercised by any expected answer"),
        Code("TEST004", Severity.ERROR, "a mutant of a rule is not caught by any test"),
        Code("TEST005", Severity.ERROR, "a test names something the policy does not have"),
        Code("TEST006", Severity.ERROR, "a change breaks a property the legal team wrote"),
        # -- exchange: XLIFF and TBX files for translators' tools ----------------------------
        Code("XLIFF001", Severity.ERROR, "the file is not a readable XLIFF 1.2 file"),
        Code("XLIFF002", Severity.ERROR, "the file's languages do not match the policy's editions"),
        Code("XLIFF003", Severity.ERROR, "a translation unit in the file does not exist in the master"),
        Code("XLIFF004", Severity.ERROR, "the master text changed since the file was exported"),
        Code("XLIFF005", Severity.ERROR, "the edition lacks the unit the file translates"),
        Code("XLIFF006", Severity.ERROR, "the same translation unit appears twice in the file"),
        Code("XLIFF007", Severity.ERROR, "a translation is not written in its edition's script"),
        Code("XLIFF008", Severity.ERROR, "the file no longer says to keep the line breaks of "
             "a text whose master has them"),
        Code("XLIFF009", Severity.ERROR, "a translation holds a tag (an inline code) its "
             "master text does not have"),
        Code("XLIFF010", Severity.ERROR, "the file's source text holds tags (inline codes) a "
             "CAT tool made of the master text"),
        # -- uses: declared data uses against the policy -------------------------------------
        Code("USES001", Severity.ERROR, "the policy denies a declared use"),
        Code("USES002", Severity.ERROR,
             "an allowed use carries obligations its declaration does not acknowledge"),
        Code("USES003", Severity.ERROR, "a declared use names a term the policy does not define"),
        Code("USES004", Severity.ERROR, "duplicate system or use id"),
        Code("USES005", Severity.WARNING, "no declaration files in the folder"),
        Code("USES006", Severity.ERROR,
             "a policy change denies a declared use whose declaration did not change"),
        # -- query and usage: what `--format json` reports for a command line that cannot run
        Code("QUERY001", Severity.ERROR,
             "a question names a term (action, data category, purpose, context flag) the "
             "policy does not define"),
        Code("QUERY002", Severity.ERROR,
             "a term of another kind in this place (arguments out of order, a flag as a term)"),
        Code("USAGE001", Severity.ERROR,
             "the command line cannot be run (an option or argument mistyped, missing, or "
             "with a value the command does not accept)"),
        # -- bundle: the compiled JSON ---------------------------------------------------------
        Code("BUNDLE001", Severity.ERROR, "file is not a compiled policy bundle"),
        Code("BUNDLE002", Severity.ERROR, "bundle content hash does not match"),
        # -- git: files at a revision ---------------------------------------------------------
        Code("GIT001", Severity.ERROR, "git revision or repository not found"),
        Code("GIT002", Severity.ERROR, "git command failed"),
        # -- diff: version discipline and `policy revise` -------------------------------------
        Code("DIFF001", Severity.ERROR, "version bump does not match the classification of the change"),
        Code("DIFF002", Severity.ERROR, "revision date did not move"),
        Code("DIFF003", Severity.ERROR, "CHANGELOG.md has no entry for the new version"),
        Code("DIFF004", Severity.ERROR, "nothing to revise: the policy did not change"),
        Code("DIFF005", Severity.ERROR, "revision date is not after the last revision"),
        Code("DIFF006", Severity.ERROR, "policy file cannot be edited safely"),
        # -- render: the published site -------------------------------------------------------
        Code("RENDER002", Severity.ERROR, "edition has parity errors; not published without --allow-drift"),
        Code("RENDER003", Severity.WARNING, "published with parity errors (--allow-drift); banners shown"),
        Code("RENDER004", Severity.ERROR,
             "the output folder cannot be used: it is a file, lies inside a file, or is a "
             "folder this tool did not build"),
        Code("RENDER005", Severity.ERROR, "the 'what changed' page cannot be built"),
        Code("RENDER006", Severity.WARNING,
             "a version in git history cannot be read; it is left out of the archive"),
        Code("RENDER007", Severity.ERROR, "the PDF files cannot be made"),
        Code("RENDER008", Severity.ERROR, "site-url under [tool.policy] is not a web address"),
        # -- check: the checker itself (settings, waivers, stamp) -----------------------------
        Code("PARITY010", Severity.WARNING, "a waiver waives no finding"),
        Code("PARITY011", Severity.ERROR, "a unit named on the command line does not exist in the master"),
        Code("CHECK001", Severity.ERROR, "the severity table in pyproject.toml is invalid"),
        Code("CHECK002", Severity.ERROR, "the parity settings file (parity.toml) is invalid"),
    ]
}


@record
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
    suggestions: tuple[str, ...] = field(default=())  # what was likely meant ("did you mean")
    # The named values the code's templates (engine/saying.py) are filled with, so the text is
    # said in the reader's language at output time; not part of the machine formats.
    params: tuple[tuple[str, str | int | float | bool], ...] = field(default=())

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
        if self.suggestions:
            out["suggestions"] = list(self.suggestions)
        return out


def make(
    code: str | Code,
    message: str,
    file: str = "",
    line: int = 0,
    col: int = 0,
    **extra: object,
) -> Diagnostic:
    """Build a diagnostic with the default severity of its code: a `Code` a check declares,
    or the name of a code of BASE_CODES."""
    registered = code if isinstance(code, Code) else BASE_CODES.get(code)
    if registered is None:
        raise KeyError(f"unregistered diagnostic code {code}")
    params = extra.get("params")
    if isinstance(params, dict):  # given as a dict, kept as a hashable tuple
        extra["params"] = tuple(params.items())
    return Diagnostic(
        code=registered.code,
        message=message,
        file=file,
        line=line,
        col=col,
        severity=registered.severity,
        **extra,  # type: ignore[arg-type]
    )


def unreadable(exc: OSError, name: str, what: str = "the file") -> Diagnostic:
    """IO002 for a file the system would not read, said as what happened (no permission, a
    folder: IO002's forms in engine/basewords.py), so that each language says it in its own
    words; any other error in the system's words (`what` names the file). A file that does
    not exist is IO001 (not found), as a missing policy file is, in IO001's words."""
    import errno

    if exc.errno == errno.ENOENT:
        return worded("IO001", {"form": "missing", "path": name}, name)
    form = {errno.EACCES: "denied", errno.EPERM: "denied",
            errno.EISDIR: "directory"}.get(exc.errno or 0)
    if form is None:
        return make("IO002", f"cannot read {what}: {exc.strerror}", name)
    return worded("IO002", {"form": form, "path": name}, name)


def worded(code: str, params: dict[str, str], file: str, line: int = 0, col: int = 0, *,
           hint: bool = False) -> Diagnostic:
    """A finding of a base code whose English message (and, with `hint`, its hint) is the
    code's own English template filled from `params` (engine/basewords.py): one set of
    parameters says it in every language."""
    from .basewords import BASE_WORDS
    from .saying import fill, template

    words = BASE_WORDS[code]
    said = template(words.message, "en", params)
    assert said is not None, (code, params)  # every shape has its words (tests hold them)
    told = template(words.hint, "en", params) if hint else None
    return make(code, fill(said, "en", params), file, line, col,
                hint=fill(told, "en", params) if told is not None else None, params=params)


def unwritable(exc: OSError, name: str, what: str = "the file") -> Diagnostic:
    """IO005 for a file or folder the system would not write, said as what happened (no such
    folder, no permission, a read-only disk, a full disk, a folder where a file goes: IO005's
    forms in engine/basewords.py), so that each language says it in its own words and says
    what to do; any other error in the system's words (`what` names the file)."""
    import errno

    form = {errno.ENOENT: "no_folder", errno.EACCES: "denied", errno.EPERM: "denied",
            errno.EROFS: "read_only", errno.ENOSPC: "full", errno.EDQUOT: "full",
            errno.EISDIR: "directory"}.get(exc.errno or 0)
    if form is None:
        return make("IO005", f"cannot write {what}: {exc.strerror or exc}", name)
    return worded("IO005", {"form": form, "path": name}, name, hint=True)


def sorted_unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by location then code, dropping exact repeats, so output is deterministic."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def waiver_reason(d: Diagnostic) -> str | None:
    """Why the legal team accepted a finding (a unit's `waivers:`, engine/waivers.py: the
    finding is a note whose hint says `waived: REASON`), or None when it was not waived."""
    hint = d.hint or ""
    if d.severity is Severity.NOTE and hint.startswith("waived:"):
        return hint.removeprefix("waived:").strip()
    return None


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


class PolicyLoadError(Exception):
    """Raised only when a run cannot go on; carries the diagnostics that stopped it."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted_unique(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        super().__init__(str(first) if first else "policy could not be loaded")
