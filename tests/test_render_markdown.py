"""Markdown rendering is safe: raw HTML is text, only http/https/mailto/#anchor links survive, nothing loads."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from render.markdown import (
    document_html,
    is_allowed_href,
    mark_quoted_latin,
    to_html,
    to_inline_html,
    to_plain,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](http://tracker.example/pixel.png)",
    '[x](#a"onmouseover="alert(1))',
    "[x](http://a.example/\"onmouseover=\"alert(1))",
    "<style>body{display:none}</style>",
    "<iframe src=http://evil.example></iframe>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<svg onload=alert(1)>",
    "``` html\n<script>alert(1)</script>\n```",
]

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
ALLOWED_TAGS = {"p", "a", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote",
                "h4", "h5", "h6", "br", "hr", "span"}


def assert_safe(html: str) -> None:
    for m in _TAG.finditer(html):
        tag, attrs = m.group(1).lower(), m.group(2)
        assert tag in ALLOWED_TAGS | {"h1", "h2", "h3"}, html
        names = re.findall(r'\s([a-zA-Z\-:]+)=', attrs)
        assert all(n in ("href", "start", "class", "id", "lang") for n in names), html
        # The one span: quoted Latin words marked English (mark_quoted_latin).
        assert (tag != "span" and "lang" not in names) or attrs == ' lang="en"', html
        for href in re.findall(r'href="([^"]*)"', attrs):
            assert is_allowed_href(href.replace("&amp;", "&")), html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_inert(text: str) -> None:
    for html in (to_html(text), to_inline_html(text), to_html(text, breaks=True),
                 document_html(text)):
        assert_safe(html)
        assert "<script" not in html.lower()
        assert not re.search(r'=\s*"[^"]*(javascript|vbscript|data):', html, re.IGNORECASE)


def test_safe_links_are_kept() -> None:
    html = to_html("[a](#disclosure) [b](https://cafetalk.com/x?a=1&b=2) [c](mailto:info@cafetalk.com)"
                   " [d](http://cafetalk.com)")
    assert re.findall(r'href="([^"]*)"', html) == [
        "#disclosure", "https://cafetalk.com/x?a=1&amp;b=2", "mailto:info@cafetalk.com",
        "http://cafetalk.com"]


@pytest.mark.parametrize("href", ["foo/bar", "//evil.example/x", "ftp://x", "file:///etc/passwd",
                                  "#", "# x", "data:,x"])
def test_other_targets_are_not_links(href: str) -> None:
    assert "<a " not in to_html(f"[x]({href})")


def test_images_are_never_loaded() -> None:
    html = to_html("![logo](https://cafetalk.com/logo.png)")
    assert "<img" not in html
    assert 'href="https://cafetalk.com/logo.png"' in html  # still reachable, as a link


def test_body_headings_are_demoted_below_the_page_headings() -> None:
    assert to_html("# A\n\n## B").startswith("<h4>A</h4>\n<h5>B</h5>")


def test_signature_keeps_line_breaks() -> None:
    assert "<br>" in to_html("Small Bridge, Inc.\nRepresentative", breaks=True)
    assert "<br>" not in to_html("Small Bridge, Inc.\nRepresentative")


def test_plain_text_strips_marks_but_keeps_words() -> None:
    assert to_plain("**Privacy** `policy` [link](#x)") == "Privacy policy link"


@pytest.mark.parametrize("text", [
    "英語版の「personal data」を「personal information」に改めました。",  # plain: no markdown-it
    "слова «personal data» заменены, *важно*",  # emphasis: rendered by markdown-it
])
def test_quoted_latin_words_in_a_japanese_or_russian_text_are_marked_english(text: str) -> None:
    """WCAG 3.1.2: the English words a Japanese or Russian release note quotes are read in
    English by a screen reader; names outside such quotes stay as they are."""
    for html in (to_html(text), to_inline_html(text)):
        assert '<span lang="en">personal data</span>' in html, html
    assert mark_quoted_latin("Cafetalk「Zoom」") == 'Cafetalk「<span lang="en">Zoom</span>」'
    for untouched in ("Zoom等のCafetalk", "“personal data”", "«http://cafetalk.com»",
                      "「個人情報」", "«Small Bridge, Inc.»"):
        assert mark_quoted_latin(untouched) == untouched
    # Never inside a tag: a link's title keeps its quotes as they are.
    titled = to_inline_html('[x](https://a.example "«ab»") «cd»')
    assert titled == ('<a href="https://a.example" title="«ab»">x</a> '
                      '«<span lang="en">cd</span>»'), titled


def test_changelog_versions_get_anchors() -> None:
    html = document_html("# Changelog\n\n## [Unreleased]\n\n## [1.0.2] - 2022-04-01\n")
    assert '<h2 id="unreleased">' in html and '<h2 id="v1.0.2">' in html
    assert html.startswith("<h1>")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"<>&\"'=()[]!:/#*`_\\ \n-abcjsvptrx1「」«»", "javascript:", "data:",
                                 "<script>", "onerror=", "](", "![", "http://", "mailto:"]),
                max_size=60).map("".join))
@example("![]()")  # an empty link target once rendered as <a href="">
@example("[x]()")
@example("«a <b» c»")  # quoted Latin words become <span lang="en">, and only they
def test_any_text_renders_safe(text: str) -> None:
    assert_safe(to_html(text))
    assert_safe(to_inline_html(text))
