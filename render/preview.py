"""`policy preview`: the site served from memory on 127.0.0.1, rebuilt on every save, with each
finding of `policy check` shown on the page at the clause it concerns, in the page's language.

Like `mkdocs serve`: nothing is written to disk. A watcher (watchfiles) rebuilds the site when
any file of the policy folder (or CHANGELOG.md) changes; each build gets a new version number,
and the open page polls `/__preview/version` and reloads itself when it changes. Only preview
pages carry that script: their Content-Security-Policy allows the preview's own script and
stylesheet (`/__preview/…`, same origin); the published site keeps its no-script policy. When a
file cannot be read (say, a YAML slip mid-edit), the last good pages stay up with the error on
top, so the editor never loses the page they were reading.
"""

from __future__ import annotations

import html
import posixpath
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from engine.diagnostics import Diagnostic, Severity

from .html import CSP, esc
from .preview_words import finding_sentence, ui
from .view import doc_anchor

PREFIX = "/__preview/"
PREVIEW_CSP = CSP.replace("default-src 'none';", "default-src 'none'; script-src 'self'; "
                          "connect-src 'self';")
RELOAD_JS = """\
(function () {
  var seen = document.documentElement.getAttribute("data-preview-version");
  function poll() {
    fetch("/__preview/version", {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (v) {
        if (v.trim() !== seen) { location.reload(); } else { setTimeout(poll, 300); }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 300);
})();
"""
PREVIEW_CSS = """\
.preview-bar { position: sticky; top: 0; z-index: 10; background: #223; color: #fff;
  font: 0.85rem/1.4 system-ui, sans-serif; padding: 0.3rem 0.8rem; }
.preview-findings { border-left: 4px solid #c0392b; background: #fdf0ee; color: #222;
  margin: 0.5rem 0; padding: 0.4rem 0.8rem; font: 0.9rem/1.45 system-ui, sans-serif; }
.preview-findings.warning { border-color: #b7791f; background: #fff8e6; }
.preview-findings.note { border-color: #777; background: #f3f3f3; }
.preview-findings p { margin: 0.2rem 0; }
.preview-findings .where { color: #555; font-size: 0.8rem; }
.preview-stale { background: #c0392b; color: #fff; padding: 0.4rem 0.8rem;
  font: 0.9rem/1.4 system-ui, sans-serif; }
"""
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json",
         ".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


@dataclass(slots=True)
class Build:
    """One rebuild: the site's files (pages already carrying the findings) and what it found."""

    version: int
    files: dict[str, bytes]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: list[Diagnostic] = field(default_factory=list)  # why the last good pages show
    master_file: str = ""  # the master's file, as the findings name it
    # errors that no page shows: in a file no page is built from (a translation that cannot
    # be read, whose pages are gone; CHANGELOG.md), said on the console where they are
    unshown: list[Diagnostic] = field(default_factory=list)


def anchor_of(unit: str | None) -> str | None:
    """The HTML id a finding's unit has on the page (render/view.py)."""
    if not unit:
        return None
    if unit in ("title", "preamble") or unit.startswith("footer."):
        return doc_anchor(unit)
    return unit.rsplit(".", 1)[-1]


def _finding_html(found: Sequence[Diagnostic], lang: str, heading: str) -> str:
    worst = max(d.severity for d in found)
    css = {Severity.ERROR: "", Severity.WARNING: " warning", Severity.NOTE: " note"}[worst]
    parts = [f'<aside class="preview-findings{css}" role="note" data-preview-finding>',
             f"<p><strong>{html.escape(heading)}</strong></p>"]
    from engine.humane import finding_text

    for d in found:
        level = ui(str(d.severity), lang)
        # What the code means, then this finding as `policy check` says it in `lang` (engine/
        # humane.py): never the checker's English message, fingerprints and all, on a Japanese
        # or Russian page. (Where check has no words of its own for the finding, it leads with
        # the same sentence: said once.)
        headline, said = finding_sentence(d.code, lang), finding_text(d, lang)
        text = said if said.startswith(headline) else f"{headline} {ui('detail', lang)}: {said}"
        parts.append(f'<p data-code="{html.escape(d.code)}">{html.escape(level)}: '
                     f"{html.escape(text)} "
                     f'<span class="where">[{html.escape(d.code)}] — '
                     f"{html.escape(d.location)}</span></p>")
    parts.append("</aside>")
    return "".join(parts)


def _unreadable_html(found: Sequence[Diagnostic], lang: str) -> str:
    """Why the pages are not new, in `lang`: each finding as `policy check` says it (engine/
    humane.py finding_text), with its place and code."""
    from engine.humane import finding_text

    return " ".join(html.escape(f"{d.location}: {finding_text(d, lang)} [{d.code}]")
                    for d in found)


