"""The version archive's pages: the list of versions with their release notes, and a readable redline of each version against its predecessor, per language.

Release notes are the legal team's own words: the release notes (`footer.revisions`) of each
edition. The redline compares the text a reader sees (Markdown marks dropped) unit by unit,
matched by stable id, with deleted words struck through and new words underlined. A
translation's redline also shows the changes to the Japanese text, which the translation
follows. No machine output (diff statements, ids, hashes, counts) is published here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from engine.citation import label
from engine.model import Master, Translation, Unit, master_units, translation_units
from engine.values import record

from .archive import Snapshot
from .assets import cued
from .html import esc, head, time_html
from .markdown import mark_quoted_latin, to_inline_html, to_lines, to_plain
from .strings import format_date, frames, language_name

VERSIONS_PAGE = "versions.html"  # <lang>/versions.html
REDLINE_PAGE = "changes.html"  # versions/<version>/<lang>/changes.html
SINCE_PAGE = "changes-since.html"
NOTES_ID = "release-notes"  # the id of a redline's "Release notes" heading


def version_dir(version: str, lang: str) -> str:
    return f"versions/{version}/{lang}/"


@record
class UnitText:
    """A unit as a redline compares it: where it sits and its text as written (what a reader
    reads is `Redlines.text` of it, made only for a unit whose written text changed)."""

    key: str
    anchor: str
    number: str  # dotted, "" for document-level text
    title: str  # the clause's title as written (for clauses), else ""
    text: str  # as written (Markdown)


def _edition_units(model: Master | Translation) -> dict[str, UnitText]:
    units: list[Unit] = (list(master_units(model)) if isinstance(model, Master)
                         else [u for u, _ in translation_units(model)])
    return {u.key: UnitText(u.key, u.anchor, u.number, u.title or "", u.text or "")
            for u in units}


def edition_units(snapshot: Snapshot | None, lang: str) -> dict[str, UnitText]:
    """Every unit of one edition of a version, by key (empty when the edition did not exist)."""
    if snapshot is None or snapshot.src.master is None:
        return {}
    master = snapshot.src.master
    if lang == master.lang:
        return _edition_units(master)
    tr = snapshot.src.translations.get(lang)
    return _edition_units(tr) if tr is not None else {}


class Redlines:
    """What the redlines of one site share, each made once: every edition's units (by the
    id of its snapshot, which the caller keeps alive meanwhile, and language) and the
    marked-up change of one text into another (a translation's page shows the master's
    changes too). What a reader reads of a written text is made only for a unit whose
    written text changed (`to_plain` and `to_lines` keep what they made)."""

    __slots__ = ("_marked", "_units")

    def __init__(self) -> None:
        self._units: dict[tuple[int, str], dict[str, UnitText]] = {}
        self._marked: dict[tuple[str, str, str], tuple[tuple[str, str], ...]] = {}

    def units(self, snapshot: Snapshot | None, lang: str) -> dict[str, UnitText]:
        key = (id(snapshot), lang)
        found = self._units.get(key)
        if found is None:
            found = self._units[key] = edition_units(snapshot, lang)
        return found

    @staticmethod
    def heading(unit: UnitText) -> str:
        """The clause's title as a reader reads it ("" for none)."""
        return to_plain(unit.title) if unit.title else ""

    @staticmethod
    def text(unit: UnitText) -> str:
        """The title and the text as plain lines, as a reader reads them."""
        return "\n".join(t for t in (Redlines.heading(unit), Redlines.body(unit)) if t)

    @staticmethod
    def body(unit: UnitText) -> str:
        """The text alone as plain lines (its title is in the heading above it)."""
        return to_lines(unit.text) if unit.text else ""

    def marked(self, old: str, new: str, text_lang: str, page_lang: str) -> str:
        """`old` changed into `new`: deleted words struck through, new words underlined, each
        run told to a screen reader in `page_lang`'s words (`cued`)."""
        key = (old, new, text_lang)
        found = self._marked.get(key)
        if found is None:
            found = self._marked[key] = _ops(old, new, text_lang)
        return cued(found, page_lang, esc)


def _doc_name(key: str, lang: str, point: int = 0, day: dt.date | None = None) -> str:
    """What a reader calls a part outside the clauses; `point` numbers a key point (from 1,
    as the page lists them), and `day` dates a release note (its revision's date), so that ten
    added key points or three changed release notes are not ten or three equal headings."""
    f = frames(lang)
    if key.startswith("summary."):
        return f["summary_n"].format(n=point) if point else f["summary"]
    if key.startswith("footer.revisions."):
        if day is not None:
            return f["doc_revision_of"].format(date=format_date(day, lang))
        return f["doc_revision"]
    return {"title": f["doc_title"], "preamble": f["doc_preamble"],
            "footer.established": f["doc_established"],
            "footer.signature": f["doc_signature"]}.get(key, key)


