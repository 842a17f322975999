"""HTML pages of the site: one page per edition and the language chooser, every value escaped.

Policy text goes through `render.markdown` (raw HTML off, links allow-listed); everything else
(facts, ids, numbers, interface words) is escaped here with `esc`. Pages carry a
Content-Security-Policy with no script source, load only the site's own stylesheet, and need
no JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterable

from .markdown import to_html, to_inline_html, to_plain
from .strings import edition_name, format_date, frames, language_name
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
    if block.state is None:
        return ""
    f = frames(ed.lang)
    original = edition_name(ed.master_lang, ed.lang)
    if block.id_path:
        link_text = f["read_original"].format(edition=original, number=block.dotted if block.level else block.number)
    else:
        link_text = f["read_original_doc"].format(edition=original)
    href = f"../{ed.master_lang}/index.html#{block.anchor}"
    return (f'<p class="drift" role="note" data-state="{esc(block.state)}">'
            f'<span class="drift-mark" aria-hidden="true">⚠</span> '
            f"{esc(f[block.state])} "
            f'<a href="{esc(href)}" hreflang="{esc(ed.master_lang)}">{esc(link_text)}</a></p>\n')


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
    return (f'<p class="switch">{esc(f["this_clause_in"])} ' + " · ".join(links) + "</p>\n")


def _item(node: Node, ed: Edition) -> str:
    b = node.block
    css = "item" if b.level == 1 else "subitem"
    parts = [f'<li id="{esc(b.anchor)}" class="{css}">',
             f'<span class="num">{esc(b.number)}</span>',
             '<div class="body">', _banner(b, ed), _body(b, ed)]
    if node.children:
        parts.append('<ol class="subitems">\n')
        parts.extend(_item(child, ed) for child in node.children)
        parts.append("</ol>\n")
    parts.append("</div></li>\n")
    return "".join(parts)


def _clause(node: Node, ed: Edition) -> str:
    b = node.block
    parts = [
        f'<section class="clause" id="{esc(b.anchor)}">\n',
        f'<h2><span class="num">{esc(b.number)}</span> '
        f"{_title(b, ed)}</h2>\n",
        _switcher(b, ed),
        _banner(b, ed),
    ]
    if b.text:
        parts.append(_body(b, ed))
    if node.children:
        parts.append('<ol class="items">\n')
        parts.extend(_item(child, ed) for child in node.children)
        parts.append("</ol>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _time(day: object, lang: str) -> str:
    import datetime as dt

    assert isinstance(day, dt.date)
    return f'<time datetime="{day.isoformat()}">{esc(format_date(day, lang))}</time>'


def _facts(ed: Edition) -> str:
    f = frames(ed.lang)
    rows = [(f["version"], esc(ed.version)), (f["effective"], _time(ed.effective, ed.lang))]
    if ed.revised is not None:
        rows.append((f["revised"], _time(ed.revised, ed.lang)))
    return ('<dl class="facts">\n'
            + "".join(f"<div><dt>{esc(k)}</dt><dd>{v}</dd></div>\n" for k, v in rows)
            + "</dl>\n")


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


def _toc(ed: Edition) -> str:
    f = frames(ed.lang)
    rows = "".join(
        f'<li><a href="#{esc(n.block.anchor)}"><span class="num">{esc(n.block.number)}</span> '
        f"{_title(n.block, ed)}</a></li>\n"
        for n in ed.clauses
    )
    return (f'<nav class="toc" aria-label="{esc(f["contents"])}">\n'
            f'<h2>{esc(f["contents"])}</h2>\n<ol>\n{rows}</ol>\n</nav>\n')


def _prevailing(ed: Edition) -> str:
    if ed.is_master:
        return ""
    f = frames(ed.lang)
    edition = edition_name(ed.master_lang, ed.lang)
    return (f'<p class="notice" role="note">{esc(f["prevailing"].format(edition=edition))} '
            f'<a href="../{esc(ed.master_lang)}/index.html" hreflang="{esc(ed.master_lang)}">'
            f'{esc(f["prevailing_link"].format(edition=edition))}</a></p>\n')


def _footer(ed: Edition) -> str:
    f = frames(ed.lang)
    parts = ['<footer class="colophon">\n']
    for b in [ed.established, *(r.note for r in ed.revisions if r.note is not None)]:
        parts.append(f'<div id="{esc(b.anchor)}">{_banner(b, ed)}{_body(b, ed)}</div>\n')
    sig = ed.signature
    parts.append(f'<div class="signature" id="{esc(sig.anchor)}">'
                 f"{_banner(sig, ed)}{_body(sig, ed, breaks=True)}</div>\n")
    rows = [
        (f["company"], esc(ed.company)),
        (f["representative"], esc(ed.representative)),
        (f["effective"], _time(ed.effective, ed.lang)),
    ]
    if ed.revised is not None:
        rows.append((f["revised"], _time(ed.revised, ed.lang)))
    rows.append((f["contact"], f'<a href="mailto:{esc(ed.email)}">{esc(ed.email)}</a>'))
    rows.append((f["website"], f'<a href="{esc(ed.url)}">{esc(ed.url)}</a>'))
    parts.append('<dl class="facts">\n'
                 + "".join(f"<div><dt>{esc(k)}</dt><dd>{v}</dd></div>\n" for k, v in rows)
                 + "</dl>\n")
    parts.append(f'<p class="formats">{esc(f["downloads"])}: '
                 f'<a href="policy.md">{esc(f["markdown"])}</a> · '
                 f'<a href="../policy.json">{esc(f["bundle"])}</a> · '
                 f'<a href="../changes.html">{esc(f["changes"])}</a></p>\n')
    parts.append("</footer>\n")
    return "".join(parts)


def edition_page(ed: Edition) -> str:
    """The full page of one edition, at <site>/<lang>/index.html."""
    f = frames(ed.lang)
    title = to_plain(ed.title.text or "")
    out = [head(lang=ed.lang, title=f"{title} — {ed.service}", root="../",
                alternates=_alternates(ed.languages, "../"))]
    out.append("<body>\n")
    out.append(f'<a class="skip" href="#main">{esc(f["skip"])}</a>\n')
    out.append('<header class="masthead">\n')
    out.append(_language_nav(ed))
    t = ed.title
    out.append(f'<h1 id="{esc(t.anchor)}"{_lang_attr(t, ed.lang)}>'
               f"{to_inline_html(t.text or '')}</h1>\n")
    out.append(_banner(t, ed))
    out.append(_facts(ed))
    out.append(_prevailing(ed))
    out.append("</header>\n")
    out.append(_toc(ed))
    out.append('<main id="main">\n')
    p = ed.preamble
    out.append(f'<div class="preamble" id="{esc(p.anchor)}">{_banner(p, ed)}{_body(p, ed)}</div>\n')
    out.extend(_clause(node, ed) for node in ed.clauses)
    out.append("</main>\n")
    out.append(_footer(ed))
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


def document_page(*, lang: str, title: str, body_html: str, back: str) -> str:
    """A plain page at the site's top (the change history), linking back to the editions."""
    out = [head(lang=lang, title=title, root="", alternates=())]
    out.append("<body>\n")
    out.append(f'<nav class="langs" aria-label="Site"><ul><li><a href="index.html">'
               f"{esc(back)}</a></li></ul></nav>\n")
    out.append(f'<main id="main" class="document">\n{body_html}</main>\n</body>\n</html>\n')
    return "".join(out)
