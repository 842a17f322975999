"""`policy build --pdf`: every edition as PDF, laid out by WeasyPrint, read back with pypdf.

The text must be text (selectable, searchable): every clause title of the edition and the
contact e-mail are found in it, every font is embedded, and each page's footer carries the
version and the page number. Skipped when WeasyPrint or pypdf is not installed.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from engine.loader import load_folder
from engine.model import master_units, translation_units
from render.site import build_site
from render.strings import frames

pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (pip install '.[pdf]')")
pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (the test extra)")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "policy"


def _needs_font(lang: str) -> None:
    """Skip, with the reason, a test that reads an edition's text back from its PDF when no
    font for its language is installed."""
    missing = _no_font_for(lang)
    if missing is not None:
        pytest.skip(missing)


def _no_font_for(lang: str) -> str | None:
    """Why an edition's text cannot be in its PDF on this machine: no installed font covers
    its language (fontconfig's `fc-list :lang=ja`; Debian's fonts-noto-cjk for Japanese),
    so WeasyPrint lays out empty boxes. None when one does, or when fontconfig cannot say."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", f":lang={lang}"], capture_output=True, text=True)
    if listed.returncode != 0 or listed.stdout.strip():
        return None
    return f"no font for {lang} is installed (fc-list :lang={lang}; apt-get install fonts-noto-cjk)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "site"
    result = build_site(SHIPPED, out, allow_drift=True, pdf=True)
    assert result.written, [str(d) for d in result.diagnostics]
    return out


