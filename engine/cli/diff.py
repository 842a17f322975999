"""`policy diff` (what a change does, with `--check` of version, date and changelog) and
`policy revise` (start a revision: bump the version, add the revision, open a changelog entry)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .app import exit_with, lang_option, main, policy_option

if TYPE_CHECKING:
    from ..diff.result import Side


@main.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@policy_option
@click.option("--format", "fmt",
              type=click.Choice(["text", "json", "markdown", "html", "github"]),
              default="text", show_default=True,
              help="text, json, markdown (a pull-request comment), html (a redline page) or "
                   "github (the text, and each finding as an annotation).")
@click.option("--check", is_flag=True,
              help="Exit 1 unless the version bump, revision date and CHANGELOG.md match the "
                   "change.")
@click.option("--lang", default=None,
              help="Language of the html page: one the policy has (default: en if it has it, "
                   "else its master's language); also the language the text and --check's "
                   "findings and verdict are said in (default: POLICY_LANG, else the locale, "
                   "else en).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write the output here (atomically) instead of standard output.")
@click.option("--branch", default="main", show_default=True,
              help="Default BASE is the merge-base of HEAD with this branch.")
@click.option("--uses", "uses_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of declared data uses (default: uses/ when it exists): the uses the "
                   "change newly denies, allows or obliges are listed.")
@click.option("--allow-breaking-uses", is_flag=True,
              help="With --check: accept a change that denies a declared use whose "
                   "declaration did not change with it.")
def diff(base: str | None, head: str | None, policy_dir: Path, fmt: str, check: bool,
         lang: str | None, out: Path | None, branch: str, uses_dir: Path | None,
         allow_breaking_uses: bool) -> None:
    """What a change does: decisions, vocabulary, text and facts between two versions.

    BASE and HEAD are git revisions, policy folders or bundles. BASE defaults to the merge-base
    with main, HEAD to the policy folder on disk (the working tree).
    """
    from .plain import diff as work

    work(base, head, policy_dir, fmt=fmt, check=check, lang=lang, out=out, branch=branch,
         uses_dir=uses_dir, allow_breaking_uses=allow_breaking_uses)


def _date(_ctx: click.Context, _param: click.Parameter, value: str) -> dt.date:
    from ..wording import parse_day

    try:
        return parse_day(value)
    except ValueError:
        from .usage import SaidValue

        raise SaidValue("usage_not_a_date", value=value) from None


@main.command()
@click.option("--date", "day", required=True, callback=_date, metavar="YYYY-MM-DD",
              help="Date of the new revision.")
@policy_option
@click.option("--changelog", type=click.Path(path_type=Path), default=None,
              help="The changelog to open the entry in (default: CHANGELOG.md beside the "
                   "policy folder).")
@click.option("--branch", default="main", show_default=True,
              help="Compare your edits with the last version on this branch (leave as main "
                   "unless told otherwise).")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@lang_option
def revise(day: dt.date, policy_dir: Path, changelog: Path | None, branch: str,
           dry_run: bool, say: str) -> None:
    """Start a revision: new version, revision date, release-note drafts and changelog entry.

    Bumps facts.version by what the pending change does, records the revision in
    facts.revisions (and each translation's facts), drafts a marked release note in every
    edition for the legal team to write, and opens a CHANGELOG.md entry. Run it again to
    correct the date: the pending revision is updated in place.
    """
    if changelog is None:
        changelog = policy_dir.resolve().parent / "CHANGELOG.md"
        if not changelog.is_file() and (policy_dir / "CHANGELOG.md").is_file():
            changelog = policy_dir / "CHANGELOG.md"
        try:
            changelog = changelog.relative_to(Path.cwd().resolve())
        except ValueError:
            pass
    from ..diff import default_base, diff_sides, side_from_folder
    from ..diff.revise import RevisionError, plan_revision, write_revision

    result = diff_sides(default_base(policy_dir, branch, "policy revise"),
                        side_from_folder(policy_dir, "working tree", changelog=changelog))
    try:
        plan = plan_revision(result, day, policy_dir, changelog, dry_run=dry_run)
    except RevisionError as exc:
        from .app import diagnostic_line

        click.echo(diagnostic_line(exc.diagnostic, say), err=True)
        exit_with([exc.diagnostic])
    from ..commandwords import say as words

    for line in plan.summary(say):
        click.echo(line)
    _translations_to_do(result.head, say)
    if dry_run:
        for path in plan.files():
            click.echo(words("would_write", say, path=str(path)))
        return
    write_revision(plan)
    for path in plan.files():
        click.echo(words("wrote", say, path=str(path)))


def _translations_to_do(head: Side, say: str) -> None:
    """A revision started while translations lag behind the master: one more to-do, naming
    the editions and how many of their parts need translating, and where they are listed (a
    build refuses to publish them, so it is said now, not at publishing)."""
    from ..commandwords import say as words
    from ..model import units_behind
    from ..saying import fill, listed

    if head.master is None:
        return
    behind = {lang: {mu.key for mu, _ in units_behind(head.master, tr)}
              for lang, tr in head.translations.items()}
    langs = sorted(lang for lang, keys in behind.items() if keys)
    if langs:  # counted as parts of the master, each once whatever the editions lagging
        named = fill("{langs:@and}", say, {"langs": listed(langs)})  # English and Russian
        click.echo(words("todo", say, what=words(
            "revise_translate", say, langs=named, n=len(set().union(*behind.values())))))


@main.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@policy_option
@lang_option
@click.option("--branch", default="main", show_default=True,
              help="Default BASE is the merge-base of HEAD with this branch.")
@click.option("--uses", "uses_dir", type=click.Path(path_type=Path), default=None,
              help="Declared data uses to name when affected (default: uses/ when it exists).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write the report here (atomically) instead of standard output.")
def report(base: str | None, head: str | None, policy_dir: Path, say: str, branch: str,
           uses_dir: Path | None, out: Path | None) -> None:
    """A Markdown report of the change for a pull-request comment (under 65,536 characters):
    version bump, newly allowed and denied data uses by clause, tests, translations.

    BASE and HEAD are as for `policy diff`. Always exits 0 when both sides load: the checks
    that gate a merge are `policy check`, `policy test` and `policy diff --check`.
    """
    from ..change_report import render_report
    from ..diff import default_base, diff_sides, resolve_side, side_from_folder

    if head is not None:
        head_side = resolve_side(head, policy_dir)
        head_folder = Path(head) if Path(head).is_dir() else None
    else:
        head_side = side_from_folder(policy_dir, "working tree")
        head_folder = policy_dir
    base_side = (resolve_side(base, policy_dir) if base is not None
                 else default_base(policy_dir, branch))
    from ..uses.folder import default_uses_dir

    text = render_report(diff_sides(base_side, head_side), say, head_folder=head_folder,
                         uses_dir=default_uses_dir(uses_dir))
    if out is not None:
        from ..atomic import write_text_atomic

        write_text_atomic(out, text + "\n")
        click.echo(str(out))
    else:
        click.echo(text)
    exit_with([])
