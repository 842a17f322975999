"""Markdown to safe HTML: the policy's parser settings (raw HTML off) plus an allow-list of link targets.

Only `http:`, `https:`, `mailto:` and in-page `#anchor` links become links; anything else
(`javascript:`, `data:`, relative paths) stays visible as text. Images are never loaded: an
image becomes a link to its source, so a page makes no network request. Headings written in
body text are demoted below the page's own headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from engine import patterns
from engine.markup import link_scheme

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_ANCHOR = patterns.compile(r"^#[A-Za-z0-9][A-Za-z0-9_.\-]*$")
HEADING_SHIFT = 3  # body headings start at <h4>; the page uses h1-h3


def is_allowed_href(href: str) -> bool:
    """True for http(s)/mailto links and in-page anchors; every other target is refused."""
    if href.startswith("#"):
        return bool(_ANCHOR.match(href))
    scheme = link_scheme(href)
    return scheme in LINK_SCHEMES and not any(c.isspace() or ord(c) < 32 for c in href)


def _validate_link(url: str) -> bool:
    return is_allowed_href(url.strip())


_VERSION = patterns.compile(r"^\[?v?(\d+\.\d+\.\d+|Unreleased)\]?", re.IGNORECASE)


def heading_anchor(text: str) -> str | None:
    """`## [1.0.2] - 2022-04-01` gets the anchor `v1.0.2`; `## [Unreleased]` gets `unreleased`."""
    m = _VERSION.match(text.strip())
    if not m:
        return None
    version = m.group(1)
    return "unreleased" if version.lower() == "unreleased" else f"v{version}"


def _make(*, breaks: bool, shift: int, anchors: bool = False) -> MarkdownIt:
    from engine.markup import parser  # markdown-it, imported with the first text that needs it

    def heading_open(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        level = min(6, int(tokens[idx].tag[1]) + shift)
        anchor = heading_anchor(tokens[idx + 1].content) if anchors and level == 2 else None
        return f'<h{level} id="{anchor}">' if anchor else f"<h{level}>"

    def heading_close(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        return f"</h{min(6, int(tokens[idx].tag[1]) + shift)}>\n"

    def link_open(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        # markdown-it checks non-empty targets with validateLink but lets `[x]()` through
        # with an empty href: such a link is shown as its text only.
        if is_allowed_href(str(tokens[idx].attrGet("href") or "")):
            return str(self.renderToken(tokens, idx, options, env))
        for close in tokens[idx + 1:]:
            if close.type == "link_close":
                close.meta["dropped"] = True
                break
        return ""

    def link_close(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        if tokens[idx].meta.get("dropped"):
            return ""
        return str(self.renderToken(tokens, idx, options, env))

    md = parser()
    md.options["breaks"] = breaks
    md.options["xhtmlOut"] = False  # HTML5 void elements: <br>, not <br />
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.disable("image")  # `![alt](src)` then reads as "!" plus an ordinary (checked) link
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    return md


@cache
def _parser(kind: str) -> MarkdownIt:
    """The parsers, made on first use: "block" (headings shifted), "lines" (the same, single
    line breaks kept), "document" (the changelog: headings as written, versions anchored)."""
    if kind == "document":
        return _make(breaks=False, shift=0, anchors=True)
    return _make(breaks=kind == "lines", shift=HEADING_SHIFT)


# Simple text: what markdown-it renders as paragraphs and tight bullet lists of escaped text and
# nothing else is rendered here without loading markdown-it (every text of the shipped policy;
# tests/test_render_markdown_plain.py holds the two renderings equal on every shipped text and
# on generated ones). The test is conservative; a text is simple when:
# - it holds none of the characters that start inline syntax in the policy's dialect
#   (CommonMark; HTML, linkify and typographer off): code spans, emphasis, links and images,
#   autolinks and raw HTML; nor a carriage return, NUL or tab (markdown-it rewrites the first
#   two, the third indents); an `&` only before a space, a line break or the end (never an
#   entity); a backslash only as a hard line break (below);
# - every line is empty, a paragraph's line or a bullet item `- text` of one line; no line
#   starts with what can open another block (headings, quotes, other list markers, breaks,
#   setext underlines, fences, an ordered list's `1.` or `1)`), and none starts or ends with
#   white space (indentation, hard breaks by spaces, the trimming of paragraphs: any character
#   str.isspace() takes, a superset of markdown-it's); an item's text passes the same test;
# - a list stands apart: an empty line (or the text's start or end) before and after it, and
#   none between its items (a loose list), nor only empty lines between two lists (one list);
# - a backslash ends a paragraph's line that the paragraph's next line follows, after a
#   character that is neither white space nor a backslash (a hard break), and is the line's
#   only one.
_INLINE_SYNTAX = patterns.compile(r"[\\`*_\[\]<>\r\0\t]|&(?![ \n]|$)")
_BLOCK_INLINE_SYNTAX = patterns.compile(r"[`*_\[\]<>\r\0\t]|&(?![ \n]|$)")  # and `\`, line by line
_NOT_A_LINE = patterns.compile(r"^(?:[#>\-+=~]|[0-9]+[.)]|\s)|\s$")
_BREAK = patterns.compile(r"[^\s\\]\\$")  # a hard break: a backslash ending the line

# A block: a paragraph's lines and, for each, whether a hard break follows it; or a list's
# items and None.
_Block = tuple[list[str], list[bool] | None]


def _blocks(text: str) -> list[_Block] | None:
    """The paragraphs and bullet lists of a simple text, or None (see above)."""
    if _BLOCK_INLINE_SYNTAX.search(text) is not None:
        return None
    blocks: list[_Block] = []
    lines: list[str] = []
    hards: list[bool] = []
    items: list[str] = []
    for line in text.split("\n"):
        if not line:
            if lines:
                if hards[-1]:
                    return None  # a backslash ends the paragraph: no break, a literal
                blocks.append((lines, hards))
                lines, hards = [], []
            if items:
                blocks.append((items, None))
                items = []
            continue
        if line.startswith("- "):
            item = line[2:]
            if (not item or lines or (not items and blocks and blocks[-1][1] is None)
                    or "\\" in item or _NOT_A_LINE.search(item) is not None):
                return None
            items.append(item)
            continue
        if items or _NOT_A_LINE.search(line) is not None:
            return None  # a line after an item belongs to it (a lazy continuation)
        hard = False
        if "\\" in line:
            if line.count("\\") != 1 or _BREAK.search(line) is None:
                return None
            line, hard = line[:-1], True
        lines.append(line)
        hards.append(hard)
    if lines:
        if hards[-1]:
            return None
        blocks.append((lines, hards))
    if items:
        blocks.append((items, None))
    return blocks


def is_plain(text: str) -> bool:
    """True when `text` is simple (see above): rendered here, without markdown-it."""
    return _blocks(text) is not None


def _escape(text: str) -> str:
    """As markdown-it escapes text: &, <, > and the double quote."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _html(blocks: list[_Block], breaks: bool) -> str:
    out: list[str] = []
    soft = "<br>\n" if breaks else "\n"
    for lines, hards in blocks:
        if hards is None:
            out.append("<ul>\n" + "".join(f"<li>{_escape(item)}</li>\n" for item in lines)
                       + "</ul>\n")
            continue
        parts = [_escape(line) + ("<br>\n" if hard else soft)
                 for line, hard in zip(lines[:-1], hards, strict=False)]
        out.append("<p>" + "".join(parts) + _escape(lines[-1]) + "</p>\n")
    return "".join(out)


