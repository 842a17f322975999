"""One edition as a Markdown file (`<site>/<lang>/policy.md`): the same view as the page, as plain CommonMark.

Clauses are `##` headings with their printed numbers, items are `1)` lists, sub-items are
bullets led by their circled numbers; drift banners become block quotes linking to the original,
and review notes block quotes as on the page.
"""

from __future__ import annotations

from engine import patterns
from engine.citation import cite, label
from engine.values import replace

from .strings import edition_name, edition_notice, format_date, frames, labelled, review_note
from .view import Block, Edition, Node

_MD_SPECIAL = patterns.compile(r"([\\`*_{}\[\]()#+!|~<>&-])")


def _plain(text: str) -> str:
    """A fact (a name, an address) as literal Markdown text: every mark escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _autolink(target: str) -> str:
    """`<target>` only when the target cannot break out of the autolink; else literal text."""
    return f"<{target}>" if patterns.compile(r"[^\s<>\\`]+").fullmatch(target) else _plain(target)


def _indent(text: str, prefix: str) -> str:
    return "\n".join((prefix + line) if line.strip() else "" for line in text.split("\n"))


def _listed(marker: str, text: str, pad: str) -> str:
    """`marker text`, with every further line indented to the list item's content column."""
    body = text.strip("\n")
    inner = " " * (len(marker) + 1)
    first, _, rest = body.partition("\n")
    out = f"{pad}{marker} {first}"
    if rest:
        out += "\n" + _indent(rest, pad + inner)
    return out


def _review(mark: str | None, lang: str) -> str:
    """The page's review note of a unit ("not yet reviewed", "translated by us"), or ""."""
    return f"> {review_note(mark, lang)}" if mark is not None else ""


def _banner(block: Block, ed: Edition) -> str:
    """What the page says above a unit: that it may be out of date, and its review note."""
    review = _review(block.review, ed.lang)
    if block.state is None:
        return review
    f = frames(ed.lang)
    original = edition_name(ed.master_lang, ed.lang)
    # The number as the original prints it (第2項), as the page's banner names it.
    link = (f["read_original"].format(edition=original, number=label(block.dotted, ed.master_lang))
            if block.id_path else f["read_original_doc"].format(edition=original))
    drift = (f"> ⚠ {f[block.state]} "
             f"[{link}](../{ed.master_lang}/index.html#{block.anchor})")
    return f"{drift}\n\n{review}" if review else drift


def _item(node: Node, ed: Edition, pad: str) -> list[str]:
    b = node.block
    marker = b.number if b.level == 1 else f"- {b.number}"
    # A sub-item is a bullet whose text starts with its circled number.
    if b.level == 1:
        out = [_listed(marker, b.text or "", pad)]
        inner = pad + " " * (len(marker) + 1)
    else:
        out = [_listed("-", f"{b.number} {b.text or ''}", pad)]
        inner = pad + "  "
    banner = _banner(b, ed)
    if banner:
        out.append(_indent(banner, inner))
    if node.children:
        out.extend(line for child in node.children for line in _item(child, ed, inner))
    return ["\n\n".join(out)]


def _clause(node: Node, ed: Edition) -> str:
    b = node.block
    parts = [f"## {b.number} {' '.join((b.title or '').split())}"]
    banner = _banner(b, ed)
    if banner:
        parts.append(banner)
    if b.text:
        parts.append(b.text.strip("\n"))
    for child in node.children:
        parts.extend(_item(child, ed, ""))
    return "\n\n".join(parts)


def edition_markdown(ed: Edition) -> str:
    f = frames(ed.lang)
    if ed.revised is not None:
        meta = f["revised_on"].format(date=format_date(ed.revised, ed.lang))
    else:
        meta = f["effective_on"].format(date=format_date(ed.effective, ed.lang))
    parts = [f"# {' '.join((ed.title.text or '').split())}", meta]
    parts.append(_banner(ed.title, ed))
    edition = edition_name(ed.master_lang, ed.lang)
    if ed.is_master and ed.master_draft:
        key = "master_reconstructed" if ed.master_origin == "reconstructed" else "master_draft"
        parts.append(f"> {f[key]}")
    elif not ed.is_master:
        notice = f["prevailing_draft" if ed.master_draft else "prevailing"]
        parts.append("> " + notice.format(edition=edition,
                                          Edition=edition[:1].upper() + edition[1:]))
    if ed.review_notice is not None and not (ed.is_master and ed.master_draft):
        frame = ed.notice_frame()
        assert frame is not None
        parts.append(f"> {edition_notice(frame, ed.lang)}")
    if ed.summary:
        parts.append(f"## {f['summary']}")
        parts.append(f"> {f['summary_notice']}")
        # A review note every point carries is said once for the summary, as on the page.
        shared = ed.summary_review()
        parts.append(_review(shared, ed.lang))
        # Japanese writes the reference in full-width brackets, with no space before them.
        ref = "{}（{}）" if ed.lang == "ja" else "{} ({})"
        points = []
        for p in ed.summary:
            point = "- " + ref.format(" ".join((p.block.text or "").split()),
                                      cite(p.target_number, ed.lang))
            own = _banner(p.block if shared is None else replace(p.block, review=None), ed)
            points.append(point + ("\n\n" + _indent(own, "  ") + "\n" if own else ""))
        parts.append("\n".join(points))
    for block in (ed.preamble,):
        parts.append(_banner(block, ed))
        parts.append((block.text or "").strip("\n"))
    parts.extend(_clause(node, ed) for node in ed.clauses)
    parts.append("---")
    for b in [ed.established, *(r.note for r in ed.revisions if r.note is not None)]:
        parts.append(_banner(b, ed))
        parts.append((b.text or "").strip("\n"))
    sig = ed.signature
    parts.append(_banner(sig, ed))
    # Two trailing spaces keep the signature's line breaks in CommonMark.
    parts.append("  \n".join(line.rstrip() for line in (sig.text or "").strip("\n").split("\n")))
    parts.append(f"{labelled(f['version'], ed.lang)}{ed.version} · "
                 f"{labelled(f['contact'], ed.lang)}{_autolink(ed.email)}")
    return "\n\n".join(p for p in parts if p) + "\n"
