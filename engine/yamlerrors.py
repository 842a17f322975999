"""YAML syntax errors in plain words: where the legal team must look, and what to do there.

The pure parser (ruamel.yaml) says what it expected at the token where it gave up, in its own
terms ("expected <block end>, but found '<scalar>'"), often many lines after the mistake. This
module turns such an error into a finding a lawyer can act on: it re-reads the tokens up to the
error to find the cause the legal team made (a quote opened and never closed, a line that
breaks the indentation, a colon inside unquoted text, a bracket never closed, a tab, a key
without its space), reports it where it was made, and shows that line with a caret under the
column. Only called for a file that has an error, so it may take its time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.docinfo import DocInfo, version
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.tokens import (
    BlockEntryToken,
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    KeyToken,
    ScalarToken,
    Token,
)

from . import patterns
from .findings import Diagnostic, make
from .saying import listed

MAX_SHOWN = 100  # characters of a source line shown around the caret
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


@dataclass(frozen=True, slots=True)
class Where:
    line: int  # 1-based
    col: int  # 1-based


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    where: Where
    message: str
    hint: str
    # what the code's templates say it with in ja, ru, en (engine/basewords.py)
    params: dict[str, str | int | bool] = field(default_factory=dict)


def explain(text: str, name: str, exc: MarkedYAMLError) -> Diagnostic:
    """A parser error as a finding at the place the mistake was made, in plain words."""
    try:
        finding = _diagnose(text, exc)
    except Exception:  # the explanation must never be the crash
        at = _mark(exc.problem_mark) or _mark(exc.context_mark) or Where(1, 1)
        finding = _not_read(at, (exc.problem or exc.context or "").strip(), None)
    return _finding(text, name, finding)


def unreadable(text: str, name: str, mark: Any, exc: BaseException) -> Diagnostic:
    """A failure inside the parser that is not a syntax error it knows (e.g. a directive it
    cannot handle, or nesting too deep for it): still a finding, at the place it stopped."""
    where = _clamp(text, _mark(mark) or Where(1, 1))
    directive = next((i + 1 for i, ln in enumerate(text.split("\n")[:where.line])
                      if ln.startswith("%")), None)
    if directive is not None:  # e.g. `%YAML 1.3`, which ruamel.yaml asserts against
        return _finding(text, name, Finding(
            "YAML013", Where(directive, 1), "a policy file does not use YAML directives "
            "(lines that start with %)", "delete this line", {"form": "lines"}))
    finding = Finding("YAML001", where, "the YAML reader cannot read the file from here on",
                      "write this part as plain `name: value` lines, lists with `- `, or text",
                      {"form": "unreadable"})
    return _finding(text, name, finding)


def source_lines(text: str | list[str], line: int, col: int) -> tuple[str, ...]:
    """The source line with a caret under the column, as detail lines of a finding (`text`
    may come already split into lines, for many findings in one file)."""
    lines = text.split("\n") if isinstance(text, str) else text
    if not 1 <= line <= len(lines):
        return ()
    # A tab would misplace the caret; a control, bidi or zero-width character must not reach
    # the terminal (it could hide or reorder what is shown): each becomes one visible mark.
    source = "".join(" " if c == "\t" else "\ufffd" if unicodedata.category(c) in _HIDDEN else c
                     for c in lines[line - 1])
    col = max(1, min(col, len(source) + 1))
    start = 0
    if len(source) > MAX_SHOWN:
        start = max(0, min(col - 1 - MAX_SHOWN // 2, len(source) - MAX_SHOWN))
    shown = source[start:start + MAX_SHOWN]
    prefix = "…" if start else ""
    suffix = "…" if start + MAX_SHOWN < len(source) else ""
    gutter = f"{line} | "
    pad = " " * (len(gutter) - 2) + "| " + " " * (_width(prefix) + _width(shown[: col - 1 - start]))
    return (f"{gutter}{prefix}{shown}{suffix}", f"{pad}^")


def _width(s: str) -> int:
    """Columns a terminal gives the text: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _finding(text: str, name: str, f: Finding) -> Diagnostic:
    where = _clamp(text, f.where)
    return make(f.code, f.message, name, where.line, where.col, hint=f.hint,
                detail=source_lines(text, where.line, where.col), params=f.params)