def _lines(blocks: list[_Block]) -> str:
    out: list[str] = []
    for lines, hards in blocks:
        if hards is None:
            out.extend("• " + item for item in lines)
            continue
        out.append("".join(line + ("\n" if hard else " ")
                           for line, hard in zip(lines, hards, strict=True))[:-1])
    return "\n".join(out)


def document_html(text: str) -> str:
    """A whole Markdown document (the changelog): headings keep their levels; versions get ids."""
    return str(_parser("document").render(text))


# Latin words quoted with Japanese or Russian quotation marks, in a Japanese or Russian text:
# the English edition's words as a release note quotes them (「personal data」, «personal
# data»). They are marked lang="en" so a screen reader says them in English (WCAG 3.1.2,
# language of parts); English is the policy's one edition in Latin script. Latin words with
# no such quotes are names (Cafetalk, Zoom, Small Bridge, Inc.), read as they are.
# A tag is matched whole first, so that nothing inside one (a link's title) is changed.
_QUOTED_LATIN = patterns.compile(
    r"<[^>]*>|(?<=[「『«])([A-Za-z](?:[A-Za-z \-]*[A-Za-z])?)(?=[」』»])")


def _quoted_latin(m: re.Match[str]) -> str:
    return m.group(0) if m.group(1) is None else f'<span lang="en">{m.group(1)}</span>'


