"""A `--help` page in Japanese or Russian: the page click prints in English, laid out the same
way (the usage line, the command's paragraphs, its options, its commands), with the words of
engine/cli/helpwords.py.

app.Localized calls `help_page` for a reader of ja or ru; English never comes here. What is
typed stays as it is typed: the usage line, option names and their values ([text|json], PATH),
the defaults and the example command lines. Lines are as wide as on the screen (a kanji or
kana takes two columns); Japanese breaks between any two characters, but never before a
closing mark (、。）」) or after an opening one; Russian breaks between words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

import click

from .. import patterns
from ..hashing import small_sha256
from .helpwords import EXAMPLES, PAGES, PARAMS, TRANSLATED_FROM, WORDS

_CLOSING = "),.:;、。，．）」』】〕！？：；・ー…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
_OPENING = "(（「『【〔"


def help_page(cmd: click.Command, ctx: click.Context, lang: str) -> str:
    """The help of `cmd` (as `policy PATH --help` prints it) in `lang` (ja or ru)."""
    path = command_path(ctx)
    out = Formatter(lang, width=ctx.terminal_width, max_width=ctx.max_content_width)
    out.write_usage(ctx.command_path, " ".join(cmd.collect_usage_pieces(ctx)),
                    prefix=word("Usage:", lang) + ("" if lang == "ja" else " "))
    paragraphs = page(path, lang)
    if paragraphs:
        out.write_paragraph()
        with out.indentation():
            out.write_text("\n\n".join(paragraphs))
    arguments = [(p.human_readable_name, param_help(path, p, ctx, lang))
                 for p in cmd.get_params(ctx)
                 if isinstance(p, click.Argument) and getattr(p, "help", None)]
    if arguments:
        with out.section(word("Positional arguments", lang)):
            out.write_dl(arguments)
    options = []
    for param in cmd.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None and isinstance(param, click.Option):
            options.append((record[0], param_help(path, param, ctx, lang)))
    if options:
        with out.section(word("Options", lang)):
            out.write_dl(options)
    if isinstance(cmd, click.Group):
        if ctx.parent is None:
            _audiences(cmd, ctx, out, lang)
        else:
            rows = [(name, short_help(f"{path} {name}", lang))
                    for name, _ in _commands(cmd, ctx)]
            if rows:
                with out.section(word("Commands", lang)):
                    out.write_dl(rows)
    return out.getvalue().rstrip("\n")


def command_path(ctx: click.Context) -> str:
    """A command by the names after `policy`: "" for `policy` itself, "check", "xliff export"."""
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.command.name or "")
        ctx = ctx.parent
    return " ".join(names)


def page(path: str, lang: str) -> tuple[str, ...]:
    """The paragraphs of a command's help; the first is its summary in the lists."""
    return PAGES[path][lang] if path in PAGES else ()


def short_help(path: str, lang: str) -> str:
    """A command's one sentence in the lists of `policy --help` and of its group."""
    paragraphs = page(path, lang)
    return paragraphs[0] if paragraphs else ""


def word(english: str, lang: str) -> str:
    """A heading or label of the page (click's own words, the audiences) in `lang`."""
    return WORDS[english][lang] if english in WORDS else english


def param_help(path: str, param: click.Parameter, ctx: click.Context, lang: str) -> str:
    """An option's or argument's help in `lang`, with click's [default: ...] said in it."""
    english = getattr(param, "help", None) or ""
    if param is ctx.command.get_help_option(ctx):
        text = word("Show this message and exit.", lang)
    else:
        text = PARAMS.get(path, {}).get(param_key(param), {}).get(lang, english)
    record = param.get_help_record(ctx)
    tail = record[1][len(english):] if record is not None and record[1].startswith(english) else ""
    return text + _extra(tail, lang)


def param_key(param: click.Parameter) -> str:
    """An option by its longest name as typed (`--format`), an argument by its name (LANG)."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


# The bounds of a whole number as engine/cli/app.py's Whole says them in English, and in ja, ru:
# (at least, from-to, at most).
_BOUNDS = re.compile(r"(?:(?P<low>-?\d+) or more|(?P<upper>-?\d+) or less|"
                     r"(?P<from>-?\d+) to (?P<high>-?\d+))")
_RANGE = {"ja": ("{low}以上", "{low}～{high}", "{high}以下"),
          "ru": ("не меньше {low}", "от {low} до {high}", "не больше {high}"),
          "en": ("{low} or more", "{low} to {high}", "{high} or less")}


def _extra(tail: str, lang: str) -> str:
    """click's `  [default: text; required]` after a help, with its labels in `lang`."""
    found = patterns.compile(r"(\s*)\[(.*)\]", re.S).fullmatch(tail)
    if found is None:
        return tail
    items = []
    for item in found.group(2).split("; "):
        label, sep, value = item.partition(": ")
        bounds = _BOUNDS.fullmatch(item)
        if sep and label in ("default", "env var"):
            items.append(word(label, lang) + word(": ", lang) + value)
        elif bounds is not None:  # a Whole's bounds (engine/cli/app.py), in the reader's words
            low = bounds.group("low") or bounds.group("from")
            high, upper = bounds.group("high"), bounds.group("upper")
            items.append(_RANGE[lang][2].format(high=upper) if upper is not None else
                         _RANGE[lang][0].format(low=low) if high is None else
                         _RANGE[lang][1].format(low=low, high=high))
        else:
            items.append(word(item, lang))
    joint = "、" if lang == "ja" else "; "  # [既定：8000、0～65535]
    return f"{found.group(1)}[{joint.join(items)}]"


def _commands(group: click.Group, ctx: click.Context) -> list[tuple[str, click.Command]]:
    found = []
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            found.append((name, sub))
    return found