def decorate(page: str, lang: str, version: int, found: Sequence[Diagnostic],
             unreadable: Sequence[Diagnostic] = ()) -> str:
    """A published page turned into a preview page: preview CSP, script and stylesheet, a
    banner, and each finding at its clause (or at the top when it has none on this page)."""
    out = page.replace(f'content="{esc(CSP)}"', f'content="{esc(PREVIEW_CSP)}"', 1)
    out = out.replace("<html ", f'<html data-preview-version="{version}" ', 1)
    out = out.replace("</head>", f'<link rel="stylesheet" href="{PREFIX}preview.css">\n'
                      f'<script src="{PREFIX}reload.js" defer></script>\n</head>', 1)
    top: list[Diagnostic] = []
    by_anchor: dict[str, list[Diagnostic]] = {}
    for d in found:
        anchor = anchor_of(d.unit)
        if anchor is not None and f'id="{anchor}"' in out:
            by_anchor.setdefault(anchor, []).append(d)
        else:
            top.append(d)
    for anchor, items in by_anchor.items():
        at = out.index(f'id="{anchor}"')
        end = out.index(">", at) + 1
        out = out[:end] + _finding_html(items, lang, ui("heading", lang)) + out[end:]
    bar = f'<div class="preview-bar">{html.escape(ui("banner", lang))}</div>'
    if unreadable:
        bar += (f'<div class="preview-stale">{html.escape(ui("stale_build", lang))} '
                + _unreadable_html(unreadable, lang) + "</div>")
    if top:
        bar += _finding_html(top, lang, ui("page", lang))
    at = out.find("<body")
    if at >= 0:
        end = out.index(">", at) + 1
        out = out[:end] + bar + out[end:]
    return out


def _error_page(version: int, found: Sequence[Diagnostic], lang: str = "en") -> bytes:
    """The page shown when no edition could ever be read: why, in `lang` (POLICY_LANG or the
    locale, as the commands' --lang defaults)."""
    items = "".join(f"<li>{_unreadable_html([d], lang)}</li>" for d in found)
    page = (f'<!DOCTYPE html><html data-preview-version="{version}" lang="{lang}"><head>'
            f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            f'content="{esc(PREVIEW_CSP)}"><title>{html.escape(ui("title", lang))}</title>'
            f'<link rel="stylesheet" href="{PREFIX}preview.css">'
            f'<script src="{PREFIX}reload.js" defer></script></head><body>'
            f'<div class="preview-stale">{html.escape(ui("stale_build", lang))}</div>'
            f"<ul>{items}</ul></body></html>")
    return page.encode("utf-8")


def _shown_on(d: Diagnostic, lang: str) -> bool:
    """Whether the pages of edition `lang` show the finding: its own, and those of no file."""
    return d.lang == lang or (d.lang is None and d.file == "")


def _file_lang(d: Diagnostic) -> str:
    """The edition a finding's file holds, by its name (`policy/ru.yaml`: ru)."""
    return posixpath.splitext(posixpath.basename(d.file.replace("\\", "/")))[0]


def page_lang(name: str, langs: Sequence[str]) -> str | None:
    first = name.split("/", 1)[0]
    return first if first in langs and name.endswith(".html") else None


