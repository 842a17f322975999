"""HTML pages of the site: one page per edition and the language chooser, every value escaped.

Policy text goes through `render.markdown` (raw HTML off, links allow-listed); everything else
(facts, ids, numbers, interface words) is escaped here with `esc`. Pages carry a
Content-Security-Policy with no script source, load only the site's own stylesheet, and need
no JavaScript.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from urllib.parse import urljoin

from engine.citation import cite as cite_as
from engine.citation import label
from engine.values import record, replace

from .markdown import to_html, to_inline_html, to_plain
from .strings import (
    edition_name,
    edition_notice,
    edition_to_read,
    format_date,
    frames,
    labelled,
    language_name,
    review_note,
)
from .view import Block, Edition, Node

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
       "form-action 'none'")
STYLESHEET = "style.css"


def esc(text: str) -> str:
    """Escape for text and for double-quoted attribute values."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")


def head(*, lang: str, title: str, root: str, alternates: Iterable[tuple[str, str]]) -> str:
    """The <head> shared by every page; `root` is the relative path to the site's top folder."""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}" dir="ltr">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{esc(title)}</title>",
        f'<link rel="stylesheet" href="{esc(root + STYLESHEET)}">',
    ]
    lines.extend(f'<link rel="alternate" hreflang="{esc(hl)}" href="{esc(href)}">'
                 for hl, href in alternates)
    lines.append("</head>")
    return "\n".join(lines) + "\n"


def _alternates(languages: Iterable[str], root: str) -> list[tuple[str, str]]:
    out = [(lang, f"{root}{lang}/index.html") for lang in languages]
    out.append(("x-default", f"{root}index.html"))
    return out


@record
class PageLinks:
    """Where an edition's page sits in the site and what it links to (paths relative to it).

    The current edition lives at `<lang>/index.html`; each version's copy at
    `versions/<version>/<lang>/index.html`. Both sit two or more folders below the top, and the
    other editions are always their siblings (`../<lang>/index.html`)."""

    root: str = "../"  # the site's top folder
    changes: str | None = None  # what changed in this version (its redline)
    versions: str | None = None  # the archive of every version
    pdf: str | None = None  # this edition as PDF
    archived: str | None = None  # "current" | "old" on a page of the version archive
    current: str | None = None  # the current edition, from an archived page
    formats: bool = True  # link the Markdown and JSON beside the page
    page: str = ""  # this page's path in the site ("en/index.html"), for printed addresses
    site_url: str | None = None  # the address the site is published at, when configured

    def printed(self, href: str, lang: str) -> str:
        """What print shows after a link to `href` (a path relative to this page): its full
        address when the site's address is configured; otherwise its path from the site's top,
        said as such, because a relative path means nothing on paper and no address may be
        invented."""
        if not self.page:
            return href
        if self.site_url is not None:
            return urljoin(self.site_url + self.page, href)
        where = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), href))
        return frames(lang)["print_on_site"].format(path=where)


def _lang_attr(block: Block, page_lang: str) -> str:
    return f' lang="{esc(block.text_lang)}"' if block.text_lang != page_lang else ""


def _title(block: Block, ed: Edition) -> str:
    html = to_inline_html(block.title or "")
    return html if block.text_lang == ed.lang else f'<span lang="{esc(block.text_lang)}">{html}</span>'


def _body(block: Block, ed: Edition, *, breaks: bool = False) -> str:
    """The block's text as HTML, marked with its language when it is not the page's
    (an untranslated unit shows the master's text)."""
    html = to_html(block.text or "", breaks=breaks)
    if block.text_lang == ed.lang:
        return html
    return f'<div lang="{esc(block.text_lang)}">{html}</div>\n'


def _banner(block: Block, ed: Edition) -> str:
    """The drift banner (translation out of date) and the review note of a unit."""
    f = frames(ed.lang)
    out = ""
    if block.state is not None:
        original = esc(edition_name(ed.master_lang, ed.lang))
        if block.id_path:
            # The number as the original prints it (第2項), marked as the original's language.
            number = esc(label(block.dotted, ed.master_lang))
            if ed.master_lang != ed.lang:
                number = f'<span lang="{esc(ed.master_lang)}">{number}</span>'
            link_text = esc(f["read_original"]).format(edition=original, number=number)
        else:
            link_text = esc(f["read_original_doc"]).format(edition=original)
        href = f"../{ed.master_lang}/index.html#{block.anchor}"
        out += (f'<p class="drift" role="note" data-state="{esc(block.state)}">'
                f'<span class="drift-mark" aria-hidden="true">⚠</span> '
                f"{esc(f[block.state])} "
                f'<a href="{esc(href)}" hreflang="{esc(ed.master_lang)}">{link_text}</a></p>\n')
    if block.review is not None:
        text = review_note(block.review, ed.lang)
        out += f'<p class="review" role="note" data-review="{esc(block.review)}">{esc(text)}</p>\n'
    return out