def _ops(old: str, new: str, text_lang: str) -> tuple[tuple[str, str], ...]:
    # Imported only for a redline: a site of one version has none.
    from engine.worddiff import word_diff

    return tuple(word_diff(old, new, text_lang))


def _changes(base: dict[str, UnitText], head_units: dict[str, UnitText], order: Sequence[str],
             page_lang: str, text_lang: str, target: str | None, shared: Redlines, *,
             dates: Mapping[str, dt.date] | None = None,
             shown: Mapping[str, str] | None = None) -> list[str]:
    """One <section> per changed unit, in the head's order (removed units where they were);
    `dates`: each revision's date by its id, which names its release note; `shown`: the
    release notes the page shows in full under its "Release notes" heading (by key, their
    text as written): one of them added says so in a line instead of repeating its text."""
    f = frames(page_lang)
    keys = list(order) + [k for k in base if k not in order]
    points = {k: i for i, k in enumerate((k for k in keys if k.startswith("summary.")), 1)}
    out = []
    for key in keys:
        old, new = base.get(key), head_units.get(key)
        if old is None and new is None:
            continue
        if old is not None and new is not None:
            if old.title == new.title and old.text == new.text:
                continue  # the same written text reads the same
            if shared.text(old) == shared.text(new):
                continue
        ref = new or old
        assert ref is not None
        ref_heading = shared.heading(ref)
        if ref.number:
            name = esc(label(ref.number, page_lang))
            if target is not None and new is not None:
                name = f'<a href="{esc(target)}#{esc(ref.anchor)}">{name}</a>'
            heading = esc(ref_heading)
            if heading and text_lang != page_lang:
                heading = f'<span lang="{esc(text_lang)}">{heading}</span>'
            title = f"{name} {heading}" if heading else name
            if not ref_heading and ref.number:
                parent = next((u for u in (head_units.get(f"clause:{ref.key[7:].split('.')[0]}"),
                                           base.get(f"clause:{ref.key[7:].split('.')[0]}"))
                               if u is not None), None)
                if parent is not None and shared.heading(parent):
                    context = esc(shared.heading(parent))
                    if text_lang != page_lang:
                        context = f'<span lang="{esc(text_lang)}">{context}</span>'
                    title += f' <span class="context">({context})</span>'
        else:
            day = (dates or {}).get(key.removeprefix("footer.revisions."))
            title = esc(_doc_name(key, page_lang, points.get(key, 0),
                                  day if key.startswith("footer.revisions.") else None))
        tag = ""
        if old is None:
            tag = f' <span class="mark">{esc(f["added"])}</span>'
        elif new is None:
            tag = f' <span class="mark">{esc(f["removed"])}</span>'
        if old is None and new is not None and (shown or {}).get(key) == new.text:
            link = f'<a href="#{NOTES_ID}">{esc(f["release_notes"])}</a>'
            out.append(f'<section class="change">\n<h3>{title}{tag}</h3>\n'
                       f'<p>{esc(f["redline_note_shown"]).replace("{notes}", link)}</p>\n'
                       "</section>\n")
            continue
        lang_attr = f' lang="{esc(text_lang)}"' if text_lang != page_lang else ""
        # A numbered unit's title is in its heading: the paragraph repeats it only to show it
        # changed (a unit added or removed, or its title the same, shows its text alone).
        titled = bool(ref.number and ref_heading)
        if titled and (old is None or new is None or shared.heading(old) == shared.heading(new)):
            before, after = (shared.body(old) if old else ""), (shared.body(new) if new else "")
        else:
            before, after = (shared.text(old) if old else ""), (shared.text(new) if new else "")
        body = mark_quoted_latin(shared.marked(before, after, text_lang, page_lang))
        out.append(f'<section class="change">\n<h3>{title}{tag}</h3>\n'
                   f'<p class="redline"{lang_attr}>{body}</p>\n</section>\n')
    return out


def _shell(*, lang: str, title: str, root: str, nav: str, body: str) -> str:
    f = frames(lang)
    return (head(lang=lang, title=title, root=root, alternates=())
            + "<body>\n"
            # not "Skip to the policy text": these pages hold the versions or what changed
            + f'<a class="skip" href="#main">{esc(f["skip_content"])}</a>\n'
            + f'<header class="masthead" id="top">\n{nav}</header>\n'
            + f'<main id="main" class="document">\n{body}</main>\n</body>\n</html>\n')


