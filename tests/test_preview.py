"""The live preview without a browser: pages carry the preview's script and CSP (the published
site does not), each finding sits at its clause in the page's language, a file broken mid-edit
keeps the last good pages with the error on top, and the server listens on 127.0.0.1 only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from engine.loader import Sources, load_folder
from engine.model import Clause
from render.html import CSP
from render.preview import PREVIEW_CSP, Preview, make_server
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


STALE_SAID = {"en": "the master changed since this was translated",
              "ru": "японский оригинал изменился после перевода",
              "ja": "日本語の原文が翻訳後に変更されました"}


def _change_a_master_title(folder: Path) -> tuple[Sources, Clause]:
    """Change the title of the master's last-but-one clause: every translation lags behind."""
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-2]
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {clause.title}\n",
                                                f"    title: {clause.title}等\n", 1), "utf-8")
    return src, clause


def test_a_finding_is_shown_at_its_clause_in_the_pages_language(folder: Path) -> None:
    src, clause = _change_a_master_title(folder)
    preview = Preview(folder)
    for lang in src.translations:
        page = _page(preview, f"/{lang}/")
        at = page.index(f'<section class="clause" id="{clause.id}">')
        aside = page[at:page.index("</aside>", at)]
        assert 'data-code="DRIFT001"' in aside
        # as `policy check` says it in the page's language, with what to do; no fingerprint
        assert STALE_SAID[lang] in aside and f"policy stamp {lang} " in aside, aside
        assert re.search(r"\b[0-9a-f]{10}\b", aside) is None, aside
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


@pytest.mark.parametrize(("lang", "tail"), [
    ("en", "Build 2: the pages were not rebuilt; the last good ones are still shown."),
    ("ja", "2回目のページ作成：ページは作り直していません。"),
    ("ru", "Сборка 2: страницы не пересобраны, показаны страницы последней удачной сборки.")])
def test_a_broken_file_is_said_on_the_console_where_it_is_broken(
        folder: Path, lang: str, tail: str) -> None:
    """The console said only "build 2: a file cannot be read": the legal team, watching it
    while editing, was not told which file, where or what is wrong. It now says the findings
    as `policy check` does (file:line:col, the words, the code), then what the preview shows."""
    from render.preview import summary

    preview = Preview(folder)
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    at = text.index("\ntitle: ") + len("\ntitle: ")
    ja.write_text(text[:at] + '"' + text[at:], "utf-8")  # a quote opened and never closed
    line = text[:at].count("\n") + 1
    said = summary(preview.rebuild(), lang)
    assert f"{ja}:{line}:{len('title: ') + 1}: " in said and "[YAML014]" in said, said
    assert said.splitlines()[-1].startswith(tail), said


def test_the_server_listens_on_localhost_only(folder: Path) -> None:
    server = make_server(Preview(folder), 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["Serving the preview on http://127.0.0.1:8123/ (Ctrl-C to stop)",
            "Built the pages (build 1). No problems found in what the tool checks (the YAML, "
            "the rules, and each translation against the master).",
            "Built the pages (build 2). Not ready to publish: 1 problem to fix."]),
    ("ja", ["プレビューを http://127.0.0.1:8123/ で見られます（停止するには Ctrl-C を押して"
            "ください）",
            "ページを作成しました（1回目）。ツールが確認する範囲（YAML、ルール、原文と各翻訳の"
            "対応）に問題はありません。",
            "ページを作成しました（2回目）。まだ公開できません：要修正1件。"]),
    ("ru", ["Предпросмотр доступен по адресу http://127.0.0.1:8123/ (чтобы остановить, нажмите "
            "Ctrl-C)",
            "Страницы собраны (сборка 1). В том, что проверяет программа (YAML, правила и "
            "каждый перевод в сравнении с оригиналом), проблем не найдено.",
            "Страницы собраны (сборка 2). Не готово к публикации: исправьте 1 ошибку."])])