def _mark(mark: Any) -> Where | None:
    if mark is None:
        return None
    return Where(int(mark.line) + 1, int(mark.column) + 1)


def _clamp(text: str, where: Where) -> Where:
    """A position inside the file (the parser may point just past its end)."""
    lines = text.split("\n")
    line = max(1, min(where.line, len(lines)))
    col = max(1, min(where.col, len(lines[line - 1]) + 1))
    return Where(line, col)


# ---------------------------------------------------------------------------- the tokens


def _tokens(text: str, limit: Where) -> list[Token]:
    """The scanner's tokens that start before `limit` (the error), as far as it gets."""
    yaml = YAML(typ="safe", pure=True)
    yaml.doc_infos.append(DocInfo(requested_version=version(yaml.version)))
    out: list[Token] = []
    try:
        yaml.get_constructor_parser(text)
        scanner = yaml.scanner
        while scanner.check_token():
            token = scanner.get_token()
            if _before(token.start_mark, limit):
                out.append(token)
            else:
                break
    except Exception:  # the tokens up to the error are what we need
        pass
    return out


def _before(mark: Any, limit: Where) -> bool:
    return (mark.line + 1, mark.column + 1) < (limit.line, limit.col)


# ------------------------------------------------------------------------ the diagnosis


_QUOTE_NAME = {'"': 'a double quote (")', "'": "a single quote (')"}


