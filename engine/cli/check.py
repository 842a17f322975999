"""`policy check`, `policy stamp` and `policy status`: translation parity and drift for CI and translators."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .app import EXIT_OK, EXIT_USAGE, Whole, exit_with, lang_option, main, policy_option
from .plain import FORMATS

if TYPE_CHECKING:
    from ..loader import Sources
    from ..parity.stamp import Stamped

F = TypeVar("F", bound=Callable[..., Any])


def unnumbered_parts(verb: str) -> Callable[[F], F]:
    """`--key-point N` and `--release-note DATE`: the parts with no printed number, as `stamp`
    and `approve` name them (`verb`: what the command does to them)."""
    def add(command: F) -> F:
        command = click.option(
            "--release-note", "release_notes", multiple=True, metavar="DATE",
            help=f"{verb} the release note of the revision of DATE (YYYY-MM-DD, as the footer "
                 "dates it; repeat for several).")(command)
        return click.option(
            "--key-point", "key_points", type=Whole(min=1), multiple=True,
            metavar="N", help=f"{verb} the Nth key point of the summary (as listed at the top "
                              "of the page; repeat for several).")(command)
    return add


def parts_named(units: tuple[str, ...], key_points: tuple[int, ...],
                release_notes: tuple[str, ...]) -> tuple[str, ...]:
    """The parts a command line names, as engine/parity/stamp.py `resolve` takes them."""
    from ..parity.stamp import KEY_POINT, RELEASE_NOTE

    return (*units, *(f"{KEY_POINT} {n}" for n in key_points),
            *(f"{RELEASE_NOTE} {d}" for d in release_notes))


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
@click.option("--show-waived", is_flag=True,
              help="List the findings accepted as exceptions (`waivers:` in the editions), each "
                   "with its reason (by default they are only counted).")
@lang_option
def check(policy_dir: Path, fmt: str, strict: bool, previous: Path | None,
          summary: Path | None, show_waived: bool, say: str) -> None:
    """Check the master and every translation; say what to fix or translate.

    Validates the files, then checks each translation against the master: structure, text
    that changed since it was translated, script, numbers and dates, the prevailing-language
    clause and the release notes. Exit 0 when no error is found (warnings alone pass, unless
    --strict), 1 when an error is found (a YAML syntax error is one), 2 when the folder or a
    file is missing, cannot be opened, is not UTF-8 text or is larger than 8 MiB, or the
    --summary file cannot be written. The text is in --lang (ja, ru, en); json, github and
    sarif keep the English messages.
    """
    from .plain import check as work

    work(policy_dir, fmt=fmt, strict=strict, previous=previous, summary=summary, say=say,
         show_waived=show_waived)


def edition_named(src: Sources, lang: str, *, translation: bool) -> None:
    """Refuse, as a command line that cannot run (exit 2, in the reader's language), a LANG
    the policy has no file for, or the master named where only a translation can be (`policy
    stamp ja`). A file that is there but cannot be read is left to the command's own report."""
    from ..saying import listed
    from .usage import Said

    if src.master is None:
        return
    master = src.master.lang
    translations = sorted(set(src.translations) | (set(src.documents) - {master}))
    if lang == master and translation:
        raise Said("usage_stamp_master", lang=lang, languages=listed(translations))
    if lang != master and not (src.folder / f"{lang}.yaml").exists():
        if translation and not translations:  # a folder holding a master alone (a copy?)
            raise Said("usage_no_translations", master=src.display_path(master))
        raise Said("usage_no_edition_named", lang=lang,
                   languages=listed(translations if translation else [master, *translations]))


@main.command()
@click.argument("lang")
@click.argument("units", nargs=-1)
@click.option("--all", "every", is_flag=True,
              help="Stamp every clause and item whose master text changed (instead of naming "
                   "them).")
@unnumbered_parts("Stamp")
@click.option("--unchanged-ok", is_flag=True,
              help="Stamp even clauses whose translation did not change since their last stamp "
                   "(when the master change, e.g. a typo fix, leaves the translation right).")
@policy_option
@lang_option
def stamp(lang: str, units: tuple[str, ...], every: bool, key_points: tuple[int, ...],
          release_notes: tuple[str, ...], unchanged_ok: bool, policy_dir: Path,
          say: str) -> None:
    """Mark clauses and items of the LANG edition as translated from the current master.

    Name each clause or item you translated by its printed number, as any edition prints or
    cites it (10, 3.2, 第3項第2号, п. 3.2, "clause 3.2"), or its id (opt-out); the title,
    preamble and footer by those words; a key point of the summary with --key-point N and a
    release note with --release-note DATE; or use --all. Naming a clause stamps its items too.
    A clause whose translation has not changed since its last stamp while the master did is
    not stamped unless --unchanged-ok.

    Examples: policy stamp ru 10 3.2; policy stamp en --release-note 2026-12-03
    """
    from ..commandwords import say as words
    from ..loader import load_folder
    from ..parity.naming import release_note_days
    from ..parity.stamp import NoUnitsNamed, titles_in
    from ..parity.stamp import stamp as do_stamp
    from ..wording import capital, language_name, unit_label

    src = load_folder(policy_dir)
    edition_named(src, lang, translation=True)
    named = parts_named(units, key_points, release_notes)
    try:
        result = do_stamp(src, lang, named, every=every, unchanged_ok=unchanged_ok)
    except NoUnitsNamed:
        click.echo(words("stamp_none", say, lang=lang), err=True)
        sys.exit(EXIT_USAGE)
    name = language_name(lang, say)
    # A reader knows a clause by its title in their own edition (as `policy check` names it),
    # not in the words of the edition stamped, which they may not read.
    own = titles_in(src, say)
    days = release_note_days(src.master) if src.master is not None else {}

    def label(unit: Stamped) -> str:
        return unit_label(unit.number, days.get(unit.key) or own.get(unit.key) or unit.title,
                          unit.key, say=say)

    for unit in result.stamped:
        click.echo(words("stamped", say, label=label(unit)))
    for unit, line, col in result.published:
        where = f"{result.file}:{line}:{col}" if line else str(result.file)
        click.echo(words("stamp_published", say, label=label(unit), language=name, where=where))
    for unit in result.unchanged:
        if named:
            click.echo(words("stamp_current", say, label=label(unit)))
    for unit in result.refused:
        click.echo(words("stamp_refused", say, label=label(unit), language=name), err=True)
    for unit in result.drafted:
        click.echo(words("stamp_draft", say, label=label(unit), lang=lang), err=True)
    master = src.master.lang if src.master is not None else ""
    for unit in result.master_drafted:
        click.echo(words("stamp_draft_master", say, label=label(unit), master=master), err=True)
    drafts = (*result.drafted, *result.master_drafted)
    for unit in result.missing:
        click.echo(words("stamp_missing", say, label=label(unit), file=str(result.file)),
                   err=True)
    if named and result.unchanged and not (result.stamped or result.refused or result.missing
                                           or drafts):
        _stamped_elsewhere(src, lang, say, label)
    parts = [words("n_stamped", say, n=len(result.stamped))]
    if result.refused or drafts:
        parts.append(words("n_refused", say, n=len(result.refused) + len(drafts)))
    if result.missing:
        parts.append(words("n_missing", say, n=len(result.missing)))
    click.echo(words("stamp_summary", say, language=capital(name) if say == "ru" else name,
                     file=str(result.file), parts=words("sep", say).join(parts)))
    # Units missing from the translation, or refused (still stale), are this run's findings.
    exit_with(result.findings())


def _stamped_elsewhere(src: Sources, lang: str, say: str,
                       label: Callable[[Stamped], str]) -> None:
    """Everything named was up to date: a stamp of the wrong clause (`policy stamp ru 2` after
    translating clause 1). Name the parts of the edition whose Japanese changed since they were
    translated, with the command that stamps them, so the one meant is not left unstamped."""
    from ..commandwords import say as words
    from ..parity.naming import typed_names
    from ..parity.stamp import behind_master
    from ..wording import edition_name

    behind = behind_master(src, lang)
    if not behind or src.master is None:
        return
    # each as it is typed: a clause by number, a key point or a release note by its option
    # (a key point alone once made this "run policy status", which stamps nothing)
    typed = typed_names(src.master)
    command = f"policy stamp {lang} " + " ".join(u.number or typed.get(u.key) or u.unit
                                                 for u in behind[:5])
    shown = words("sep", say).join(label(u) for u in behind[:5])
    if len(behind) > 5:
        shown = words("and_more", say, shown=shown, n=len(behind) - 5)
    click.echo(words("stamp_elsewhere", say, edition=edition_name(lang, say), labels=shown,
                     command=command))


@main.command()
@policy_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for programs.")
@lang_option
def status(policy_dir: Path, fmt: str, say: str) -> None:
    """What each translation still needs, unit by unit, with a progress bar per language
    (the text in --lang: ja, ru, en).

    An error in the files (one that cannot be read, a `lang:` naming another language) is
    shown after the bars as `policy check` shows it; with --format json it is in the
    document's `diagnostics`. Exit 0, 1 when a file has an error, 2 when the folder or a file
    is missing, cannot be opened, is not UTF-8 text or is larger than 8 MiB.
    """
    from .plain import status as work

    work(policy_dir, fmt=fmt, say=say)


@main.command()
@click.argument("lang")
@click.argument("units", nargs=-1)
@click.option("--by", "by", default=None, metavar="NAME",
              help="The lawyer who approved the text (recorded with the date); required.")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD",
              help="The day of the approval (default: today).")
