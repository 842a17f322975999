"""`policy xliff export|import` and `policy tbx export`: files for translators' CAT tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .app import EXIT_OK, exit_with, lang_option, main, messages_lang_option, policy_option

if TYPE_CHECKING:
    from ..findings import Diagnostic

# Refusals that concern what the file says (exit 1); anything else stops the run (exit 2).
_FINDING_CODES = ("XLIFF003", "XLIFF004", "XLIFF005", "XLIFF006", "XLIFF007", "XLIFF008",
                  "XLIFF009", "XLIFF010")

def _remedy(d: Diagnostic) -> str:
    """What undoes a refusal: a new export of what it names (the master changed since the
    export, or an item needs its clause, which the file lacks), what its one line says (import an XLIFF file, not this one; export the file again,
    as it is marked with another language), or a fix in the file."""
    form = dict(d.params).get("form")
    if d.code == "XLIFF004" or (d.code, form) == ("XLIFF005", "parent"):
        return "export"
    if (d.code, form) in (("XLIFF001", "not_xliff"), ("XLIFF002", "mislabelled")):
        return "said"
    return "fix"


def _fail(exc: Exception, say: str = "en", *, imported: str | None = None) -> None:
    """Each refusal on a line of its own in the reader's language; for an import (`imported`
    names the XLIFF file), then that nothing was written and what to do."""
    from ..commandwords import say as words
    from ..diagnostics import PolicyLoadError
    from ..humane import finding_text

    assert isinstance(exc, PolicyLoadError)
    for d in exc.diagnostics:
        if say == "en":
            click.echo(str(d) + ("" if not d.hint or d.hint in str(d) else f" ({d.hint})"),
                       err=True)
        else:
            click.echo(f"{d.location}: {d.code} {finding_text(d, say)}", err=True)
    if imported is not None and any(d.code.startswith("XLIFF") for d in exc.diagnostics):
        remedies = {_remedy(d) for d in exc.diagnostics}
        if remedies == {"export"}:
            click.echo(words("xliff_not_imported_export", say), err=True)
        elif remedies != {"said"}:  # what its one line says to do is all there is to do
            click.echo(words("xliff_not_imported", say, xliff=imported), err=True)
    # A refusal about what the file says is a finding; anything else stops the run.
    exit_with(exc.diagnostics, completed=all(d.code in _FINDING_CODES for d in exc.diagnostics))


def _write(text: str, out: Path | None, *, said: str | None = None) -> None:
    """`text` to standard output, or atomically to `out`, then `said` (else the path) on
    standard error."""
    if out is None:
        click.echo(text, nl=False)
        return
    from ..atomic import write_text_atomic

    write_text_atomic(out, text)
    click.echo(said or str(out), err=True)


@main.group()
def xliff() -> None:
    """Exchange an edition's texts with CAT tools as XLIFF 1.2."""


@xliff.command("export")
@click.argument("lang")
@policy_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the XLIFF file here (atomically) instead of to standard output.")
@click.option("--units", "units", multiple=True, metavar="UNIT",
              help="Export only this clause or item, by its number as an edition prints it "
                   "(3.2, 第3項第2号, п. 3.2) or its id; a clause brings its items. Repeat for "
                   "more.")
@click.option("--stale", is_flag=True,
              help="Export only the units that need translation (missing, unstamped or stale).")
@messages_lang_option
def xliff_export(lang: str, policy_dir: Path, out: Path | None, units: tuple[str, ...],
                 stale: bool, say: str) -> None:
    """Write the LANG edition beside the Japanese master as XLIFF 1.2, one trans-unit per text,
    with the clause number and title as notes and a state from the stamp and the sign-off."""
    from ..diagnostics import PolicyLoadError
    from ..exchange.xliff import export_xliff
    from ..loader import load_folder

    if units and stale:
        from .usage import Said

        raise Said("usage_units_or_stale")
    try:
        text = export_xliff(load_folder(policy_dir), lang, units, stale_only=stale)
    except PolicyLoadError as exc:
        _fail(exc, say)
        return
    segments = text.count("<trans-unit ")
    from ..commandwords import say as words

    if stale and not segments:
        _write(text, out)
        click.echo(words("xliff_export_none", say, file=str(out or "-"), lang=lang), err=True)
    elif out is None:
        _write(text, out)
    else:  # what is in the file, and what to do with it
        _write(text, out, said=words("xliff_exported", say, file=str(out), n=segments,
                                     lang=lang))
    sys.exit(EXIT_OK)


