"""`build_site`: pages, anchors, numbers, language switcher, banners, parity gate, determinism, atomic swap."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from engine.citation import label
from engine.compile import bundle_text, compile_policy
from engine.loader import load_folder
from engine.model import master_units
from render import site as site_module
from render.markdown import is_allowed_href
from render.site import MARKER_NAME, build_site, render_site
from render.strings import frames
from tests.test_render_support import Page, read_page

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "render"
SHIPPED = ROOT / "policy"

try:
    import engine.check  # noqa: F401

    HAVE_CHECK = True
except ImportError:
    HAVE_CHECK = False
needs_check = pytest.mark.skipif(not HAVE_CHECK, reason="engine.check (policy check) not present")


def build(policy: Path, out: Path, **kw: object) -> site_module.BuildResult:
    result = build_site(policy, out, **kw)  # type: ignore[arg-type]
    assert result.written, [str(d) for d in result.diagnostics]
    return result


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "site"
    build(FIX / "clean", out)
    return out


@pytest.fixture(scope="module")
def drift_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("drift") / "site"
    build(FIX / "drift", out, allow_drift=True)
    return out


def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


# ---------------------------------------------------------------------------------- pages


def test_files_of_the_site(clean_site: Path) -> None:
    files = sorted(p.relative_to(clean_site).as_posix() for p in clean_site.rglob("*")
                   if p.is_file())
    version = load_folder(FIX / "clean").master.facts.version  # type: ignore[union-attr]
    archive = [f"versions/{version}/{lang}/index.html" for lang in ("en", "ja", "ru")]
    assert files == [MARKER_NAME, "en/index.html", "en/policy.md", "en/versions.html",
                     "index.html", "ja/index.html", "ja/policy.md", "ja/versions.html",
                     "policy.json", "ru/index.html", "ru/policy.md", "ru/versions.html",
                     "style.css", *archive]


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_edition_page_head_and_facts(clean_site: Path, lang: str) -> None:
    page = read_page(clean_site / lang / "index.html")
    assert page.find("html")[0].attrs["lang"] == lang
    assert page.find("title")[0].text.strip()
    assert page.find("h1")[0].attrs["id"] == "_title"
    src = load_folder(FIX / "clean")
    assert src.master is not None
    facts = src.master.facts
    times = [t.attrs["datetime"] for t in page.find("time")]
    assert times == [facts.revisions[-1].date.isoformat()]  # "Revised: …", once
    assert facts.version in page.with_class("status")[0].text
    colophon = page.with_class("colophon")[0]
    assert facts.version in colophon.text and facts.email in colophon.text
    # The company and the representative come from the signature, in the document's words,
    # and appear once.
    assert colophon.text.count(facts.company) == 1
    assert colophon.text.count(facts.representative) == 1


def test_japanese_labels_take_a_full_width_colon(clean_site: Path) -> None:
    """A Japanese label leads what follows with a full-width colon, which carries its own
    space: 「その他の形式：」, never 「その他の形式: 」 nor 「この条項の他言語版： 」; the
    version and contact facts likewise, on screen, in print and in the Markdown."""
    html = (clean_site / "ja" / "index.html").read_text("utf-8")
    switch = read_page(clean_site / "ja" / "index.html").with_class("switch")[0].text
    assert switch.startswith("この条項の他言語版：") and "： " not in switch
    formats = read_page(clean_site / "ja" / "index.html").with_class("formats")[0].text
    assert formats.startswith("その他の形式：") and ":" not in formats.split("）")[0]
    assert "： " not in html and "形式: " not in html
    css = (clean_site / "style.css").read_text("utf-8")
    assert '.facts dt:lang(ja)::after { content: "："; }' in css
    # The full-width colon carries its space: no gap is added after it on screen either.
    assert ".facts div:lang(ja) { gap: 0; }" in css
    md = (clean_site / "ja" / "policy.md").read_text("utf-8")
    assert "バージョン：" in md and "お問い合わせ：" in md and "バージョン: " not in md
    # The other languages keep ": " with its space.
    en = read_page(clean_site / "en" / "index.html")
    assert en.with_class("switch")[0].text.startswith("This clause in: ")
    assert en.with_class("formats")[0].text.startswith("Other formats: ")
    assert "Версия: " in (clean_site / "ru" / "policy.md").read_text("utf-8")


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_the_version_is_called_by_one_word_on_a_page(clean_site: Path, lang: str) -> None:
    """The masthead's "バージョン2.2.0" and the footer's label name the version with the same
    word (the Japanese footer said 「版：2.2.0」 under 「バージョン2.2.0」)."""
    page = read_page(clean_site / lang / "index.html")
    word = frames(lang)["version_n"].format(version="").strip()
    assert word in page.with_class("status")[0].text
    labels = [dt.text for dt in page.find("dt")]
    assert word in labels, labels


def test_russian_formats_after_the_colon_start_in_lower_case(clean_site: Path) -> None:
    """«Другие форматы: эта редакция в виде текстового файла (Markdown) · … · политика в виде
    данных…»: after a colon Russian goes on in lower case (it said «Другие форматы: Эта …»)."""
    formats = read_page(clean_site / "ru" / "index.html").with_class("formats")[0].text
    items = [i.strip() for i in formats.removeprefix("Другие форматы: ").split("·")]
    assert len(items) >= 2 and all(i[0].islower() for i in items if i != "PDF"), items


def test_a_russian_date_never_breaks_before_its_year_abbreviation(clean_site: Path) -> None:
    """«5 декабря 2026 г.»: a no-break space before «г.» and after the day, as Russian
    typography asks, on the page and in the Markdown."""
    import datetime as dt

    from render.strings import format_date

    assert format_date(dt.date(2026, 12, 5), "ru") == "5\u00a0декабря 2026\u00a0г."
    page = read_page(clean_site / "ru" / "index.html")
    shown = [t.text for t in page.find("time")]
    assert shown and all(re.fullmatch(r"\d+\u00a0\w+ \d{4}\u00a0г\.", t) for t in shown), shown
    md = (clean_site / "ru" / "policy.md").read_text("utf-8")
    assert " г." not in md.split("\n\n")[1], md.split("\n\n")[1]


def test_the_japanese_markdown_cites_a_key_points_clause_in_full_width_brackets(
        drift_site: Path) -> None:
    """「…取得します。（第1項第1号）」, as Japanese is written: not 「。 (第1項第1号)」."""
    md = (drift_site / "ja" / "policy.md").read_text("utf-8")
    points = md.split("## 要点", 1)[1].split("\n## ", 1)[0]
    cited = [line for line in points.splitlines() if line.startswith("- ")]
    assert cited and all(re.search(r"[^ ]（第\d+項[^（）]*）$", line) for line in cited), cited
    en = (drift_site / "en" / "policy.md").read_text("utf-8")
    assert re.search(r"^- .+ \(clause [\d.]+\)$", en, re.M)


def test_a_screen_reader_is_told_where_deleted_and_inserted_words_are(clean_site: Path) -> None:
    """Most screen readers read <del> and <ins> as plain text («nationalityethnic origin»):
    the words a redline puts around them (render/assets.py `cued`, tests/test_render_archive.py
    reads them on the pages) are never shown on screen nor printed, nor copied, yet kept in a
    PDF's text (not display: none in print: tests/test_render_pdf.py reads it back). They are
    text of the page's language, not words the stylesheet generates, which would take the
    language of the Japanese text they sit in on a Russian page."""
    css = (clean_site / "style.css").read_text("utf-8")
    assert [t for t in ("del::", "ins::") if t in css] == []
    hidden = re.search(r"\n\.cue \{([^}]*)\}", css)
    assert hidden is not None
    rule = " ".join(hidden.group(1).split())
    assert all(d in rule for d in ("clip-path: inset(100%)", "position: absolute",
                                   "user-select: none")), rule
    printed = re.search(r"@media print \{.*?\n  \.cue \{([^}]*)\}", css, re.S)
    assert printed is not None
    rule = " ".join(printed.group(1).split())
    assert "display: none" not in rule
    assert all(d in rule for d in ("width: 0", "color: transparent", "position: static")), rule


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_every_unit_has_its_stable_anchor_and_cited_number(clean_site: Path, lang: str) -> None:
    """Each clause, item and sub-item starts with a permalink to itself, labelled as decisions
    cite it (engine.citation.label), so a reader finds the clause a service cited."""
    src = load_folder(FIX / "clean")
    assert src.master is not None
    page = read_page(clean_site / lang / "index.html")
    ids = page.ids()
    assert len(ids) == len(set(ids)), "ids are unique in a page"
    html = (clean_site / lang / "index.html").read_text("utf-8")
    for unit in master_units(src.master):
        if not unit.id_path:
            continue
        el = page.by_id(unit.anchor)
        assert el.text.strip().startswith(label(unit.number, lang)), (unit.key, el.text[:40])
        link = (f'<a class="num permalink" href="#{unit.anchor}">'
                f"{label(unit.number, lang)}</a>")
        assert link in html, unit.key
    html = (clean_site / lang / "index.html").read_text("utf-8")
    toc = re.search(r'<nav class="toc toc-side".*?</nav>', html, re.S)
    assert toc is not None
    assert re.findall(r'href="#([^"]+)"', toc.group(0)) == [c.id for c in src.master.clauses]


def _resolve(site: Path, page: str, href: str) -> tuple[Path, str]:
    path, _, anchor = href.partition("#")
    target = (site / page).parent / path if path else site / page
    return target.resolve(), anchor


def test_switcher_links_each_clause_to_the_same_clause(clean_site: Path) -> None:
    all_pages = pages(clean_site)
    checked = 0
    for name in ("ja/index.html", "ru/index.html", "en/index.html"):
        html = (clean_site / name).read_text("utf-8")
        for switch in re.findall(r'<p class="switch">(.*?)</p>', html, re.S):
            for href in re.findall(r'href="([^"]+)"', switch):
                target, anchor = _resolve(clean_site, name, href)
                other = all_pages[target.relative_to(clean_site.resolve()).as_posix()]
                assert anchor in other.ids() and other is not all_pages[name]
                checked += 1
    assert checked == 3 * 2 * 3  # three pages, two other languages, three clauses


def test_switcher_targets_equal_the_clause_id(clean_site: Path) -> None:
    html = (clean_site / "ru" / "index.html").read_text("utf-8")
    for m in re.finditer(r'<section class="clause" id="([^"]+)">(.*?)</section>', html, re.S):
        anchor, body = m.group(1), m.group(2)
        switch = re.search(r'<p class="switch">(.*?)</p>', body, re.S)
        assert switch is not None
        targets = re.findall(r'href="\.\./(\w+)/index\.html#([^"]+)"', switch.group(1))
        assert targets == [("ja", anchor), ("en", anchor)]


@pytest.mark.parametrize("name", ["index.html", "ja/index.html", "ru/index.html", "en/index.html"])
def test_hreflang_alternates_point_at_every_edition(clean_site: Path, name: str) -> None:
    page = read_page(clean_site / name)
    alts = {e.attrs["hreflang"]: e.attrs["href"] for e in page.find("link", rel="alternate")}
    assert set(alts) == {"ja", "ru", "en", "x-default"}
    for href in alts.values():
        assert _resolve(clean_site, name, href)[0].is_file()


def test_chooser_lists_every_language_without_script(clean_site: Path) -> None:
    page = read_page(clean_site / "index.html")
    links = {a.attrs.get("hreflang"): a.attrs["href"] for a in page.find("a")}
    assert links == {"ja": "ja/index.html", "ru": "ru/index.html", "en": "en/index.html"}
    assert {e.attrs["lang"] for e in page.find("li")} == {"ja", "ru", "en"}


def test_an_unapproved_master_is_called_a_draft_never_prevailing(clean_site: Path) -> None:
    """No unit of the fixture is approved by the legal team: the master says it is a draft,
    and no translation claims that the master prevails."""
    from render.strings import edition_name, frames

    ja = read_page(clean_site / "ja" / "index.html")
    assert frames("ja")["master_draft"] in " ".join(n.text for n in ja.with_class("notice"))
    for lang in ("ru", "en"):
        page = read_page(clean_site / lang / "index.html")
        notices = " ".join(n.text for n in page.with_class("notice"))
        edition = edition_name("ja", lang)
        assert frames(lang)["prevailing"].format(edition=edition) not in notices
        draft = frames(lang)["prevailing_draft"].format(
            edition=edition, Edition=edition[:1].upper() + edition[1:])
        assert draft in notices
        # Every unit awaits review: said once, not on each clause.
        assert frames(lang)["all_awaiting"] in notices
        assert not page.with_class("review")[1:], "no per-clause review marks"
        assert any(a.attrs.get("href") == "../ja/index.html" for a in page.find("a", hreflang="ja"))


# ------------------------------------------------------------------------------- safety


def test_pages_forbid_scripts_and_load_nothing_from_elsewhere(clean_site: Path) -> None:
    for name, page in pages(clean_site).items():
        csp = [m.attrs["content"] for m in page.find("meta")
               if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert len(csp) == 1, name
        directives = dict(d.strip().split(" ", 1) for d in csp[0].split(";"))
        assert directives["default-src"] == "'none'"
        assert "script-src" not in directives
        assert not page.find("script") and not page.find("iframe") and not page.find("img")
        for el in page.elements:
            assert not [a for a in el.attrs if a.startswith("on")], (name, el)
            if el.tag == "link":
                assert not re.match(r"^[a-z]+:", el.attrs["href"]), "loads only relative files"
        for href in page.hrefs():
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith("#"):
                assert is_allowed_href(href), (name, href)
            else:
                target, _ = _resolve(clean_site, name, href)
                assert target.is_file(), (name, href)


def test_hostile_text_is_rendered_inert(tmp_path: Path) -> None:
    """Validation refuses raw HTML and unsafe links; even so the renderer never emits them."""
    policy = tmp_path / "hostile"
    shutil.copytree(FIX / "clean", policy)
    ja = policy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(
        "当社は次のとおり個人情報を取得します。",
        "'<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>'"),
        "utf-8")
    result = build_site(policy, tmp_path / "site")
    assert not result.written
    assert {"POLICY007", "POLICY008"} <= {d.code for d in result.diagnostics}
    src = load_folder(policy)
    assert src.master is not None  # the model exists; only validation objected
    files = render_site(src, {}, "")
    for name, data in files.items():
        if not name.endswith(".html"):
            continue  # policy.md is Markdown source; validation stopped the build above
        text = data.decode("utf-8")
        assert "<script" not in text and "<img" not in text, name
        assert 'href="javascript' not in text, name


# ---------------------------------------------------------------------------- banners


def test_no_banner_on_a_clean_edition(clean_site: Path) -> None:
    for lang in ("ru", "en"):
        assert not read_page(clean_site / lang / "index.html").with_class("drift")


def _banners(site: Path, lang: str) -> dict[str, tuple[str, str]]:
    """anchor of the unit -> (state, link) for each banner on the page."""
    html = (site / lang / "index.html").read_text("utf-8")
    out = {}
    for m in re.finditer(r'<p class="drift" role="note" data-state="(\w+)">.*?'
                         r'<a href="([^"]+)"', html, re.S):
        out[m.group(2).split("#")[1]] = (m.group(1), m.group(2))
    return out


def test_stale_and_unreviewed_units_carry_a_banner_linking_to_japanese(drift_site: Path) -> None:
    # drift/: the master changed clause `use` after ru and en were stamped; the en item
    # collection-consent has no fingerprint.
    assert _banners(drift_site, "ru") == {"use": ("stale", "../ja/index.html#use")}
    assert _banners(drift_site, "en") == {
        "collection-consent": ("unreviewed", "../ja/index.html#collection-consent"),
        "use": ("stale", "../ja/index.html#use"),
    }
    assert not _banners(drift_site, "ja")
    ja_ids = read_page(drift_site / "ja" / "index.html").ids()
    assert "use" in ja_ids and "collection-consent" in ja_ids


def test_banners_appear_in_the_markdown_too(drift_site: Path) -> None:
    md = (drift_site / "en" / "policy.md").read_text("utf-8")
    assert md.count("(../ja/index.html#use)") == 1
    assert md.count("(../ja/index.html#collection-consent)") == 1


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_banner_names_the_original_clause_as_the_original_prints_it(drift_site: Path,
                                                                      lang: str) -> None:
    """"Read the original (Japanese edition, 第2項)": the number is the Japanese page's, marked
    lang="ja" inside the translation's link (a screen reader reads it in Japanese), and the
    Markdown names it the same way (it said "2.")."""
    html = (drift_site / lang / "index.html").read_text("utf-8")
    link = re.search(r'<a href="\.\./ja/index\.html#use" hreflang="ja">(.*?)</a>', html)
    assert link is not None and '<span lang="ja">第2項</span>' in link.group(1)
    md = (drift_site / lang / "policy.md").read_text("utf-8")
    assert re.search(r"\[[^\]]*第2項\)\]\(\.\./ja/index\.html#use\)", md), md
    if lang == "en":  # an item too (drift/: en's collection-consent has no fingerprint)
        assert re.search(r"\[[^\]]*第1項第1号\)\]\(\.\./ja/index\.html#collection-consent\)", md)


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_review_notes_appear_in_the_markdown_as_on_the_page(drift_site: Path, tmp_path: Path,
                                                            lang: str) -> None:
    """The Markdown tells a reader what the page tells: which parts our legal team has not
    reviewed and which we translated ourselves, not only the edition's one notice."""
    shipped = tmp_path / "site"
    build(SHIPPED, shipped, allow_drift=True)
    f = frames(lang)
    for site in (drift_site, shipped):
        page = read_page(site / lang / "index.html")
        md = (site / lang / "policy.md").read_text("utf-8")
        for key in ("translated", "awaiting_long"):
            on_page = sum(1 for e in page.with_class("review") if e.text.strip() == f[key])
            assert md.count(f"> {f[key]}") == on_page, (site.parent.name, key)
    # The shipped Russian edition: the key points and clauses 7 to 9 are our translation.
    ru = (shipped / "ru" / "policy.md").read_text("utf-8")
    assert ru.count(f"> {frames('ru')['translated']}") >= 4


