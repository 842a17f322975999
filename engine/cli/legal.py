"""`policy terms`, `policy renumber` and `policy preview`: the legal team's helpers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import EXIT_OK, EXIT_USAGE, Whole, exit_with, lang_option, main, policy_option


@main.command()
@click.argument("kind", required=False)
@click.option("--lang", default=None,
              help="Language of the labels (default: the reader's, from POLICY_LANG or the "
                   "locale, when the policy has it; else en if the policy has it).")
@click.option("--policy", "policy_path", default=None, type=click.Path(path_type=Path),
              help="Policy folder or bundle (default: the nearest `policy/` folder here or "
                   "above; outside any project, the policy this tool was built with).")
def terms(kind: str | None, lang: str | None, policy_path: Path | None) -> None:
    """List the vocabulary a question can use: ids with their labels.

    KIND is one of actions, data, purposes, context, obligations (all when left out).

    Example: policy terms purposes --lang ja
    """
    from ..decide import CompiledPolicy
    from ..terms import KIND_ORDER, format_terms, kinds_matching
    from .basic import answering_policy, reader_language

    kinds = kinds_matching(kind)
    if not kinds:
        from ..saying import listed
        from .usage import SaidValue  # only then: the words of every language

        raise SaidValue("usage_no_kind", "KIND", kind=str(kind), kinds=listed(list(KIND_ORDER)))
    pol = answering_policy(policy_path)
    real = pol if isinstance(pol, CompiledPolicy) else pol._real()
    languages = tuple(real.languages)
    if lang is None:
        lang = reader_language(languages)
    elif lang not in languages:
        from ..saying import listed
        from .usage import SaidValue

        raise SaidValue("usage_no_edition", "--lang", lang=lang, languages=listed(list(languages)))
    click.echo(format_terms(real, kinds, lang), nl=False)
    sys.exit(EXIT_OK)


@main.command()
@policy_option
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@lang_option
def renumber(policy_dir: Path, dry_run: bool, say: str) -> None:
    """Fix the printed numbers of every edition from the master's order; ids never change.

    After inserting, moving or deleting a clause or item in the master, run this once: the
    master is numbered 1, 2, 3, … at each level and each translation follows it. References to
    other clauses inside the texts are not rewritten; `policy check` points them out.
    """
    from ..commandwords import say as words
    from ..findings import make
    from ..locate import master_file
    from ..renumber import plan_renumber, write_renumber
    from .app import diagnostic_line

    master = master_file(policy_dir) if policy_dir.is_dir() else None
    if master is None:
        missing = make("IO001", "no master edition here (a YAML file with "
                       "`prevailing_language:`)", str(policy_dir))
        click.echo(diagnostic_line(missing, say), err=True)
        exit_with([missing])
    files = sorted(p for p in policy_dir.iterdir() if p.suffix in (".yaml", ".yml"))
    plan = plan_renumber(master, [p for p in files if p != master])  # PolicyLoadError: said
    for change in plan.changes:  # by the numbers and titles a reader knows, never the ids
        if change.title:
            from ..wording import short

            click.echo(words("renumbered_titled", say, file=str(change.file), old=change.old,
                             new=change.new, title=short(change.title, 30)))
        else:
            click.echo(words("renumbered", say, file=str(change.file), old=change.old,
                             new=change.new))
    if not plan.changes:
        click.echo(words("renumber_none", say))
        sys.exit(EXIT_OK)
    if dry_run:
        sys.exit(EXIT_OK)
    write_renumber(plan)
    for path in sorted(plan.texts):
        click.echo(words("wrote", say, path=str(path)))
    sys.exit(EXIT_OK)


@main.command()
@policy_option
@click.option("--port", type=Whole(0, 65535), default=8000, show_default=True, metavar="N",
              help="Port on 127.0.0.1 to serve on (0 picks a free one).")
@lang_option
def preview(policy_dir: Path, port: int, say: str) -> None:
    """Serve the site on this computer, rebuilt on every save, with findings on the page.

    Open the address it prints, edit the YAML in your editor and save: the page reloads by
    itself and shows each finding of `policy check` at the clause it concerns, in the page's
    language. Only this computer can open it (127.0.0.1). Stop it with Ctrl-C.
    """
    from render.preview import Build, serve, summary

    from ..commandwords import say as words

    if not policy_dir.is_dir():
        from ..loader import folder_not_found
        from .output import diagnostic_line

        missing = folder_not_found(str(policy_dir))
        click.echo(diagnostic_line(missing, say), err=True)
        exit_with([missing])

    def ready(bound: int, build: Build) -> None:
        click.echo(words("preview_serving", say, address=f"http://127.0.0.1:{bound}/"))
        click.echo(summary(build, say), err=True)

    def log(build: Build) -> None:
        click.echo(summary(build, say), err=True)

    try:
        serve(policy_dir, port, ready=ready, log=log)
    except OSError as exc:
        import errno

        if exc.errno == errno.EADDRINUSE:
            click.echo(words("preview_port_in_use", say, port=port), err=True)
        else:
            click.echo(words("preview_cannot_serve", say, port=port,
                             reason=exc.strerror or str(exc)), err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(EXIT_OK)
