"""End to end in headless Chromium: `policy preview` rebuilds on save and the open page shows
the new text, then the finding at its clause, with no manual reload (issue 12, live preview)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.loader import load_folder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
POLICY_BIN = Path(sys.executable).with_name("policy")

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sync_playwright is None, reason="playwright (python) is not installed"),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="no browser: /usr/bin/chromium missing (apt-get install chromium)"),
]


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", folder)
    shutil.copy(ROOT / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    proc = subprocess.Popen([str(POLICY_BIN), "preview", "--policy", str(folder), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert m, line
        yield m.group(0), folder
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_an_edit_shows_up_on_the_open_page_then_its_finding(preview: tuple[str, Path]) -> None:
    url, folder = preview
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-2]
    en_title = next(c.title for c in src.translations["en"].clauses if c.id == clause.id)
    number = "4711"
    assert number not in (clause.title + (clause.text or ""))
    new_title = f"{en_title} within {number} days"
    assert sync_playwright is not None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(url + "en/")
            section = page.locator(f"section#{clause.id}")
            expect(section).to_contain_text(en_title)
            expect(section.locator("[data-preview-finding]")).to_have_count(0)
            en = folder / "en.yaml"
            text = en.read_text("utf-8")
            assert text.count(f"    title: {en_title}\n") == 1
            en.write_text(text.replace(f"    title: {en_title}\n", f"    title: {new_title}\n"),
                          "utf-8")
            # No reload from the test: the page reloads itself after the rebuild.
            expect(section).to_contain_text(new_title, timeout=90_000)
            finding = section.locator("[data-preview-finding] [data-code=INV001]")
            expect(finding).to_have_count(1, timeout=30_000)
            expect(finding).to_contain_text("The numbers differ from the master.")
            expect(finding).to_contain_text(number)
            assert not [e for e in errors if "Content Security Policy" in e], errors
        finally:
            browser.close()
