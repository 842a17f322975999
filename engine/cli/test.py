"""`policy test`: run the legal team's expected answers and properties (engine/testing.py)."""

from __future__ import annotations

from pathlib import Path

import click

from .app import exit_with, lang_default, main, policy_option


@main.command("test")
@policy_option
@click.option("--lang", default=None, callback=lang_default,
              help="Language of the explanations in failures (ja, ru or en).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True,
              help="text for people, json for tools, junit for CI test reports.")
@click.option("--mutate", is_flag=True,
              help="Also check that the expected answers would notice if any single rule were "
                   "removed or reversed.")
def test_command(policy_dir: Path, lang: str, fmt: str, mutate: bool) -> None:
    """Check the expected answers and properties in POLICY/tests/*.yaml, and that every rule
    is exercised. Exit 0 all pass, 1 failures, 2 the policy or a table cannot be loaded.

    Example: policy test --lang ja --mutate
    """
    from ..bundle import compile_sources
    from ..decide import CompiledPolicy
    from ..findings import PolicyLoadError
    from ..loader import load_folder
    from ..testing import format_json, format_junit, format_text, run_tests

    src = load_folder(policy_dir)
    try:  # the sources just read, not the folder read again: one snapshot, read once
        policy = CompiledPolicy(compile_sources(src, str(policy_dir)))
    except PolicyLoadError as exc:
        from .app import report_unloadable

        report_unloadable(exc.diagnostics, "test", lang, src=src, fmt=fmt)
        if fmt != "text":  # tools read the findings in the report they asked for, too
            from ..testing import TestReport

            unloaded = TestReport(diagnostics=list(exc.diagnostics))
            click.echo((format_json if fmt == "json" else format_junit)(unloaded), nl=False)
        exit_with(exc.diagnostics, completed=False)
    if lang not in policy.languages:  # said as a command line that cannot run (exit 2)
        from .usage import SaidValue

        raise SaidValue("usage_no_edition", "--lang", lang=lang,
                        languages=", ".join(policy.languages))
    report = run_tests(src, policy, policy_dir, lang=lang, mutate=mutate)
    if fmt == "json":
        click.echo(format_json(report), nl=False)
    elif fmt == "junit":
        click.echo(format_junit(report), nl=False)
    else:
        click.echo(format_text(report, lang), nl=False)
    # A table that names what the policy lacks (TEST005) could not be run: as unloadable, 2.
    exit_with(report.diagnostics, completed=report.loaded and not any(
        d.code == "TEST005" for d in report.diagnostics))