@xliff.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@policy_option
@lang_option
def xliff_import(file: Path, policy_dir: Path, say: str) -> None:
    """Write the changed targets of FILE back into its edition (only those units change) and
    stamp each one whose source in FILE is today's master text, unless FILE marks its target
    as not yet confirmed in the CAT tool (new, a fuzzy match, or awaiting review). A unit
    translated from an earlier master text whose translation FILE confirms as it is (translated,
    final or signed-off, or approved) is stamped too, its text unchanged. A unit whose master
    changed since the export is refused by name, and then nothing is written."""
    from ..commandwords import say as words
    from ..diagnostics import PolicyLoadError
    from ..exchange.xliff import import_xliff
    from ..loader import load_folder

    try:
        src = load_folder(policy_dir)
        result = import_xliff(src, file)
    except PolicyLoadError as exc:
        _fail(exc, say, imported=str(file))
        return
    drafts = (*result.drafted, *result.master_drafted)
    for unit in result.written:
        if unit in drafts:
            continue  # said below, with what to do
        key = ("xliff_updated" if unit in result.stamped else "xliff_updated_unconfirmed"
               if unit in result.unconfirmed else "xliff_updated_unstamped")
        if unit in result.added:  # a unit the edition lacked, put where the master has it
            key = key.replace("updated", "added")
        named, stamp = result.names.get(unit, (unit, unit))
        click.echo(words(key, say, file=str(result.file), unit=named, stamp=stamp,
                         lang=result.lang))
    for unit in result.confirmed:
        named, stamp = result.names.get(unit, (unit, unit))
        click.echo(words("xliff_confirmed", say, file=str(result.file), unit=named,
                         stamp=stamp, lang=result.lang))
    for unit in result.flagged:
        named, _stamp = result.names.get(unit, (unit, unit))
        click.echo(words("xliff_flagged", say, xliff=str(file), unit=named))
    if result.marked:  # what the pages now say of them: "translated by us, not yet reviewed"
        from ..saying import fill, listed

        click.echo(words("xliff_marked", say, file=str(result.file), units=listed(
            [fill("{unit:@unit}", say, {"unit": result.names.get(unit, (unit, unit))[0]})
             for unit in result.marked])))
    master = src.master.lang if src.master is not None else ""
    for unit in drafts:
        named, _stamp = result.names.get(unit, (unit, unit))
        click.echo(words("xliff_draft" if unit in result.drafted else "xliff_draft_master", say,
                         file=str(result.file), unit=named, lang=result.lang, master=master))
    for unit in result.emptied:
        named, _stamp = result.names.get(unit, (unit, unit))
        click.echo(words("xliff_emptied", say, xliff=str(file), file=str(result.file),
                         unit=named))
    click.echo(words("xliff_summary", say, file=str(result.file), written=len(result.written),
                     stamped=len(result.stamped), unchanged=result.unchanged))
    if result.written or result.confirmed:
        click.echo(words("xliff_next", say, lang=result.lang), err=True)
    else:
        click.echo(words("xliff_unchanged_but_empty" if result.emptied else "xliff_unchanged",
                         say, xliff=str(file), file=str(result.file)), err=True)
    sys.exit(EXIT_OK)


@main.group()
def tbx() -> None:
    """Exchange the vocabulary with CAT tools as a TBX glossary."""


@tbx.command("export")
@policy_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the TBX file here (atomically) instead of to standard output.")
@messages_lang_option
def tbx_export(policy_dir: Path, out: Path | None, say: str) -> None:
    """Write the vocabulary as a TBX glossary: every term's label in every edition."""
    from ..diagnostics import PolicyLoadError
    from ..exchange.tbx import export_tbx
    from ..loader import load_folder

    try:
        text = export_tbx(load_folder(policy_dir))
    except PolicyLoadError as exc:
        _fail(exc, say)
        return
    _write(text, out)
    sys.exit(EXIT_OK)