def _diagnose(text: str, exc: MarkedYAMLError) -> Finding:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    at = _mark(exc.problem_mark) or _mark(exc.context_mark) or Where(1, 1)
    opened = _mark(exc.context_mark)
    lines = text.split("\n")

    wide = _full_width(lines, at, opened)
    if wide is not None:
        return wide
    dash = re.match(r"( *)-[^\s\-]", lines[at.line - 1]) if at.line <= len(lines) else None
    if dash is not None and not problem.startswith("could not find expected ':'"):
        return Finding("YAML018", Where(at.line, dash.end(1) + 1),
                       "a list item needs a space after its -", "put a space after the -",
                       {"form": "dash"})
    if ("directive" in problem or "directive" in context
            or any(ln.startswith("%") for ln in lines[:at.line])):
        line = at.line if at.line <= len(lines) and lines[at.line - 1].startswith("%") else \
            next((i + 1 for i, ln in enumerate(lines) if ln.startswith("%")), at.line)
        return Finding("YAML013", Where(line, 1), "a policy file does not use YAML directives "
                       "(lines that start with %)", "delete this line", {"form": "lines"})
    if context in ("while scanning an anchor", "while scanning an alias") and opened is not None:
        # `x: &` or `x: *`: a & or * with no name after it (a named one is refused by the
        # reader, YAML006, with its name)
        kind, sign, kinds = (("anchor", "&", "anchors") if context.endswith("anchor")
                             else ("alias", "*", "aliases"))
        return Finding("YAML006", opened,
                       f"a {sign} here starts a YAML {kind}, and {kinds} are not allowed",
                       f"delete the {sign}, or put the whole text in double quotes",
                       {"form": f"bare_{kind}"})
    if context.endswith(" tag") and "URI" in problem:  # text starting with ! (`title: !注意`)
        started = _value_start(lines, opened or at)
        if started is not None:
            return started
    if "more indented follow up line" in problem + context:
        return Finding("YAML001", at, "a blank line at the start of this | or > text holds "
                       "more spaces than the blank line before it",
                       "remove the spaces from the blank lines at the start of the text",
                       {"form": "blank_lines"})
    if "content after document end marker" in problem:
        return Finding("YAML001", at, "text after the `...` line that ends the document",
                       "delete the `...` line", {"form": "after_end"})
    if problem.startswith("sequence entries are not allowed") and \
            _misaligned(lines, _tokens(text, at), at) is None:
        return Finding("YAML001", at, "a list item (`- `) cannot start here",
                       "start the list on its own line, under the `name:` it belongs to",
                       {"form": "list_here"})
    if "'\\t'" in problem or "tab" in problem:
        return Finding("YAML003", at, "a tab character here: YAML needs spaces",
                       "replace the tab with spaces", {"form": "tab"})

    if "escape" in problem:
        source = lines[at.line - 1] if at.line <= len(lines) else ""
        backslash = source.rfind("\\", 0, at.col)
        if backslash >= 0:
            at = Where(at.line, backslash + 1)
        return Finding("YAML001", at, "a backslash (\\) in double quotes starts a special "
                       "character, and this one is not one YAML knows",
                       "write \\\\ for a backslash, or put the text in single quotes",
                       {"form": "escape"})
    # A quote opened and never closed: the scanner reads on to the file's end, or to the next
    # quote of the same kind many lines later, and the parser fails just after it.
    ends = "end of stream" in problem or "document separator" in problem
    if "quoted scalar" in context and opened is not None and ends:
        return _unclosed_quote(lines, opened)
    tokens = _tokens(text, at)
    last = tokens[-1] if tokens else None
    if (isinstance(last, ScalarToken) and last.style in ("'", '"')
            and last.end_mark.line > last.start_mark.line):
        start = _mark(last.start_mark)
        assert start is not None
        return _unclosed_quote(lines, start)
    if (isinstance(last, ScalarToken) and last.style in ("'", '"')
            and at.line == last.end_mark.line + 1 and at.col > last.end_mark.column
            and _rest(lines, at)[:1] not in ("", "#", ",", "]", "}", ":")):
        quote = last.style
        inner = "write an apostrophe twice ('')" if quote == "'" else 'write \\" for a quote mark'
        return Finding("YAML014", Where(at.line, last.end_mark.column),
                       f"this {quote} ends the quoted text, but the text goes on after it",
                       f"inside {quote}…{quote} {inner}, or put the whole text in "
                       f"{'double' if quote == chr(39) else 'single'} quotes instead",
                       {"form": "goes_on_single" if quote == "'" else "goes_on_double"})

    # A [ or { never closed: the parser runs into the next line's `name:` or the file's end.
    if "flow sequence" in context or "flow mapping" in context:
        found = _unclosed_flow(lines, exc, at, opened, context)
        if found is not None:
            return found
    if "flow node" in context and (ends or "<stream end>" in problem):  # `x: [` at the end
        bracket = _open_bracket(tokens)
        if bracket is not None:
            found = _unclosed_flow(lines, exc, at, _mark(bracket.start_mark),
                                   "flow sequence" if isinstance(bracket, FlowSequenceStartToken)
                                   else "flow mapping")
            if found is not None:
                return found

    if problem.startswith("mapping values are not allowed"):
        return _colon(lines, tokens, at)

    if problem.startswith("could not find expected ':'") and opened is not None:
        return _no_colon(lines, tokens, opened)

    if problem.startswith("expected <block end>") or problem.startswith(
            "sequence entries are not allowed") or problem.startswith("expected <block"):
        found = _misaligned(lines, tokens, at)
        if found is not None:
            return found
        value = _value_start(lines, at)
        if value is not None:
            return value

    if "chomping or indentation" in problem or (
            "a comment or a line break" in problem and "block scalar" in context):
        return Finding("YAML001", at, "after | or > the text must start on the next line",
                       "move this text to the next line, indented further than the name",
                       {"form": "after_block"})
    if "cannot start any token" in problem:
        char = re.search(r"found character '(.)'", problem)
        if char is None:
            return Finding("YAML001", at, "text cannot start with this character unless it is "
                           "in quotes", "put the whole text in double quotes",
                           {"form": "starts_this"})
        return Finding("YAML001", at, f"text that starts with {char.group(1)} must be put in "
                       "quotes", "put the whole text in double quotes",
                       {"form": "starts", "char": char.group(1)})
    if "end of stream" in problem or "<stream end>" in problem:
        hint, begins = _context_hint(exc, "check that every quote, [ and { is closed")
        return Finding("YAML001", _clamp(text, at), "the file ends in the middle of a value",
                       hint, {"form": "ends_in" if begins else "ends", **begins})
    return _not_read(at, problem, exc)


