"""A command line `policy` cannot run (a mistyped command or option, a missing argument, a value it does not accept), said in the reader's language.

click says these in English. For a reader of Japanese or Russian (`--lang`, else POLICY_LANG,
else the locale), `localized` turns click's error into one that says the same in their
language: the usage line, where to read the help, and what is wrong and what to write instead,
named by the option or argument as it is typed. English keeps click's own text, but for a whole
number out of its bounds (said in words, never as click's `x>=1`). The exit code
stays 2 (a usage error).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

import click

from ..commandwords import say
from ..saying import LANG_ALIASES, Param, language_from_env, listed
from .cmdline import asked_language

if TYPE_CHECKING:
    from ..findings import Diagnostic


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
        self.key, self.fields, self.guess = key, fields, _guess(key, fields)
        super().__init__(_said(self, "en"))


class SaidValue(click.BadParameter):
    """A value one of the tool's commands refuses, in its own words (`key`): English as click
    shows a bad value (`Invalid value for '--date': ...`), Japanese and Russian from the key."""

    def __init__(self, key: str, /, param_hint: str | None = None, **fields: Param) -> None:
        self.key, self.fields, self.guess = key, fields, _guess(key, fields)
        super().__init__(_said(self, "en"), param_hint=param_hint)


# The refusals of a language the policy has no edition in: they add the language most likely
# meant (`jp` is `ja`), as a --lang refused by its list of choices does.
_LANGUAGE_KEYS = frozenset({"usage_no_edition", "usage_no_edition_named"})


def _guess(key: str, fields: dict[str, Param]) -> str | None:
    if key not in _LANGUAGE_KEYS:
        return None
    return _nearest_choice(str(fields["lang"]), str(fields["languages"]).split("\x1f"))


def _said(exc: Said | SaidValue, lang: str) -> str:
    text = say(exc.key, lang, **exc.fields)
    if exc.guess is None:
        return text
    if not text.endswith((".", "。", "?", "？")):  # the guess is a sentence of its own
        text += "。" if lang == "ja" else "."
    return text + say("usage_meant", lang, guess=f"`{exc.guess}`")


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


class JsonUsageError(click.UsageError):
    """A usage error of a command asked for `--format json` (engine/cli/cmdline.py
    `json_asked`): shown as a finding (USAGE001) on standard output, as that command reports
    its findings (engine/report.py `format_json`); the exit code stays 2."""

    def __init__(self, finding: Diagnostic, ctx: click.Context | None) -> None:
        super().__init__(finding.message, ctx)
        self.finding = finding

    def show(self, file: IO[Any] | None = None) -> None:
        from .output import emit_diagnostics

        emit_diagnostics([self.finding], "json")


def refused(exc: click.UsageError, args: Sequence[str]) -> click.UsageError:
    """What a usage error of the command line `args` becomes: a finding on standard output
    for a command asked for `--format json`, else the error said in the reader's language."""
    from .cmdline import json_asked

    if json_asked(args) and type(exc).__name__ != "NoArgsIsHelpError":
        return JsonUsageError(usage_finding(exc, args), exc.ctx)
    return localized(exc, args)


def usage_finding(exc: click.UsageError, args: Sequence[str]) -> Diagnostic:
    """A usage error as a finding for programs (USAGE001): what is wrong, in English as every
    machine format's messages are; where to read the help; the options or values most likely
    meant."""
    from ..findings import make

    lang = "en"
    said = localized(exc, args, lang)
    where = exc.ctx.command_path if exc.ctx is not None else "policy"
    meant: tuple[str, ...] = ()
    if isinstance(exc, click.NoSuchOption):
        meant = tuple(sorted(exc.possibilities or ()))
    elif (isinstance(exc, click.BadParameter) and exc.param is not None
          and isinstance(exc.param.type, click.Choice)):
        import re

        typed = re.match(r"'(.*)' is not one of", exc.message)
        near = typed and _nearest_choice(typed.group(1), [str(c) for c in exc.param.type.choices])
        meant = (near,) if near else ()
    return make("USAGE001", said.format_message(), hint=say("usage_try", lang, command=where),
                suggestions=meant)


def localized(exc: click.UsageError, args: Sequence[str],
              lang: str | None = None) -> click.UsageError:
    """`exc` said in `lang`, else the language `args` ask for (itself in English, or when it
    is not a usage error of the command line, such as a group asked for with nothing after
    it)."""
    # A --lang the command refuses (`policy diff --lang ru` where the policy has no Russian
    # edition) chooses nothing: the error is said in the language of POLICY_LANG or the locale.
    if lang is None:
        lang = language_from_env(os.environ) if _about_lang(exc) else asked_language(args)
    if type(exc).__name__ == "NoArgsIsHelpError":
        return exc
    plainly = said_plainly(exc, args, lang)
    if (plainly is None and isinstance(exc, click.BadParameter) and exc.param is not None
            and isinstance(exc.param.type, click.IntRange)):
        # a whole number out of its bounds, in words in every language (English too: never
        # click's "0 is not in the range x>=1" or "not a valid integer range")
        plainly = _bad_value(exc, exc.param, lang)
    if lang == "en":
        return exc if plainly is None else click.UsageError(plainly, exc.ctx)
    return LocalizedUsageError(plainly or message(exc, lang), exc.ctx, lang)


# A required argument or option that has words of its own (what it means, and an example):
# (command, parameter) -> the key of its sentence.
MISSING = {("policy stamp", "lang"): "usage_missing_stamp_lang",
           ("policy approve", "lang"): "usage_missing_approve_lang",
           ("policy xliff export", "lang"): "usage_missing_xliff_lang",
           ("policy xliff import", "file"): "usage_missing_xliff_file",
           ("policy revise", "day"): "usage_missing_revise_date"}
