"""`policy export rego|cedar|table`: the compiled policy for other engines, written atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from .app import main

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


# What `policy export cedar` writes: a folder holding these (or nothing) is one it may replace.
CEDAR_NAMES = frozenset({"policies.cedar", "schema.cedarschema.json", "entities.json",
                         "request.example.json"})


def _cedar_folder_problem(out: Path) -> str | None:
    """Why the Cedar export cannot replace `out`, in plain words, or None: a file, or a folder
    holding anything this export did not write (it would be deleted with the folder)."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        return f"{out} is not a folder; the Cedar export is written into a folder"
    if not out.exists():
        return None
    others = sorted(p.name for p in out.iterdir() if p.name not in CEDAR_NAMES or p.is_dir())
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        return (f"{out} holds files this export did not write ({shown}); the export replaces "
                "its folder whole, so nothing was written")
    return None


@main.group()
def export() -> None:
    """Export the policy for other engines (OPA/Rego, Cedar, a decision table)."""


@export.command("rego")
@_policy_path
@_out
def export_rego(policy_path: Path | None, out: Path) -> None:
    """An OPA bundle (tar.gz): Rego v1 module, data.json and .manifest. Prints its revision."""
    from ..atomic import write_bytes_atomic
    from ..export.rego import opa_bundle, revision

    bundle = _bundle(policy_path)
    write_bytes_atomic(out, opa_bundle(bundle))
    click.echo(f"{out} (revision {revision(bundle)})")


@export.command("table")
@_policy_path
@_out
def export_table(policy_path: Path | None, out: Path) -> None:
    """Every leaf question with its outcome and clauses, as JSON."""
    from ..atomic import write_text_atomic
    from ..export.table import table_text

    write_text_atomic(out, table_text(_bundle(policy_path)))
    click.echo(str(out))


@export.command("cedar")
@_policy_path
@_out
def export_cedar(policy_path: Path | None, out: Path) -> None:
    """A Cedar policy set with its schema (JSON) and entities, in a folder (replaced whole: a new
    or empty folder, or one an earlier export wrote)."""
    import tempfile

    from ..atomic import replace_dir_atomic
    from ..export.files import cedar_files
    from ..findings import make
    from .output import exit_with

    # said as typed, as the other exports say it; `--out .` by its full path (not an empty name)
    said = str(out) if out.name not in ("", ".", "..") else os.path.abspath(out)
    out = Path(os.path.abspath(out))
    problem = _cedar_folder_problem(out)
    if problem is not None:
        found = make("IO005", problem, str(out),
                     hint="choose a new or empty folder for --out, or one an earlier "
                          "`policy export cedar` wrote")
        click.echo(str(found), err=True)
        exit_with([found])
    files = cedar_files(_bundle(policy_path))
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    os.chmod(staged, 0o777 & ~_umask())  # as a folder made now (mkdtemp makes it private)
    for name, text in files.items():
        (staged / name).write_text(text, "utf-8")
    replace_dir_atomic(staged, out)
    click.echo(said)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
