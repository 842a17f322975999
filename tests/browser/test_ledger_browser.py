"""The ledger page in headless Chromium: axe-core finds no serious or critical violation in any
language, the tables scroll inside their region rather than the page at 375 px, and the
printed page keeps every column (the contents list is left out)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import load
from engine.uses import build_ledger, load_uses
from render.ledger import render_ledger
from tests.browser.test_site_browser import (
    ARGS,
    ARTIFACTS,
    AXE,
    CHROMIUM,
    _axe,
    _open,
    _Quiet,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parent.parent.parent
FIX = ROOT / "tests" / "fixtures" / "uses"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sync_playwright is None, reason="playwright (python) is not installed"),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="no browser: /usr/bin/chromium missing (apt-get install chromium)"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core missing: run "
                       "`npm install --prefix tests/browser` (tests/browser/package-lock.json)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("ledger")
    fixture = build_ledger(load(FIX / "policy"), load_uses(FIX / "ledger"))
    examples = build_ledger(load(ROOT / "policy"), load_uses(ROOT / "examples" / "uses"))
    for lang in ("ja", "ru", "en"):
        (root / f"fixture.{lang}.html").write_text(render_ledger(fixture, lang, "html"), "utf-8")
        (root / f"examples.{lang}.html").write_text(render_ledger(examples, lang, "html"),
                                                    "utf-8")
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
def browser() -> Iterator[object]:
    assert sync_playwright is not None
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.mark.parametrize("page", ["fixture.ja.html", "fixture.ru.html", "fixture.en.html",
                                  "examples.ja.html"])
def test_no_serious_accessibility_violations(browser, server: str, page: str) -> None:  # type: ignore[no-untyped-def]
    violations = _axe(browser, f"{server}/{page}", server)
    assert violations == [], [(v["id"], v["impact"], v["help"]) for v in violations]


def test_narrow_screen_scrolls_the_table_not_the_page(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page, watch = _open(browser, f"{server}/examples.en.html", server, width=375)
    scroll, client = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client
    assert watch.foreign == [] and watch.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ledger-examples-en-375.png"), full_page=True)
    page.context.close()


def test_print_keeps_the_tables_and_drops_the_contents(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page, _watch = _open(browser, f"{server}/examples.ja.html", server)
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible()
    assert page.locator("table").first.is_visible()
    assert page.locator("thead th").count() == 9 * page.locator("table").count()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "ledger-examples-ja-print.pdf"), landscape=True)
    page.context.close()
