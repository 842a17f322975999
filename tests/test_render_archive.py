"""The version archive and its redlines: built from a throwaway git repository holding two versions of the clean fixture.

Checks that every version gets its pages in every language, that the release notes are the
legal team's revision notes, that each edition's redline shows its own changes and the changes
to the Japanese text, that the "Revised" line links to what changed, and that `--since` a
revision older than the policy shows the whole text as new instead of failing.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from engine.loader import load_folder
from render.archive import HistoryReader, history
from render.site import build_site
from render.strings import format_date, frames
from tests.archive_repo import FIX, NOTES, git, make_repo
from tests.test_render_support import read_page

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def site(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(repo / "policy", out, allow_drift=True)
    assert result.written, [str(d) for d in result.diagnostics]
    return out


def test_every_version_has_its_pages_in_every_language(site: Path) -> None:
    for lang in ("ja", "ru", "en"):
        for version in ("1.2.0", "9.0.0"):
            assert (site / "versions" / version / lang / "index.html").is_file()
        assert (site / "versions" / "9.0.0" / lang / "changes.html").is_file()
        # The first version archived has nothing before it to compare with.
        assert not (site / "versions" / "1.2.0" / lang / "changes.html").exists()


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_versions_page_lists_versions_newest_first_with_notes(site: Path, lang: str) -> None:
    page = read_page(site / lang / "versions.html")
    assert [s.attrs["id"] for s in page.with_class("version")] == ["v9.0.0", "v1.2.0"]
    notes = page.with_class("notes")
    assert NOTES[lang] in notes[0].text  # the legal team's words, in this language
    html = (site / lang / "versions.html").read_text("utf-8")
    assert f'href="../versions/9.0.0/{lang}/changes.html"' in html
    assert frames(lang)["versions_intro"].format(version="1.2.0") in page.with_class("notice")[0].text


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_the_skip_link_says_where_it_leads(site: Path, lang: str) -> None:
    """A keyboard or screen reader user's first link skips to the page's main content and
    says what that is: the policy's text on an edition's page (the current one or an
    archived one), the main content on the versions page and a redline, which hold no
    policy text to skip to ("Skip to the policy text" led to the list of versions)."""
    f = frames(lang)
    pages = {site / lang / "index.html": f["skip"],
             site / "versions" / "1.2.0" / lang / "index.html": f["skip"],
             site / lang / "versions.html": f["skip_content"],
             site / "versions" / "9.0.0" / lang / "changes.html": f["skip_content"]}
    for path, said in pages.items():
        html = path.read_text("utf-8")
        body = html[html.index("<body"):]
        first = re.search(r"<a ([^>]*)>([^<]*)</a>", body)
        assert first is not None and first[1] == 'class="skip" href="#main"', path
        assert first[2] == said, (path, first[2])
        assert '<main id="main"' in html, path
    if lang == "en":
        assert f["skip_content"] != f["skip"]


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_versions_page_names_the_pdf_of_what_changed(repo: Path, lang: str) -> None:
    """Beside "Read version 9.0.0" a link named only "PDF" reads as that version's text; it
    is the redline's PDF, and its name says so, with the version it compares with, as the
    redline's own link does: out of context (a screen reader's list of links) one "What
    changed (PDF)" a version, each to another file, could not be told apart."""
    from render.site import render_site

    src = load_folder(repo / "policy")
    snapshots, _diagnostics = history(repo / "policy", src)
    html = render_site(src, {}, snapshots, pdf=True)[f"{lang}/versions.html"].decode("utf-8")
    links = re.findall(r'<a href="([^"]*)" type="application/pdf">([^<]*)</a>', html)
    named = frames(lang)["changes_pdf"].format(version="1.2.0")
    assert links == [("../versions/9.0.0/" + lang + "/changes.pdf", named)]
    assert "1.2.0" in named and frames(lang)["changes_from"].format(version="1.2.0") in named


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_revised_line_links_to_what_changed_and_every_version(site: Path, lang: str) -> None:
    html = (site / lang / "index.html").read_text("utf-8")
    status = html[html.index('<p class="status">'):]
    status = status[:status.index("</p>")]
    assert 'datetime="2026-12-01"' in status
    assert f'href="../versions/9.0.0/{lang}/changes.html"' in status
    assert 'href="versions.html"' in status


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_translation_redline_shows_its_own_and_the_japanese_changes(site: Path,
                                                                    lang: str) -> None:
    html = (site / "versions" / "9.0.0" / lang / "changes.html").read_text("utf-8")
    assert "<ins>明示的な</ins>" in html  # the Japanese text's change, on every edition
    assert frames(lang)["redline_master"] in html
    own = html.split(frames(lang)["redline_master"])[0]
    # the new release note of this edition is shown in full under "Release notes" (its own
    # test below), the Japanese one in full under the Japanese text's changes
    assert frames(lang)["redline_note_shown"].split("{notes}")[0] in own
    assert f"<ins>{NOTES['ja']}</ins>" in html.split(frames(lang)["redline_master"])[1]
    if lang == "en":
        assert "<ins>explicit </ins>" in own or "<ins> explicit</ins>" in own
    # The badge of a new part agrees with a heading of any gender ("Заметка о редакции"
    # is feminine): "текст добавлен", never a masculine "добавлен" alone.
    badge = re.search(r'<h3>([^<]*) <span class="mark">([^<]*)</span></h3>', own)
    assert badge is not None and badge[2] == frames(lang)["added"], own
    if lang == "ru":
        assert badge[1].startswith("Заметка о редакции от ") and badge[2] == "текст добавлен"
    # Nothing written for machines: no ids, revisions, hashes or question counts.
    for jargon in ("collection-consent", "HEAD", "Classification", "questions compared"):
        assert jargon not in html.split("<main", 1)[1].replace('href="index.html#collection-consent"', "")


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_release_note_shown_above_is_not_printed_again_in_the_changes(site: Path,
                                                                       lang: str) -> None:
    """The page shows the version's new release note under "Release notes"; the list of this
    edition's changes says in a line that it was added and is shown above (a link to it),
    under the note's own heading, not its whole text a second time. The Japanese note on a
    Russian or English page is the prevailing text's change and stays in full."""
    html = (site / "versions" / "9.0.0" / lang / "changes.html").read_text("utf-8")
    main = html.split("<main", 1)[1]
    f = frames(lang)
    assert main.count(NOTES[lang]) == 1, main
    page = read_page(site / "versions" / "9.0.0" / lang / "changes.html")
    assert NOTES[lang] in page.with_class("notes")[0].text
    assert f'<h2 id="release-notes">{f["release_notes"]}</h2>' in main
    line = f["redline_note_shown"].replace(
        "{notes}", f'<a href="#release-notes">{f["release_notes"]}</a>')
    own = main.split(f"<h2>{f['redline_master']}</h2>")[0] if lang != "ja" else main
    heading = f["doc_revision_of"].format(date=format_date(dt.date(2026, 12, 1), lang))
    assert (f'<h3>{heading} <span class="mark">{f["added"]}</span></h3>\n<p>{line}</p>'
            in own), own
    if lang != "ja":
        assert main.count(NOTES["ja"]) == 1 and f"<ins>{NOTES['ja']}</ins>" in main