def _audiences(group: click.Group, ctx: click.Context, out: Formatter, lang: str) -> None:
    """`policy --help`'s commands by who runs them (app.AUDIENCES), each with its examples."""
    from .audiences import AUDIENCES

    shown: set[str] = set()
    listed = dict(_commands(group, ctx))
    for title, names, examples in AUDIENCES:
        rows = [(name, short_help(name, lang)) for name in names if name in listed]
        shown.update(name for name, _ in rows)
        if not rows:
            continue
        with out.section(word(title, lang)):
            out.write_dl(rows)
            out.write_paragraph()
            for example in examples:
                out.write(f"{'':>{out.current_indent}}$ {example_in(example, lang)}\n")
    rest = [(name, short_help(name, lang)) for name in listed if name not in shown]
    if rest:
        with out.section(word("Other commands", lang)):
            out.write_dl(rest)


def example_in(example: str, lang: str) -> str:
    """An example of `policy --help`: the command line as it is, its comment in `lang`."""
    line, mark, comment = example.partition("# ")
    if not mark:
        return example
    return line + mark + EXAMPLES.get(comment, {}).get(lang, comment)


def width_of(text: str) -> int:
    """Columns on the screen: a wide character (kanji, kana, full-width marks) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# Characters that take two columns (kanji, kana, hangul, full-width forms), as a regex class.
_WIDE = ("\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
         "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6")
# What is never broken: a command in backquotes, click's [default: ...], a word, a wide character.
_TOKEN = patterns.compile(rf" +|`[^`]*`|\[[^]]*\]|[^\s{_WIDE}]+|.")


def wrap(text: str, width: int, initial: str = "", subsequent: str = "") -> list[str]:
    """One paragraph in lines of `width` columns, the indents included: between words, and in
    Japanese also between any two wide characters, but never before a closing mark or after
    an opening one; a command in backquotes and click's [default: ...] stay whole."""
    tokens: list[str] = []
    for piece in _TOKEN.findall(text):
        if piece.startswith("—") and len(tokens) > 1 and tokens[-1].isspace():  # a dash
            space = tokens.pop()
            tokens[-1] += space + piece  # stays with the word before it
        elif tokens and not piece.isspace() and not tokens[-1].isspace() and (
                piece[0] in _CLOSING or tokens[-1][-1] in _OPENING):
            tokens[-1] += piece
        else:
            tokens.append(piece)
    lines: list[str] = []
    line, indent = "", initial
    for token in tokens:
        if line.strip() and width_of(indent + line + token) > width and not token.isspace():
            lines.append(indent + line.rstrip(" "))
            line, indent = "", subsequent
        if not line and token.isspace():
            continue
        line += token
    lines.append(indent + line.rstrip(" "))
    return lines


class Formatter(click.HelpFormatter):
    """click's help formatter, with the headings and the wrapping of `lang` (ja or ru)."""

    def __init__(self, lang: str, width: int | None = None, max_width: int | None = None
                 ) -> None:
        super().__init__(width=width, max_width=max_width)
        self.lang = lang

    def wrap(self, text: str, width: int, initial: str = "", subsequent: str = "") -> list[str]:
        """Paragraphs (split by an empty line) in lines of `width` columns."""
        lines: list[str] = []
        for paragraph in text.split("\n\n"):
            if lines:
                lines.append("")
            joined = ("" if self.lang == "ja" else " ").join(
                part.strip() for part in paragraph.splitlines())
            lines += wrap(joined, width, initial, subsequent)
        return lines

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}{word(': ', self.lang).rstrip()}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(self.wrap(text, self.width, indent, indent)) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((width_of(first) for first, _ in rows), default=0),
                        col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width_of(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width_of(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = self.wrap(second, max(self.width - first_col - 2, 10))
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")


def missing(path: str, params: Sequence[click.Parameter], langs: Sequence[str] = ("ja", "ru")
            ) -> list[str]:
    """What the words lack for the command at `path` (tests/test_cli_help_words.py): its page
    and the help of each of its options and arguments that has English help."""
    name = f"`{f'policy {path}'.strip()}`"
    gaps = [f"{name}: no {lang} help (helpwords.PAGES)" for lang in langs if not page(path, lang)]
    for param in params:
        if not getattr(param, "help", None) or getattr(param, "hidden", False):
            continue  # a hidden option is on no help page
        have = PARAMS.get(path, {}).get(param_key(param), {})
        gaps += [f"{name} {param_key(param)}: no {lang} help (helpwords.PARAMS)"
                 for lang in langs if not have.get(lang)]
    return gaps


def fingerprint(english: str) -> str:
    """A short fingerprint of an English help, its line breaks and indents aside."""
    return str(small_sha256()(" ".join(english.split()).encode("utf-8")).hexdigest()[:8])


def stale(path: str, cmd: click.Command) -> list[str]:
    """The helps of the command at `path` whose English changed since they were translated
    (helpwords.TRANSLATED_FROM), each with what to do (tests/test_cli_help_words.py)."""
    texts = [(path, cmd.help or "")]
    texts += [(f"{path} {param_key(p)}".strip(), getattr(p, "help", None) or "")
              for p in cmd.params if getattr(p, "help", None) and not getattr(p, "hidden", False)]
    return [f"`{f'policy {key}'.strip()}`: "
            + ("its English help changed since it was translated; translate the change"
               if key in TRANSLATED_FROM else "new; translate its help")
            + " into ja and ru in engine/cli/helpwords.py, then set "
            f'TRANSLATED_FROM["{key}"] = "{fingerprint(english)}"'
            for key, english in texts if TRANSLATED_FROM.get(key) != fingerprint(english)]
