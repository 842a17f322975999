"""The version archive and its redlines: built from a throwaway git repository holding two versions of the clean fixture.

Checks that every version gets its pages in every language, that the release notes are the
legal team's revision notes, that each edition's redline shows its own changes and the changes
to the Japanese text, that the "Revised" line links to what changed, and that `--since` a
revision older than the policy shows the whole text as new instead of failing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from engine.loader import load_folder
from render.site import build_site
from render.strings import frames
from tests.test_render_support import read_page

FIX = Path(__file__).resolve().parent / "fixtures" / "render" / "clean"
NOTES = {"ja": "2026年12月1日改定（取得の条件を明確化）",
         "ru": "Изменено 1 декабря 2026 г. (уточнены условия сбора)",
         "en": "Revised December 1, 2026 (the conditions of collection are clarified)"}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose history holds the fixture at its version, then a revised version."""
    root = tmp_path_factory.mktemp("archive")
    _git(root, "init", "-q")
    (root / "README").write_text("before the policy\n", "utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "before the policy")
    shutil.copytree(FIX, root / "policy")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "policy")
    policy = root / "policy"
    old = load_folder(policy).master
    assert old is not None
    for lang in ("ja", "ru", "en"):
        _replace(policy / f"{lang}.yaml", f"version: {old.facts.version}", "version: 9.0.0")
    _replace(policy / "ja.yaml", "      date: 2022-04-01\n",
             "      date: 2022-04-01\n    - id: clarify-2026\n      date: 2026-12-01\n")
    _replace(policy / "ja.yaml", "    contact-2022: 2022年4月1日改定\n",
             f"    contact-2022: 2022年4月1日改定\n    clarify-2026: {NOTES['ja']}\n")
    _replace(policy / "ja.yaml", "本人の同意を得て取得します。", "本人の明示的な同意を得て取得します。")
    for lang in ("ru", "en"):
        _replace(policy / f"{lang}.yaml", "  revised: 2022-04-01", "  revised: 2026-12-01")
        _replace(policy / f"{lang}.yaml", "  signature:",
                 f'    clarify-2026: {{text: "{NOTES[lang]}"}}\n  signature:')
    _replace(policy / "en.yaml", "Only with the user's consent.",
             "Only with the user's explicit consent.")
    _git(root, "commit", "-q", "-am", "revise")
    return root


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
    assert f"<ins>{NOTES[lang]}</ins>" in own  # the new revision note of this edition
    if lang == "en":
        assert "<ins>explicit </ins>" in own or "<ins> explicit</ins>" in own
    # Nothing written for machines: no ids, revisions, hashes or question counts.
    for jargon in ("collection-consent", "HEAD", "Classification", "questions compared"):
        assert jargon not in html.split("<main", 1)[1].replace('href="index.html#collection-consent"', "")


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
    first = _git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    result = build_site(repo / "policy", tmp_path / "site", allow_drift=True, since=first)
    assert result.written, [str(d) for d in result.diagnostics]
    html = (tmp_path / "site" / "en" / "changes-since.html").read_text("utf-8")
    assert frames("en")["redline_empty_base"] in html
    assert "<ins>Only with the user&#39;s explicit consent.</ins>" in html or \
        "<ins>Only with the user's explicit consent.</ins>" in html