def _nav(lang: str, languages: Sequence[str], here: str, to_lang: str) -> str:
    """Links to this page in the other languages; `to_lang` is the path from this page to the
    folder of a language's page, with {lang} in it."""
    f = frames(lang)
    items = []
    for other in languages:
        name = esc(language_name(other))
        if other == lang:
            items.append(f'<li><a href="{esc(here)}" aria-current="page" lang="{esc(other)}">'
                         f"{name}</a></li>")
        else:
            href = to_lang.format(lang=other) + here
            items.append(f'<li><a href="{esc(href)}" hreflang="{esc(other)}" '
                         f'lang="{esc(other)}">{name}</a></li>')
    return (f'<nav class="langs" aria-label="{esc(f["languages"])}"><ul>'
            + "".join(items) + "</ul></nav>\n")


def _note_texts(snapshot: Snapshot, previous: Snapshot | None,
                lang: str) -> list[tuple[str, str, str]]:
    """The release notes this version adds (all of them for the first version archived), in
    `lang`'s edition (the master's where the edition has none), oldest first: each as its
    revision's id, its text as written and the language of that text."""
    master = snapshot.src.master
    assert master is not None
    before = set()
    if previous is not None and previous.src.master is not None:
        before = {r.id for r in previous.src.master.facts.revisions}
    tr = snapshot.src.translations.get(lang)
    notes = []
    for rev in master.facts.revisions:
        if rev.id in before:
            continue
        if tr is not None and rev.id in tr.footer.revisions:
            notes.append((rev.id, tr.footer.revisions[rev.id].text, lang))
        elif rev.id in master.footer.revisions:
            notes.append((rev.id, master.footer.revisions[rev.id], master.lang))
    return notes


def _notes(snapshot: Snapshot, previous: Snapshot | None, lang: str) -> list[str]:
    """The release notes this version adds, newest first, as list items (`_note_texts`)."""
    out = []
    for _rid, text, text_lang in reversed(_note_texts(snapshot, previous, lang)):
        attr = f' lang="{esc(text_lang)}"' if text_lang != lang else ""
        out.append(f"<li{attr}>{to_inline_html(text)}</li>")
    return out


def _title_of(snapshot: Snapshot, lang: str) -> str:
    master = snapshot.src.master
    assert master is not None
    tr = snapshot.src.translations.get(lang)
    return to_plain(tr.title.text if tr is not None else master.title)


def versions_page(snapshots: Sequence[Snapshot], lang: str, languages: Sequence[str], *,
                  pdf: bool = False, since: str | None = None) -> str:
    """<lang>/versions.html: every version, newest first, with its notes and links."""
    f = frames(lang)
    first = snapshots[0].version
    current = snapshots[-1]
    body = [f'<h1>{esc(f["versions_title"])}</h1>\n',
            f'<p class="notice" role="note">{esc(f["versions_intro"].format(version=first))}</p>\n']
    if since is not None:
        body.append(f'<p><a href="{SINCE_PAGE}">{esc(f["redline_since"].format(version=since))}'
                    "</a></p>\n")
    for i in range(len(snapshots) - 1, -1, -1):
        snap = snapshots[i]
        previous = snapshots[i - 1] if i > 0 else None
        folder = "../" + version_dir(snap.version, lang)
        tag = f' <span class="mark">{esc(f["current"])}</span>' if snap is current else ""
        body.append(f'<section class="version" id="v{esc(snap.version)}">\n'
                    f'<h2>{esc(f["version_n"].format(version=snap.version))}{tag}</h2>\n')
        body.append("<p>" + esc(f["revised_on"]).replace("{date}", time_html(snap.date, lang))
                    + "</p>\n")
        notes = _notes(snap, previous, lang)
        if notes:
            heading = f["release_notes"] if previous is not None else f["notes_first"]
            body.append(f'<h3>{esc(heading)}</h3>\n<ul class="notes">\n'
                        + "\n".join(notes) + "\n</ul>\n")
        else:
            body.append(f'<p>{esc(f["no_notes"])}</p>\n')
        links = [f'<a href="{esc(folder)}index.html">'
                 f'{esc(f["read_version"].format(version=snap.version))}</a>']
        if previous is not None:
            links.append(f'<a href="{esc(folder)}{REDLINE_PAGE}">'
                         f'{esc(f["changes_from"].format(version=previous.version))}</a>')
            if pdf:
                # Named for what it holds: the redline, not the version's text; and which
                # redline, as the link beside it is (a screen reader's list of links read
                # "What changed (PDF)" once a version, each going elsewhere).
                links.append(f'<a href="{esc(folder)}changes.pdf" type="application/pdf">'
                             f'{esc(f["changes_pdf"].format(version=previous.version))}</a>')
        body.append('<p class="links">' + ' <span aria-hidden="true">·</span> '.join(links)
                    + "</p>\n</section>\n")
    # Named, as every other page, by the service: "Versions of the privacy policy — Cafetalk",
    # not "— Privacy Policy" again.
    assert current.src.master is not None
    title = f'{f["versions_title"]} — {current.src.master.facts.service}'
    nav = _nav(lang, languages, VERSIONS_PAGE, "../{lang}/")
    nav += f'<p class="back"><a href="index.html">{esc(_title_of(current, lang))}</a></p>\n'
    return _shell(lang=lang, title=title, root="../", nav=nav, body="".join(body))