def test_only_a_release_note_added_as_shown_above_is_said_in_a_line() -> None:
    """A release note the version changed keeps its redline, and so does an added one whose
    text is not the one shown above (another edition's, or none shown: a "since" page)."""
    from render.versions import Redlines, UnitText, _changes

    line = frames("en")["redline_note_shown"].split("{notes}")[0]
    base = {"footer.revisions.a": UnitText("footer.revisions.a", "", "", "", "Old (a).")}
    head = {"footer.revisions.a": UnitText("footer.revisions.a", "", "", "", "New (a)."),
            "footer.revisions.b": UnitText("footer.revisions.b", "", "", "", "New (b).")}
    shown = {"footer.revisions.a": "New (a).", "footer.revisions.b": "New (b)."}
    changed, added = _changes(base, head, list(head), "en", "en", None, Redlines(),
                              shown=shown)
    assert line not in changed and "<ins>" in changed
    assert line in added and "New (b)." not in added
    for other in ({"footer.revisions.b": "Another (b)."}, {}, None):
        [_, again] = _changes(base, head, list(head), "en", "en", None, Redlines(),
                              shown=other)
        assert line not in again and "<ins>New (b).</ins>" in again


_CUE = re.compile(r'<span class="cue" lang="([^"]*)"> \[([^\]<]*)\] </span>')


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_each_change_cue_is_said_in_the_pages_language_and_voice(site: Path, lang: str) -> None:
    """Around each run of deleted or inserted words a screen reader is told where it starts and
    ends, in the page's words and marked as the page's language: inside the redline of the
    Japanese text (lang="ja") on a Russian or English page, a cue left to inherit the text's
    language is read with a Japanese voice (or, in Cyrillic, skipped)."""
    f = frames(lang)
    html = (site / "versions" / "9.0.0" / lang / "changes.html").read_text("utf-8")
    main = html.split("<main", 1)[1]
    for tag, kind in (("del", "deletion"), ("ins", "insertion")):
        start = f'<span class="cue" lang="{lang}"> [{f[kind + "_start"]}] </span><{tag}>'
        end = f'</{tag}><span class="cue" lang="{lang}"> [{f[kind + "_end"]}] </span>'
        assert main.count(start) == main.count(end) == main.count(f"<{tag}>"), tag
    assert main.count("<ins>") > 0
    cues = _CUE.findall(main)
    assert len(cues) == main.count('class="cue"') and {c for c, _ in cues} == {lang}
    if lang != "ja":  # the Japanese text's changes, on this page too, are cued in its language
        japanese = main.split(f["redline_master"])[1]
        assert '<p class="redline" lang="ja">' in japanese
        assert {c for c, _ in _CUE.findall(japanese)} == {lang}