class Preview:
    """The current build, rebuilt on demand (thread-safe)."""

    def __init__(self, policy_dir: Path) -> None:
        self.policy_dir = Path(policy_dir)
        self._lock = threading.Lock()
        self._build = Build(0, {})
        self._raw: dict[str, bytes] = {}  # the last good site, undecorated
        self._langs: tuple[str, ...] = ()
        self.rebuild()

    @property
    def current(self) -> Build:
        with self._lock:
            return self._build

    def rebuild(self) -> Build:
        from engine.check import check_sources
        from engine.loader import load_folder

        from .site import render_site

        src = load_folder(self.policy_dir, cache=False)  # kept in memory here: no sources cache
        previous = self.current
        version = previous.version + 1
        if src.master is None:
            unreadable = [d for d in src.diagnostics if d.severity is Severity.ERROR]
            # Keep the last good pages, saying on top why they are not new.
            decorated = {n: (decorate(b.decode("utf-8"), lang, version, [], unreadable)
                             .encode("utf-8") if (lang := page_lang(n, self._langs)) else b)
                         for n, b in self._raw.items()}
            if not decorated:
                import os

                from engine.saying import language_from_env

                decorated["index.html"] = _error_page(version, unreadable,
                                                      language_from_env(os.environ))
            build = Build(version, decorated, list(src.diagnostics), unreadable)
        else:
            checked = check_sources(src, cache=False)  # every save changes the files
            raw = render_site(src, checked.states)
            langs = (src.master.lang, *src.translations)
            paged = {lang for name in raw if (lang := page_lang(name, langs)) is not None}
            unshown = [d for d in checked.diagnostics if d.severity is Severity.ERROR
                       and not any(_shown_on(d, lang) for lang in paged)]
            # A translation that cannot be read keeps its last good pages with the error on
            # top, as the master does: without them its open page said "not found" and,
            # having lost its reload script, never came back once the file was fixed.
            lost = tuple(lang for lang in self._langs if lang not in langs
                         and any(_file_lang(d) == lang for d in unshown))
            kept = {n: b for n, b in self._raw.items() if n.split("/", 1)[0] in lost}
            self._raw, self._langs = {**raw, **kept}, (*langs, *lost)
            files = {}
            for name, data in self._raw.items():
                lang = page_lang(name, self._langs)
                if lang is None:
                    files[name] = data
                elif lang in lost:
                    why = [d for d in unshown if _file_lang(d) == lang]
                    files[name] = decorate(data.decode("utf-8"), lang, version, [],
                                           why).encode("utf-8")
                else:
                    mine = [d for d in checked.diagnostics if _shown_on(d, lang)]
                    files[name] = decorate(data.decode("utf-8"), lang, version,
                                           mine).encode("utf-8")
            master_file = src.master_doc.file if src.master_doc is not None else ""
            build = Build(version, files, list(checked.diagnostics), master_file=master_file,
                          unshown=unshown)
        with self._lock:
            self._build = build
        return build

    def get(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a request path."""
        build = self.current
        if path == PREFIX + "version":
            return 200, TYPES[".txt"], str(build.version).encode()
        if path == PREFIX + "reload.js":
            return 200, TYPES[".js"], RELOAD_JS.encode()
        if path == PREFIX + "preview.css":
            return 200, TYPES[".css"], PREVIEW_CSS.encode()
        name = posixpath.normpath(path.split("?", 1)[0].split("#", 1)[0]).lstrip("/")
        if name in ("", "."):
            name = "index.html"
        if name not in build.files and f"{name}/index.html" in build.files:
            name = f"{name}/index.html"
        body = build.files.get(name)
        if body is None:
            return 404, TYPES[".txt"], b"not found\n"
        return 200, TYPES.get(posixpath.splitext(name)[1], "application/octet-stream"), body


def make_server(preview: Preview, port: int) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 only (never another interface)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, ctype, body = preview.get(self.path)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return  # quiet: the editor watches the page, not the log

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def find_changelog(policy_dir: Path) -> Path | None:
    """CHANGELOG.md beside the policy folder (the repository root) or inside it."""
    for candidate in (policy_dir.parent / "CHANGELOG.md", policy_dir / "CHANGELOG.md"):
        if candidate.is_file():
            return candidate
    return None


def watch_paths(policy_dir: Path) -> list[Path]:
    paths = [Path(policy_dir)]
    log = find_changelog(Path(policy_dir))
    if log is not None:
        paths.append(log)
    return paths


def watch_and_rebuild(preview: Preview, stop: threading.Event,
                      on_build: Callable[[Build], None] | None = None) -> None:
    """Rebuild after every save until `stop` is set (run in a thread)."""
    from watchfiles import watch

    for _changes in watch(*watch_paths(preview.policy_dir), stop_event=stop, debounce=200,
                          step=50, raise_interrupt=False):
        build = preview.rebuild()
        if on_build is not None:
            on_build(build)


def summary(build: Build, say: str = "en") -> str:
    """What the console says after each build, in `say` (ja, ru, en): one line, or, when a
    file cannot be read, its findings first."""
    from engine.commandwords import say as words

    if build.unreadable:  # where and what, as `policy check` says it, then what the preview does
        from engine.humane import format_human

        return format_human(build.unreadable, lang=say,
                            tail=words("preview_unreadable", say, build=build.version)).rstrip("\n")
    # The state counted and said as `policy check` says it ("1 master change needs
    # translating"), not the findings on the pages (one per edition that lags behind it).
    from engine.humane import verdict

    built = words("preview_built", say, build=build.version,
                  verdict=verdict(build.diagnostics, build.master_file, say))
    if build.unshown:  # errors no page shows (a translation that cannot be read): where first
        from engine.humane import format_human

        return format_human(build.unshown, lang=say, tail=built).rstrip("\n")
    return built


def serve(policy_dir: Path, port: int, *, ready: Callable[[int, Build], None] | None = None,
          log: Callable[[Build], None] | None = None) -> None:
    """Build, serve and watch until interrupted."""
    preview = Preview(policy_dir)
    server = make_server(preview, port)
    stop = threading.Event()
    watcher = threading.Thread(target=watch_and_rebuild, args=(preview, stop, log),
                               daemon=True)
    watcher.start()
    if ready is not None:
        ready(server.server_address[1], preview.current)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()

