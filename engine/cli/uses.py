"""`policy uses check`, `policy uses schema` and `policy ledger`: declared data uses, checked
against the policy, and the personal-information ledger built from them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .app import EXIT_USAGE, PolicyCommand, exit_with, lang_option, main

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from ..decide import CompiledPolicy

FORMATS = ["text", "json", "github", "sarif"]

uses_option = click.option(
    "--uses", "uses_dir", default="uses", show_default=True,
    type=click.Path(path_type=Path),
    help="Folder of declaration files, one YAML file per system.")
policy_path_option = click.option(
    "--policy", "policy_path", default=None, type=click.Path(path_type=Path),
    help="Policy folder or bundle (default: the shipped policy).")


def _policy(policy_path: Path | None) -> CompiledPolicy:
    from .. import load
    from .. import policy as shipped

    return load(policy_path) if policy_path is not None else shipped


@main.group()
def uses() -> None:
    """Declared data uses: what each system does with personal information, checked against
    the policy."""


uses.command_class = PolicyCommand  # its commands say an unloadable policy as the others do


@uses.command("check")
@uses_option
@policy_path_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people; json, github (annotations) or sarif for tools.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@lang_option
def uses_check(uses_dir: Path, policy_path: Path | None, fmt: str, strict: bool,
               say: str) -> None:
    """Ask the policy about every declared use, for every data category it lists, under its
    `when`. Exit 0 clean, 1 findings, 2 a folder, a file or the policy could not be read.
    The text is in --lang (ja, ru, en); json, github and sarif keep the English messages."""
    from ..report import format_github, format_json, format_sarif, tool_version
    from ..uses import check_uses, load_uses

    declarations = load_uses(uses_dir)
    policy = _policy(policy_path)
    result = check_uses(policy, declarations)
    found = result.diagnostics
    if fmt == "json":
        click.echo(format_json(found), nl=False)
    elif fmt == "github":
        click.echo(format_github(found), nl=False)
    elif fmt == "sarif":
        click.echo(format_sarif(found, tool_version=tool_version(),
                                tool_name="policy uses check"), nl=False)
    else:
        from .app import emit_diagnostics

        emit_diagnostics(found, "text", say)
    exit_with(found, strict=strict)


@uses.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas/uses.schema.json"),
              show_default=True, help="Where to write the JSON Schema of declaration files.")
@click.option("--check", is_flag=True, help="Exit 1 if the committed schema is out of date.")
def uses_schema(out: Path, check: bool) -> None:
    """Write (or check) the JSON Schema of declaration files, generated from the models."""
    from ..atomic import write_text_atomic
    from ..uses.schema import schema_text, stale_schema

    if check:
        stale = stale_schema(out)
        for found in stale:  # the hint is in the line, as `policy schema --check` says it
            click.echo(str(found), err=True)
        exit_with(stale)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out, schema_text())
    click.echo(str(out))


@main.command()
@uses_option
@policy_path_option
@click.option("--lang", type=click.Choice(["ja", "ru", "en"]), default="ja", show_default=True,
              help="Language of the labels.")
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "json"]), default="html",
              show_default=True, help="html to read and print, csv for a spreadsheet, json.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="File to write (atomically).")
def ledger(uses_dir: Path, policy_path: Path | None, lang: str, fmt: str, out: Path) -> None:
    """Write the personal-information ledger (個人情報管理台帳): per data category, the
    systems and uses, purposes, actions, deciding clauses, obligations and owners. Internal;
    not part of the published site. Nothing is written while a declaration has errors."""
    from render.ledger import render_ledger

    from ..atomic import write_text_atomic
    from ..diagnostics import Severity
    from ..uses import build_ledger, check_uses, load_uses

    declarations = load_uses(uses_dir)
    policy = _policy(policy_path)
    if lang not in policy.languages:
        click.echo(f"policy ledger: the policy has no '{lang}' edition", err=True)
        sys.exit(EXIT_USAGE)
    result = check_uses(policy, declarations)
    # Denied uses and missing obligations are shown in the ledger; anything that keeps a
    # declaration from being read or understood stops it.
    blocking = [d for d in result.diagnostics if d.severity is Severity.ERROR
                and d.code not in ("USES001", "USES002")]
    if blocking:
        for d in blocking:
            click.echo(str(d), err=True)
        click.echo(f"policy ledger: {out} not written; fix the declarations first "
                   "(`policy uses check`)", err=True)
        exit_with(blocking)
    text = render_ledger(build_ledger(policy, declarations), lang, fmt)
    if out.parent and not out.parent.exists():
        os.makedirs(out.parent, exist_ok=True)
    write_text_atomic(out, text)
    denied = len({r.use.key for r in result.denied})
    if denied:
        click.echo(f"policy ledger: {denied} declared "
                   f"{'use is' if denied == 1 else 'uses are'} denied by the policy and "
                   f"{'is' if denied == 1 else 'are'} marked so; run `policy uses check`",
                   err=True)
    click.echo(str(out))