def test_master_redline_has_one_section(site: Path) -> None:
    html = (site / "versions" / "9.0.0" / "ja" / "changes.html").read_text("utf-8")
    assert "<ins>明示的な</ins>" in html
    assert frames("ja")["redline_this"] not in html


def test_archived_page_says_which_version_it_is(site: Path) -> None:
    page = read_page(site / "versions" / "1.2.0" / "en" / "index.html")
    text = " ".join(n.text for n in page.with_class("archive"))
    assert frames("en")["archived"].format(version="1.2.0") in text
    html = (site / "versions" / "1.2.0" / "en" / "index.html").read_text("utf-8")
    assert 'href="../../../en/index.html"' in html and 'href="../../../style.css"' in html


def test_since_before_the_policy_existed_shows_everything_as_new(repo: Path,
                                                                 tmp_path: Path) -> None:
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    result = build_site(repo / "policy", tmp_path / "site", allow_drift=True, since=first)
    assert result.written, [str(d) for d in result.diagnostics]
    html = (tmp_path / "site" / "en" / "changes-since.html").read_text("utf-8")
    assert frames("en")["redline_empty_base"] in html
    assert "<ins>Only with the user&#39;s explicit consent.</ins>" in html or \
        "<ins>Only with the user's explicit consent.</ins>" in html


# How the policy is kept is the tooling's business, not the reader's: a reader of the
# archive learns which versions are here, never the file format they are kept in.
TOOLING_WORDS = ("YAML", "structured text", "構造化", "структурированн")


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_the_archive_speaks_of_versions_not_of_how_they_are_kept(repo: Path,
                                                                 lang: str) -> None:
    from render.site import render_site

    src = load_folder(repo / "policy")
    snapshots, _diagnostics = history(repo / "policy", src)
    first = snapshots[0]
    files = render_site(src, {}, snapshots, since=(None, "HEAD~9"))
    pages = {name: files[name].decode("utf-8")
             for name in (f"{lang}/versions.html", f"{lang}/changes-since.html")}
    assert frames(lang)["redline_empty_base"] in pages[f"{lang}/changes-since.html"]
    assert first.version in pages[f"{lang}/versions.html"]
    for name, html in pages.items():
        assert [w for w in TOOLING_WORDS if w in html] == [], name


