"""`policy validate`, `policy ask`, `policy bundle` and `policy schema`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .app import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    exit_with,
    lang_option,
    main,
    policy_option,
)

if TYPE_CHECKING:
    from ..terms import Said


@main.command()
@policy_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for programs.")
@lang_option
def validate(policy_dir: Path, fmt: str, say: str) -> None:
    """Check the YAML, shape and cross-references of each edition (no translation checks);
    the text in --lang (ja, ru, en)."""
    from .plain import validate as work

    work(policy_dir, fmt=fmt, say=say)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("action")
@click.argument("data")
@click.argument("purpose")
@click.option("--flag", "extra_flags", multiple=True, metavar="NAME",
              help="Set a context flag of the policy by its id (repeatable).")
@click.option("--lang", default=None,
              help="Language of the explanation (default: the reader's, from POLICY_LANG or the "
              "locale, when the policy has it, else en if the policy has it, else its master's "
              "language; with --format json, en if the policy has it).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for programs.")
@click.option("--all", "every", is_flag=True,
              help="When a group is denied, name every question in it that is denied.")
@click.option("--policy", "policy_path", default=None, type=click.Path(path_type=Path),
              help="Policy folder or bundle (default: the nearest `policy/` folder here or "
                   "above, as for every command; outside any project, the policy this tool "
                   "was built with).")
@click.pass_context
def ask(ctx: click.Context, action: str, data: str, purpose: str,
        extra_flags: tuple[str, ...], lang: str | None, fmt: str, every: bool,
        policy_path: Path | None) -> None:
    """Ask whether ACTION on DATA for PURPOSE is allowed. Exit 0 allowed, 1 denied, 2 error.

    Every context flag of the policy is also an option of its own: `--opted-out` sets the
    flag `opted_out` (the flag's id with '-' for '_'), so a flag added to the policy needs no
    change here.
    """
    from .. import InvalidQueryError, UnknownTermError
    from ..decision import default_language

    pol = answering_policy(policy_path)
    languages = tuple(pol.languages)
    if lang is not None and lang not in languages:
        from ..saying import listed
        from .usage import SaidValue  # said as diff says it, in POLICY_LANG or the locale

        raise SaidValue("usage_no_edition", "--lang", lang=lang, languages=listed(list(languages)))
    # The explanation, and what is wrong with the question, are said in --lang, else in the
    # reader's language (POLICY_LANG or the locale) where the policy has it, else in English, as
    # click's usage errors are; the JSON for programs is English unless --lang says otherwise
    # (a service whose server runs in a Japanese locale reads what it read before).
    told = lang
    if lang is None:
        lang = reader_language(languages) if fmt == "text" else default_language(languages)
    # What is wrong with the question: for people, one line on standard error in the reader's
    # language; with --format json, a finding (code, message, hint, suggestions) on standard
    # output as `policy check --format json` reports its findings, in English as every machine
    # format's messages are. Exit 2 either way.
    said = (told or reader_language(languages)) if fmt == "text" else "en"
    flags = list(extra_flags)
    for arg in ctx.args:
        name = arg[2:].replace("-", "_") if arg.startswith("--") else ""
        if name not in pol.flags:
            from ..terms import unknown_flag_said

            refused(unknown_flag_said(_compiled(pol), arg, said), fmt, said)
        flags.append(name)
    try:
        d = pol.allows(action, data, purpose, **dict.fromkeys(flags, True))
    except InvalidQueryError as exc:
        from ..terms import Said, unknown_term_said

        if isinstance(exc, UnknownTermError) and isinstance(exc.term, str):
            refused(unknown_term_said(_compiled(pol), exc.kind, exc.term, said, exc.is_a),
                    fmt, said)
        code = "QUERY001" if isinstance(exc, UnknownTermError) else "USAGE001"
        refused(Said(code, str(exc), suggestions=getattr(exc, "suggestions", ())), fmt, said)
    if fmt == "json":
        import json  # here: `policy --help` imports this module, and needs no JSON

        click.echo(json.dumps(d.to_json(lang), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        from ..messages import SHOWN_MEMBERS, explained, headline

        click.echo(headline(d, lang))
        # One rendering gives the text and whether it cut a list short (the hint on --all).
        text, hint = explained(d, lang, _compiled(pol), None if every else SHOWN_MEMBERS)
        click.echo(text)
        if hint is not None:
            click.echo(hint)
    sys.exit(EXIT_OK if d.allowed else EXIT_FINDINGS)


def _compiled(pol: Any) -> Any:
    """The CompiledPolicy itself (the shipped policy stands in for it until first used)."""
    from ..decide import CompiledPolicy

    return pol if isinstance(pol, CompiledPolicy) else pol._real()


def refused(said: Said, fmt: str, lang: str) -> NoReturn:
    """A question `policy ask` cannot ask (engine/terms.py `Said`): for people, `policy ask:`
    and what is wrong on standard error; with --format json, the finding on standard output as
    every `--format json` reports findings (engine/report.py `format_json`). Exit 2."""
    if fmt == "json":
        from .output import emit_diagnostics

        emit_diagnostics([said.finding(lang)], "json")
    else:
        click.echo(f"policy ask: {said.text()}", err=True)
    sys.exit(EXIT_USAGE)


def reader_language(languages: tuple[str, ...]) -> str:
    """The language of the person at the command line (POLICY_LANG or the locale, as usage
    errors choose it) if the policy has it, else the explanation's default."""
    from ..decision import default_language
    from .cmdline import asked_language

    said = asked_language(())  # ask's own --lang, when given, is used before this is asked
    if said in languages:
        return said
    return default_language(languages)


def answering_policy(policy_path: Path | None) -> Any:
    """The policy `ask` and `terms` answer from: --policy, else the nearest `policy/` folder
    here or above (as every command finds it), else the shipped policy (a service running
    outside the project)."""
    from .. import load
    from .. import policy as shipped
    from ..locate import find_policy_folder

    if policy_path is not None:
        return load(policy_path)
    found = find_policy_folder()
    return load(found.folder) if found.folder is not None else shipped


@main.command()
@policy_option
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write the bundle here (default: standard output).")
def bundle(policy_dir: Path, out: Path | None) -> None:
    """Compile the policy into one JSON bundle, with its version and content hash."""
    from ..atomic import write_text_atomic
    from ..bundle import compile_folder
    from ..compile import bundle_text

    text = bundle_text(compile_folder(policy_dir))
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(out, text)
        click.echo(str(out))


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("policy"),
              show_default=True, help="Folder to write schema.master.json and "
              "schema.translation.json into.")
@click.option("--check", is_flag=True, help="Exit 1 if the committed schemas are out of date.")
def schema(out: Path, check: bool) -> None:
    """Write (or check) the JSON Schemas generated from the models."""
    from ..schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(out)
        for found in stale:
            click.echo(str(found), err=True)
        exit_with(stale)
    for path in write_schemas(out):
        click.echo(str(path))
