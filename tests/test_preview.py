"""The live preview without a browser: pages carry the preview's script and CSP (the published
site does not), each finding sits at its clause in the page's language, a file broken mid-edit
keeps the last good pages with the error on top, and the server listens on 127.0.0.1 only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.loader import load_folder
from render.html import CSP
from render.preview import PREVIEW_CSP, Preview, make_server
from render.preview_words import finding_sentence
from render.site import render_site

from .conftest import POLICY


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "policy"
    shutil.copytree(POLICY, target)
    return target


def _page(preview: Preview, path: str) -> str:
    status, ctype, body = preview.get(path)
    assert status == 200 and ctype.startswith("text/html")
    return body.decode("utf-8")


def test_only_preview_pages_carry_the_reload_script(folder: Path) -> None:
    preview = Preview(folder)
    page = _page(preview, "/en/")
    assert '<script src="/__preview/reload.js"' in page and "script-src 'self'" in page
    assert preview.get("/__preview/version")[2] == b"1"
    src = load_folder(folder)
    published = render_site(src, {}, "")
    for name, data in published.items():
        if name.endswith(".html"):
            text = data.decode("utf-8")
            assert "<script" not in text and "script-src" not in text, name
    assert "script-src" not in CSP and "script-src 'self'" in PREVIEW_CSP


def test_a_finding_is_shown_at_its_clause_in_the_pages_language(folder: Path) -> None:
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-2]
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {clause.title}\n",
                                                f"    title: {clause.title}等\n", 1), "utf-8")
    preview = Preview(folder)
    for lang in src.translations:
        page = _page(preview, f"/{lang}/")
        at = page.index(f'<section class="clause" id="{clause.id}">')
        aside = page[at:page.index("</aside>", at)]
        assert 'data-code="DRIFT001"' in aside
        assert finding_sentence("DRIFT001", lang) in aside
    assert 'data-code="DRIFT001"' not in _page(preview, f"/{src.master.lang}/")


def test_a_broken_file_keeps_the_last_good_pages_with_the_error_on_top(folder: Path) -> None:
    preview = Preview(folder)
    before = _page(preview, "/ja/")
    (folder / "ja.yaml").write_text("clauses: [\n", "utf-8")
    build = preview.rebuild()
    assert build.unreadable and build.version == 2
    page = _page(preview, "/ja/")
    assert 'class="preview-stale"' in page and "YAML" in page
    assert page.count("<section") == before.count("<section")


def test_the_server_listens_on_localhost_only(folder: Path) -> None:
    server = make_server(Preview(folder), 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
