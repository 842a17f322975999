"""The raw command line, read before click parses it: the language it asks for (usage errors and help pages are said in it, engine/cli/usage.py and helptext.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import NoReturn

# What engine/saying.py's language_from_env reads, after --lang.
LANG_ENV_KEYS = ("POLICY_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def lang_on_command_line(args: Sequence[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` on the command line (the last one wins, as click
    reads it), whatever it is, or None."""
    return option_on_command_line(args, "--lang")


# The commands whose `--format json` is their standard output for programs: a command line
# they cannot run is reported there too, as a finding (engine/cli/usage.py `usage_finding`).
# (`policy ledger --format json` names the format of the file it writes: it says only the
# file's path on its standard output.)
JSON_COMMANDS = frozenset({"ask", "check", "validate", "status", "test", "diff", "uses check"})


def option_on_command_line(args: Sequence[str], name: str) -> str | None:
    """The value of `NAME X` or `NAME=X` on the command line (the last one wins, as click
    reads it), whatever it is, or None."""
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith(name + "="):
            chosen = arg.split("=", 1)[1]
    return chosen


def json_asked(args: Sequence[str]) -> bool:
    """Whether the command line runs a command of JSON_COMMANDS with `--format json`, so that
    what keeps it from running is said as JSON on its standard output."""
    if option_on_command_line(args, "--format") != "json":
        return False
    words = [a for i, a in enumerate(args)
             if not a.startswith("-") and not (i and args[i - 1] == "--lang")]
    command = " ".join(words[:2]) if words[:1] == ["uses"] else " ".join(words[:1])
    return command in JSON_COMMANDS


def asked_language(args: Sequence[str]) -> str:
    """The language the command line asks for (its --lang, when ja, ru or en), else
    POLICY_LANG or the locale, as every message of the tool. English is told without importing
    engine/saying.py (`policy --help` in English pays nothing for the other languages)."""
    chosen = lang_on_command_line(args)
    if chosen in ("ja", "ru", "en"):
        return chosen
    if not any(os.environ.get(key, "").strip().lower().startswith(("ja", "ru", "jp"))
               for key in LANG_ENV_KEYS):  # jp, jpn: engine/saying.py LANG_ALIASES
        return "en"
    from ..saying import language_from_env

    return language_from_env(os.environ)


def stop_on_closed_output() -> NoReturn:
    """The reader of the output stopped reading it (`policy ... | head`): nothing is wrong and
    nothing more can be said, so the command ends quietly, as one that SIGPIPE ends (exit 141),
    with nothing left to flush at exit."""
    try:
        closed = os.fstat(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        same = os.fstat(2)
        if (same.st_dev, same.st_ino) == (closed.st_dev, closed.st_ino):  # `2>&1 | head`
            os.dup2(devnull, 2)
    except OSError:
        pass
    sys.exit(141)