@needs_check
def test_parity_errors_block_publication_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(FIX / "clean", out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    refused = build_site(FIX / "missing", out)
    assert not refused.written
    assert "RENDER002" in {d.code for d in refused.diagnostics}
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    forced = build(FIX / "missing", out, allow_drift=True)
    assert "RENDER003" in {d.code for d in forced.diagnostics}
    assert _banners(out, "en")["sensitive-health"][0] == "untranslated"
    html = (out / "en" / "index.html").read_text("utf-8")
    # The missing unit shows the master's text, marked as Japanese.
    assert re.search(r'id="sensitive-health".*?<div lang="ja"><p>健康</p>', html, re.S)


def test_missing_unit_shows_master_text_marked_untranslated(tmp_path: Path) -> None:
    src = load_folder(FIX / "missing")
    html = render_site(src, {}, "")["en/index.html"].decode("utf-8")
    m = re.search(r'<li id="sensitive-health".*?</li>', html, re.S)
    assert m is not None
    assert 'data-state="untranslated"' in m.group(0) and '<div lang="ja"><p>健康</p>' in m.group(0)


# ------------------------------------------------------------------ alongside the pages


def test_policy_json_is_the_compiled_bundle(clean_site: Path) -> None:
    src = load_folder(FIX / "clean")
    assert src.master is not None
    expected = bundle_text(compile_policy(src.master, src.translations))
    assert (clean_site / "policy.json").read_text("utf-8") == expected
    assert json.loads(expected)["version"] == "1.2.0"


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_markdown_edition_has_every_clause_and_item(clean_site: Path, lang: str) -> None:
    src = load_folder(FIX / "clean")
    assert src.master is not None
    md = (clean_site / lang / "policy.md").read_text("utf-8")
    headings = re.findall(r"^## (\d+)\. ", md, re.M)
    assert headings == [str(c.number) for c in src.master.clauses]
    assert re.findall(r"^(\d+)\) ", md, re.M) == ["1", "2"]
    assert re.findall(r"^\s+- ([①-⑳]) ", md, re.M) == ["①", "②"]


def test_versions_page_starts_the_archive_at_the_first_yaml_version(clean_site: Path) -> None:
    from render.strings import frames

    version = load_folder(FIX / "clean").master.facts.version  # type: ignore[union-attr]
    for lang in ("ja", "ru", "en"):
        page = read_page(clean_site / lang / "versions.html")
        assert page.find("html")[0].attrs["lang"] == lang
        intro = frames(lang)["versions_intro"].format(version=version)
        assert intro in " ".join(n.text for n in page.with_class("notice"))
        assert [s.attrs["id"] for s in page.with_class("version")] == [f"v{version}"]
        html = (clean_site / lang / "versions.html").read_text("utf-8")
        assert f'href="../versions/{version}/{lang}/index.html"' in html
        assert "<script" not in html
        # Named by the service, as the other pages are, without saying "privacy policy" twice.
        service = load_folder(FIX / "clean").master.facts.service  # type: ignore[union-attr]
        assert page.find("title")[0].text == f'{frames(lang)["versions_title"]} — {service}'


# --------------------------------------------------------------- determinism, atomicity


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    build(FIX / "drift", a, allow_drift=True)
    build(FIX / "drift", b, allow_drift=True)
    files_a = {p.relative_to(a): p.read_bytes() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b): p.read_bytes() for p in b.rglob("*") if p.is_file()}
    assert files_a == files_b


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def test_invalid_policy_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(FIX / "clean", out)
    before = _snapshot(out)
    broken = tmp_path / "broken"
    shutil.copytree(FIX / "clean", broken)
    (broken / "ja.yaml").write_text("lang: ja\nfacts: [", "utf-8")
    result = build_site(broken, out)
    assert not result.written and any(d.code.startswith("YAML") for d in result.diagnostics)
    assert _snapshot(out) == before


