"""`policy build`: render the multilingual site into a folder and print where it is."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import EXIT_OK, EXIT_USAGE, exit_with, lang_option, main, policy_option

# Not built because of where it was to go or what it was asked to compare with, not because
# of the policy: a usage error (exit 2), as `validate` and `diff` say for the same causes.
_USAGE_PREFIXES = ("IO", "GIT", "RENDER004", "RENDER005")
# The build's own verdicts: said in the closing sentence, never counted as findings.
_VERDICTS = ("RENDER002", "RENDER003")


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
    from render.site import NAMED_BLOCKERS, build_site

    from ..commandwords import say as words
    from ..humane import format_human, frame, summary_sentence
    from ..wording import use_colour

    if since is not None:  # a revision that names nothing is a usage error, before any work
        from ..gitio import GitError, resolve, toplevel

        try:
            resolve(toplevel(policy_dir.resolve()), since)
        except (GitError, OSError) as exc:
            from .app import diagnostic_line

            why = (diagnostic_line(exc.diagnostic, say) if isinstance(exc, GitError)
                   else str(exc))
            click.echo(f"{why}\n" + words("no_since", say, rev=since), err=True)
            sys.exit(EXIT_USAGE)
    result = build_site(policy_dir, out_dir, allow_drift=allow_drift, since=since, pdf=pdf)
    found = [d for d in result.diagnostics if d.code not in _VERDICTS]
    colour = use_colour(sys.stderr)
    src = result.sources if found and policy_dir.is_dir() else None  # loaded once, by the build
    if not result.written:
        usage = any(d.code.startswith(_USAGE_PREFIXES) for d in found)
        why = summary_sentence(found, lang=say).removeprefix(frame("not_ready", say))
        tail = words("not_published", say, why=why.removesuffix(frame("stop", say)))
        blockers = result.not_drift  # errors --allow-drift never publishes over
        if blockers:
            named = words("sep", say).join(f"{d.location} [{d.code}]"
                                           for d in blockers[:NAMED_BLOCKERS])
            if len(blockers) > NAMED_BLOCKERS:
                named = words("and_more", say, shown=named, n=len(blockers) - NAMED_BLOCKERS)
            tail += words("not_drift", say, n=len(blockers), where=named)
        elif any(d.code == "RENDER002" for d in result.diagnostics):
            # the pronoun agrees with what the sentence before counted (ru её, его, их)
            errors = sum(1 for d in found if d.severity.name == "ERROR"
                         and d.code != "DRIFT001")
            changes = len({d.unit for d in found if d.code == "DRIFT001"})
            one = ("_error" if (errors, changes) == (1, 0) else
                   "_change" if (errors, changes) == (0, 1) else "")
            tail += words("allow_drift" + one, say)
        click.echo(format_human(found, src, colour=colour, tail=tail, lang=say), nl=False,
                   err=True)
        exit_with(found, completed=usage or any(d.severity.name == "ERROR" for d in found))
    banners = {lang: n for lang, n in sorted(result.banners.items()) if n}
    if found:
        listed = words("sep", say).join(words("banner_count", say, n=n, lang=lang)
                                        for lang, n in banners.items())
        tail = words("published", say, out=str(result.out_dir),
                     banners=words("banners", say, list=listed) if banners else "")
        click.echo(format_human(found, src, colour=colour, tail=tail, lang=say), nl=False,
                   err=True)
    click.echo(str(result.out_dir))
    sys.exit(EXIT_OK)
