"""`policy export rego|cedar|table`: the compiled policy for other engines, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .app import PolicyCommand, main, messages_lang_option

_policy_path = click.option(
    "--policy", "policy_path", default=None, type=click.Path(path_type=Path),
    help="Policy folder or compiled bundle (policy.json). Default: the nearest `policy/` folder "
         "here or above, as for every command; outside any project, the policy this tool was "
         "built with.")
_out = click.option("--out", type=click.Path(path_type=Path), required=True,
                    help="Where to write the export.")


def _bundle(policy_path: Path | None) -> dict[str, Any]:
    from .basic import answering_policy

    return dict(answering_policy(policy_path).bundle_dict())


@main.group()
def export() -> None:
    """Export the policy for other engines (OPA/Rego, Cedar, a decision table)."""


export.command_class = PolicyCommand  # a policy that cannot be loaded is said in --lang


@export.command("rego")
@_policy_path
@_out
@messages_lang_option
def export_rego(policy_path: Path | None, out: Path, say: str) -> None:
    """An OPA bundle (tar.gz): Rego v1 module, data.json and .manifest. Prints its revision."""
    from ..atomic import write_bytes_atomic
    from ..commandwords import say as words
    from ..export.rego import opa_bundle, revision

    bundle = _bundle(policy_path)
    write_bytes_atomic(out, opa_bundle(bundle))
    click.echo(words("exported_rego", say, out=str(out), revision=revision(bundle)))


@export.command("table")
@_policy_path
@_out
@messages_lang_option
def export_table(policy_path: Path | None, out: Path, say: str) -> None:
    """Every leaf question with its outcome and clauses, as JSON."""
    from ..atomic import write_text_atomic
    from ..export.table import table_text

    write_text_atomic(out, table_text(_bundle(policy_path)))
    click.echo(str(out))


@export.command("cedar")
@_policy_path
@_out
@messages_lang_option
def export_cedar(policy_path: Path | None, out: Path, say: str) -> None:
    """A Cedar policy set with its schema (JSON) and entities, in a folder (replaced whole: a new
    or empty folder, or one an earlier export wrote)."""
    from ..atomic import as_typed
    from ..export.files import write_cedar
    from .output import diagnostic_line, exit_with

    refused = write_cedar(_bundle(policy_path), out)
    if refused is not None:
        click.echo(diagnostic_line(refused, say), err=True)
        exit_with([refused])
    click.echo(as_typed(out))