def _fsyncs_of_a_build(tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many files a build of FIX/drift over a copy of `site` writes and flushes."""
    probe = tmp_path / "probe"
    shutil.copytree(site, probe / "site")
    count = itertools.count()
    real_fsync = site_module.os.fsync
    with monkeypatch.context() as m:
        m.setattr(site_module.os, "fsync", lambda fd: (next(count), real_fsync(fd)))
        assert build_site(FIX / "drift", probe / "site", allow_drift=True).written
    shutil.rmtree(probe)
    return next(count)


@pytest.mark.parametrize("fail_at", ["first", "middle", "last"])
def test_failure_while_writing_leaves_the_previous_site_untouched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: str) -> None:
    out = tmp_path / "site"
    build(FIX / "clean", out)
    before = _snapshot(out)
    written = _fsyncs_of_a_build(tmp_path, out, monkeypatch)
    assert written >= 3, "the drift build writes several new files"
    at = {"first": 1, "middle": written // 2 + 1, "last": written}[fail_at]
    calls = itertools.count(1)
    real_fsync = site_module.os.fsync

    def failing_fsync(fd: int) -> None:
        if next(calls) == at:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(site_module.os, "fsync", failing_fsync)
    result = build_site(FIX / "drift", out, allow_drift=True)
    assert not result.written
    assert [d.code for d in result.diagnostics if d.code == "IO005"] == ["IO005"]
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no staging folder left"


def test_failure_during_the_swap_leaves_the_previous_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build(FIX / "clean", out)
    before = _snapshot(out)

    def broken_swap(staged: Path, target: Path, **_: object) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(site_module, "replace_dir_atomic", broken_swap)
    assert not build_site(FIX / "drift", out, allow_drift=True).written
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_folder_that_is_not_a_built_site_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "work"
    out.mkdir()
    (out / "notes.txt").write_text("the legal team's notes", "utf-8")
    result = build_site(FIX / "clean", out)
    assert not result.written
    assert [d.code for d in result.diagnostics if d.code == "RENDER004"] == ["RENDER004"]
    assert (out / "notes.txt").read_text("utf-8") == "the legal team's notes"


def test_rebuild_replaces_a_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(FIX / "drift", out, allow_drift=True)
    (out / "stale-file.html").write_text("old", "utf-8")
    build(FIX / "clean", out)
    assert not (out / "stale-file.html").exists()
    assert not read_page(out / "en" / "index.html").with_class("drift")


# ------------------------------------------------------------------- the shipped policy


@pytest.mark.skipif(not (SHIPPED / "ja.yaml").is_file(), reason="policy/ja.yaml not present")
def test_shipped_policy_builds_every_edition(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(SHIPPED, out, allow_drift=True)
    src = load_folder(SHIPPED)
    assert src.master is not None
    langs = [src.master.lang, *src.master.facts.translations]
    anchors = [u.anchor for u in master_units(src.master) if u.id_path]
    for lang in langs:
        ids = set(read_page(out / lang / "index.html").ids())
        assert set(anchors) <= ids, lang
        assert (out / lang / "policy.md").is_file()


@pytest.mark.skipif(not (SHIPPED / "ja.yaml").is_file(), reason="policy/ja.yaml not present")
def test_shipped_release_notes_mark_the_english_words_they_quote(tmp_path: Path) -> None:
    """The 2026-12-03 note quotes the English edition's words (「personal data」, «personal
    data»): marked lang="en" on the versions page, the edition's footer and the redline."""
    out = tmp_path / "site"
    build(SHIPPED, out, allow_drift=True)
    pages = [f"{lang}/{name}" for lang in ("ja", "ru") for name in ("index.html", "versions.html")]
    redlines = sorted(out.glob("versions/*/*/changes.html"))
    if redlines:  # the archive: this repository's history of the policy
        pages += [p.relative_to(out).as_posix() for p in redlines
                  if "personal data" in p.read_text("utf-8") and "/en/" not in p.as_posix()]
    for page in pages:
        html = (out / page).read_text("utf-8")
        assert '<span lang="en">personal data</span>' in html, page
        assert "「personal data」" not in html and "«personal data»" not in html, page