def mark_quoted_latin(html: str) -> str:
    """`html` with each quoted Latin phrase (see above) in a <span lang="en">."""
    if "「" not in html and "«" not in html and "『" not in html:
        return html
    return _QUOTED_LATIN.sub(_quoted_latin, html)


@lru_cache(maxsize=65536)
def to_html(text: str, *, breaks: bool = False) -> str:
    """Render block Markdown (paragraphs, lists); `breaks` keeps single line breaks (signatures)."""
    blocks = _blocks(text)
    if blocks is not None:
        return mark_quoted_latin(_html(blocks, breaks))
    return _md_html(text, breaks)


def _md_html(text: str, breaks: bool) -> str:
    return mark_quoted_latin(str(_parser("lines" if breaks else "block").render(text)))


@lru_cache(maxsize=65536)
def to_inline_html(text: str) -> str:
    """Render a one-line Markdown text (a title) without a wrapping paragraph."""
    line = " ".join(text.split())
    if _INLINE_SYNTAX.search(line) is None:
        return mark_quoted_latin(_escape(line))
    return _md_inline_html(line)


def _md_inline_html(line: str) -> str:
    return mark_quoted_latin(str(_parser("block").renderInline(line)))


@lru_cache(maxsize=65536)
def to_plain(text: str) -> str:
    """The text without Markdown marks, for <title> and attributes (the caller escapes it)."""
    line = " ".join(text.split())
    if _INLINE_SYNTAX.search(line) is None:
        return line
    return _md_plain(line)


def _md_plain(line: str) -> str:
    tokens = _parser("block").parseInline(line)
    out: list[str] = []
    for tok in tokens:
        for child in tok.children or ():
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)


@lru_cache(maxsize=65536)
def to_lines(text: str) -> str:
    """The text as plain lines for a redline: paragraphs apart by a blank line, list items led
    by their marker, hard breaks kept as line breaks, every Markdown mark (and `\\`) dropped."""
    blocks = _blocks(text)
    if blocks is not None:
        return _lines(blocks)
    return _md_lines(text)


def _md_lines(text: str) -> str:
    out: list[str] = []
    prefix: list[str] = []
    counters: list[int | None] = []
    for tok in _parser("block").parse(text):
        if tok.type == "bullet_list_open":
            counters.append(None)
        elif tok.type == "ordered_list_open":
            counters.append(int(tok.attrGet("start") or 1) - 1)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
        elif tok.type == "list_item_open":
            if counters and counters[-1] is not None:
                counters[-1] = (counters[-1] or 0) + 1
                prefix.append(f"{counters[-1]}{tok.markup or '.'} ")
            else:
                prefix.append("• ")
        elif tok.type == "inline":
            parts: list[str] = []
            for child in tok.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type == "softbreak":
                    parts.append(" ")
                elif child.type == "hardbreak":
                    parts.append("\n")
            lead = "".join(prefix)
            prefix.clear()
            out.append("  " * max(0, len(counters) - 1) + lead + "".join(parts))
    return "\n".join(out)
