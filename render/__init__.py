"""Render a validated policy as a static multilingual site: HTML pages, Markdown, the bundle, the version archive, PDFs.

`render.site.build_site(policy_dir, out_dir)` is the entry point; the other modules are its
parts: `markdown` (safe Markdown to HTML), `html` (pages), `archive` and `versions` (the version archive and its redlines), `pdf`, `assets` (CSS),
`strings` (interface words per language).
"""

from __future__ import annotations