def _switcher(block: Block, ed: Edition) -> str:
    """Links from a clause to the same clause (same anchor) in the other editions."""
    f = frames(ed.lang)
    links = [
        f'<a href="../{esc(lang)}/index.html#{esc(block.anchor)}" hreflang="{esc(lang)}" '
        f'lang="{esc(lang)}">{esc(language_name(lang))}</a>'
        for lang in ed.languages if lang != ed.lang
    ]
    if not links:
        return ""
    return (f'<p class="switch">{esc(labelled(f["this_clause_in"], ed.lang))}'
            + " · ".join(links) + "</p>\n")


def permalink(block: Block, lang: str) -> str:
    """The visible link to a unit, labelled as decisions cite it (engine.citation.label)."""
    return (f'<a class="num permalink" href="#{esc(block.anchor)}">'
            f"{esc(label(block.dotted, lang))}</a>")


def _item(node: Node, ed: Edition) -> str:
    b = node.block
    css = "item" if b.level == 1 else "subitem"
    parts = [f'<li id="{esc(b.anchor)}" class="{css}">', permalink(b, ed.lang),
             '<div class="body">', _banner(b, ed), _body(b, ed)]
    if node.children:
        parts.append('<ol class="subitems">\n')
        parts.extend(_item(child, ed) for child in node.children)
        parts.append("</ol>\n")
    parts.append("</div></li>\n")
    return "".join(parts)


def _clause(node: Node, ed: Edition) -> str:
    b = node.block
    f = frames(ed.lang)
    parts = [
        f'<section class="clause" id="{esc(b.anchor)}">\n',
        f"<h2>{permalink(b, ed.lang)} {_title(b, ed)}</h2>\n",
        _switcher(b, ed),
        _banner(b, ed),
    ]
    if b.text:
        parts.append(_body(b, ed))
    if node.children:
        parts.append('<ol class="items">\n')
        parts.extend(_item(child, ed) for child in node.children)
        parts.append("</ol>\n")
    parts.append(f'<p class="to-top"><a href="#top"><span aria-hidden="true">↑ </span>'
                 f'{esc(f["top"])}</a></p>\n')
    parts.append("</section>\n")
    return "".join(parts)


def time_html(day: dt.date, lang: str) -> str:
    return f'<time datetime="{day.isoformat()}">{esc(format_date(day, lang))}</time>'


def _language_nav(ed: Edition) -> str:
    f = frames(ed.lang)
    items = []
    for lang in ed.languages:
        name = esc(language_name(lang))
        if lang == ed.lang:
            items.append(f'<li><a href="index.html" aria-current="page" lang="{esc(lang)}">'
                         f"{name}</a></li>")
        else:
            items.append(f'<li><a href="../{esc(lang)}/index.html" hreflang="{esc(lang)}" '
                         f'lang="{esc(lang)}">{name}</a></li>')
    return (f'<nav class="langs" aria-label="{esc(f["languages"])}"><ul>'
            + "".join(items) + "</ul></nav>\n")


def _subtree(node: Node) -> list[Block]:
    out = [node.block]
    for child in node.children:
        out.extend(_subtree(child))
    return out


def _marks(node: Node, ed: Edition) -> str:
    """Short marks for the table of contents: out of date, translation or text awaiting review."""
    f = frames(ed.lang)
    blocks = _subtree(node)
    marks = []
    if any(b.state is not None for b in blocks):
        marks.append(("drift", f["stale_short"]))
    if any(b.review == "translated" for b in blocks):
        marks.append(("translated", f["translated_short"]))
    if any(b.review == "awaiting" for b in blocks):
        marks.append(("awaiting", f["awaiting"]))
    return "".join(f' <span class="mark" data-mark="{k}">{esc(t)}</span>' for k, t in marks)


def _toc(ed: Edition) -> str:
    """The contents twice, one shown at a time by the stylesheet (no script): folded into a
    <details> on narrow screens, an always-open sticky column on wide ones."""
    f = frames(ed.lang)
    rows = "".join(
        f'<li><a href="#{esc(n.block.anchor)}"><span class="num">'
        f"{esc(label(n.block.dotted, ed.lang))}</span> {_title(n.block, ed)}</a>"
        f"{_marks(n, ed)}</li>\n"
        for n in ed.clauses
    )
    contents = esc(f["contents"])
    return (f'<nav class="toc toc-fold" aria-label="{contents}">\n<details>\n'
            f"<summary>{contents}</summary>\n<ol>\n{rows}</ol>\n</details>\n</nav>\n"
            f'<nav class="toc toc-side" aria-labelledby="toc-side-title">\n'
            f'<h2 id="toc-side-title">{contents}</h2>\n<ol>\n{rows}</ol>\n</nav>\n')