def _edition_link(page: str) -> str:
    found = re.search(r'<a class="edition-link" href="([^"]*)"[^>]* data-print="([^"]*)"', page)
    assert found, "the Japanese edition's link carries what print shows"
    return found.group(2)


def test_print_address_of_the_japanese_edition_when_the_site_address_is_configured(
        tmp_path: Path) -> None:
    """`site-url` under [tool.policy]: printed pages give the full address of the Japanese
    edition, for the current editions and for every archived version's page."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.policy]\nsite-url = "https://www.example.com/privacy"\n', "utf-8")
    src = load_folder(FIX / "clean")
    assert src.master is not None
    url, problems = site_module.site_address(pyproject)
    assert (url, problems) == ("https://www.example.com/privacy/", [])
    files = render_site(src, {}, site_url=url)
    master = src.master.lang
    for name, body in files.items():
        if name.endswith("index.html") and "edition-link" in body.decode("utf-8"):
            folder = name.rsplit("/", 2)[0] + "/" if name.count("/") > 1 else ""
            assert _edition_link(body.decode("utf-8")) == (
                f"https://www.example.com/privacy/{folder}{master}/index.html"), name
    out = tmp_path / "site"
    build(FIX / "clean", out, pyproject=pyproject)
    translated = next(lang for lang in src.translations)
    assert _edition_link((out / translated / "index.html").read_text("utf-8")).startswith(
        "https://www.example.com/privacy/")


def test_print_names_the_page_on_the_site_when_no_address_is_configured(tmp_path: Path) -> None:
    """No host is invented: without `site-url` print names the page's path from the site's
    top, said as such in the page's language, never `../`."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.policy]\n", "utf-8")
    assert site_module.site_address(pyproject) == (None, [])
    out = tmp_path / "site"
    build(FIX / "clean", out, pyproject=pyproject)
    src = load_folder(FIX / "clean")
    assert src.master is not None
    for lang in src.translations:
        shown = _edition_link((out / lang / "index.html").read_text("utf-8"))
        assert shown.endswith(f" {src.master.lang}/index.html") and "../" not in shown
        assert "http" not in shown
        assert shown.startswith(frames(lang)["print_on_site"].split("{")[0])