def test_the_japanese_legend_does_not_say_only_the_clauses_are_compared(site: Path) -> None:
    """A redline shows changed key points and revision notes too. In Japanese 「本文」 is the
    clauses' text, which the summary sets apart from the key points (「本文に代わるものでは
    ありません」), so a legend saying 「本文のみ」 is compared contradicts what the page shows."""
    assert "本文" in frames("ja")["summary_notice"]
    page = read_page(site / "versions" / "9.0.0" / "ja" / "changes.html")
    legend = page.with_class("legend")[0].text
    assert legend == frames("ja")["redline_intro"]
    assert "本文のみ" not in legend and "文言のみ" in legend


def _with_an_unreadable_version(tmp_path: Path) -> Path:
    """A repository whose 9.1.0 has a field the tools do not know, and 9.2.0 pending."""
    repo = make_repo(tmp_path / "repo")
    ja = repo / "policy" / "ja.yaml"
    good = ja.read_text("utf-8")
    ja.write_text(good.replace("version: 9.0.0", "version: 9.1.0").replace(
        "lang: ja", "lang: ja\nno_such_field: 1"), "utf-8")
    git(repo, "commit", "-q", "-am", "a version the tools cannot read")
    ja.write_text(good.replace("version: 9.0.0", "version: 9.2.0"), "utf-8")
    return repo


def test_a_version_that_cannot_be_read_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """RENDER006: an old version the current tools cannot read is not archived; the build
    goes on."""
    repo = _with_an_unreadable_version(tmp_path)
    for lang in ("ru", "en"):
        path = repo / "policy" / f"{lang}.yaml"
        path.write_text(path.read_text("utf-8").replace("version: 9.0.0", "version: 9.2.0"),
                        "utf-8")
    result = build_site(repo / "policy", tmp_path / "site", allow_drift=True)
    assert result.written, [str(d) for d in result.diagnostics]
    assert "RENDER006" in {d.code for d in result.diagnostics}
    assert not (tmp_path / "site" / "versions" / "9.1.0").exists()
    assert (tmp_path / "site" / "versions" / "9.2.0" / "en" / "changes.html").is_file()


def test_a_pdf_failure_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RENDER007: when the PDFs cannot be made, the previous site stays as it was."""
    from render import pdf

    def fail(files: object, job: object) -> bytes:
        raise pdf.PdfError("WeasyPrint is not installed")

    monkeypatch.setattr(pdf, "render_pdf", fail)
    result = build_site(FIX, tmp_path / "site", pdf=True)
    assert not result.written
    assert "RENDER007" in {d.code for d in result.diagnostics}
    assert not (tmp_path / "site").exists()


def test_the_history_reader_gives_what_history_gives(tmp_path: Path) -> None:
    """HistoryReader reads git on a thread of its own; the snapshots and findings are those
    of history(), a version git holds that the tools cannot read (RENDER006) included."""
    repo = _with_an_unreadable_version(tmp_path)
    src = load_folder(repo / "policy")
    snapshots, problems = history(repo / "policy", src)
    threaded, threaded_problems = HistoryReader(repo / "policy", src).result()
    assert [(s.version, s.commit) for s in threaded] == [(s.version, s.commit) for s in snapshots]
    assert [s.src.master for s in threaded] == [s.src.master for s in snapshots]
    assert threaded_problems == problems and {d.code for d in problems} == {"RENDER006"}
    assert len(snapshots) >= 2 and snapshots[-1].commit is None


def test_outside_a_repository_the_history_reader_gives_the_current_version(
        tmp_path: Path) -> None:
    shutil.copytree(FIX, tmp_path / "policy")
    src = load_folder(tmp_path / "policy")
    assert src.master is not None
    snapshots, problems = HistoryReader(tmp_path / "policy", src).result()
    assert [(s.version, s.commit) for s in snapshots] == [(src.master.facts.version, None)]
    assert problems == []



def test_the_history_thread_gets_the_interpreter_sooner_while_it_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the thread waits for git, the switch interval is short (it gets the interpreter
    back within half a millisecond each time git answers, not 5 ms); once it is done, the
    interval is what it was, whatever the thread met."""
    import sys
    import threading

    from render import archive

    shutil.copytree(FIX, tmp_path / "policy")
    src = load_folder(tmp_path / "policy")
    before = sys.getswitchinterval()
    for outcome in ("answers", "fails"):
        started, release = threading.Event(), threading.Event()

        def read(*args: object, outcome: str = outcome, started: threading.Event = started,
                 release: threading.Event = release) -> list[object]:
            started.set()
            release.wait(10)
            if outcome == "fails":
                raise OSError("no git")
            return []

        monkeypatch.setattr(archive, "_read_versions", read)
        reader = HistoryReader(tmp_path / "policy", src)
        assert started.wait(10)
        assert sys.getswitchinterval() == archive.SWITCH_INTERVAL_S < before
        release.set()
        reader.join()
        assert sys.getswitchinterval() == before
        if outcome == "fails":
            with pytest.raises(OSError):
                reader.result()


