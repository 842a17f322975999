"""The `policy` command: a thin click layer (options, formatting, exit codes) over the library.

Exit codes everywhere: 0 clean (or allowed), 1 findings (or denied), 2 usage or load error.
No traceback reaches the user: an unexpected exception is reported as INTERNAL with exit 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..diagnostics import Diagnostic, has_errors

DEFAULT_POLICY = "policy"
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

policy_option = click.option(
    "--policy", "policy_dir", default=DEFAULT_POLICY, show_default=True,
    type=click.Path(path_type=Path), help="Policy folder (holding ja.yaml, ru.yaml, en.yaml).")


class Group(click.Group):
    """Turns any escaped exception into one line and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            from ..diagnostics import PolicyLoadError

            if isinstance(exc, PolicyLoadError):
                for d in exc.diagnostics:
                    click.echo(str(d), err=True)
                sys.exit(EXIT_USAGE)
            if isinstance(exc, OSError):  # a path the user gave cannot be read or written
                where = exc.filename if exc.filename is not None else "policy"
                click.echo(f"{where}: IO005 {exc.strerror or exc}", err=True)
                sys.exit(EXIT_USAGE)
            click.echo(f"policy: INTERNAL {type(exc).__name__}: {exc}", err=True)
            sys.exit(EXIT_USAGE)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cafetalk-privacy-policy", prog_name="policy")
def main() -> None:
    """Cafetalk's privacy policy as code: validate, ask, check, diff and publish."""


def emit_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> None:
    from ..report import format_json, format_text

    out = format_json(diagnostics) if fmt == "json" else format_text(diagnostics)
    click.echo(out, nl=False)


def exit_for(diagnostics: Sequence[Diagnostic], *, strict: bool = False) -> int:
    """2 when the files could not be read at all (IO), 1 for any other error, 0 otherwise."""
    if any(d.code.startswith("IO") and d.severity.name == "ERROR" for d in diagnostics):
        return EXIT_USAGE
    if has_errors(diagnostics):
        return EXIT_FINDINGS
    if strict and diagnostics and any(d.severity.name == "WARNING" for d in diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


# Importing the command modules registers their commands on `main`.
from . import basic, build, check, diff, test, uses  # noqa: E402,F401
