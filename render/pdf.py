"""PDF files of the site, laid out by WeasyPrint from the same HTML and the print stylesheet.

Each edition (`<lang>/policy.pdf`) and each version's redline
(`versions/<version>/<lang>/changes.pdf`) is printed from its page as built, with the fonts
embedded (Noto Sans CJK from Debian's fonts-noto-cjk covers Japanese, Cyrillic and Latin),
page numbers, and the title, version and date in the footer of every page. The text stays
text: it can be selected and searched, and it is tagged (a structure tree of headings,
paragraphs, lists and links, with the page's language) for screen readers. A redline's words
said around deletions and insertions ("deletion start" …) are in its text and tags, where the
words fall, but not printed (the print stylesheet, render/assets.py). Nothing is fetched from
outside the site.
"""

from __future__ import annotations

import io
import mimetypes
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import patterns

from .strings import frames


class PdfError(Exception):
    """WeasyPrint is missing or failed; the message says which."""


@dataclass(frozen=True, slots=True)
class PdfJob:
    html: str  # the page's path in the site
    pdf: str  # where its PDF goes
    lang: str
    footer: str  # title, version and date, in the page's language


# Pages are laid out as if served from this address, which names no real host: WeasyPrint
# resolves relative links against it and the fetcher serves only the site's own files.
SITE_URL = "https://site.invalid/"

# The one family used for every language: it carries Japanese, Cyrillic and Latin glyphs.
FONT_FAMILY = {"ja": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC", "ko": "Noto Sans CJK KR"}


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_css(job: PdfJob) -> str:
    """The page box of one PDF: margins, the footer line and localized page numbers."""
    words = frames(job.lang)["page"]
    before, _, rest = words.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    counter = " ".join(p for p in (_css_string(before) if before else "", "counter(page)",
                                   _css_string(middle) if middle else "", "counter(pages)",
                                   _css_string(after) if after else "") if p)
    family = FONT_FAMILY.get(job.lang, "Noto Sans CJK JP")
    return f"""
@page {{
  size: A4; margin: 18mm 16mm 20mm;
  @bottom-left {{ content: {_css_string(job.footer)}; font: 8pt "{family}", sans-serif;
                 color: #333; }}
  @bottom-right {{ content: {counter}; font: 8pt "{family}", sans-serif; color: #333; }}
}}
html, body {{ font-family: "{family}", "Noto Sans CJK JP", sans-serif; }}
"""


def _fetcher(files: Mapping[str, bytes]) -> Any:
    """A WeasyPrint URL fetcher that serves the site's own files and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            prefix = SITE_URL
            if not url.startswith(prefix):
                raise PdfError(f"refused to fetch {url[:80]}")
            name = posixpath.normpath(url[len(prefix):].split("#", 1)[0])
            if name not in files:
                raise PdfError(f"{name} is not part of the site")
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=files[name], headers={"Content-Type": mime})

    return SiteFetcher(fail_on_errors=True)


# Links to other pages of the site mean nothing in a PDF read on its own: they become text.
# In-page anchors (#clause), web and mail links stay links.
_RELATIVE_HREF = patterns.compile(r'(<a\b[^>]*?) href="(?!#|https?:|mailto:)[^"]*"')


def for_print(html: str) -> str:
    """The page as the PDF shows it: links to other pages of the site turned into text."""
    return _RELATIVE_HREF.sub(r"\1", html)


def render_pdf(files: Mapping[str, bytes], job: PdfJob) -> bytes:
    """One page of the built site as PDF bytes."""
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfError("WeasyPrint is not installed") from exc
    try:
        doc = weasyprint.HTML(string=for_print(files[job.html].decode("utf-8")),
                              base_url=SITE_URL + job.html, url_fetcher=_fetcher(files),
                              media_type="print")
        out = io.BytesIO()
        # pdf_tags: a tagged PDF (headings, paragraphs, lists, links as a structure tree), so a
        # screen reader can read it in order and move by heading; no PDF/UA claim is made.
        doc.write_pdf(out, stylesheets=[weasyprint.CSS(string=page_css(job))],
                      pdf_identifier=job.pdf.encode(), uncompressed_pdf=False, pdf_tags=True)
        return out.getvalue()
    except PdfError:
        raise
    except Exception as exc:  # WeasyPrint's own errors carry no common base class
        raise PdfError(f"{job.html}: {exc}") from exc


def pdf_files(files: Mapping[str, bytes], jobs: Sequence[PdfJob]) -> dict[str, bytes]:
    """Every PDF of the site, by path."""
    return {job.pdf: render_pdf(files, job) for job in jobs}