def test_overlapping_history_threads_keep_the_interval_short_until_the_last_ends(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import threading

    from render import archive

    shutil.copytree(FIX, tmp_path / "policy")
    src = load_folder(tmp_path / "policy")
    before = sys.getswitchinterval()
    import itertools

    releases = [threading.Event(), threading.Event()]
    turns = itertools.count()

    def read(*args: object) -> list[object]:
        releases[next(turns)].wait(10)
        return []

    monkeypatch.setattr(archive, "_read_versions", read)
    first = HistoryReader(tmp_path / "policy", src)
    second = HistoryReader(tmp_path / "policy", src)
    releases[0].set()
    first.join()
    assert sys.getswitchinterval() == archive.SWITCH_INTERVAL_S, "one still runs"
    releases[1].set()
    second.join()
    assert sys.getswitchinterval() == before


def test_the_server_keeps_the_versions_git_holds_while_the_repository_is_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the server (reads kept), with the repository's state read first (as the check's
    cache key reads it), the versions are read from git once per state: a second build reads
    nothing and gets the same archive; after a commit of a new version, git is read again
    and the new version is in the archive, as without the server's memory."""
    from engine import inputs, loader
    from render import archive

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICY_CACHE_SOURCES", "1")
    monkeypatch.delenv("POLICY_NO_CACHE", raising=False)
    monkeypatch.setattr(loader, "_KEEP", False)
    monkeypatch.setattr(loader, "_KEPT", {})
    loader.keep_reads()
    repo = make_repo(tmp_path / "repo")
    policy = repo / "policy"
    reads: list[str] = []
    real = archive._read_versions

    def counted(*args: object) -> list[object]:
        reads.append("git")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(archive, "_read_versions", counted)

    def versions() -> list[tuple[str, str | None]]:
        src = load_folder(policy)
        inputs.git_state(policy)  # as the check's key does before the build reads the archive
        snapshots, problems = archive.HistoryReader(policy, src).result()
        assert problems == []
        return [(s.version, s.commit) for s in snapshots]

    def without_memory() -> list[tuple[str, str | None]]:
        with monkeypatch.context() as m:
            m.setattr(loader, "_KEEP", False)
            return versions()

    ja = policy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("version: 9.0.0", "version: 9.2.0"), "utf-8")
    first = versions()  # the version being edited, 9.2.0, and the two committed before it
    assert [v for v, _ in first][1:] == ["9.0.0", "9.2.0"] and reads == ["git"]
    assert versions() == first and reads == ["git"], "the same state: git is not read"
    assert without_memory() == first and len(reads) == 2
    # 9.1.0 committed, the working tree back at 9.2.0: the same version being edited, a new
    # state of the repository
    for lang in ("ja", "ru", "en"):
        path = policy / f"{lang}.yaml"
        path.write_text(path.read_text("utf-8").replace("version: 9.0.0", "version: 9.1.0")
                        .replace("version: 9.2.0", "version: 9.1.0"), "utf-8")
    git(repo, "commit", "-q", "-am", "9.1.0")
    ja.write_text(ja.read_text("utf-8").replace("version: 9.1.0", "version: 9.2.0"), "utf-8")
    newer = versions()
    assert len(reads) == 3, "a new commit: git is read again"
    assert [v for v, _ in newer] == [first[0][0], "9.0.0", "9.1.0", "9.2.0"]
    assert newer == without_memory()


