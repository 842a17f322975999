"""The work of `policy check`, `status`, `test`, `validate`, `diff` and `build`, without click: what click calls for them, and what the console script calls when it can read their command line itself.

These are what the legal team, its hooks and CI run after each edit: five that only read (a
diff writes only its `--out`, atomically), and the build, which writes the site into a fresh
folder and swaps it in whole (engine/atomic.py), so that running it twice gives the same site.
A process that imports click spends about a tenth of such a run on it
(bench/ab_without_click.py), so the console script (engine/cli/cached.py) reads their
plainest command lines itself (`planned`): the command's name followed by any of its options
that take a word from a list or none (`--lang ja`, `--format json`, `--strict`,
`--allow-drift`, ...), `--policy FOLDER`, the options that take a name or a path (`--out`,
`--branch`, `--uses`) and diff's two arguments, each at most once, with UTF-8 streams
(`plain_streams`). Anything else (`--help`, `--previous`, the build's `--since` and `--pdf`,
a mistake) goes to click, which says what is wrong.

Without click, the command's output is kept until it ends: when it ends as the command ends
(an exit code), the output is written; when anything else happens (a policy that cannot be
loaded, a language the policy lacks, any error), nothing is written and click runs the
command again from the start, as it always did, and says what happened (the four read only;
the build publishes a site only whole, and publishing it again gives the same). Reading the
command line is tied to click's own declarations by tests/test_plain.py (every option, its
choices and its default), which also holds both ways to the same output, byte for byte, and
to the same site.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from .output import (
    EXIT_OK,
    EXIT_USAGE,
    diagnostic_line,
    echo,
    emit_diagnostics,
    exit_for,
    exit_with,
    report_unloadable,
)

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from ..uses import AffectedUse

FORMATS = ("text", "json", "github", "sarif")  # `policy check --format`
LANGS = ("ja", "ru", "en")


def check(policy_dir: Path, *, fmt: str, strict: bool, previous: Path | None,
          summary: Path | None, say: str, show_waived: bool = False) -> NoReturn:
    """`policy check`."""
    from ..check import run_check
    from ..report import (
        format_github,
        format_json,
        format_markdown_summary,
        format_sarif,
        tool_version,
    )

    result = run_check(policy_dir, previous=previous)
    found = result.diagnostics
    target = summary
    if target is None and fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        target = Path(os.environ["GITHUB_STEP_SUMMARY"])
    if fmt == "json":
        echo(format_json(found), nl=False)
    elif fmt == "sarif":
        echo(format_sarif(found, tool_version=tool_version()), nl=False)
    elif fmt == "github":
        echo(format_github(found, show_waived=show_waived), nl=False)
        if target is None:
            echo(format_markdown_summary(found, result.states), nl=False)
    elif not result.loaded and exit_for(found, completed=bool(found)) == EXIT_USAGE:
        # the folder or a file cannot be used at all: the check did not run (not "not ready")
        report_unloadable(found, "check", say, src=result.sources)
    else:
        from ..humane import format_human
        from ..wording import use_colour

        echo(format_human(found, result.sources, colour=use_colour(), strict=strict, lang=say,
                          show_waived=show_waived), nl=False)
    if target is not None:
        try:
            with open(target, "a", encoding="utf-8") as fh:  # a step summary is appended to
                fh.write(format_markdown_summary(found, result.states) + "\n")
        except OSError as exc:  # said as every file a command cannot write, in `say`
            from ..findings import unwritable

            echo(diagnostic_line(unwritable(exc, str(target), "the summary"), say), err=True)
            sys.exit(EXIT_USAGE)
    exit_with(found, strict=strict, completed=result.loaded or bool(found))


def status(policy_dir: Path, *, fmt: str, say: str) -> NoReturn:
    """`policy status`."""
    from ..check import run_check
    from ..humane import format_status
    from ..report import format_status_json
    from ..wording import use_colour

    result = run_check(policy_dir)
    if not result.loaded:
        errors = [d for d in result.diagnostics if d.severity.name == "ERROR"]
        if fmt == "json":  # for programs: the lines as they were, and the findings as JSON
            for d in errors:  # on standard output, as `policy check --format json` has them
                echo(diagnostic_line(d, say), err=True)
            emit_diagnostics(errors, "json")
        else:
            report_unloadable(errors, "status", say, src=result.sources)
        exit_with(errors, completed=bool(errors))  # 1 for a broken master, as validate says
    # What keeps the figures from being trusted (a file that cannot be read, or says something
    # wrong: `lang: rx` in ru.yaml) is said with them, as `policy check` says it, and fails.
    errors = result.validation_errors
    if fmt == "json":  # one document for programs, its errors as every json command has them
        echo(format_status_json(result.states, errors), nl=False)
        for d in errors:  # and the machine lines, as they were
            echo(diagnostic_line(d, say), err=True)
        exit_with(errors)
    echo(format_status(result.states, result.sources, colour=use_colour(), lang=say), nl=False)
    if errors:
        from ..humane import format_status_errors

        # a blank line between the bars and the errors, as between the bars themselves (the
        # two streams meet in a terminal)
        echo("\n" + format_status_errors(errors, result.sources, result.states, lang=say,
                                         colour=use_colour(sys.stderr)), err=True, nl=False)
    exit_with(errors)


def test(policy_dir: Path, *, lang: str, fmt: str, mutate: bool) -> NoReturn:
    """`policy test`."""
    from ..bundle import compile_sources
    from ..decide import CompiledPolicy
    from ..findings import PolicyLoadError
    from ..loader import load_folder
    from ..testing import format_json, format_junit, format_text, run_tests

    src = load_folder(policy_dir)
    try:  # the sources just read, not the folder read again: one snapshot, read once
        policy = CompiledPolicy(compile_sources(src, str(policy_dir)))
    except PolicyLoadError as exc:
        # json: the report's own `diagnostics` say it on standard output, not a second object
        report_unloadable(exc.diagnostics, "test", lang, src=src,
                          fmt="lines" if fmt == "json" else fmt)
        if fmt != "text":  # tools read the findings in the report they asked for, too
            from ..testing import TestReport

            unloaded = TestReport(diagnostics=list(exc.diagnostics))
            echo((format_json if fmt == "json" else format_junit)(unloaded), nl=False)
        exit_with(exc.diagnostics, completed=False)
    if lang not in policy.languages:  # said as a command line that cannot run (exit 2)
        from ..saying import listed
        from .usage import SaidValue

        raise SaidValue("usage_no_edition", "--lang", lang=lang,
                        languages=listed(list(policy.languages)))
    report = run_tests(src, policy, policy_dir, lang=lang, mutate=mutate)
    if fmt == "json":
        echo(format_json(report), nl=False)
    elif fmt == "junit":
        echo(format_junit(report), nl=False)
    else:
        echo(format_text(report, lang), nl=False)
    # A table that names what the policy lacks (TEST005) could not be run: as unloadable, 2.
    exit_with(report.diagnostics, completed=report.loaded and not any(
        d.code == "TEST005" for d in report.diagnostics))


def validate(policy_dir: Path, *, fmt: str, say: str) -> NoReturn:
    """`policy validate`."""
    from ..loader import load_folder

    src = load_folder(policy_dir)
    emit_diagnostics(src.diagnostics, fmt, say)
    exit_with(src.diagnostics, completed=src.master is not None or bool(src.diagnostics))


# Not built because of where it was to go or what it was asked to compare with, not because
# of the policy: a usage error (exit 2), as `validate` and `diff` say for the same causes.
_USAGE_PREFIXES = ("IO", "GIT", "RENDER004", "RENDER005")
# The build's own verdicts: said in the closing sentence, never counted as findings.
_VERDICTS = ("RENDER002", "RENDER003")


def build(policy_dir: Path, *, out_dir: Path, allow_drift: bool, since: str | None,
          pdf: bool, say: str) -> NoReturn:
    """`policy build`."""
    from render.site import NAMED_BLOCKERS, build_site

    from ..commandwords import say as words
    from ..humane import format_human, frame, summary_sentence
    from ..wording import use_colour

    if since is not None:  # a revision that names nothing is a usage error, before any work
        from ..gitio import GitError, resolve, toplevel

        try:
            resolve(toplevel(policy_dir.resolve()), since)
        except (GitError, OSError) as exc:
            from ..values import replace

            # said at the option that named it, not at no file ("<policy>")
            why = (diagnostic_line(replace(exc.diagnostic, file=exc.diagnostic.file or "--since"),
                                   say) if isinstance(exc, GitError) else str(exc))
            echo(f"{why}\n" + words("no_since", say, rev=since), err=True)
            sys.exit(EXIT_USAGE)
    from render.site import out_dir_problem

    # A folder the site cannot go into (a file, the policy's own folder, one holding other
    # files) is said before any work, alone: not after a whole check and render, between the
    # editions' findings.
    problem = out_dir_problem(out_dir)
    if problem is not None:
        echo(f"{diagnostic_line(problem, say)}\n" + words("no_out", say), err=True)
        sys.exit(EXIT_USAGE)
    result = build_site(policy_dir, out_dir, allow_drift=allow_drift, since=since, pdf=pdf)
    found = [d for d in result.diagnostics if d.code not in _VERDICTS]
    colour = use_colour(sys.stderr)
    src = result.sources if found and policy_dir.is_dir() else None  # loaded once, by the build
    if not result.written:
        usage = any(d.code.startswith(_USAGE_PREFIXES) for d in found)
        why = summary_sentence(found, lang=say).removeprefix(frame("not_ready", say))
        tail = words("not_published", say, why=why.removesuffix(frame("stop", say)))
        blockers = result.not_drift  # errors --allow-drift never publishes over
        if blockers:
            named = words("sep", say).join(f"{d.location} [{d.code}]"
                                           for d in blockers[:NAMED_BLOCKERS])
            if len(blockers) > NAMED_BLOCKERS:
                named = words("and_more", say, shown=named, n=len(blockers) - NAMED_BLOCKERS)
            tail += words("not_drift", say, n=len(blockers), where=named)
        elif any(d.code == "RENDER002" for d in result.diagnostics):
            # the pronoun agrees with what the sentence before counted (ru её, его, их)
            errors = sum(1 for d in found if d.severity.name == "ERROR"
                         and d.code != "DRIFT001")
            changes = len({d.unit for d in found if d.code == "DRIFT001"})
            one = ("_error" if (errors, changes) == (1, 0) else
                   "_change" if (errors, changes) == (0, 1) else "")
            tail += words("allow_drift" + one, say)
        echo(format_human(found, src, colour=colour, tail=tail, lang=say), nl=False, err=True)
        exit_with(found, completed=usage or any(d.severity.name == "ERROR" for d in found))
    banners = {lang: n for lang, n in sorted(result.banners.items()) if n}
    if found:
        listed = words("sep", say).join(words("banner_count", say, n=n, lang=lang)
                                        for lang, n in banners.items())
        tail = words("published", say, out=str(result.out_dir),
                     banners=words("banners", say, list=listed) if banners else "")
        echo(format_human(found, src, colour=colour, tail=tail, lang=say), nl=False, err=True)
    echo(str(result.out_dir))
    sys.exit(EXIT_OK)


def diff(base: str | None, head: str | None, policy_dir: Path, *, fmt: str, check: bool,
         lang: str | None, out: Path | None, branch: str, uses_dir: Path | None,
         allow_breaking_uses: bool) -> NoReturn:
    """`policy diff`."""
    from ..diff import default_base, diff_sides, resolve_side, side_from_folder
    from ..diff.classify import check_release
    from ..diff.format import format_json, format_markdown
    from ..uses.folder import default_uses_dir

    head_side = (resolve_side(head, policy_dir) if head is not None
                 else side_from_folder(policy_dir, "working tree"))
    base_side = (resolve_side(base, policy_dir) if base is not None
                 else default_base(policy_dir, branch))
    result = diff_sides(base_side, head_side)
    findings = check_release(result) if check else []
    languages = tuple(head_side.policy.languages)
    # The findings speak the reader's language: --lang when it names one the tool speaks,
    # else POLICY_LANG or the locale, as every other command's.
    from ..saying import language_from_env

    say = lang if lang in LANGS else language_from_env(os.environ)
    if lang is None:
        from ..decision import default_language

        lang = default_language(languages)
    elif lang not in languages:
        from ..saying import listed
        from .usage import SaidValue

        raise SaidValue("usage_no_edition", "--lang", lang=lang, languages=listed(list(languages)))
    from ..testing import broken_properties

    findings = [*findings, *broken_properties(base_side.policy, head_side.policy, policy_dir)]
    affected: list[AffectedUse] = []
    declared = default_uses_dir(uses_dir)
    if declared is not None:  # only then the uses modules: most diffs have no declarations
        from ..uses.gate import diff_uses

        uses = diff_uses(result, declared, base=base, head=head, branch=branch, check=check,
                         allow_breaking=allow_breaking_uses)
        affected = uses.affected
        findings = [*findings, *uses.findings]
        if not check and not uses.head.ok:
            from ..commandwords import say as words

            echo(words("diff_uses_left_out", say, folder=str(declared)), err=True)
    if fmt == "html":
        from render.redline import render_diff_page

        text = render_diff_page(result, lang, affected)
    elif fmt == "json":
        text = format_json(result, findings, affected)
    elif fmt == "markdown":
        text = format_markdown(result, findings, affected)
    else:  # text; with github, the same text and each finding as an annotation as well
        from render.redline import render_diff_text

        text = render_diff_text(result, say, findings, affected,
                                line=lambda d: diagnostic_line(d, say), check=check)
        if fmt == "github" and findings:
            from ..report import format_github

            text += format_github(findings)
    if out is not None:
        from ..atomic import write_text_atomic

        write_text_atomic(out, text)
        echo(str(out))
    else:
        echo(text, nl=False)
    if check and fmt == "html":
        for f in findings:
            echo(diagnostic_line(f, say), err=True)
    exit_with(findings)


# The command lines the console script reads itself, per command: each option's name, the
# parameter it sets, and the words it takes (a tuple: one of them; None: a flag; "path": a
# folder). Options not listed here (`--previous`, `--summary`, `--since`, `--pdf`, `--help`,
# ...) go to click.
# tests/test_plain.py holds this to click's declarations in engine/cli/.
OPTIONS: dict[str, dict[str, tuple[str, tuple[str, ...] | str | None]]] = {
    "check": {"--policy": ("policy_dir", "path"), "--format": ("fmt", FORMATS),
              "--strict": ("strict", None), "--lang": ("say", LANGS),
              "--show-waived": ("show_waived", None)},
    "status": {"--policy": ("policy_dir", "path"), "--format": ("fmt", ("text", "json")),
               "--lang": ("say", LANGS)},
    "test": {"--policy": ("policy_dir", "path"), "--lang": ("lang", "word"),
             "--format": ("fmt", ("text", "json", "junit")), "--mutate": ("mutate", None)},
    "validate": {"--policy": ("policy_dir", "path"), "--format": ("fmt", ("text", "json")),
                 "--lang": ("say", LANGS)},
    "build": {"--policy": ("policy_dir", "path"), "--out": ("out_dir", "path"),
              "--allow-drift": ("allow_drift", None), "--lang": ("say", LANGS)},
    "diff": {"--policy": ("policy_dir", "path"),
             "--format": ("fmt", ("text", "json", "markdown", "html", "github")),
             "--check": ("check", None), "--lang": ("lang", "word"), "--out": ("out", "path"),
             "--branch": ("branch", "word"), "--uses": ("uses_dir", "path"),
             "--allow-breaking-uses": ("allow_breaking_uses", None)},
}
# The arguments a command takes, in order (each a word; none of them required), read among
# its options as click reads them.
ARGUMENTS: dict[str, tuple[str, ...]] = {"diff": ("base", "head")}
# What an option not given is: as click's defaults; the policy folder and the language are
# found as click's callbacks find them (engine/cli/app.py `_find_policy`, `_lang`).
DEFAULTS: dict[str, dict[str, Any]] = {
    "check": {"fmt": "text", "strict": False, "previous": None, "summary": None,
              "show_waived": False},
    "status": {"fmt": "text"},
    "test": {"fmt": "text", "mutate": False},
    "validate": {"fmt": "text"},
    "build": {"out_dir": Path("site"), "allow_drift": False, "since": None, "pdf": False},
    "diff": {"base": None, "head": None, "fmt": "text", "check": False, "lang": None,
             "out": None, "branch": "main", "uses_dir": None, "allow_breaking_uses": False},
}
WORK: dict[str, Callable[..., NoReturn]] = {
    "check": check, "status": status, "test": test, "validate": validate, "build": build,
    "diff": diff}


def planned(args: list[str]) -> Callable[[], NoReturn] | None:
    """The work of `args` (the command and its options, as the console script was given them)
    when this module can read them as click would, else None (click reads them)."""
    read = read_args(args)
    if read is None:
        return None
    command, params = read
    work = WORK[command]
    if command in ARGUMENTS:  # the arguments first, as the command's function takes them
        given = [params.pop(name) for name in ARGUMENTS[command]]
        return lambda: work(*given, **params)
    policy_dir = params.pop("policy_dir")
    return lambda: work(policy_dir, **params)


def read_args(args: list[str]) -> tuple[str, dict[str, Any]] | None:
    """(the command, every parameter click would give its function) for the command lines
    `planned` reads, else None."""
    if not args or args[0] not in OPTIONS:
        return None
    command, options = args[0], OPTIONS[args[0]]
    given: dict[str, Any] = {}
    arguments = list(ARGUMENTS.get(command, ()))
    rest = args[1:]
    i = 0
    while i < len(rest):
        if arguments and rest[i] and not rest[i].startswith("-"):
            given[arguments.pop(0)] = rest[i]  # an argument, where the command takes one
            i += 1
            continue
        name, eq, value = rest[i].partition("=")
        if name not in options:
            return None  # another option, an argument, `--help`, `--`: click's to read
        param, takes = options[name]
        if param in given:
            return None  # given twice: click's rule for that is its own
        if takes is None:
            if eq:
                return None
            given[param] = True
        else:
            if not eq:
                i += 1
                if i >= len(rest):
                    return None
                value = rest[i]
            if isinstance(takes, tuple) and value not in takes:
                return None  # click names the words it takes
            if value.startswith("-") and not eq:
                return None  # `--lang --strict`: click's to say
            given[param] = Path(value) if takes == "path" else value
        i += 1
    params = {**DEFAULTS[command], **given}
    if "policy_dir" not in params:
        from ..locate import find_policy_folder

        folder = find_policy_folder().folder
        if folder is None:
            return None  # click says where it looked
        params["policy_dir"] = folder
    for lang_param in ("say", "lang"):
        if lang_param in {p for p, _ in options.values()} and lang_param not in params:
            from ..saying import language_from_env

            params[lang_param] = language_from_env(os.environ)
    return command, params


def plain_streams() -> bool:
    """Whether standard output and error are UTF-8 text streams: every text the commands say
    can be written to them as it is, as click writes it (a stream in another encoding is left
    to click, which says what cannot be written)."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        try:
            if not encoding or codecs.lookup(encoding).name != "utf-8":
                return False
        except LookupError:
            return False
    return True
