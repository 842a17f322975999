"""What every command says and how it ends, without click: the exit rule, findings one a line, why a policy could not be loaded, and `echo`.

Commands run by click (engine/cli/app.py) and the read-only commands the console script runs
without it (engine/cli/plain.py) share these, so both say the same, byte for byte.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import patterns
from ..findings import Diagnostic, Severity

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, NoReturn

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

# as click strips it for a stream that is no terminal
_ANSI = patterns.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Write `text` (and a newline) to standard output or error, as click.echo writes text:
    through click.echo when click is loaded (a command click runs), else the same writing for
    the text streams the console script runs a command without click on (UTF-8,
    engine/cli/plain.py `plain_streams`): colour codes taken out for a stream that is not
    a terminal, then written and flushed."""
    click = sys.modules.get("click")
    if click is not None:
        click.echo(text, err=err, nl=nl)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = text + "\n" if nl else text
    if out:
        isatty = getattr(stream, "isatty", None)
        if not (isatty and isatty()):
            out = _ANSI.sub("", out)
        stream.write(out)
    stream.flush()


def emit_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str, say: str = "en") -> None:
    """Findings one a line (the text in `say`: ja, ru, en; json keeps the English messages)."""
    from ..report import format_json, format_text

    if fmt == "text" and say != "en":
        from ..humane import format_flat

        out = format_flat(diagnostics, say)
    else:
        out = format_json(diagnostics) if fmt == "json" else format_text(diagnostics)
    echo(out, nl=False)


def report_unloadable(diagnostics: Sequence[Diagnostic], command: str, say: str | None = None,
                      *, src: Any = None, policy_dir: Path | None = None,
                      fmt: str = "text") -> None:
    """Say on standard error why `policy COMMAND` could not run (the policy cannot be loaded).

    In the text format, for people: the findings grouped by file in `say` (ja, ru, en; any
    other value, such as a policy language the command was asked for, or none, is the
    language of POLICY_LANG or the locale), as `policy check` shows them (engine/humane.py
    `format_unloadable`); the files are named by their language and role when `src` or a
    readable `policy_dir` tells them. Other formats are for tools: one machine line a finding
    on standard error, `file:line:col: CODE message`; json, for programs, also has the
    findings on standard output, as a `--format json` command reports its findings
    (engine/report.py `format_json`). The caller exits with its own code."""
    if fmt != "text":
        for d in diagnostics:
            echo(str(d), err=True)
        if fmt == "json":
            emit_diagnostics(diagnostics, "json")
        return
    from ..humane import format_unloadable, typed_on_command_line
    from ..saying import LANGS, language_from_env
    from ..wording import use_colour

    lang = say if say in LANGS else language_from_env(os.environ)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors and all(typed_on_command_line(d) for d in errors):
        echo(format_command_line(errors, command, lang, colour=use_colour(sys.stderr)),
             err=True, nl=False)
        return
    if src is None and policy_dir is not None and policy_dir.is_dir():
        from ..loader import load_folder

        try:
            src = load_folder(policy_dir)
        except OSError:  # only to name the files: the findings are said anyway
            src = None
    echo(format_unloadable(diagnostics, src, command=command, lang=lang,
                                 colour=use_colour(sys.stderr)), err=True, nl=False)


def format_command_line(errors: Sequence[Diagnostic], command: str, lang: str, *,
                        colour: bool = False) -> str:
    """What was typed that names nothing (a clause the policy has not, an approver's name too
    short: engine/humane.py typed_on_command_line), said as the command-line problem it is, in
    `lang`: no file heading and no file's "error" tag (the files are as they should be), each
    problem and its hint as sentences of one line, then that `policy COMMAND` did not run."""
    from ..commandwords import say as words
    from ..humane import frame
    from ..wording import paint

    lines = [words("command_line_problem", lang, problem=_sentences(d, lang), code=d.code)
             for d in errors]
    tail = paint(frame("unloadable_command", lang, command=command, n=len(errors)), "red",
                 colour)
    return "\n".join([*lines, "", tail]) + "\n"


def _sentences(d: Diagnostic, lang: str) -> str:
    """A finding's message and hint in `lang`, each a sentence: "… (…). Did you mean …?"
    rather than "… (…) (Did you mean …?)"."""
    from ..diagnostics import texts_of
    from ..saying import fill, template
    from ..wording import capital

    message, hint = d.message, d.hint or ""
    if lang != "en" and d.params:
        words, params = texts_of(d.code), dict(d.params)
        said = template(words.message, lang, params)
        said_hint = template(words.hint, lang, params) if hint else None
        if said is None:
            from ..humane import finding_text

            return finding_text(d, lang)
        message = fill(said, lang, params)
        hint = fill(said_hint, lang, params) if said_hint is not None else ""

    def ended(text: str) -> str:
        text = text.strip()
        if lang == "ja":
            return text if text.endswith(("。", "？", "！")) else text + "。"
        return text if text.endswith((".", "?", "!")) else text + "."

    parts = [ended(message)] + ([ended(capital(hint))] if hint.strip() else [])
    return ("" if lang == "ja" else " ").join(parts)


def diagnostic_line(d: Diagnostic, say: str = "en") -> str:
    """One finding as `file:line:col: CODE message (hint)`, in `say` (ja, ru, en)."""
    if say == "en":
        return str(d)
    from ..humane import finding_text

    return f"{d.location}: {d.code} {finding_text(d, say)}"


# Errors that mean the command could not use what it was given (a path, a revision, a unit
# name, a question, a command line), rather than a problem in the policy: exit 2.
USAGE_FAMILIES = ("IO", "GIT", "QUERY", "USAGE")
USAGE_CODES = frozenset({"RENDER004", "RENDER005", "PARITY011"})


def exit_for(diagnostics: Sequence[Diagnostic], *, strict: bool = False,
             completed: bool = True) -> int:
    """The one rule from findings to an exit code, for every command.

    2 when the command could not do its job (`completed=False`) or was given something it
    cannot use (IO and GIT errors, RENDER004-005, PARITY011); 1 for any other error, or any
    warning with `strict`; 0 otherwise (notes never fail).
    """
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if not completed or any(d.code.startswith(USAGE_FAMILIES) or d.code in USAGE_CODES
                            for d in errors):
        return EXIT_USAGE
    if errors:
        return EXIT_FINDINGS
    if strict and any(d.severity is Severity.WARNING for d in diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


def exit_with(diagnostics: Sequence[Diagnostic], *, strict: bool = False,
              completed: bool = True) -> NoReturn:
    sys.exit(exit_for(diagnostics, strict=strict, completed=completed))