def test_the_console_speaks_the_readers_language(
        folder: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: list[str]) -> None:
    """What `policy preview` prints while it serves, in --lang (else POLICY_LANG): the address,
    and one line per build; the server itself is not started here."""
    from click.testing import CliRunner

    import render.preview
    from engine.cli import main
    from engine.findings import make
    from render.preview import Build

    def serve(policy_dir: Path, port: int, *, ready: object, log: object) -> None:
        assert callable(ready) and callable(log)
        ready(8123, Build(1, {}))
        log(Build(2, {}, [make("IO001", "policy folder not found", "x")]))

    monkeypatch.setattr(render.preview, "serve", serve)
    result = CliRunner().invoke(main, ["preview", "--policy", str(folder), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == said


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_the_console_counts_as_policy_check_does(folder: Path, lang: str) -> None:
    """One master change that two translations lag behind is one change for `policy check`
    ("1 master change needs translating (en, ru)"); the preview's console said "2 errors" for
    the same state (a finding per edition, as the pages show them). It now says check's own
    closing sentence: the same count in the same words."""
    from click.testing import CliRunner

    from engine.cli import main
    from engine.humane import frame
    from render.preview import summary

    _change_a_master_title(folder)
    checked = CliRunner().invoke(main, ["check", "--policy", str(folder), "--lang", lang])
    assert checked.exit_code == 1, checked.output
    said = [line for line in checked.output.splitlines()
            if line.startswith(frame("not_ready", lang))]
    assert len(said) == 1 and "1" in said[0], checked.output
    line = summary(Preview(folder).current, lang)
    assert line.endswith(said[0]), (line, said[0])


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "port {port} on 127.0.0.1 is already in use"),
    ("ja", "127.0.0.1 のポート {port} は既に使われています"),
    ("ru", "порт {port} на 127.0.0.1 уже занят")])
def test_a_port_in_use_is_said_plainly(folder: Path, lang: str, said: str) -> None:
    import socket

    from click.testing import CliRunner

    from engine.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["preview", "--policy", str(folder), "--port",
                                           str(port), "--lang", lang])
    assert result.exit_code == 2
    assert said.format(port=port) in result.output
    assert "Errno" not in result.output and "Address already in use" not in result.output


@pytest.mark.parametrize(("lang", "title"), [("ja", "プレビュー"), ("ru", "Предпросмотр"),
                                             ("en", "Preview")])
def test_the_page_shown_when_nothing_can_be_read_is_titled_in_its_language(
        lang: str, title: str) -> None:
    from engine.findings import make
    from render.preview import _error_page

    page = _error_page(1, [make("IO001", "policy folder not found", "x")], lang).decode()
    assert f'lang="{lang}"' in page and f"<title>{title}</title>" in page


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_broken_translation_is_said_on_the_console_where_it_is_broken(
        folder: Path, lang: str) -> None:
    """A translation that cannot be read has no pages (its finding names no edition, so no
    other page shows it either): the console said only "Not ready to publish: 1 problem to
    fix", and nothing anywhere said which file or where. It now says the finding as
    `policy check` does, then the build's line."""
    from engine.commandwords import say
    from render.preview import summary

    src = load_folder(folder)
    lang_file = folder / f"{next(iter(src.translations))}.yaml"
    text = lang_file.read_text("utf-8")
    at = text.index("\nlang: ") + len("\nlang: ")
    lang_file.write_text(text[:at] + '"' + text[at:], "utf-8")
    line = text[:at].count("\n") + 1
    said = summary(Preview(folder).rebuild(), lang)
    assert f"{lang_file}:{line}:{len('lang: ') + 1}: " in said and "[YAML014]" in said, said
    built = say("preview_built", lang, build=2, verdict="")
    assert said.splitlines()[-1].startswith(built.strip()), said


def test_a_broken_translation_keeps_its_last_good_pages_with_the_error_on_top(
        folder: Path) -> None:
    """The master broken mid-edit keeps its pages; a translation broken mid-edit lost its
    own: its open page said "not found" and, without the reload script, never came back. It
    now keeps them, with the error on top, until the file is fixed."""
    src = load_folder(folder)
    lang = next(iter(src.translations))
    preview = Preview(folder)
    before = _page(preview, f"/{lang}/")
    lang_file = folder / f"{lang}.yaml"
    text = lang_file.read_text("utf-8")
    lang_file.write_text(text.replace("\nlang: ", '\nlang: "', 1), "utf-8")
    preview.rebuild()
    page = _page(preview, f"/{lang}/")
    assert 'class="preview-stale"' in page and "YAML014" in page
    assert page.count("<section") == before.count("<section")
    preview.rebuild()  # still broken: still kept
    assert 'class="preview-stale"' in _page(preview, f"/{lang}/")
    lang_file.write_text(text, "utf-8")
    preview.rebuild()
    assert 'class="preview-stale"' not in _page(preview, f"/{lang}/")