def redline_page(base: Snapshot | None, head_snap: Snapshot, lang: str, languages: Sequence[str],
                 *, root: str, edition_href: str | None, versions_href: str,
                 since: bool = False, pdf_href: str | None = None, here: str = REDLINE_PAGE,
                 to_lang: str = "../{lang}/",
                 shared: Redlines | None = None) -> str:
    """The redline of `head_snap` against `base` in one language (None: nothing before it).

    `shared`: what the redlines of one site share (`Redlines`; every translation's page also
    shows the master's changes); the caller keeps the snapshots alive while it is used."""
    shared = shared if shared is not None else Redlines()

    f = frames(lang)
    master = head_snap.src.master
    assert master is not None
    master_lang = master.lang
    if base is None:
        h1 = f["redline_title"].format(version=head_snap.version)
    elif since:
        h1 = f["redline_since"].format(version=base.version)
    else:
        h1 = f["redline_title"].format(version=head_snap.version)
    body = [f"<h1>{esc(h1)}</h1>\n"]
    links = ["<span>" + esc(f["revised_on"]).replace("{date}", time_html(head_snap.date, lang))
             + "</span>"]
    if edition_href is not None:
        links.append(f'<a href="{esc(edition_href)}">'
                     f'{esc(f["read_version"].format(version=head_snap.version))}</a>')
    links.append(f'<a href="{esc(versions_href)}">{esc(f["all_versions"])}</a>')
    if pdf_href is not None:
        links.append(f'<a href="{esc(pdf_href)}" type="application/pdf">PDF</a>')
    body.append('<p class="status">' + ' <span aria-hidden="true">·</span> '.join(links)
                + "</p>\n")
    # The release notes in this edition's words that the page shows in full above its
    # changes, by key: the changes say they were added and are shown above, not repeat them.
    shown: dict[str, str] = {}
    if not since:
        notes = _notes(head_snap, base, lang)
        if notes:
            body.append(f'<h2 id="{NOTES_ID}">{esc(f["release_notes"])}</h2>\n'
                        '<ul class="notes">\n' + "\n".join(notes) + "\n</ul>\n")
            shown = {f"footer.revisions.{rid}": text
                     for rid, text, text_lang in _note_texts(head_snap, base, lang)
                     if text_lang == lang}
    if base is None:
        body.append(f'<p class="notice" role="note">{esc(f["redline_empty_base"])}</p>\n')
    body.append(f'<p class="legend">{esc(f["redline_intro"])}</p>\n')
    # each release note by its revision's date, as either side dates it
    dates = {r.id: r.date for snap in (base, head_snap)
             if snap is not None and snap.src.master is not None
             for r in snap.src.master.facts.revisions}
    sections = [(lang, f["redline_this"])] if lang != master_lang else []
    sections.append((master_lang, f["redline_master"]))
    for text_lang, heading in sections:
        new = shared.units(head_snap, text_lang)
        old = shared.units(base, text_lang)
        order = [u.key for u in master_units(master)]
        target = edition_href if text_lang == lang else None
        changes = _changes(old, new, order, lang, text_lang, target, shared, dates=dates,
                           shown=shown if text_lang == lang else None)
        body.append(f"<h2>{esc(heading)}</h2>\n")
        if text_lang == master_lang and lang != master_lang:
            body.append(f'<p>{esc(f["redline_master_intro"])}</p>\n')
        body.extend(changes or [f'<p>{esc(f["redline_none"])}</p>\n'])
    nav = _nav(lang, languages, here, to_lang)
    return _shell(lang=lang, title=f"{h1} — {master.facts.service}", root=root, nav=nav,
                  body="".join(body))

