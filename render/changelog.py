"""The change history page (`<site>/changes.html`) from CHANGELOG.md, kept in Keep a Changelog format.

The changelog is Markdown like the policy text and goes through the same safe renderer; each
version heading (`## [1.0.2] - 2022-04-01`) gets the anchor `v1.0.2`, so a release can be linked.
"""

from __future__ import annotations

from pathlib import Path

from .html import document_page
from .markdown import document_html, to_plain

CHANGELOG_NAME = "CHANGELOG.md"


def find_changelog(policy_dir: Path) -> Path | None:
    """CHANGELOG.md beside the policy folder (the repository root) or inside it."""
    for candidate in (policy_dir.parent / CHANGELOG_NAME, policy_dir / CHANGELOG_NAME):
        if candidate.is_file():
            return candidate
    return None


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return to_plain(line[2:])
    return "Changelog"


def changes_page(text: str, *, lang: str = "en", back: str = "Privacy policy") -> str:
    """The changelog as a page; an empty text gives a page that says so."""
    body = document_html(text) if text.strip() else "<h1>Changelog</h1>\n<p>No entries.</p>\n"
    return document_page(lang=lang, title=_title(text), body_html=body, back=back)