@click.option("--replace", is_flag=True,
              help="Replace another lawyer's approval of the same text with this one.")
@unnumbered_parts("Approve")
@policy_option
@lang_option
def approve(lang: str, units: tuple[str, ...], by: str | None, day: str | None,
            replace: bool, key_points: tuple[int, ...], release_notes: tuple[str, ...],
            policy_dir: Path, say: str) -> None:
    """Record the legal team's sign-off of clauses or items of the LANG edition, named by their
    printed number (5, 5.1), with the approver, the date and the text approved; the title,
    preamble and footer by those words, a key point of the summary with --key-point N and a
    release note with --release-note DATE. Naming a clause approves its items too. The
    sign-off goes stale when the text changes.

    Example: policy approve ja 5 5.1 --by "Hanako Yamada" --date 2026-12-01
    """
    import datetime as dt

    from ..citation import cite
    from ..commandwords import say as words
    from ..loader import load_folder
    from ..review import approve as do_approve
    from ..wording import edition_name, language_name, parse_day

    if by is None or not by.strip():
        click.echo(words("approve_no_by", say), err=True)
        sys.exit(EXIT_USAGE)
    when = None
    if day is not None:
        try:
            when = parse_day(day)
        except ValueError as exc:
            click.echo(f"policy approve: nothing was recorded. --date {exc}" if say == "en"
                       else words("approve_bad_date", say, value=day), err=True)
            sys.exit(EXIT_USAGE)
    src = load_folder(policy_dir)
    edition_named(src, lang, translation=False)
    result = do_approve(src, lang, parts_named(units, key_points, release_notes), by, when,
                        say=say, replace=replace)  # unloadable, refused: PolicyCommand
    language = edition_name(lang, say) if say != "en" else language_name(lang)
    on = (when or dt.date.today()).isoformat()
    for name in result.approved:
        click.echo(words("approved", say, file=str(result.file), name=name, language=language,
                         by=by.strip(), on=on))
    for name, before in result.redated:
        click.echo(words("approve_redated", say, file=str(result.file), name=name,
                         language=language, by=by.strip(), before=before, on=on))
    for name, before_by, before in result.replaced:
        click.echo(words("approve_replaced", say, file=str(result.file), name=name,
                         language=language, before_by=before_by, before=before, by=by.strip(),
                         on=on))
    for name, recorded in result.recorded:
        click.echo(words("approve_current", say, file=str(result.file), name=name,
                         language=language, by=by.strip(), on=recorded))
    for clause, items in result.items:
        click.echo(words("approve_items", say, clause=clause if say == "en" else cite(clause, say),
                         items=words("sep", say).join(items)))
    for name, why in result.outdated:
        click.echo(words(f"approve_outdated_{why}", say, name=name, language=language))
    if not result.written:
        click.echo(words("approve_nothing", say, by=by.strip()))
    sys.exit(EXIT_OK)