def _notices(ed: Edition, links: PageLinks) -> str:
    """What the reader must know before reading: archive, which text prevails, review status."""
    f = frames(ed.lang)
    out = []
    if links.archived is not None:
        key = "archived_current" if links.archived == "current" else "archived"
        text = esc(f[key].format(version=ed.version))
        if links.current is not None:
            text += f' <a href="{esc(links.current)}">{esc(f["read_current"])}</a>'
        out.append(f'<p class="notice archive" role="note">{text}</p>\n')
    master = edition_name(ed.master_lang, ed.lang)
    master_href = f"../{ed.master_lang}/index.html"
    master_link = (f' <a class="edition-link" href="{esc(master_href)}" '
                   f'hreflang="{esc(ed.master_lang)}" '
                   f'data-print="{esc(links.printed(master_href, ed.lang))}">'
                   f'{esc(f["prevailing_link"].format(edition=edition_to_read(ed.master_lang, ed.lang)))}</a>')
    if ed.is_master:
        if ed.master_draft:
            key = "master_reconstructed" if ed.master_origin == "reconstructed" else "master_draft"
            out.append(f'<p class="notice" role="note">{esc(f[key])}</p>\n')
    elif ed.master_draft:
        text = f["prevailing_draft"].format(edition=master, Edition=master[:1].upper() + master[1:])
        out.append(f'<p class="notice" role="note">{esc(text)}{master_link}</p>\n')
    else:
        out.append(f'<p class="notice" role="note">'
                   f'{esc(f["prevailing"].format(edition=master))}{master_link}</p>\n')
    if ed.review_notice is not None and not (ed.is_master and ed.master_draft
                                             and ed.review_notice == "awaiting"):
        frame = ed.notice_frame()
        assert frame is not None
        text = edition_notice(frame, ed.lang)
        out.append(f'<p class="notice review" role="note" data-review="{esc(ed.review_notice)}">'
                   f"{esc(text)}</p>\n")
    return "".join(out)


def _status(ed: Edition, links: PageLinks) -> str:
    """"Revised: …" with the version, what changed in it, every version, and the PDF."""
    f = frames(ed.lang)
    if ed.revised is not None:
        when = esc(f["revised_on"]).replace("{date}", time_html(ed.revised, ed.lang))
    else:
        when = esc(f["effective_on"]).replace("{date}", time_html(ed.effective, ed.lang))
    parts = [f"<span>{when}</span>", f'<span>{esc(f["version_n"].format(version=ed.version))}</span>']
    if links.changes is not None:
        parts.append(f'<a href="{esc(links.changes)}">{esc(f["what_changed"])}</a>')
    if links.versions is not None:
        parts.append(f'<a href="{esc(links.versions)}">{esc(f["all_versions"])}</a>')
    if links.pdf is not None:
        parts.append(f'<a href="{esc(links.pdf)}" type="application/pdf">{esc(f["pdf"])}</a>')
    return '<p class="status">' + ' <span aria-hidden="true">·</span> '.join(parts) + "</p>\n"


def _summary(ed: Edition) -> str:
    if not ed.summary:
        return ""
    f = frames(ed.lang)
    out = ['<section class="summary" aria-labelledby="key-points">\n',
           f'<h2 id="key-points">{esc(f["summary"])}</h2>\n',
           f'<p class="summary-notice">{esc(f["summary_notice"])}</p>\n']
    # A review note every point carries is said once for the summary.
    shared = ed.summary_review()
    if shared is not None:
        text = review_note(shared, ed.lang)
        out.append(f'<p class="review" role="note" data-review="{esc(shared)}">{esc(text)}</p>\n')
    out.append("<ul>\n")
    for point in ed.summary:
        b = point.block if shared is None else replace(point.block, review=None)
        text = to_inline_html(b.text or "")
        if b.text_lang != ed.lang:
            text = f'<span lang="{esc(b.text_lang)}">{text}</span>'
        cite = cite_as(point.target_number, ed.lang)
        out.append(f'<li id="{esc(b.anchor)}">{_banner(b, ed)}{text} '
                   f'<a class="cite" href="#{esc(point.target)}">{esc(cite)}</a></li>\n')
    out.append("</ul>\n</section>\n")
    return "".join(out)


