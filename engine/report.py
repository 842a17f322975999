"""Format diagnostics for people and machines: text, JSON (and GitHub annotations, SARIF)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .findings import Diagnostic, Severity, waiver_reason


def summary_counts(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    counts = {str(s): 0 for s in sorted(Severity, reverse=True)}
    for d in diagnostics:
        counts[str(d.severity)] += 1
    return counts


def _finding_lines(d: Diagnostic) -> list[str]:
    """`file:line:col: CODE message (hint)`, the severity shown unless it is an error, then
    any detail lines (e.g. old and new master text) indented."""
    head = str(d) if d.severity is Severity.ERROR else (
        f"{d.location}: {d.code} [{d.severity}] {d.message}" + (f" ({d.hint})" if d.hint else ""))
    return [head, *(f"    {extra}" for extra in d.detail)]


def _summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    """"1 error, 0 warnings, 2 notes"."""
    c = summary_counts(diagnostics)
    return ", ".join(f"{c[k]} {k if c[k] == 1 else k + 's'}" for k in ("error", "warning", "note"))


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """One line per finding, `file:line:col: CODE message (hint)`, then a summary line."""
    lines = [line for d in diagnostics for line in _finding_lines(d)]
    lines.append(_summary_line(diagnostics))
    return "\n".join(lines) + "\n"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps(
        {"diagnostics": [d.to_json() for d in diagnostics], "summary": summary_counts(diagnostics)},
        ensure_ascii=False, indent=2, sort_keys=True,
    ) + "\n"


# --------------------------------------------------------------------- check-specific formats


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def repo_root() -> str | None:
    """The repository's root, as GitHub names files from it: `$GITHUB_WORKSPACE` in Actions,
    else the nearest folder above the working folder that holds `.git`; None outside one."""
    import os

    given = os.environ.get("GITHUB_WORKSPACE")
    if given:
        return os.path.realpath(given)
    folder = os.getcwd()
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder


def repo_path(file: str, root: str | None) -> str:
    """`file` relative to the repository's `root` (`repo_root`), with forward slashes: a
    command run in a subfolder (`working-directory:`) names its files from there
    (`../policy/ru.yaml`), which matches no file of the pull request. A file outside the
    repository, or with no repository, is left as it is."""
    import os

    if root is not None:
        rel = os.path.relpath(os.path.realpath(file), root)
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return rel.replace(os.sep, "/")
    return file.replace("\\", "/")


def format_github(diagnostics: Sequence[Diagnostic], *, show_waived: bool = False) -> str:
    """GitHub Actions workflow commands, one annotation per finding. A finding the legal
    team waived (with its reason, in the editions) is not annotated on every pull request
    unless `show_waived`: the job summary counts them (`format_markdown_summary`), as the
    text output does."""
    out = []
    root = repo_root()
    for d in diagnostics:
        if not show_waived and waiver_reason(d) is not None:
            continue
        props = []
        if d.file:
            props.append(f"file={_escape_property(repo_path(d.file, root))}")
        if d.line > 0:
            props.append(f"line={d.line}")
            props.append(f"col={d.col or 1}")
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f" ({d.hint})" if d.hint else "")
        if d.detail:
            message += "\n" + "\n".join(d.detail)
        out.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown_summary(diagnostics: Sequence[Diagnostic],
                            states: dict[str, dict[str, str]] | None = None) -> str:
    """A Markdown summary for a job summary or pull-request comment: per code, per language."""
    from .diagnostics import CODES

    lines = ["## policy check", ""]
    lines.append(_summary_line(diagnostics))
    lines.append("")
    waived = sum(1 for d in diagnostics if waiver_reason(d) is not None)
    if waived:
        lines += [f"{waived} of the notes {'is a finding' if waived == 1 else 'are findings'} "
                  "the legal team accepted as exceptions, each with its reason (`waivers:` in "
                  "the editions); they are not annotated. `policy check --show-waived` lists "
                  "them.", ""]
    if diagnostics:
        lines += ["| Code | Severity | Count | Meaning |", "| --- | --- | ---: | --- |"]
        counts: dict[tuple[str, str], int] = {}
        for d in diagnostics:
            counts[(d.code, str(d.severity))] = counts.get((d.code, str(d.severity)), 0) + 1
        for (code, sev), n in sorted(counts.items()):
            meaning = CODES[code].summary if code in CODES else ""
            lines.append(f"| {code} | {sev} | {n} | {_cell(meaning)} |")
        lines.append("")
    if states:
        lines += ["| Language | Total | Up to date | Stale | Unreviewed | Untranslated | % current |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for lang, row in status_rows(states):
            lines.append(f"| {lang} | {row['total']} | {row['current']} | {row['stale']} | "
                         f"{row['unreviewed']} | {row['untranslated']} | {row['percent']} |")
        lines.append("")
    return "\n".join(lines)


def status_rows(states: dict[str, dict[str, str]]) -> list[tuple[str, dict[str, str | int]]]:
    """Per language: total, current, stale, unreviewed, untranslated and % current."""
    rows: list[tuple[str, dict[str, str | int]]] = []
    for lang in sorted(states):
        values = list(states[lang].values())
        row: dict[str, str | int] = {"total": len(values)}
        for state in ("current", "stale", "unreviewed", "untranslated"):
            row[state] = values.count(state)
        current = int(row["current"])
        row["percent"] = f"{100 * current / len(values):.1f}" if values else "100.0"
        rows.append((lang, row))
    return rows


def format_status_json(states: dict[str, dict[str, str]],
                       errors: Sequence[Diagnostic] = ()) -> str:
    """`policy status --format json`: per language its counts and each unit's state; with
    errors behind the figures (a file that cannot be read or says something wrong), also
    `diagnostics` and `summary`, as `format_json` has them (no language is named so)."""
    payload: dict[str, object] = {lang: {**row, "units": dict(sorted(states[lang].items()))}
                                  for lang, row in status_rows(states)}
    if errors:
        payload |= {"diagnostics": [d.to_json() for d in errors],
                    "summary": summary_counts(errors)}
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def tool_version() -> str:
    """The installed version of this tool, for SARIF's `tool.driver.version` ("" if unknown)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cafetalk-privacy-policy")
    except PackageNotFoundError:
        return ""