def _not_read(at: Where, problem: str, exc: MarkedYAMLError | None) -> Finding:
    """The last resort: the parser's own sentence in plain words. Where it is the usual
    "expected …, but found …" over tokens with names in every language, it is said in the
    reader's language; else in English, as the YAML reader's own words (`reader`)."""
    default = "compare this line with the lines around it"
    hint, begins = _context_hint(exc, default) if exc is not None else (default, {})
    text = re.sub(r"\s+", " ", problem).strip()
    m = re.fullmatch(r"expected (.+?), but (?:found|got) (.+)", text)
    wanted = [_word_key(w) for w in re.split(r" or ", m.group(1))] if m else []
    found = _word_key(m.group(2)) if m else None
    said: dict[str, str | int | bool]
    if found is not None and wanted and None not in wanted:
        message = _plain(problem)
        said = {"form": "unexpected", "found": found,
                "wanted": listed([w for w in wanted if w is not None])}
    elif _plain(problem):
        message = _plain(problem)
        said = {"form": "reader", "said": message}
    else:
        message = "this cannot be read as YAML"
        said = {"form": "unknown"}
    if begins:
        said.update(begins, form=f"{said['form']}_in")
    return Finding("YAML001", at, message, hint, said)


_WIDE_COLON = patterns.compile(r" *(?:- )?[^\s:：\"'#\[{]+(：)")
_WIDE_SPACE = patterns.compile(r" *(\u3000)| *(?:- )?[^\s:#\"']+:(\u3000)")


def _full_width(lines: list[str], at: Where, opened: Where | None) -> Finding | None:
    """A full-width colon (：) or space (U+3000) where YAML needs a plain one, on the line of
    the error, the line before it, or the line the parser's context starts at."""
    numbers = sorted({n for n in (at.line - 1, at.line, opened.line if opened else 0)
                      if 1 <= n <= len(lines)})
    for n in numbers:
        m = _WIDE_COLON.match(lines[n - 1])
        if m is not None:
            return Finding("YAML018", Where(n, m.start(1) + 1),
                           "this colon is a full-width ：, which YAML does not read as a colon",
                           "type a half-width colon and a space (: ) instead",
                           {"form": "wide_colon"})
        m = _WIDE_SPACE.match(lines[n - 1])
        if m is not None:
            col = (m.start(1) if m.group(1) else m.start(2)) + 1
            return Finding("YAML003", Where(n, col),
                           "this is a full-width space (U+3000), which YAML does not read as "
                           "a space", "type ordinary half-width spaces instead",
                           {"form": "wide_space"})
    return None


def _rest(lines: list[str], at: Where) -> str:
    return lines[at.line - 1][at.col - 1:] if 1 <= at.line <= len(lines) else ""


def _unclosed_quote(lines: list[str], opened: Where) -> Finding:
    quote = lines[opened.line - 1][opened.col - 1] if opened.line <= len(lines) and \
        opened.col <= len(lines[opened.line - 1]) else '"'
    name = _QUOTE_NAME.get(quote, "a quote")
    hint = f"add the closing {quote} where the text ends, or delete this one"
    if quote == "'":
        hint += "; an apostrophe inside '…' is written twice ('')"
    shape = {'"': "double", "'": "single"}.get(quote)
    return Finding("YAML014", opened, f"this text opens {name} that is never closed", hint,
                   {"form": shape} if shape else {"form": "other", "quote": quote})


def _open_bracket(tokens: list[Token]) -> Token | None:
    """The innermost [ or { among `tokens` that no ] or } closes, or None."""
    opened: list[Token] = []
    for token in tokens:
        if isinstance(token, (FlowSequenceStartToken, FlowMappingStartToken)):
            opened.append(token)
        elif isinstance(token, (FlowSequenceEndToken, FlowMappingEndToken)) and opened:
            opened.pop()
    return opened[-1] if opened else None