@pytest.mark.parametrize("value", ['"www.example.com/privacy/"', '"ftp://example.com/"',
                                   '"https://example.com/?page=1"', "42"])
def test_a_site_url_that_is_no_web_address_stops_the_build(value: str, tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[tool.policy]\n\nsite-url = {value}\n", "utf-8")
    result = build_site(FIX / "clean", tmp_path / "site", pyproject=pyproject)
    assert not result.written
    assert [(d.code, d.line) for d in result.diagnostics] == [("RENDER008", 3)]


def test_allow_drift_covers_only_the_codes_that_put_a_banner() -> None:
    from engine.check import UNTRANSLATED_CODES
    from engine.diagnostics import WORDS

    # Every code that makes a unit "untranslated" (a banner) is covered, and nothing that
    # could print a wrong e-mail, number, date, URL or negation without a banner.
    assert UNTRANSLATED_CODES <= site_module.DRIFT_CODES
    assert site_module.DRIFT_CODES == UNTRANSLATED_CODES | {"DRIFT001", "DRIFT002", "PARITY001"}
    assert all(code in WORDS for code in site_module.DRIFT_CODES)
    assert not any(code.startswith(("INV", "NEG", "NOTE", "LANG"))
                   for code in site_module.DRIFT_CODES)


def test_a_rebuild_links_the_unchanged_pages_and_writes_the_changed_ones(tmp_path: Path) -> None:
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    build(FIX / "clean", out)
    inode = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    before = _snapshot(out)
    assert build_site(FIX / "drift", out, allow_drift=True).written
    assert build_site(FIX / "drift", fresh, allow_drift=True).written
    assert _snapshot(out) == _snapshot(fresh), "the same site as a build into a new folder"
    after = _snapshot(out)
    kept = {name for name in after if before.get(name) == after[name]}
    changed = set(after) - kept
    assert kept and changed, "the fixtures differ in some pages and not in others"
    for p in out.rglob("*"):
        if p.is_file():
            name = p.relative_to(out)
            same = inode.get(name) == p.stat().st_ino
            assert same == (name.as_posix() in kept), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "site"], "old folder removed"


