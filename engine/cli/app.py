"""The `policy` command group and what every command shares: options, and (from output.py, which needs no click) the exit rule and output.

Exit codes everywhere: 0 clean (or allowed), 1 findings (or denied), 2 usage or load error.
No traceback reaches the user: an unexpected exception is reported as INTERNAL with exit 2.
Command modules import the library inside each command, so `policy --help` and the quick
commands never pay for what they do not use (bench/bench_cli.py measures every command).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .output import EXIT_FINDINGS as EXIT_FINDINGS
from .output import EXIT_OK as EXIT_OK
from .output import EXIT_USAGE as EXIT_USAGE
from .output import USAGE_CODES as USAGE_CODES
from .output import USAGE_FAMILIES as USAGE_FAMILIES
from .output import diagnostic_line as diagnostic_line
from .output import emit_diagnostics as emit_diagnostics
from .output import exit_for as exit_for
from .output import exit_with as exit_with
from .output import report_unloadable as report_unloadable

# The tool uses no pydantic plugins; without this, pydantic scans every installed package's
# entry points the first time a model validates (about 0.1 s of each command's start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

class Whole(click.IntRange):
    """A whole number within bounds, whose bounds the help says in words ("1 or more", "0 to
    65535"), not as click's formula ([x>=1], [0<=x<=65535]); engine/cli/helptext.py says the
    same words in Japanese and Russian, and engine/cli/usage.py a value out of bounds."""

    def _describe_range(self) -> str:
        if self.max is None:
            return f"{self.min} or more"
        if self.min is None:
            return f"{self.max} or less"
        return f"{self.min} to {self.max}"


DEFAULT_POLICY = "policy"
ARGS_META = "policy.args"  # the command line as given, in ctx.meta (engine/cli/usage.py)


def _find_policy(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path:
    """--policy as given, else the nearest policy folder here or above (as git finds .git)."""
    if value is not None:
        return value
    from ..locate import find_policy_folder, not_found

    found = find_policy_folder()
    if found.folder is None:
        from .cmdline import json_asked
        from .output import diagnostic_line

        if json_asked(ctx.meta.get(ARGS_META, ())):  # for programs, as their findings
            emit_diagnostics([not_found(found)], "json")
        else:
            click.echo(diagnostic_line(not_found(found), help_language(ctx)), err=True)
        ctx.exit(EXIT_USAGE)
    assert found.folder is not None
    return found.folder


policy_option = click.option(
    "--policy", "policy_dir", default=None, callback=_find_policy,
    type=click.Path(path_type=Path),
    help="Policy folder (holding ja.yaml, ru.yaml, en.yaml). Default: the nearest `policy/` "
         "folder here or above, or this folder if it is one.")



def _lang(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """--lang as given, else POLICY_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else en."""
    if value is not None:
        return value
    from ..saying import language_from_env

    return language_from_env(os.environ)


lang_default = _lang  # for a command whose --lang has words of its own (`policy test`)

lang_option = click.option(
    "--lang", "say", type=click.Choice(["ja", "ru", "en"]), default=None, callback=_lang,
    help="Language of the text output: ja, ru or en. Default: POLICY_LANG, else the locale "
         "(LC_ALL, LC_MESSAGES, LANG: ja_JP.UTF-8 is ja, ru_RU.UTF-8 ru), else en.")

# --lang of the commands that write a file (`xliff export`, `tbx export`, `export`): the
# language they speak in, as for every other command, not that of the file they write.
messages_lang_option = click.option(
    "--lang", "say", type=click.Choice(["ja", "ru", "en"]), default=None, callback=_lang,
    help="Language of the command's messages, not of the file it writes: ja, ru or en. "
         "Default: POLICY_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG: ja_JP.UTF-8 is ja, "
         "ru_RU.UTF-8 ru), else en.")

from .audiences import AUDIENCES as AUDIENCES  # noqa: E402  (re-exported: engine.cli.AUDIENCES)

# Words people type for a command that has another name ("explain" is what `ask` does).
SYNONYMS = {"explain": "ask", "why": "ask", "query": "ask", "allowed": "ask",
            "lint": "check", "verify": "check", "sign": "approve", "signoff": "approve",
            "publish": "build", "site": "build", "translate": "status", "vocabulary": "terms",
            "serve": "preview", "release": "revise", "version": "--version", "help": "--help"}


def nearest_command(name: str, commands: Sequence[str]) -> str | None:
    """The command someone most likely meant by `name`: a known synonym, else the closest
    spelling (the one "did you mean" search, engine/names.py), else None."""
    from ..names import closest

    if name.lower() in SYNONYMS:
        return SYNONYMS[name.lower()]
    close = closest(name.lower(), commands, 1, cutoff=0.6)
    return close[0] if close else None


# Which module of engine/cli registers each command: a command's module is imported when the
# command is asked for, so `policy stamp` does not import the diff, export or exchange
# commands (tests/test_cli_help_and_folder.py holds this map to what the modules register).
COMMAND_MODULES: dict[str, str] = {
    "validate": "basic", "ask": "basic", "bundle": "basic", "schema": "basic",
    "build": "build",
    "check": "check", "stamp": "check", "status": "check", "approve": "check",
    "diff": "diff", "revise": "diff", "report": "diff",
    "xliff": "exchange", "tbx": "exchange",
    "export": "export",
    "terms": "legal", "renumber": "legal", "preview": "legal",
    "test": "test",
    "uses": "uses", "ledger": "uses",
    "server": "server",
}


def load_commands(*names: str) -> None:
    """Import the modules that register the named commands (every command when none)."""
    import importlib

    for module in sorted({COMMAND_MODULES[n] for n in names or COMMAND_MODULES
                          if n in COMMAND_MODULES}):
        importlib.import_module(f"{__package__}.{module}")


def help_language(ctx: click.Context) -> str:
    """The language of a help page: `--lang` anywhere on the command line (before or after
    --help, which click answers first), else POLICY_LANG or the locale."""
    from .cmdline import asked_language

    return asked_language(ctx.meta.get(ARGS_META, ()))


class Localized(click.Command):
    """A command whose --help speaks the reader's language (`help_language`): English is
    click's own page from the docstrings and `help=` texts; Japanese and Russian are rendered
    from their words (engine/cli/helptext.py, engine/cli/helpwords.py), imported only then."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any("--lang" in getattr(p, "opts", ()) for p in self.params):
            # `policy xliff import --help --lang ja`: the help page in the language asked for
            # (help_language reads it from the command line); without --help, refused.
            # Named apart from the command's own parameters (`xliff export`'s argument LANG).
            self.params.append(click.Option(
                ["--lang", "help_page_lang"], hidden=True, expose_value=False,
                callback=_lang_only_with_help,
                help="With --help: the language of the help page (ja, ru or en)."))

    def get_help(self, ctx: click.Context) -> str:
        lang = help_language(ctx)
        if lang == "en":
            return super().get_help(ctx)
        from .helptext import help_page

        return help_page(self, ctx, lang)


def _lang_only_with_help(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """The --lang of a command that has none of its own: --help (eager) has shown the page
    and exited before this runs, so a --lang here came without it, and is refused as before."""
    if value is not None and not ctx.resilient_parsing:
        raise click.NoSuchOption("--lang", ctx=ctx)


class PolicyCommand(Localized):
    """A command of `policy`: when the policy it reads cannot be loaded, the findings are said
    for people in the command's --lang (its --format text), as JSON on standard output for
    programs (its --format json), or as machine lines for tools, and the command exits 2
    (engine/cli/output.py `report_unloadable`)."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..findings import PolicyLoadError
        from .cmdline import JSON_COMMANDS

        try:
            return super().invoke(ctx)
        except PolicyLoadError as exc:
            params = ctx.params
            say = params["say"] if "say" in params else params.get("lang")
            where = params.get("policy_dir") or params.get("policy_path")
            command = " ".join(ctx.command_path.split()[1:])  # e.g. "test", "uses check"
            fmt = str(params.get("fmt") or "text")
            if fmt == "json" and command not in JSON_COMMANDS:  # ledger: the file's format
                fmt = "lines"
            report_unloadable(exc.diagnostics, command, say,
                              policy_dir=where if isinstance(where, Path) else None, fmt=fmt)
            exit_with(exc.diagnostics, completed=False)


class SubGroup(Localized, click.Group):
    """A group of commands under `policy` (`policy server`, `policy xliff`, ...): its help, and
    its commands' help, in the reader's language."""

    command_class = Localized


class Group(Localized, click.Group):
    """Help grouped by audience, in the reader's language; an unknown command gets the nearest
    one suggested; any escaped exception becomes one line and exit 2. Each command's module is
    imported when the command is first asked for."""

    command_class = PolicyCommand
    group_class = SubGroup

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault(ARGS_META, list(args))  # `policy --help --lang ja`: read by --help
        return super().parse_args(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            load_commands(cmd_name)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_commands()
        return super().list_commands(ctx)

    def nearest(self, name: str) -> str | None:
        """The command `name` is, or most likely means (engine/cli/usage.py asks, for a
        command line to show)."""
        return name if name in COMMAND_MODULES else nearest_command(name, sorted(COMMAND_MODULES))

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        name = click.utils.make_str(args[0]) if args else ""
        if args and not name.startswith("-") and self.get_command(ctx, name) is None:
            from .usage import UnknownCommand

            raise UnknownCommand(name, nearest_command(name, self.list_commands(ctx)), ctx)
        return super().resolve_command(ctx, args)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        """The context, with the command line kept (ctx.meta) for the language of a usage
        error; a usage error of the command line said in that language (engine/cli/usage.py).
        `policy --help` into a closed pipe (`| head -0`) ends as a command's output does (exit
        141), where click's `main` would say exit 1."""
        given = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            from .usage import refused

            raise refused(exc, given) from None
        except BrokenPipeError as exc:
            if exc.filename is not None:
                raise
            from .cmdline import stop_on_closed_output

            stop_on_closed_output()
        return ctx  # parse_args kept the command line in ctx.meta

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shown: set[str] = set()
        for title, names, examples in AUDIENCES:
            rows = []
            for name in names:
                cmd = self.get_command(ctx, name)
                if cmd is None or cmd.hidden:
                    continue
                shown.add(name)
                rows.append((name, cmd.get_short_help_str(limit=500)))
            if not rows:
                continue
            with formatter.section(title):
                formatter.write_dl(rows)
                formatter.write_paragraph()
                for example in examples:
                    formatter.write(f"{'':>{formatter.current_indent}}$ {example}\n")
        rest = [(n, c.get_short_help_str(limit=500)) for n in self.list_commands(ctx)
                if n not in shown and (c := self.get_command(ctx, n)) is not None
                and not c.hidden]
        if rest:
            with formatter.section("Other commands"):
                formatter.write_dl(rest)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # a subcommand's command line
            from .usage import JsonUsageError, LocalizedUsageError, refused

            if isinstance(exc, (LocalizedUsageError, JsonUsageError)):
                raise
            raise refused(exc, ctx.meta.get(ARGS_META, ())) from None
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            from ..findings import PolicyLoadError
            from .cmdline import json_asked

            if isinstance(exc, PolicyLoadError):  # the command could not go on
                for d in exc.diagnostics:
                    click.echo(str(d), err=True)
                if json_asked(ctx.meta.get(ARGS_META, ())):  # and for programs, as JSON
                    emit_diagnostics(exc.diagnostics, "json")
                exit_with(exc.diagnostics, completed=False)
            if isinstance(exc, BrokenPipeError) and exc.filename is None:  # `| head`
                from .cmdline import stop_on_closed_output

                stop_on_closed_output()
            if isinstance(exc, OSError):  # a path the user gave cannot be read or written
                from ..atomic import WRITING
                from ..findings import make, unwritable
                from .output import diagnostic_line

                if getattr(exc, WRITING, False):  # a file the command writes: by its name,
                    found = unwritable(exc, str(exc.filename))  # in the reader's words
                    said = diagnostic_line(found, help_language(ctx))
                else:  # the standard output (a full disk), a path read: as cached.py says it
                    where = exc.filename if exc.filename is not None else "policy"
                    found = make("IO005", str(exc.strerror or exc), str(where))
                    said = str(found)
                if json_asked(ctx.meta.get(ARGS_META, ())) and exc.filename is not None:
                    emit_diagnostics([found], "json")  # (the standard output itself: no JSON)
                else:
                    click.echo(said, err=True)
                exit_with([found])
            click.echo(f"policy: INTERNAL {type(exc).__name__}: {exc}", err=True)
            sys.exit(EXIT_USAGE)


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`policy --version`: the tool's version and the version of the policy found here."""
    if not value or ctx.resilient_parsing:
        return
    from .version import version_lines  # the console script answers it without click

    for line in version_lines():
        click.echo(line)
    ctx.exit(EXIT_OK)


def _help_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """`policy --help --lang ja` (or `--lang ja --help`): the language of the help page, which
    `help_language` reads from the command line. `policy` itself takes --lang only with --help;
    the commands take their own."""
    if value is None or ctx.resilient_parsing:
        return
    if not {"-h", "--help"} & set(ctx.meta.get(ARGS_META, ())):
        raise click.NoSuchOption("--lang", ctx=ctx)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"],
                                          "max_content_width": 100})
@click.option("--lang", hidden=True, expose_value=False, is_eager=True, callback=_help_lang)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the tool's version and the policy's, then exit.")
@click.option("--no-cache", is_flag=True, expose_value=False,
              help="Run the command afresh even if nothing it reads has changed since its "
                   "last run (validate, check, status, test and diff keep their last result; "
                   "also POLICY_NO_CACHE=1).")
def main() -> None:
    """Cafetalk's privacy policy as code: edit the YAML, preview it, check the translations,
    revise, publish, and ask what the policy allows.

    Every command finds the `policy/` folder by itself from anywhere inside the repository.
    Exit codes: 0 clean, 1 findings (or denied), 2 usage or a file that cannot be read.
    """