def format_sarif(diagnostics: Sequence[Diagnostic], *, tool_version: str = "",
                 tool_name: str = "policy check") -> str:
    """SARIF 2.1.0 for code-scanning upload; rules come from the code registry. `tool_name`
    names the command: code scanning keeps one analysis per tool and category, so `policy
    check` and `policy uses check` uploaded from one job must not share a name, or the second
    upload replaces (or is refused beside) the first."""
    from .checks import CHECKS
    from .diagnostics import CODES, plain_sentence

    rule_ids = sorted(CODES)
    index = {code: i for i, code in enumerate(rule_ids)}
    # the check a code belongs to (engine/checks/), for the rule's help and tags
    owner = {c.code: check for check in CHECKS for c in check.codes}
    rules: list[dict[str, object]] = []
    for code in rule_ids:
        rule: dict[str, object] = {
            "id": code,
            "name": code,
            "shortDescription": {"text": CODES[code].summary},
            "fullDescription": {"text": plain_sentence(code, "en")},
            "defaultConfiguration": {"level": _SARIF_LEVEL[CODES[code].severity]},
        }
        check = owner.get(code)
        if check is not None:
            if check.summary:
                rule["help"] = {"text": f"{check.name}: {check.summary}"}
            rule["properties"] = {"tags": [check.name]}
        rules.append(rule)
    results = []
    root = repo_root()
    for d in diagnostics:
        reason = waiver_reason(d)
        hint = f" ({d.hint})" if d.hint and reason is None else ""
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message + hint + "".join(f"\n{x}" for x in d.detail)},
        }
        if reason is not None:  # waived in the edition itself: suppressed in source (3.35)
            result["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                       "justification": reason}]
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.file:
            physical: dict[str, object] = {
                "artifactLocation": {"uri": repo_path(d.file, root), "uriBaseId": "%SRCROOT%"}}
            if d.line > 0:
                physical["region"] = {"startLine": d.line, "startColumn": d.col or 1}
            result["locations"] = [{"physicalLocation": physical}]
        props = {k: v for k, v in (("unit", d.unit), ("lang", d.lang)) if v is not None}
        if props:
            result["properties"] = props
        results.append(result)
    driver: dict[str, object] = {"name": tool_name, "rules": rules}
    if tool_version:
        driver["version"] = tool_version
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results,
                  "columnKind": "unicodeCodePoints"}],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
