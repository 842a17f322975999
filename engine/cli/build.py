"""`policy build`: render the multilingual site into a folder and print where it is."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main, policy_option

# Not written because of where it was to go, not because of the policy: a usage error.
_USAGE_CODES = ("IO005", "RENDER004")


@main.command()
@policy_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("site"),
              show_default=True, help="Folder to publish the site into (replaced whole).")
@click.option("--allow-drift", is_flag=True,
              help="Publish even if a translation has parity errors, with banners on the "
                   "affected clauses.")
@click.option("--since", metavar="REV", default=None,
              help="Add a 'what changed' page against this git revision.")
def build(policy_dir: Path, out_dir: Path, allow_drift: bool, since: str | None) -> None:
    """Validate, check parity and build the static site; ends by printing its path.

    Exit 0 when published, 1 when the policy's findings stopped it, 2 when the output
    folder cannot be used.
    """
    from render.site import build_site

    from ..report import format_text

    result = build_site(policy_dir, out_dir, allow_drift=allow_drift, since=since)
    if result.diagnostics:
        click.echo(format_text(result.diagnostics), nl=False, err=True)
    if not result.written:
        usage = any(d.code in _USAGE_CODES for d in result.diagnostics)
        sys.exit(EXIT_USAGE if usage else EXIT_FINDINGS)
    for lang, count in sorted(result.banners.items()):
        if count:
            click.echo(f"{lang}: {count} unit(s) carry an out-of-date banner", err=True)
    click.echo(str(result.out_dir))
    sys.exit(EXIT_OK)
