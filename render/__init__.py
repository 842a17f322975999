"""Render a validated policy as a static multilingual site: HTML pages, Markdown, the bundle, the changelog.

`render.site.build_site(policy_dir, out_dir)` is the entry point; the other modules are its
parts: `markdown` (safe Markdown to HTML), `html` (pages), `changelog`, `assets` (CSS),
`strings` (interface words per language).
"""

from __future__ import annotations
