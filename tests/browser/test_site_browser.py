"""End to end in headless Chromium (Debian's `chromium`, driven by Playwright): the built site as readers see it.

Opens each edition, follows the language switcher from a clause to the same clause, checks a
stale fixture's banner, runs axe-core (tests/browser/node_modules, from `npm install --prefix
tests/browser`) for serious or critical violations, checks there is no horizontal scroll at
375 px, that no script runs and nothing is fetched from elsewhere, and saves screenshots into
test-artifacts/. Skipped, with the reason, when Chromium or axe-core is missing.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from render.site import build_site

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIX = HERE.parent / "fixtures" / "render"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sync_playwright is None, reason="playwright (python) is not installed"),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="no browser: /usr/bin/chromium missing (apt-get install chromium)"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core missing: run "
                       "`npm install --prefix tests/browser` (tests/browser/package-lock.json)"),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the clean and the drift fixture sites from one folder on 127.0.0.1."""
    root = tmp_path_factory.mktemp("served")
    for name, drift in (("clean", False), ("drift", True)):
        result = build_site(FIX / name, root / name, allow_drift=drift)
        assert result.written, [str(d) for d in result.diagnostics]
    shipped = ROOT / "policy"
    if (shipped / "ja.yaml").is_file():
        assert build_site(shipped, root / "shipped", allow_drift=True).written
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert sync_playwright is not None
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Watch:
    """Records every request, console error and page error while a page is open."""

    def __init__(self, page: Page, base: str) -> None:
        self.base = base
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        # Failed loads are checked by URL in _response (the browser's own favicon probe aside).
        page.on("console", lambda msg: self.errors.append(msg.text)
                if msg.type == "error" and "Failed to load resource" not in msg.text else None)

    def _response(self, response: Any) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.errors.append(f"{response.status} {response.url}")

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.base):
            self.foreign.append(request.url)


def _open(browser: Browser, url: str, base: str, width: int = 1280,
          js: bool = False) -> tuple[Page, Watch]:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=js, bypass_csp=js)
    page = context.new_page()
    watch = Watch(page, base)
    page.goto(url, wait_until="load")
    return page, watch


def _axe(browser: Browser, url: str, base: str) -> list[dict[str, Any]]:
    """axe-core's violations of impact serious or critical (the page's CSP is bypassed so the
    injected checker can run; the page itself ships no script)."""
    page, _watch = _open(browser, url, base, js=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.context.close()
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_each_edition_opens_and_reads_without_javascript(browser: Browser, server: str,
                                                        lang: str) -> None:
    page, watch = _open(browser, f"{server}/clean/{lang}/index.html", server)
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").inner_text().strip()
    assert page.locator("section.clause").count() == 3
    assert page.locator("nav.toc a").count() == 3
    # The stylesheet applied (CSP allows 'self'): the TOC box has its border.
    assert page.eval_on_selector("nav.toc", "e => getComputedStyle(e).borderTopStyle") == "solid"
    assert watch.foreign == [] and watch.errors == []
    page.context.close()


def test_language_switcher_leads_to_the_same_clause(browser: Browser, server: str) -> None:
    page, watch = _open(browser, f"{server}/clean/ru/index.html", server)
    page.locator("#use p.switch a[hreflang=en]").click()
    page.wait_for_url(f"{server}/clean/en/index.html#use")
    assert page.get_attribute("html", "lang") == "en"
    target = page.locator("section#use")
    assert target.is_visible()
    assert target.locator("h2").inner_text().startswith("2.")
    # The clause is scrolled into view.
    top = target.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]  # type: ignore[index]
    page.locator("#use p.switch a[hreflang=ja]").click()
    page.wait_for_url(f"{server}/clean/ja/index.html#use")
    assert page.get_attribute("html", "lang") == "ja"
    assert watch.foreign == []
    page.context.close()


def test_chooser_leads_to_each_language(browser: Browser, server: str) -> None:
    page, _watch = _open(browser, f"{server}/clean/index.html", server)
    page.locator("a[hreflang=ru]").click()
    page.wait_for_url(f"{server}/clean/ru/index.html")
    assert page.get_attribute("html", "lang") == "ru"
    page.context.close()


def test_stale_clause_shows_its_banner(browser: Browser, server: str) -> None:
    page, _watch = _open(browser, f"{server}/drift/ru/index.html#use", server)
    banner = page.locator("section#use p.drift")
    assert banner.is_visible()
    assert banner.get_attribute("data-state") == "stale"
    assert page.locator("p.drift").count() == 1  # only the stale clause
    banner.locator("a").click()
    page.wait_for_url(f"{server}/drift/ja/index.html#use")
    assert page.locator("section#use").is_visible()
    page.context.close()


def test_no_script_runs_even_if_injected(browser: Browser, server: str) -> None:
    """The CSP forbids scripts: a script element added to the page does not execute."""
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.goto(f"{server}/clean/en/index.html")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'document.title = "pwned"'; document.body.appendChild(s); }""")
    assert page.title() != "pwned"
    context.close()


@pytest.mark.parametrize("path", ["clean/index.html", "clean/ja/index.html", "clean/ru/index.html",
                                  "clean/en/index.html", "drift/en/index.html",
                                  "clean/changes.html"])
def test_no_serious_accessibility_violations(browser: Browser, server: str, path: str) -> None:
    violations = _axe(browser, f"{server}/{path}", server)
    assert violations == [], [(v["id"], v["impact"], v["help"]) for v in violations]


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_no_horizontal_scroll_at_375px_and_screenshots(browser: Browser, server: str,
                                                       lang: str) -> None:
    site = "shipped" if (ROOT / "policy" / "ja.yaml").is_file() else "clean"
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page, _watch = _open(browser, f"{server}/{site}/{lang}/index.html", server, width=width)
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{lang} at {width}px: scrollWidth {scroll} > {client}"
        page.screenshot(path=str(ARTIFACTS / f"site-{site}-{lang}-{width}.png"), full_page=True)
        page.context.close()
    assert (ARTIFACTS / f"site-{site}-{lang}-375.png").stat().st_size > 0


def test_print_stylesheet_hides_navigation(browser: Browser, server: str) -> None:
    page, _watch = _open(browser, f"{server}/clean/en/index.html", server)
    page.emulate_media(media="print")
    assert not page.locator("nav.toc").is_visible()
    assert not page.locator("nav.langs").is_visible()
    assert page.locator("section#use").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "site-clean-en-print.pdf"))
    page.context.close()