def _unclosed_flow(lines: list[str], exc: MarkedYAMLError, at: Where, opened: Where | None,
                   context: str) -> Finding | None:
    if opened is None:
        return None
    bracket = "[" if "sequence" in context else "{"
    close = "]" if bracket == "[" else "}"
    problem = exc.problem or ""
    if at.line > opened.line or "end of stream" in problem or "<stream end>" in problem:
        return Finding("YAML016", opened, f"this {bracket} is never closed",
                       f"add the closing {close} at the end of the list; if this is text, "
                       "put it in double quotes", {"bracket": bracket, "close": close})
    return Finding("YAML001", at, f"this cannot go inside {bracket} … {close}",
                   f"separate the items with a comma and a space; if this is text that starts "
                   f"with {bracket}, put it all in double quotes",
                   {"form": "in_flow", "bracket": bracket, "close": close})


def _value_start(lines: list[str], at: Where) -> Finding | None:
    """Text that starts with a character YAML reads as syntax ([, {, *, &, !, |, >, %, @)."""
    line = lines[at.line - 1] if at.line <= len(lines) else ""
    m = re.match(r"\s*(?:- )?[^\s:#][^:#]*:\s+([\[{*&!|>%@`])", line)
    if m is None:
        return None
    return Finding("YAML001", Where(at.line, m.start(1) + 1),
                   f"text that starts with {m.group(1)} must be put in quotes",
                   "put the whole text in double quotes",
                   {"form": "starts", "char": m.group(1)})


def _colon(lines: list[str], tokens: list[Token], at: Where) -> Finding:
    """`mapping values are not allowed here`: a colon and a space inside unquoted text on the
    same line, or a `name:` line indented further than the line above (read as its text)."""
    last = tokens[-1] if tokens else None
    if isinstance(last, ScalarToken) and last.end_mark.line + 1 == at.line \
            and last.start_mark.line + 1 < at.line:
        misaligned = _misaligned(lines, tokens, Where(at.line, _indent(lines[at.line - 1]) + 1))
        if misaligned is not None:
            return misaligned
    return Finding("YAML017", at, "a colon followed by a space inside text that is not in "
                   "quotes", "put the whole text in double quotes, or remove the colon",
                   {"form": "colon"})


def _no_colon(lines: list[str], tokens: list[Token], opened: Where) -> Finding:
    """`could not find expected ':'`: the line that starts at `opened` is neither text of the
    value above nor a `name: value` line."""
    line = lines[opened.line - 1] if opened.line <= len(lines) else ""
    block = _enclosing_block_scalar(lines, tokens, opened)
    named = re.match(r"(\s*(?:- )?)([a-z_][a-z0-9_]*) +\S", line)
    if named is not None and any(re.match(rf"\s*(?:- )?{named.group(2)}:(?:\s|$)", other)
                                 for other in lines):
        # a name this file uses as a name elsewhere, then text, with no colon between: the
        # colon is missing (indenting it, as for a line of the text above, would hide it there)
        name = named.group(2)
        return Finding("YAML018", Where(opened.line, named.start(2) + 1),
                       f"`{name}` has no colon after it",
                       f"write `{name}: `, a colon and a space after {name}",
                       {"form": "missing", "name": name})
    if block is not None:
        indent, key_line = block
        return Finding("YAML015", Where(opened.line, _indent(line) + 1),
                       "this line is indented less than the text above it, so it no longer "
                       "belongs to that text",
                       f"indent it by {indent} spaces, like the text from line {key_line}",
                       {"form": "block", "indent": indent, "key_line": key_line})
    m = re.match(r"(\s*(?:- )?)([^\s:#\"'][^\s:]*):(?=\S)", line)
    if m is not None and m.start(2) + 1 == opened.col:
        return Finding("YAML018", Where(opened.line, m.end(2) + 1),
                       f"no space after the colon of `{m.group(2)}:`",
                       f"put a space after `{m.group(2)}:`",
                       {"form": "no_space", "name": m.group(2)})
    return Finding("YAML018", Where(opened.line, _indent(line) + 1),
                   "this line is neither a `name: value` line nor part of the text above",
                   "if it is a name, put a colon and a space after it; if it is text, indent "
                   "it like the text above", {"form": "neither"})


