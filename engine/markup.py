"""What a Markdown text contains (links, list items, raw HTML), parsed once by markdown-it-py with HTML off.

Validation uses it to refuse raw HTML and unsafe links; parity compares links and list items
between editions; the renderer uses the same parser settings, so what is checked is what ships.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import patterns
from .values import record

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):"  # compiled on first use (engine/patterns.py)
# A tag name followed by whitespace, `/` or `>`; autolinks such as <https://…> are not tags.
_HTML_TAG = patterns.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^>]*)?/?>|<!--")


def parser() -> MarkdownIt:
    """The one Markdown dialect of the policy: CommonMark, raw HTML off, no linkify/typographer."""
    from markdown_it import MarkdownIt  # here: a command that parses no Markdown never loads it

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return md


@record
class Link:
    href: str
    line: int  # 0-based line within the text


@record
class Markup:
    links: tuple[Link, ...]
    list_items: int
    html: tuple[int, ...]  # 0-based lines that hold raw HTML

    @property
    def hrefs(self) -> tuple[str, ...]:
        return tuple(link.href for link in self.links)


_PARSER: list[MarkdownIt] = []  # the shared parser, built on the first scan


def link_scheme(href: str) -> str | None:
    m = patterns.compile(_SCHEME).match(href)
    return m.group(1).lower() if m else None


def is_safe_href(href: str) -> bool:
    scheme = link_scheme(href)
    return scheme is None or scheme in SAFE_SCHEMES


# What a text must hold for markdown-it (or the search for unsafe destinations below) to find
# a link or a list item in it: a square or angle bracket (links, images, autolinks; linkify is
# off), or a line that starts, after spaces, tabs and blockquote marks, with a list marker
# (`-`, `+`, `*`, `1.`, `1)`) followed by a space, a tab or the line's end (markdown-it takes
# nothing else as a marker: `-x`, `2.0.0` and `12.1 says` are text). A carriage return
# (another line ending for markdown-it) also sends the text on.
_MAY_HOLD_LINKS_OR_LISTS = patterns.compile(
    r"[\[\]<\r]|^[ \t>]*(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
_LIST_MARKER = patterns.compile(r"[ \t>]*(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")  # at a line's start
# Besides brackets and carriage returns, what could hide a marker line in a block that is not
# a list (a code fence of backticks or tildes) or nest one inside an item.
_NOT_PLAIN = frozenset("[]<\r`~")


def _plain_list_items(text: str) -> int | None:
    """How many list items markdown-it finds in a text that holds no link for certain, or None
    when only markdown-it can say. Certain: no marker line at all (0 items), or every marker line
    a bullet item at the line's start whose text starts with a letter (`- We may ...`), or a bare
    bullet (`*`) first or after an empty line (an empty item), in a text with no bracket, angle
    bracket, carriage return, backtick or tilde. Each such line starts one item, whatever the
    lines around it (a paragraph, a blank line, another item); anything else is parsed.
    tests/test_markup_scan.py holds this equal to the parse."""
    if _MAY_HOLD_LINKS_OR_LISTS.search(text) is None:
        return 0
    if not _NOT_PLAIN.isdisjoint(text):
        return None
    items = 0
    previous = ""
    for line in text.split("\n"):
        if _LIST_MARKER.match(line):
            if len(line) > 2 and line[0] in "-+*" and line[1] == " " and line[2].isalpha():
                items += 1
            elif line in ("-", "+", "*") and previous == "":
                items += 1
            else:
                return None
        previous = line
    return items


@lru_cache(maxsize=65536)
def scan(text: str) -> Markup:
    """The links, list items and raw-HTML lines of a text. Most legal texts hold no link and at
    most a plain bulleted list: those are answered without markdown-it, which is then not even
    imported (tests/test_markup_scan.py holds this equal to the parse for every text of the
    repository and for generated texts with every special character)."""
    items = _plain_list_items(text)
    if items is None:
        return parsed(text)
    return Markup((), items, _html_lines(text))


def _html_lines(text: str) -> tuple[int, ...]:
    # Raw HTML never renders (html=False escapes it), but an author who wrote it meant
    # something the reader will not see, so validation still reports it.
    return tuple(i for i, line in enumerate(text.split("\n")) if _HTML_TAG.search(line))


def parsed(text: str) -> Markup:
    """`scan` by markdown-it, whatever the text holds."""
    links: list[Link] = []
    items = 0
    if not _PARSER:
        _PARSER.append(parser())
    tokens = _PARSER[0].parse(text)
    current_line = 0
    for tok in tokens:
        if tok.map:
            current_line = tok.map[0]
        if tok.type == "list_item_open":
            items += 1
        for child in tok.children or ():
            if child.type == "link_open":
                links.append(Link(str(child.attrGet("href") or ""), current_line))
    html = _html_lines(text)
    # Autolinks and link hrefs that markdown-it refused as unsafe are not links in tokens;
    # find written destinations too, so `[x](javascript:...)` is reported, not silently dropped.
    for i, line in enumerate(text.split("\n")):
        for m in patterns.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)").finditer(line):
            href = m.group(1)
            if not is_safe_href(href) and all(lk.href != href for lk in links):
                links.append(Link(href, i))
        for m in patterns.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>").finditer(line):
            href = m.group(1)
            if not is_safe_href(href) and all(lk.href != href for lk in links):
                links.append(Link(href, i))
    return Markup(tuple(links), items, html)
