"""The "what changed" pages of `policy build --since REV`: the semantic diff since a git revision.

The diff is `policy diff`'s (engine.diff.diff_since) and the page is its redline page
(render.redline.render_diff_page), so the site shows exactly what CI computed: one page per
edition, `<lang>/changes-since.html`, and the master's at the site root, `changes-since.html`.
"""

from __future__ import annotations

from pathlib import Path

from engine.diagnostics import Diagnostic, PolicyLoadError, make
from engine.loader import Sources

PAGE_NAME = "changes-since.html"


def since_files(policy_dir: Path, since: str,
                src: Sources) -> tuple[dict[str, str], list[Diagnostic]]:
    """Files to add to the site and any problem building them (never raises for bad input)."""
    from engine.diff import diff_since

    from .redline import WORDS, render_diff_page

    try:
        diff = diff_since(since, policy_dir)
    except PolicyLoadError as exc:
        return {}, [*exc.diagnostics, make("RENDER005", f"--since {since}: the diff could not "
                                           "be computed", str(policy_dir))]
    langs = [src.master.lang] if src.master is not None else []
    langs += sorted(src.translations)
    files = {f"{lang}/{PAGE_NAME}": render_diff_page(diff, lang) for lang in langs if lang in WORDS}
    root = langs[0] if langs and langs[0] in WORDS else "en"
    files[PAGE_NAME] = render_diff_page(diff, root)
    return files, []