def _enclosing_block_scalar(lines: list[str], tokens: list[Token],
                            opened: Where) -> tuple[int, int] | None:
    """When the line at `opened` just ended a `|` or `>` text by being less indented than
    that text: the text's indentation and the (1-based) line where the text starts."""
    for token in reversed(tokens):
        if not isinstance(token, ScalarToken):
            continue
        if token.style not in ("|", ">"):
            return None
        first = token.start_mark.line + 1  # the line after the indicator (0-based)
        content = [(i, ln) for i, ln in enumerate(lines[first:opened.line - 1], start=first)
                   if ln.strip()]
        if not content:
            return None
        indent = min(_indent(ln) for _, ln in content)
        if _indent(lines[opened.line - 1]) < indent:
            return indent, content[0][0] + 1
        return None
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@dataclass(frozen=True, slots=True)
class _Level:
    col: int  # 0-based column where the lines of this block start
    kind: str  # "key" or "item"
    label: str  # what the line shows there: `number:` or `- `
    line: int  # 1-based line where it was last seen


def _structure(lines: list[str], tokens: list[Token], before: int) -> list[_Level]:
    """The open blocks at line `before`: for each, the column its lines start at."""
    starts: dict[int, tuple[int, str, str]] = {}  # line -> (col, kind, label), first token
    flow = 0
    for i, token in enumerate(tokens):
        if isinstance(token, (FlowSequenceStartToken, FlowMappingStartToken)):
            flow += 1
        elif type(token).__name__ in ("FlowSequenceEndToken", "FlowMappingEndToken"):
            flow = max(0, flow - 1)
        if flow:
            continue
        line = token.start_mark.line
        col = token.start_mark.column
        if isinstance(token, KeyToken):
            key = tokens[i + 1] if i + 1 < len(tokens) else None
            label = f"{key.value}:" if isinstance(key, ScalarToken) and key.plain else "…:"
            kind = "key"
        elif isinstance(token, BlockEntryToken):
            label, kind = "- ", "item"
        else:
            continue
        if line + 1 >= before:
            break
        if kind == "key" and line in starts and starts[line][1] == "item":
            starts.setdefault(-line - 1, (col, "key", label))  # the key after `- `
            continue
        starts.setdefault(line, (col, kind, label))
    levels: list[_Level] = []
    limit = 10**9
    for line in sorted((ln for ln in starts if ln >= 0), reverse=True):
        col, kind, label = starts[line]
        inner = starts.get(-line - 1)
        if inner is not None and inner[0] < limit and all(lv.col != inner[0] for lv in levels):
            levels.append(_Level(inner[0], "key", inner[2], line + 1))
        if col < limit:
            levels.append(_Level(col, kind, label, line + 1))
            limit = col
        if col == 0:
            break
    return levels


def _misaligned(lines: list[str], tokens: list[Token], at: Where) -> Finding | None:
    """The line at `at` does not line up with any block open above it (or lines up with a
    list's `- ` while it is a `name:` line): say which line to line it up with."""
    if not 1 <= at.line <= len(lines):
        return None
    line = lines[at.line - 1]
    col = _indent(line)
    if at.col != col + 1:
        return None
    is_item = line[col:].startswith("- ") or line[col:] == "-"
    kind = "item" if is_item else "key"
    levels = _structure(lines, tokens, at.line)
    if not levels:
        return None
    fitting = [lv for lv in levels if lv.kind == kind] or levels
    exact = [lv for lv in fitting if lv.col == col]
    if exact and not (kind == "key" and any(lv.col == col and lv.kind == "item"
                                            for lv in levels)):
        return None  # it does line up: the mistake is something else
    best = min(fitting, key=lambda lv: (abs(lv.col - col), -lv.col))
    what = "list item" if is_item else "line"
    if col < best.col:
        how = f"this {what} is indented {_spaces(best.col - col)} less than the block it belongs to"
        shape = "less"
    elif col > best.col:
        how = f"this {what} is indented {_spaces(col - best.col)} more than the block it belongs to"
        shape = "more"
    else:
        how = f"this {what} is indented like the list item above, so it ends that item"
        shape = "ends"
        alt = [lv for lv in levels if lv.kind == "key" and lv.col > col]
        if alt:
            best = min(alt, key=lambda lv: lv.col)
    what_above = "the list item" if best.kind == "item" else f"`{best.label.strip()}`"
    return Finding("YAML015", Where(at.line, col + 1), how,
                   f"line this up with {what_above} on line {best.line}: "
                   f"{_spaces(best.col)} from the left",
                   {"form": shape, "item": is_item, "n": abs(best.col - col),
                    "above_item": best.kind == "item",
                    "label": "" if best.kind == "item" else best.label.strip(),
                    "line": best.line, "col": best.col})