LANGUAGES = ("ja", "ru", "en")


def said_plainly(exc: click.UsageError, args: Sequence[str], lang: str) -> str | None:
    """What to write, in `lang` (English too), where click's own words would miss the point:
    a missing argument named by what it means, with an example; `--lang` put before the
    command; a language given to a command that takes none; a choice mistyped, repeated with
    the nearest value. None where the usual words (`message`) say it."""
    ctx = exc.ctx
    where = ctx.command_path.split() if ctx is not None else []
    command = " ".join(["policy", *where[1:]])
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        key = MISSING.get((command, exc.param.name or ""))
        if key is None:
            return None
        if key == "usage_missing_revise_date":
            example = " ".join([command, *(["--dry-run"] if "--dry-run" in args else []),
                                "--date", _first_revision_day()])
            return say(key, lang, example=example)
        return say(key, lang)
    if (isinstance(exc, click.NoSuchOption) and exc.option_name == "--lang"
            and ctx is not None and ctx.parent is None):
        nearest = getattr(ctx.command, "nearest", lambda name: None)
        return say("usage_lang_after_command", lang, example=_lang_moved(args, lang, nearest))
    if (isinstance(exc, click.NoSuchOption) and ctx is not None and ctx.parent is not None
            and exc.option_name in _before_command(ctx)):
        # `policy check --no-cache`: an option of `policy` itself, typed after the command
        import shlex

        eager = any(exc.option_name in p.opts and p.is_eager
                    for p in ctx.find_root().command.params)  # --version: answers alone
        moved = [exc.option_name, *(() if eager else (arg for arg in args
                                                      if arg != exc.option_name))]
        return say("usage_option_before_command", lang, name=exc.option_name,
                   example=shlex.join(["policy", *moved]))
    if exc.message.startswith("Got unexpected extra argument (") and ctx is not None:
        extra = exc.message.partition("(")[2].rpartition(")")[0]
        if extra in LANGUAGES and any("--lang" in getattr(p, "opts", ()) and not getattr(
                p, "hidden", False) for p in ctx.command.params):
            return say("usage_lang_not_argument", lang, command=command, value=extra)
        return None
    if (isinstance(exc, click.BadParameter) and exc.param is not None
            and isinstance(exc.param.type, click.Choice)):
        import re

        typed = re.match(r"'(.*)' is not one of", exc.message)
        if typed is None:
            return None
        value, choices = typed.group(1), [str(c) for c in exc.param.type.choices]
        near = _nearest_choice(value, choices)
        meant = say("usage_meant", lang, guess=f"`{near}`") if near else ""
        if lang == "en":
            return exc.format_message() + meant if near else None
        return say("usage_choice_typed", lang, name=_typed(exc.param), value=value,
                   choices=listed(choices)) + meant
    return None


def _nearest_choice(value: str, choices: Sequence[str]) -> str | None:
    """The choice someone typing `value` most likely meant: `jp` (the country) is `ja` (the
    language); else the closest spelling."""
    from ..names import closest

    typed = value.strip().lower()
    meant = LANG_ALIASES.get(typed, "ja" if typed == "jap" else typed)
    if meant in LANGUAGES and meant in choices:
        return meant
    close = closest(typed, choices, 1, cutoff=0.5)
    return close[0] if close else None


def _first_revision_day() -> str:
    """The first date `policy revise` takes: today, or the day after the master's last
    revision when that is today or later (a revision must come after the last one on the main
    branch; the working tree's is as late, or later when a revision is pending)."""
    import datetime as dt

    day = dt.date.today()
    try:
        from ..locate import find_policy_folder, master_file
        from ..readfile import read_file

        folder = find_policy_folder().folder
        master = master_file(folder) if folder is not None else None
        document = read_file(master).document if master is not None else None
        facts = document.data.get("facts", {}) if document is not None else {}
        dates = [dt.date.fromisoformat(str(r.get("date"))) for r in facts.get("revisions", [])
                 if isinstance(r, dict)]
        last = max(dates, default=None)
    except (OSError, AttributeError, TypeError, ValueError):
        last = None
    if last is not None and last >= day:
        day = last + dt.timedelta(days=1)
    return day.isoformat()


def _before_command(ctx: click.Context) -> set[str]:
    """The flags `policy` itself shows before a command's name (--no-cache, --version): not
    --help, which every command takes too, nor a hidden one (--lang, which goes after)."""
    root = ctx.find_root().command
    return {opt for p in root.params if isinstance(p, click.Option) and p.is_flag
            and not p.hidden and p.name != "help" for opt in p.opts if opt.startswith("--")}


def _lang_moved(args: Sequence[str], lang: str, nearest: Callable[[str], str | None]) -> str:
    """`policy --lang ja chek` as it should be typed: `policy check --lang ja` (the command
    `nearest` finds when the one typed is not one; `check` when none was typed)."""
    import shlex

    rest: list[str] = []
    value = ""
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--lang":
            value, skip = (args[i + 1] if i + 1 < len(args) else ""), True
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    value = value if value in LANGUAGES else (_nearest_choice(value, LANGUAGES) or lang)
    at = next((i for i, arg in enumerate(rest) if not arg.startswith("-")), None)
    if at is None:
        rest.append("check")
    else:
        rest[at] = nearest(rest[at]) or rest[at]
    return shlex.join(["policy", *rest, "--lang", value])


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
        return _said(exc, lang)
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
                   choices=listed([str(c) for c in kind.choices]))
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
