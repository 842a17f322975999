"""`policy build`: render the multilingual site into a folder and print where it is."""

from __future__ import annotations

from pathlib import Path

import click

from .app import lang_option, main, policy_option


@main.command()
@policy_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("site"),
              show_default=True, help="Folder to publish the site into (replaced whole).")
@click.option("--allow-drift", is_flag=True,
              help="Publish even if a translation lags behind the master (not yet updated "
                   "or not yet translated), with banners on those clauses. Any other error "
                   "still stops the build.")
@click.option("--since", metavar="REV", default=None,
              help="Add a 'what changed' page against this git revision.")
@click.option("--pdf", is_flag=True,
              help="Also print each edition and each version's redline as PDF (WeasyPrint).")
@lang_option
def build(policy_dir: Path, out_dir: Path, allow_drift: bool, since: str | None,
          pdf: bool, say: str) -> None:
    """Check the policy and build the published site; ends by printing its path.

    Exit 0 when published, 1 when the policy's findings stopped it, 2 when the policy folder,
    the output folder or the --since revision cannot be used. What it says is in --lang.
    """
    from .plain import build as work

    work(policy_dir, out_dir=out_dir, allow_drift=allow_drift, since=since, pdf=pdf, say=say)