def _spaces(n: int) -> str:
    return "1 space" if n == 1 else f"{n} spaces"


_TOKEN_WORDS = {
    "<block end>": "the end of the block",
    "<block mapping start>": "a `name:` line",
    "<block sequence start>": "a list item",
    "<block collection start>": "a new block",
    "<scalar>": "text",
    "<stream end>": "the end of the file",
    "<document start>": "the start of the document",
    "<document end>": "the end of the document",
    "<alias>": "an alias",
    "<anchor>": "an anchor",
    "<tag>": "a tag",
    "'?'": "a `name:`",
    "'-'": "a list item",
    "'{'": "{",
    "'}'": "}",
    "'['": "[",
    "']'": "]",
    "','": "a comma",
    "':'": "a colon",
    "' '": "a space",
    "the node content": "a value",
    "node content": "a value",
}


# What the parser was reading when it gave up, in plain words; each also names a word of every
# language in engine/saying.py WORDS, as "yaml:" and the English.
_CONTEXT_WORDS = {
    "block mapping": "block of `name:` lines",
    "block collection": "block",
    "flow sequence": "[ … ] list",
    "flow mapping": "{ … } list",
    "quoted scalar": "quoted text",
    "double-quoted scalar": "text in double quotes",
    "simple key": "`name:`",
    "block scalar": "| or > text",
    "plain scalar": "text",
    "flow node": "value",
    "block node": "value",
    "node": "value",
    "tag": "tag",
    "anchor": "anchor",
    "alias": "alias",
}


def _words(token: str) -> str:
    token = token.strip()
    m = re.fullmatch(r"\(('[^']*'|\"[^\"]*\"),?\)", token)  # ('<scalar>',) -> '<scalar>'
    if m:
        token = m.group(1)
    if token in _TOKEN_WORDS:
        return _TOKEN_WORDS[token]
    bare = token.strip("'\"")
    if bare in _TOKEN_WORDS:
        return _TOKEN_WORDS[bare]
    if f"'{bare}'" in _TOKEN_WORDS:
        return _TOKEN_WORDS[f"'{bare}'"]
    if bare.startswith("<") and bare.endswith(">"):
        return bare[1:-1]
    return bare


def _word_key(token: str) -> str | None:
    """The key in engine/saying.py WORDS of a parser's token ("yaml:" and its English), if it
    has words in every language."""
    said = _words(token)
    return f"yaml:{said}" if said in _TOKEN_WORDS.values() else None


def _plain(problem: str) -> str:
    """The parser's sentence without token names or Python tuples."""
    text = re.sub(r"\s+", " ", problem).strip()
    m = re.fullmatch(r"expected (.+?), but (?:found|got) (.+)", text)
    if m:
        wanted = " or ".join(_words(w) for w in re.split(r" or ", m.group(1)))
        return f"{_words(m.group(2))} is not expected here (the YAML reader expected {wanted})"
    for token, words in _TOKEN_WORDS.items():
        if token.startswith("<"):
            text = text.replace(f"'{token}'", words).replace(token, words)
    text = re.sub(r"\(('[^']*'),\)", r"\1", text)
    return re.sub(r",? ?\(([^()]*),\)", r" \1", text)


def _context_hint(exc: MarkedYAMLError,
                  default: str) -> tuple[str, dict[str, str | int | bool]]:
    """The hint, with where the part the parser was reading starts when it has plain words
    (and those as parameters: `context`, a key of engine/saying.py WORDS, and its line)."""
    ctx = exc.context_mark
    if exc.context and ctx is not None:
        what = re.sub(r"^while (?:parsing|scanning) (?:an? |the )?", "", exc.context.strip())
        words = _CONTEXT_WORDS.get(what)
        if words is not None:
            return (f"{default}; the {words} starts at line {ctx.line + 1}",
                    {"context": f"yaml:{words}", "context_line": ctx.line + 1})
    return default, {}