def test_added_key_points_have_headings_of_their_own() -> None:
    """A version that adds ten key points lists ten changes; each heading names its key point
    by its place in the summary (Key point 1, 要点2, Главное, тезис 3), not ten equal
    "Key points — added" headings that a screen reader's list of headings cannot tell apart."""
    from render.strings import frames
    from render.versions import Redlines, UnitText, _changes

    head = {f"summary.p{i}": UnitText(f"summary.p{i}", f"p{i}", "", "", f"Point {i}.")
            for i in range(1, 4)}
    for lang in ("en", "ja", "ru"):
        found = _changes({}, head, list(head), lang, "en", None, Redlines())
        headings = [re.search(r"<h3>(.*?) <span", s).group(1)  # type: ignore[union-attr]
                    for s in found]
        assert headings == [frames(lang)["summary_n"].format(n=n) for n in (1, 2, 3)], lang
        assert len(set(headings)) == 3


def test_changed_release_notes_are_headed_by_their_dates() -> None:
    """A version that re-spells two older release notes and adds its own lists three release
    notes; each heading names its note by its revision's date ("Release note of December 4,
    2026", 2026年12月4日の改定のお知らせ), not three equal "Release note" headings that a
    screen reader's list of headings cannot tell apart."""
    import datetime as dt

    from render.strings import format_date, frames
    from render.versions import Redlines, UnitText, _changes

    days = {f"r{i}": dt.date(2026, 12, i) for i in (2, 4, 5)}
    base = {f"footer.revisions.r{i}": UnitText(f"footer.revisions.r{i}", "", "", "",
                                               f"Revised ({i}) её.") for i in (2, 4)}
    head = {k: UnitText(k, "", "", "", v.text.replace("ё", "е")) for k, v in base.items()}
    head["footer.revisions.r5"] = UnitText("footer.revisions.r5", "", "", "", "Revised (5).")
    for lang in ("en", "ja", "ru"):
        found = _changes(base, head, list(head), lang, "en", None, Redlines(), dates=days)
        headings = [re.search(r"<h3>(.*?)(?: <span|</h3>)", s).group(1)  # type: ignore[union-attr]
                    for s in found]
        assert headings == [frames(lang)["doc_revision_of"].format(date=format_date(days[r],
                                                                                  lang))
                            for r in ("r2", "r4", "r5")], lang
        assert len(set(headings)) == 3
        # a note whose revision has no date on either side keeps the plain name
        lone = {"footer.revisions.x": UnitText("footer.revisions.x", "", "", "", "New.")}
        assert "<h3>" + frames(lang)["doc_revision"] + " <span" in _changes(
            {}, lone, list(lone), lang, "en", None, Redlines(), dates=days)[0]


def test_a_redline_shows_a_titled_units_title_in_its_heading_once() -> None:
    """The heading names the clause by its number and title: the paragraph shows the text
    alone when the title is the same (it repeated the title as its first line), and the title
    too when the title itself changed, so the change is marked."""
    from render.versions import Redlines, UnitText, _changes

    old = UnitText("clause:use", "use", "2", "利用", "連絡先を利用します。")
    same_title = UnitText("clause:use", "use", "2", "利用", "連絡先を通知に利用します。")
    new_title = UnitText("clause:use", "use", "2", "利用目的", "連絡先を利用します。")
    [section] = _changes({"clause:use": old}, {"clause:use": same_title}, ["clause:use"],
                         "ja", "ja", None, Redlines())
    paragraph = section.split('<p class="redline">')[1]
    assert paragraph.startswith("連絡先を") and "利用\n" not in paragraph, section
    [section] = _changes({"clause:use": old}, {"clause:use": new_title}, ["clause:use"],
                         "ja", "ja", None, Redlines())
    assert "<ins>目的</ins>" in section or "<ins>利用目的</ins>" in section, section