def _footer(ed: Edition, links: PageLinks) -> str:
    """One footer in the document's own words: establishment and release notes, signature;
    then the version and the contact address, each once."""
    f = frames(ed.lang)
    parts = ['<footer class="colophon">\n']
    # A footer line has no heading of its own: a note on it (not reviewed, out of date) is
    # set in one frame with it (class "flagged"), or it would read as the note of the line
    # above.
    for b in [ed.established, *(r.note for r in ed.revisions if r.note is not None)]:
        banner = _banner(b, ed)
        flagged = ' class="flagged"' if banner else ""
        parts.append(f'<div id="{esc(b.anchor)}"{flagged}>{banner}{_body(b, ed)}</div>\n')
    sig = ed.signature
    banner = _banner(sig, ed)
    parts.append(f'<div class="signature{" flagged" if banner else ""}" id="{esc(sig.anchor)}">'
                 f"{banner}{_body(sig, ed, breaks=True)}</div>\n")
    rows = [(f["version"], esc(ed.version)),
            (f["contact"], f'<a href="mailto:{esc(ed.email)}">{esc(ed.email)}</a>')]
    parts.append('<dl class="facts">\n'
                 + "".join(f"<div><dt>{esc(k)}</dt><dd>{v}</dd></div>\n" for k, v in rows)
                 + "</dl>\n")
    formats = []
    if links.formats:
        formats.append(f'<a href="policy.md">{esc(f["markdown"])}</a>')
    if links.pdf is not None:
        formats.append(f'<a href="{esc(links.pdf)}" type="application/pdf">PDF</a>')
    if links.formats:
        formats.append(f'<a href="{esc(links.root)}policy.json">{esc(f["bundle"])}</a>')
    if formats:
        parts.append(f'<p class="formats">{esc(labelled(f["downloads"], ed.lang))}'
                     + " · ".join(formats)
                     + "</p>\n")
    parts.append("</footer>\n")
    return "".join(parts)


def edition_main(ed: Edition) -> str:
    """The part of an edition's page that no link changes: the contents and the text."""
    p = ed.preamble
    return "".join([
        '<div class="layout">\n', _toc(ed), '<main id="main">\n', _summary(ed),
        f'<div class="preamble" id="{esc(p.anchor)}">{_banner(p, ed)}{_body(p, ed)}</div>\n',
        *(_clause(node, ed) for node in ed.clauses), "</main>\n</div>\n"])


def edition_page(ed: Edition, links: PageLinks | None = None, main: str | None = None) -> str:
    """The full page of one edition, at <site>/<lang>/index.html (or in the version archive);
    `main` is `edition_main(ed)` when the caller has it (the current version's two pages)."""
    links = links if links is not None else PageLinks()
    f = frames(ed.lang)
    title = to_plain(ed.title.text or "")
    out = [head(lang=ed.lang, title=f"{title} — {ed.service}", root=links.root,
                alternates=_alternates(ed.languages, links.root)
                if links.archived is None else ())]
    out.append('<body class="edition">\n')
    out.append(f'<a class="skip" href="#main">{esc(f["skip"])}</a>\n')
    out.append('<header class="masthead" id="top">\n')
    out.append(_language_nav(ed))
    t = ed.title
    out.append(f'<h1 id="{esc(t.anchor)}"{_lang_attr(t, ed.lang)}>'
               f"{to_inline_html(t.text or '')}</h1>\n")
    out.append(_banner(t, ed))
    out.append(_status(ed, links))
    out.append(_notices(ed, links))
    out.append("</header>\n")
    out.append(main if main is not None else edition_main(ed))
    out.append(_footer(ed, links))
    out.append("</body>\n</html>\n")
    return "".join(out)


def chooser_page(editions: list[Edition]) -> str:
    """<site>/index.html: a list of the editions, each link written in its own language."""
    master = editions[0]
    title = " / ".join(to_plain(e.title.text or "") for e in editions)
    out = [head(lang=master.lang, title=f"{title} — {master.service}", root="",
                alternates=_alternates([e.lang for e in editions], ""))]
    out.append("<body>\n<main id=\"main\" class=\"chooser\">\n")
    out.append(f"<h1>{esc(master.service)}</h1>\n")
    out.append("".join(f'<p lang="{esc(e.lang)}">{esc(frames(e.lang)["choose"])}</p>\n'
                       for e in editions))
    out.append('<ul class="choices">\n')
    for e in editions:
        out.append(
            f'<li lang="{esc(e.lang)}"><a href="{esc(e.lang)}/index.html" '
            f'hreflang="{esc(e.lang)}"><span class="choice-lang">'
            f"{esc(language_name(e.lang))}</span> "
            f'<span class="choice-title">{esc(to_plain(e.title.text or ""))}</span></a></li>\n')
    out.append("</ul>\n</main>\n</body>\n</html>\n")
    return "".join(out)