def _squash(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall anywhere in a title."""
    return re.sub(r"\s+", "", text)


def _titles(lang: str) -> list[str]:
    from render.markdown import to_plain

    src = load_folder(SHIPPED)
    assert src.master is not None
    if lang == src.master.lang:
        units = list(master_units(src.master))
    else:
        units = [u for u, _ in translation_units(src.translations[lang])]
    return [to_plain(u.title) for u in units if u.level == 0 and u.title]


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_pdf_text_holds_every_clause_title_and_the_contact(site: Path, lang: str) -> None:
    _needs_font(lang)
    reader = pypdf.PdfReader(str(site / lang / "policy.pdf"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = _squash(text)
    titles = _titles(lang)
    assert titles
    missing = [t for t in titles if _squash(t) not in flat]
    assert missing == []
    src = load_folder(SHIPPED)
    assert src.master is not None
    assert src.master.facts.email in flat


def _fonts(reader: Any) -> dict[str, Any]:
    fonts: dict[str, Any] = {}
    for page in reader.pages:
        for _name, ref in (page["/Resources"].get("/Font") or {}).items():
            font = ref.get_object()
            fonts[str(font.get("/BaseFont"))] = font
    return fonts


def _embedded(font: Any) -> bool:
    desc = font.get("/FontDescriptor")
    if desc is None and "/DescendantFonts" in font:
        desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    desc = desc.get_object() if desc is not None else {}
    return any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_pdf_fonts_are_embedded_and_pages_numbered(site: Path, lang: str) -> None:
    _needs_font(lang)
    reader = pypdf.PdfReader(str(site / lang / "policy.pdf"))
    fonts = _fonts(reader)
    assert fonts and all(_embedded(f) for f in fonts.values()), sorted(fonts)
    src = load_folder(SHIPPED)
    assert src.master is not None
    pages = len(reader.pages)
    last = _squash(reader.pages[-1].extract_text())
    assert _squash(frames(lang)["page"].format(page=pages, pages=pages)) in last
    assert src.master.facts.version in last
    assert (site / lang / "index.html").read_text("utf-8").count('href="policy.pdf"') >= 1


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_pdf_never_ends_a_page_with_a_note_on_what_follows(site: Path, lang: str) -> None:
    """A review note ("Translated by us; …", "Our legal team has not yet reviewed this part")
    or an out-of-date banner stands above the text it speaks of: printed, it stays on that
    text's page. The Russian edition's last release note left its note alone at the foot of
    page 8, the note itself on page 9."""
    _needs_font(lang)
    notes = {_squash(frames(lang)[key]) for key in ("translated", "awaiting_long", "stale",
                                                     "unreviewed")}
    reader = pypdf.PdfReader(str(site / lang / "policy.pdf"))
    pages = len(reader.pages)
    stranded = []
    for n, page in enumerate(reader.pages[:-1], 1):
        footer = _squash(frames(lang)["page"].format(page=n, pages=pages))
        lines = [_squash(line) for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not line.endswith(footer)]
        if body and body[-1] in notes:
            stranded.append((n, body[-1]))
    assert stranded == []


def _structure(node: Any, found: set[str]) -> set[str]:
    """The structure types (/H1, /P, /L …) under a node of the PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            _structure(kid, found)
    return found


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_pdfs_are_tagged_for_screen_readers(site: Path, lang: str) -> None:
    """Every PDF, the edition's and each redline's, is a tagged PDF in the page's language: a
    screen reader reads its structure (headings, paragraphs, lists), not loose glyphs."""
    pdfs = [site / lang / "policy.pdf", *sorted(site.glob(f"versions/*/{lang}/changes.pdf"))]
    for pdf in pdfs:
        root = pypdf.PdfReader(str(pdf)).trailer["/Root"]
        assert bool(root.get("/MarkInfo", {}).get("/Marked", False)), pdf
        assert root.get("/Lang") == lang, pdf
        kinds = _structure(root["/StructTreeRoot"], set())
        assert {"/H1", "/H2", "/P", "/L", "/LI"} <= kinds, (pdf, sorted(kinds))


def _sized_lines(page: Any) -> list[tuple[float, str]]:
    """Each run of text on a page with the size it is set in, in points."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            found.append((round(size * tm[0] * cm[0], 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_pdf_small_print_is_not_set_larger_than_the_text(site: Path, lang: str) -> None:
    """A note set smaller than the text on screen (the key points' notice, 0.925rem) is
    smaller in print too: print sets its text size on the root, which rem sizes follow (it set
    it on body, so the notice printed at 11.1 pt beside text at 10.5 pt)."""
    _needs_font(lang)
    lines = _sized_lines(pypdf.PdfReader(str(site / lang / "policy.pdf")).pages[0])
    sizes = [size for size, _ in lines]
    body = max(set(sizes), key=sizes.count)  # the size most of the page is set in
    start = _squash(frames(lang)["summary_notice"])[:8]
    notice = [size for size, text in lines if _squash(text).startswith(start)]
    assert notice and notice[0] < body, (notice, body)


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_pdf_links_only_to_the_web_mail_or_itself(site: Path, lang: str) -> None:
    """Links between pages of the site would point nowhere in a PDF: they are plain text."""
    reader = pypdf.PdfReader(str(site / lang / "policy.pdf"))
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert all(u.startswith(("http://", "https://", "mailto:")) and "site.invalid" not in u
               for u in uris), uris


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_pdf_prints_where_the_japanese_edition_is(site: Path, lang: str) -> None:
    """The printed link to the prevailing edition names a place a reader can find (the full
    address when `site-url` is configured), never the relative `../ja/index.html`."""
    page = (site / lang / "index.html").read_text("utf-8")
    found = re.search(r'class="edition-link"[^>]* data-print="([^"]*)"', page)
    assert found is not None
    flat = _squash("\n".join(p.extract_text() for p in pypdf.PdfReader(
        str(site / lang / "policy.pdf")).pages))
    assert _squash(html.unescape(found.group(1))) in flat
    assert "../ja/index.html" not in flat


@pytest.mark.parametrize(("lang", "version", "contact"), [
    ("ja", "バージョン：", "お問い合わせ："), ("ru", "Версия: ", "Контакты: "),
    ("en", "Version: ", "Contact: ")])
def test_pdf_facts_are_separated_from_their_labels(site: Path, lang: str, version: str,
                                                   contact: str) -> None:
    """In print the version and the contact follow their labels as a reader writes them: a
    space after the colon (never "Version:2.2.0"), a full-width colon in Japanese."""
    _needs_font(lang)
    src = load_folder(SHIPPED)
    assert src.master is not None
    facts = src.master.facts
    last = pypdf.PdfReader(str(site / lang / "policy.pdf")).pages[-1].extract_text()
    assert f"{version}{facts.version}" in last, last[-200:]
    assert f"{contact}{facts.email}" in last, last[-200:]


def _cues(lang: str) -> dict[str, tuple[str, str]]:
    """What a screen reader is told around struck-through and underlined words, by tag."""
    f = frames(lang)
    return {tag: (f"[{f[kind + '_start']}]", f"[{f[kind + '_end']}]")
            for tag, kind in (("del", "deletion"), ("ins", "insertion"))}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_redline_pdf_says_where_deleted_and_inserted_words_are(site: Path, lang: str) -> None:
    """A redline PDF read aloud tells which words were deleted and which inserted, as the page
    does: the cues are in the PDF's text, around each changed run of words and in reading
    order (print hid them, so a tagged PDF read «WeTo improve»), yet never printed: they are
    set 1px high (0.75 pt) in a transparent colour."""
    _needs_font(lang)
    pdfs = sorted(site.glob(f"versions/*/{lang}/changes.pdf"))
    assert pdfs
    cues = _cues(lang)
    seen: set[str] = set()
    for pdf in pdfs:
        page = (pdf.parent / "changes.html").read_text("utf-8")
        reader = pypdf.PdfReader(str(pdf))
        flat = _squash("".join(p.extract_text() for p in reader.pages))
        here: set[str] = set()  # a version may change no word of this edition but add its
        # release note, which the page shows once, above its changes
        for tag, (start, end) in cues.items():
            changed = [_squash(html.unescape(re.sub(r"<[^>]*>", "", t)))
                       for t in re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)]
            if changed:
                here.add(tag)
            assert flat.count(_squash(start)) == len(changed), (pdf, start)
            assert flat.count(_squash(end)) == len(changed), (pdf, end)
            missing = [t for t in changed if _squash(start) + t + _squash(end) not in flat]
            assert missing == [], (pdf, missing)
        said = {_squash(w) for pair in cues.values() for w in pair}
        sizes = {size for p in reader.pages for size, text in _sized_lines(p)
                 if _squash(text) in said}
        assert (sizes and max(sizes) <= 1) if here else not sizes, (pdf, sizes)
        seen |= here
    assert seen == {"del", "ins"}
