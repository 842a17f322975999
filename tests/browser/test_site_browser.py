"""End to end in headless Chromium (Debian's `chromium`, driven by Playwright): the built site as readers see it.

Opens each edition, follows the language switcher from a clause to the same clause, checks a
stale fixture's banner, the contents (folded at 375 px, a sticky column at 1280 px), the
permalinks and back-to-top links, dark mode and print; runs axe-core (tests/browser/node_modules,
from `npm install --prefix tests/browser`) on every kind of page in both colour schemes and
accepts no violation of any impact; checks there is no horizontal scroll at 375 px, that no
script runs and nothing is fetched from elsewhere, and saves screenshots of every kind of page
at both widths and in both schemes into test-artifacts/. Skipped, with the reason, when
Chromium or axe-core is missing.
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
    no_address = tmp_path_factory.mktemp("plain") / "pyproject.toml"
    no_address.write_text("[tool.policy]\n", "utf-8")
    if (shipped / "ja.yaml").is_file():
        assert build_site(shipped, root / "shipped", allow_drift=True,
                          pyproject=no_address).written
    # The same fixture published at a configured address (an example host, RFC 2606).
    addressed = tmp_path_factory.mktemp("addressed") / "pyproject.toml"
    addressed.write_text('[tool.policy]\nsite-url = "https://www.example.com/privacy"\n',
                         "utf-8")
    assert build_site(FIX / "clean", root / "addressed", pyproject=addressed).written
    # A two-version history: the archive, a version's redline and a "since" page.
    from tests.archive_repo import make_repo

    repo = make_repo(tmp_path_factory.mktemp("repo"))
    result = build_site(repo / "policy", root / "archive", allow_drift=True, since="HEAD~1")
    assert result.written, [str(d) for d in result.diagnostics]
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
          js: bool = False, scheme: str = "light") -> tuple[Page, Watch]:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=js, bypass_csp=js,
                                  color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    watch = Watch(page, base)
    page.goto(url, wait_until="load")
    return page, watch


def _axe(browser: Browser, url: str, base: str, scheme: str = "light",
         width: int = 1280, every_impact: bool = False) -> list[dict[str, Any]]:
    """axe-core's violations of impact serious or critical, or of any impact with
    `every_impact` (the published pages are held to that). The page's CSP is bypassed so the
    injected checker can run; the page itself ships no script."""
    page, _watch = _open(browser, url, base, js=True, scheme=scheme, width=width)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.context.close()
    return [v for v in result["violations"]
            if every_impact or v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_each_edition_opens_and_reads_without_javascript(browser: Browser, server: str,
                                                        lang: str) -> None:
    page, watch = _open(browser, f"{server}/clean/{lang}/index.html", server)
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").inner_text().strip()
    assert page.locator("section.clause").count() == 3
    # At 1280 px the contents are the side column; the folded copy is not shown.
    assert page.locator("nav.toc-side a").count() == 3
    assert not page.locator("nav.toc-fold").is_visible()
    # The stylesheet applied (CSP allows 'self'): the side column has its rule.
    assert page.eval_on_selector("nav.toc-side",
                                 "e => getComputedStyle(e).borderRightStyle") == "solid"
    assert watch.foreign == [] and watch.errors == []
    page.context.close()


def test_language_switcher_leads_to_the_same_clause(browser: Browser, server: str) -> None:
    page, watch = _open(browser, f"{server}/clean/ru/index.html", server)
    page.locator("#use p.switch a[hreflang=en]").click()
    page.wait_for_url(f"{server}/clean/en/index.html#use")
    assert page.get_attribute("html", "lang") == "en"
    target = page.locator("section#use")
    assert target.is_visible()
    assert target.locator("h2").inner_text().startswith("2 ")  # cited as "clause 2"
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


PAGE_KINDS = {
    "chooser": "clean/index.html",
    "edition-ja": "shipped/ja/index.html",
    "edition-ru": "shipped/ru/index.html",
    "edition-en": "shipped/en/index.html",
    "edition-drift": "drift/en/index.html",
    "versions": "archive/en/versions.html",
    "archived-edition": "archive/versions/1.2.0/ru/index.html",
    "redline-ja": "archive/versions/9.0.0/ja/changes.html",
    "redline-en": "archive/versions/9.0.0/en/changes.html",
    "since": "archive/ru/changes-since.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_accessibility_violations_of_any_impact(browser: Browser, server: str, kind: str,
                                                  scheme: str) -> None:
    violations = _axe(browser, f"{server}/{PAGE_KINDS[kind]}", server, scheme=scheme,
                      every_impact=True)
    assert violations == [], [(v["id"], v["impact"], v["help"],
                               [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize("kind", ["edition-ja", "edition-en", "redline-en"])
def test_no_accessibility_violations_at_375px(browser: Browser, server: str, kind: str) -> None:
    for scheme in ("light", "dark"):
        violations = _axe(browser, f"{server}/{PAGE_KINDS[kind]}", server, scheme=scheme,
                          width=375, every_impact=True)
        assert violations == [], [(v["id"], v["impact"], v["help"]) for v in violations]


@pytest.mark.parametrize("kind", ["redline-ja", "redline-en", "since"])
def test_change_cues_are_in_the_pages_language_unseen_and_in_reading_order(
        browser: Browser, server: str, kind: str) -> None:
    """What a screen reader is told around deleted and inserted words is text of the page's
    language wherever it sits (the redline of the Japanese text is lang="ja" on a Russian or
    English page, and words a stylesheet generated there were read in Japanese), right before
    and after its words in the page's order, and takes up no room on screen."""
    page, _watch = _open(browser, f"{server}/{PAGE_KINDS[kind]}", server, js=True)
    found = page.evaluate("""() => {
      const lang = document.documentElement.lang;
      const out = {lang, runs: 0, wrong: [], generated: [], shown: [], inJapanese: 0};
      for (const el of document.querySelectorAll('main del, main ins')) {
        out.runs += 1;
        const prev = el.previousSibling, next = el.nextSibling;
        for (const cue of [prev, next]) {
          if (!cue || cue.nodeType !== 1 || !cue.classList.contains('cue')
              || cue.closest('[lang]').getAttribute('lang') !== lang) {
            out.wrong.push(el.outerHTML.slice(0, 80));
          }
        }
        for (const side of ['::before', '::after']) {
          const content = getComputedStyle(el, side).content;
          if (content !== 'none' && content !== 'normal') out.generated.push(content);
        }
      }
      for (const cue of document.querySelectorAll('.cue')) {
        const box = cue.getBoundingClientRect();
        if (box.width > 1 || box.height > 1) out.shown.push(cue.textContent);
        if (cue.parentElement.closest('[lang]').getAttribute('lang') === 'ja') {
          out.inJapanese += 1;
        }
      }
      out.cues = document.querySelectorAll('.cue').length;
      return out;
    }""")
    page.context.close()
    assert found["runs"] > 0 and found["cues"] == 2 * found["runs"], found
    assert found["wrong"] == [] and found["generated"] == [] and found["shown"] == [], found
    assert found["inJapanese"] > 0, found  # the page's cues in the Japanese text too


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_screenshots_of_every_page_kind_without_horizontal_scroll(browser: Browser, server: str,
                                                                  kind: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        for scheme in ("light", "dark"):
            page, watch = _open(browser, f"{server}/{PAGE_KINDS[kind]}", server, width=width,
                                scheme=scheme)
            scroll, client = page.evaluate(
                "() => [document.documentElement.scrollWidth, "
                "document.documentElement.clientWidth]")
            assert scroll <= client, f"{kind} at {width}px: scrollWidth {scroll} > {client}"
            assert watch.foreign == [] and watch.errors == []
            path = ARTIFACTS / f"{kind}-{width}-{scheme}.png"
            page.screenshot(path=str(path), full_page=True)
            page.context.close()
            assert path.stat().st_size > 0


@pytest.mark.parametrize("kind", ["chooser", "versions", "redline-en", "since"])
def test_pages_without_contents_keep_the_editions_line_length_on_wide_screens(
        browser: Browser, server: str, kind: str) -> None:
    """At 1280 px only an edition has the contents beside its text; the versions, a redline
    and the chooser are one column, as wide as an edition's text (48rem), not the 76rem the
    two columns share: lines of 150 characters of release notes were hard to follow."""
    page, _watch = _open(browser, f"{server}/shipped/en/index.html", server, width=1280)
    text = page.eval_on_selector("main", "e => e.getBoundingClientRect().width")
    page.context.close()
    page, _watch = _open(browser, f"{server}/{PAGE_KINDS[kind]}", server, width=1280)
    width = page.eval_on_selector("main", "e => e.getBoundingClientRect().width")
    assert abs(width - text) <= 1, f"{kind}: {width}px wide, an edition's text {text}px"
    page.context.close()


def test_dark_scheme_changes_the_colours(browser: Browser, server: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page, _watch = _open(browser, f"{server}/shipped/en/index.html", server, scheme=scheme)
        colours[scheme] = page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor, "
            "getComputedStyle(document.body).color]")
        page.context.close()
    assert colours["light"] != colours["dark"]
    assert colours["dark"][0] != "rgb(255, 255, 255)"


def test_contents_fold_on_mobile_and_stay_beside_the_text_on_wide_screens(
        browser: Browser, server: str) -> None:
    page, _watch = _open(browser, f"{server}/shipped/en/index.html", server, width=375)
    fold = page.locator("nav.toc-fold")
    assert fold.is_visible() and not page.locator("nav.toc-side").is_visible()
    assert not fold.locator("ol").is_visible()  # folded: only "Contents" shows
    fold.locator("summary").click()
    assert fold.locator("ol").is_visible()
    page.context.close()

    page, _watch = _open(browser, f"{server}/shipped/en/index.html", server, width=1280)
    side = page.locator("nav.toc-side")
    assert side.is_visible() and not page.locator("nav.toc-fold").is_visible()
    main_left = page.eval_on_selector("main", "e => e.getBoundingClientRect().left")
    side_right = side.evaluate("e => e.getBoundingClientRect().right")
    assert side_right <= main_left  # beside the text, not above it
    page.mouse.wheel(0, 6000)
    page.wait_for_timeout(200)
    top = side.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 50, "the contents stay in view while the text scrolls"
    page.context.close()


def test_every_unit_has_a_visible_permalink_and_back_to_top_works(browser: Browser,
                                                                  server: str) -> None:
    page, _watch = _open(browser, f"{server}/clean/en/index.html", server, width=375)
    units = page.locator("section.clause, li.item, li.subitem")
    assert units.count() > 3
    for i in range(units.count()):
        unit = units.nth(i)
        anchor = unit.get_attribute("id")
        link = unit.locator(f'a.permalink[href="#{anchor}"]').first
        assert link.is_visible(), anchor
        assert link.inner_text().strip()
    page.locator("section.clause").last.locator("p.to-top a").click()
    page.wait_for_timeout(100)
    assert page.url.endswith("#top")
    h1_top = page.locator("h1").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= h1_top < 100, "the title is back in view"
    page.context.close()


def test_toc_marks_out_of_date_and_review(browser: Browser, server: str) -> None:
    page, _watch = _open(browser, f"{server}/drift/ru/index.html", server)
    marks = page.locator("nav.toc-side .mark")
    assert marks.count() >= 1
    assert "drift" in [marks.nth(i).get_attribute("data-mark") for i in range(marks.count())]
    page.context.close()


def test_print_hides_navigation_and_prints_link_targets_once(browser: Browser,
                                                             server: str) -> None:
    page, _watch = _open(browser, f"{server}/shipped/en/index.html", server)
    page.emulate_media(media="print")
    assert not page.locator("nav.toc-side").is_visible()
    assert not page.locator("nav.toc-fold").is_visible()
    assert not page.locator("nav.langs").is_visible()
    assert page.locator("section.clause").first.is_visible()
    after = page.eval_on_selector("a.edition-link", "e => getComputedStyle(e, '::after').content")
    # No address is configured for this build: print names the page on the site, never a
    # relative path that means nothing on paper, nor an invented host.
    assert "on this site: ja/index.html" in after and "../" not in after, after
    mail = page.eval_on_selector(".colophon a[href^='mailto:']",
                                 "e => getComputedStyle(e, '::after').content")
    assert mail in ("none", "normal", "")  # the e-mail is printed once, as the link's text
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "print-shipped-en.pdf"))
    page.screenshot(path=str(ARTIFACTS / "print-shipped-en.png"), full_page=True)
    page.context.close()


def test_print_gives_the_full_address_of_the_japanese_edition(browser: Browser,
                                                              server: str) -> None:
    """With `site-url` configured, print shows an address a reader can type."""
    page, _watch = _open(browser, f"{server}/addressed/en/index.html", server)
    page.emulate_media(media="print")
    after = page.eval_on_selector("a.edition-link", "e => getComputedStyle(e, '::after').content")
    assert after == '" (https://www.example.com/privacy/ja/index.html)"', after
    page.emulate_media(media="screen")
    assert page.eval_on_selector(
        "a.edition-link", "e => getComputedStyle(e, '::after').content") in ("none", "normal")
    page.context.close()
