"""`policy check`, `policy stamp` and `policy status`: translation parity and drift for CI and translators."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .app import EXIT_OK, EXIT_USAGE, exit_with, main, policy_option

FORMATS = ["text", "json", "github", "sarif"]


@main.command()
@policy_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people; json, github (annotations) or sarif for CI.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--previous", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=None,
              help="A stored copy of an older master, for showing what changed in stale units "
                   "(git history of the master is searched too).")
@click.option("--summary", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Append a Markdown summary here (default with --format github: "
                   "$GITHUB_STEP_SUMMARY when set).")
def check(policy_dir: Path, fmt: str, strict: bool, previous: Path | None,
          summary: Path | None) -> None:
    """Check the master and every translation; say what to fix or translate.

    Validates the files, then checks each translation against the master: structure, text
    that changed since it was translated, script, numbers and dates, the prevailing-language
    clause and the release notes. Exit 0 clean, 1 findings, 2 a file that cannot be read.
    """
    from ..check import run_check
    from ..report import (
        format_github,
        format_json,
        format_markdown_summary,
        format_sarif,
    )

    result = run_check(policy_dir, previous=previous)
    found = result.diagnostics
    target = summary
    if target is None and fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        target = Path(os.environ["GITHUB_STEP_SUMMARY"])
    if fmt == "json":
        click.echo(format_json(found), nl=False)
    elif fmt == "sarif":
        from importlib.metadata import PackageNotFoundError, version

        try:
            tool_version = version("cafetalk-privacy-policy")
        except PackageNotFoundError:
            tool_version = ""
        click.echo(format_sarif(found, tool_version=tool_version), nl=False)
    elif fmt == "github":
        click.echo(format_github(found), nl=False)
        if target is None:
            click.echo(format_markdown_summary(found, result.states), nl=False)
    else:
        from ..humane import format_human
        from ..wording import use_colour

        click.echo(format_human(found, result.sources, colour=use_colour(), strict=strict),
                   nl=False)
    if target is not None:
        try:
            with open(target, "a", encoding="utf-8") as fh:  # a step summary is appended to
                fh.write(format_markdown_summary(found, result.states) + "\n")
        except OSError as exc:
            click.echo(f"policy check: cannot write summary {target}: {exc.strerror}", err=True)
            sys.exit(EXIT_USAGE)
    exit_with(found, strict=strict, completed=result.loaded or bool(found))


@main.command()
@click.argument("lang")
@click.argument("units", nargs=-1)
@click.option("--all", "every", is_flag=True,
              help="Stamp every clause and item whose master text changed (instead of naming "
                   "them).")
@click.option("--unchanged-ok", is_flag=True,
              help="Stamp even clauses whose translation did not change since their last stamp "
                   "(when the master change, e.g. a typo fix, leaves the translation right).")
@policy_option
def stamp(lang: str, units: tuple[str, ...], every: bool, unchanged_ok: bool,
          policy_dir: Path) -> None:
    """Mark clauses and items of the LANG edition as translated from the current master.

    Name each clause or item you translated by its printed number (10, 3.2) or its id
    (opt-out), or use --all. Naming a clause stamps its items too. A clause whose translation
    has not changed since its last stamp while the master did is not stamped unless
    --unchanged-ok.

    Example: policy stamp ru 10 3.2
    """
    from ..findings import PolicyLoadError
    from ..loader import load_folder
    from ..parity.stamp import NoUnitsNamed
    from ..parity.stamp import stamp as do_stamp
    from ..wording import language_name, unit_label

    src = load_folder(policy_dir)
    try:
        result = do_stamp(src, lang, units, every=every, unchanged_ok=unchanged_ok)
    except NoUnitsNamed:
        click.echo(f"policy stamp: nothing was stamped. Name the clauses or items you "
                   f"translated, by their printed number (for example `policy stamp {lang} 10 "
                   "3.2`), or use --all to stamp every clause and item whose master text "
                   "changed.", err=True)
        sys.exit(EXIT_USAGE)
    except PolicyLoadError as exc:
        for d in exc.diagnostics:
            click.echo(str(d) + ("" if not d.hint or d.hint in str(d) else f" ({d.hint})"),
                       err=True)
        sys.exit(EXIT_USAGE)
    name = language_name(lang)
    for unit in result.stamped:
        click.echo(f"stamped {unit_label(unit.number, unit.title, unit.key)}")
    for unit in result.unchanged:
        if units:
            click.echo(f"already up to date: {unit_label(unit.number, unit.title, unit.key)}")
    for unit in result.refused:
        click.echo(f"not stamped: {unit_label(unit.number, unit.title, unit.key)}: the "
                   f"{name} text is the same as at its last stamp, but the master changed. "
                   "Translate the change, or if the translation is still right, run again "
                   "with --unchanged-ok", err=True)
    for unit in result.missing:
        click.echo(f"not stamped: {unit_label(unit.number, unit.title, unit.key)} is missing "
                   f"from {result.file}; translate it first", err=True)
    parts = [f"{len(result.stamped)} stamped"]
    if result.refused:
        parts.append(f"{len(result.refused)} refused")
    if result.missing:
        parts.append(f"{len(result.missing)} not translated yet")
    click.echo(f"{name} ({result.file}): " + ", ".join(parts))
    # Units missing from the translation, or refused (still stale), are this run's findings.
    # (The registry, which knows the checks' codes, is imported only when there are some.)
    if not result.missing and not result.refused:
        exit_with([])
    from ..diagnostics import make

    exit_with([make("PARITY001", f"{u.key} is not translated yet; not stamped",
                    str(result.file)) for u in result.missing]
              + [make("DRIFT001", f"{u.key} did not change with the master; not stamped",
                      str(result.file)) for u in result.refused])


@main.command()
@policy_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for programs.")
def status(policy_dir: Path, fmt: str) -> None:
    """What each translation still needs, unit by unit, with a progress bar per language."""
    from ..check import run_check
    from ..humane import format_status
    from ..report import format_status_json
    from ..wording import use_colour

    result = run_check(policy_dir)
    if not result.loaded:
        errors = [d for d in result.diagnostics if d.severity.name == "ERROR"]
        for d in errors:
            click.echo(str(d), err=True)
        exit_with(errors, completed=bool(errors))  # 1 for a broken master, as validate says
    click.echo(format_status_json(result.states) if fmt == "json"
               else format_status(result.states, result.sources, colour=use_colour()), nl=False)
    # An edition that could not be read is not "100 % current": say so and fail.
    unreadable = [d for d in result.diagnostics
                  if d.severity.name == "ERROR" and d.code.startswith(("IO", "YAML", "SCHEMA"))]
    for d in unreadable:
        click.echo(str(d), err=True)
    exit_with(unreadable)


@main.command()
@click.argument("lang")
@click.argument("units", nargs=-1)
@click.option("--by", "by", default=None, metavar="NAME",
              help="The lawyer who approved the text (recorded with the date); required.")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD",
              help="The day of the approval (default: today).")
@policy_option
def approve(lang: str, units: tuple[str, ...], by: str | None, day: str | None,
            policy_dir: Path) -> None:
    """Record the legal team's sign-off of clauses or items of the LANG edition, named by their
    printed number (5, 5.1), with the approver, the date and the text approved. Naming a
    clause approves its items too. The sign-off goes stale when the text changes.

    Example: policy approve ja 5 5.1 --by "Hanako Yamada" --date 2026-12-01
    """
    import datetime as dt

    from ..diagnostics import PolicyLoadError
    from ..loader import load_folder
    from ..review import approve as do_approve
    from ..wording import language_name, parse_day

    if by is None or not by.strip():
        click.echo('policy approve: nothing was recorded. Say who approved the text: '
                   '--by "NAME"', err=True)
        sys.exit(EXIT_USAGE)
    when = None
    if day is not None:
        try:
            when = parse_day(day)
        except ValueError as exc:
            click.echo(f"policy approve: nothing was recorded. --date {exc}", err=True)
            sys.exit(EXIT_USAGE)
    src = load_folder(policy_dir)
    try:
        result = do_approve(src, lang, units, by, when)
    except PolicyLoadError as exc:
        for d in exc.diagnostics:
            click.echo(str(d), err=True)
        sys.exit(EXIT_USAGE)
    from ..parity.stamp import items_included

    language = language_name(lang)
    on = (when or dt.date.today()).isoformat()
    for name in result.approved:
        click.echo(f"{result.file}: approved {name} ({language}) — {by.strip()}, {on}")
    for name in result.unchanged:
        click.echo(f"{result.file}: {name} ({language}) was already approved by {by.strip()} "
                   "for this text")
    for clause, items in items_included(src, units):
        click.echo(f"Naming clause {clause} approved its items too: {', '.join(items)}.")
    sys.exit(EXIT_OK)