def test_a_published_file_replaced_by_a_link_or_edited_by_hand_is_written_anew(
        tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(FIX / "clean", out)
    pages = sorted(p for p in out.rglob("*.html"))
    linked, edited = pages[0], pages[1]
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(elsewhere)
    page = edited.read_bytes()
    assert b"</body>" in page
    edited.write_bytes(page.replace(b"</body>", b"</BODY>"))  # the same size, other bytes
    assert build_site(FIX / "clean", out).written
    assert not linked.is_symlink() and linked.read_bytes() == elsewhere.read_bytes()
    assert edited.read_bytes() == page
    assert elsewhere.stat().st_nlink == 1, "the file a link pointed to is not linked into the site"


def _modes(folder: Path) -> dict[str, int]:
    import stat

    return {p.relative_to(folder).as_posix(): stat.S_IMODE(p.stat().st_mode)
            for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_under_another_umask_gives_the_files_a_new_folder_would_have(
        tmp_path: Path) -> None:
    """A page linked from the published site keeps that file's permissions: it is linked only
    when they are what a file written now would get (a rebuild fixes a site built unreadable)."""
    import os

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    mask = os.umask(0o077)
    try:
        build(FIX / "clean", out)
        assert set(_modes(out).values()) == {0o600}
        os.umask(0o022)
        build(FIX / "clean", out)
        build(FIX / "clean", fresh)
    finally:
        os.umask(mask)
    assert _modes(out) == _modes(fresh)
    assert set(_modes(out).values()) == {0o644}


def test_a_folder_of_the_site_replaced_by_a_link_is_not_linked_from(tmp_path: Path) -> None:
    """Only the site's own files are linked into the new folder: not a file reached through
    a symbolic link to a folder elsewhere (as a link to a file elsewhere is not)."""
    out = tmp_path / "site"
    build(FIX / "clean", out)
    elsewhere = tmp_path / "elsewhere"
    (out / "en").rename(elsewhere)
    (out / "en").symlink_to(elsewhere, target_is_directory=True)
    assert build_site(FIX / "clean", out).written
    assert not (out / "en").is_symlink()
    assert _snapshot(out / "en") == _snapshot(elsewhere)
    assert all(p.stat().st_nlink == 1 for p in elsewhere.iterdir()), \
        "no file of the folder the link pointed to is linked into the site"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names a descriptor's folder")
def test_a_build_that_swaps_the_site_in_while_another_links_from_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds into one folder: the one that swaps its site in last gives every file of
    it, even when the other swapped its own in between reading a page and linking it."""
    import os

    out, fresh, other = tmp_path / "site", tmp_path / "fresh", tmp_path / "other"
    build(FIX / "clean", out)
    build(FIX / "clean", fresh)
    build(FIX / "drift", other, allow_drift=True)
    mine, theirs = _snapshot(fresh), _snapshot(other)
    differ = {name for name in mine if theirs.get(name) != mine[name]}
    assert differ, "the fixtures differ in some pages"
    real_link = os.link
    swapped: list[str] = []

    def link(src: str, dst: str, **kw: object) -> None:
        folder = kw.get("src_dir_fd")
        path = os.path.join(os.readlink(f"/proc/self/fd/{folder}"), src) if isinstance(
            folder, int) else src
        name = os.path.relpath(path, out)
        if not swapped and name in differ:
            swapped.append(name)  # the other build, between this one's read and its link
            with monkeypatch.context() as m:
                m.setattr(os, "link", real_link)
                build(FIX / "drift", out, allow_drift=True)
        real_link(src, dst, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", link)
    build(FIX / "clean", out)
    assert swapped, "the other build ran"
    assert _snapshot(out) == mine
