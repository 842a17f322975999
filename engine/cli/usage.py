"""A command line `policy` cannot run (a mistyped command or option, a missing argument, a value it does not accept), said in the reader's language.

click says these in English. For a reader of Japanese or Russian (`--lang`, else POLICY_LANG,
else the locale), `localized` turns click's error into one that says the same in their
language: the usage line, where to read the help, and what is wrong and what to write instead,
named by the option or argument as it is typed. English keeps click's own text. The exit code
stays 2 (a usage error).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO, Any

import click

from ..commandwords import say
from ..saying import Param, language_from_env, listed
from .cmdline import asked_language


class UnknownCommand(click.UsageError):
    """`policy NAME` where no command is NAME: the nearest command, if one is near."""

    def __init__(self, name: str, guess: str | None, ctx: click.Context) -> None:
        hint = f" Did you mean `policy {guess}`?" if guess else ""
        super().__init__(f"There is no command '{name}'.{hint}", ctx)
        self.name, self.guess = name, guess


class Said(click.UsageError):
    """A command line one of the tool's commands refuses, in its own words (engine/commandwords.py
    `key`): English as click shows any usage error, Japanese and Russian from the same key."""

    def __init__(self, key: str, /, **fields: Param) -> None:
        super().__init__(say(key, "en", **fields))
        self.key, self.fields = key, fields


class SaidValue(click.BadParameter):
    """A value one of the tool's commands refuses, in its own words (`key`): English as click
    shows a bad value (`Invalid value for '--date': ...`), Japanese and Russian from the key."""

    def __init__(self, key: str, /, param_hint: str | None = None, **fields: Param) -> None:
        super().__init__(say(key, "en", **fields), param_hint=param_hint)
        self.key, self.fields = key, fields


class LocalizedUsageError(click.UsageError):
    """A usage error said in `lang` (ja or ru): printed as click prints its own."""

    def __init__(self, message: str, ctx: click.Context | None, lang: str) -> None:
        super().__init__(message, ctx)
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        lines = []
        if self.ctx is not None:
            pieces = self.ctx.command.collect_usage_pieces(self.ctx)
            usage = " ".join([self.ctx.command_path, *pieces])
            lines += [say("usage_line", self.lang, usage=usage),
                      say("usage_try", self.lang, command=self.ctx.command_path), ""]
        lines.append(say("usage_error", self.lang, message=self.message))
        click.echo("\n".join(lines), file=file, err=file is None,
                   color=self.ctx.color if self.ctx is not None else None)


def localized(exc: click.UsageError, args: Sequence[str]) -> click.UsageError:
    """`exc` said in the language `args` ask for (itself in English, or when it is not a usage
    error of the command line, such as a group asked for with nothing after it)."""
    # A --lang the command refuses (`policy diff --lang ru` where the policy has no Russian
    # edition) chooses nothing: the error is said in the language of POLICY_LANG or the locale.
    lang = language_from_env(os.environ) if _about_lang(exc) else asked_language(args)
    if lang == "en" or type(exc).__name__ == "NoArgsIsHelpError":
        return exc
    return LocalizedUsageError(message(exc, lang), exc.ctx, lang)


def _about_lang(exc: click.UsageError) -> bool:
    """Whether `exc` refuses the value of --lang."""
    if isinstance(exc, click.BadParameter):
        if exc.param is not None:
            return "--lang" in getattr(exc.param, "opts", ())
        return exc.param_hint == "--lang"
    return False


def message(exc: click.UsageError, lang: str) -> str:
    """What is wrong, and what to write instead, in `lang`."""
    if isinstance(exc, UnknownCommand):
        text = say("usage_no_command", lang, name=exc.name)
        return text + (say("usage_meant", lang, guess=f"`policy {exc.guess}`") if exc.guess
                       else "")
    if isinstance(exc, (Said, SaidValue)):
        return say(exc.key, lang, **exc.fields)
    command = getattr(exc, "command_name", None)  # click.NoSuchCommand (click 8.4 and later)
    if isinstance(command, str):  # a group's own command unknown (`policy xliff exprt`)
        guesses = getattr(exc, "possibilities", None) or []
        where = exc.ctx.command_path if exc.ctx is not None else "policy"
        text = say("usage_no_command", lang, name=command)
        return text + (say("usage_meant", lang, guess=f"`{where} {guesses[0]}`") if guesses
                       else "")
    if isinstance(exc, click.NoSuchOption):
        text = say("usage_no_option", lang, name=exc.option_name)
        # Every option click found close, as click lists them, quoted the reader's way.
        return text + (say("usage_meant_option", lang, names=listed(sorted(exc.possibilities)))
                       if exc.possibilities else "")
    if isinstance(exc, click.BadOptionUsage):
        key = "usage_takes_no_value" if "does not take" in exc.message else "usage_needs_value"
        return say(key, lang, name=exc.option_name)
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Argument):
            return say("usage_missing_argument", lang, name=exc.param.human_readable_name)
        return say("usage_missing_option", lang, name=_typed(exc.param))
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return _bad_value(exc, exc.param, lang)
    if exc.message == "Missing command.":  # options of a group, and no command after them
        return say("usage_missing_command", lang)
    if exc.message.startswith("Got unexpected extra argument"):
        extra = exc.message.partition("(")[2].rpartition(")")[0]
        return say("usage_extra", lang, args=extra)
    return say("usage_other", lang, message=exc.message)


def _typed(param: click.Parameter) -> str:
    """A parameter as it is typed: its long option (`--lang`), or an argument's name."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def _bad_value(exc: click.BadParameter, param: click.Parameter, lang: str) -> str:
    """A value a parameter does not accept: what it accepts, from its type."""
    name, kind = _typed(param), param.type
    if isinstance(kind, click.Choice):
        return say("usage_choice", lang, name=name,
                   choices=", ".join(str(c) for c in kind.choices))
    if isinstance(kind, click.IntRange):
        if kind.min is not None and kind.max is not None:
            return say("usage_range", lang, name=name, low=kind.min, high=kind.max)
        if kind.min is not None:
            return say("usage_at_least", lang, name=name, low=kind.min)
    if isinstance(kind, click.Path):
        if "does not exist" in exc.message:
            return say("usage_path_missing", lang, name=name)
        if "is a directory" in exc.message:
            return say("usage_path_folder", lang, name=name)
    return say("usage_bad_value", lang, name=name)
