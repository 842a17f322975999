"""The raw command line, read before click parses it: the language it asks for (usage errors and help pages are said in it, engine/cli/usage.py and helptext.py)."""

from __future__ import annotations

from collections.abc import Sequence


def lang_on_command_line(args: Sequence[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` on the command line (the last one wins, as click
    reads it), whatever it is, or None."""
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return chosen
