"""Golden files: the site built from tests/fixtures/render/drift must match tests/golden/site byte for byte.

Regenerate after an intended change with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site_golden.py`
and review the diff of tests/golden/site in the commit.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from render.site import build_site

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "render" / "drift"
GOLDEN = HERE / "golden" / "site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    result = build_site(FIXTURE, out, allow_drift=True)
    assert result.written, [str(d) for d in result.diagnostics]
    if UPDATE:
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(out, GOLDEN)
    return out


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_same_files_as_golden(built: Path) -> None:
    assert _files(built) == _files(GOLDEN)


GOLDEN_FILES = ["index.html", "style.css", "policy.json",
                *[f"{lang}/{name}" for lang in ("ja", "ru", "en")
                  for name in ("index.html", "policy.md", "versions.html")],
                *[f"versions/1.2.0/{lang}/index.html" for lang in ("ja", "ru", "en")]]


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_file_matches_golden(built: Path, name: str) -> None:
    got = (built / name).read_text("utf-8")
    want = (GOLDEN / name).read_text("utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            f"golden/{name}", f"built/{name}", n=2))
        pytest.fail(f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept):\n{diff}")


# The redline of a version against its predecessor, per language: the clean fixture as the
# earlier version and the drift fixture (the Japanese text of clause 2 changed, key points
# added) as the later one, compared without git.
REDLINE_GOLDEN = HERE / "golden" / "redline"


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_redline_matches_golden(lang: str) -> None:
    from engine.loader import load_folder
    from render.archive import Snapshot
    from render.versions import redline_page

    base_src = load_folder(HERE / "fixtures" / "render" / "clean")
    head_src = load_folder(FIXTURE)
    assert base_src.master is not None and head_src.master is not None
    base = Snapshot("1.1.0", base_src, "0" * 40)
    head = Snapshot(head_src.master.facts.version, head_src, None)
    got = redline_page(base, head, lang, ["ja", "ru", "en"], root="../../../",
                       edition_href="index.html", versions_href=f"../../../{lang}/versions.html",
                       pdf_href="changes.pdf")
    path = REDLINE_GOLDEN / f"{lang}.html"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, "utf-8")
    want = path.read_text("utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            f"golden/redline/{lang}.html", "built", n=2))
        pytest.fail(f"the {lang} redline differs from the golden file (UPDATE_GOLDEN=1 to "
                    f"accept):\n{diff}")


def test_a_redline_shows_what_a_reader_reads_changed_not_marks(tmp_path: Path) -> None:
    """A unit whose written text changed only in its Markdown marks reads the same and is no
    change; a unit whose words changed is one, once per page, with its words marked."""
    import shutil

    from engine.loader import load_folder
    from render.archive import Snapshot
    from render.versions import Redlines, redline_page

    clean = HERE / "fixtures" / "render" / "clean"
    head_dir = tmp_path / "head"
    shutil.copytree(clean, head_dir)
    ja = head_dir / "ja.yaml"
    text = ja.read_text("utf-8")
    for old, new in (("text: 本人の同意を得て取得します。", "text: 本人の**同意**を得て取得します。"),
                     ("text: 次の情報は取得しません。", "text: 次の情報は決して取得しません。")):
        assert text.count(old) == 1
        text = text.replace(old, new)
    ja.write_text(text, "utf-8")
    base_src, head_src = load_folder(clean), load_folder(head_dir)
    assert base_src.master is not None and head_src.master is not None
    base = Snapshot("1.1.0", base_src, "0" * 40)
    head = Snapshot(head_src.master.facts.version, head_src, None)
    shared = Redlines()
    pages = {lang: redline_page(base, head, lang, ["ja", "ru", "en"], root="../../../",
                                edition_href="index.html", versions_href="versions.html",
                                shared=shared)
             for lang in ("ja", "ru", "en")}
    for lang, page in pages.items():
        assert page.count('<section class="change">') == 1, lang
        assert "<ins>決して</ins>" in page, lang
        assert "同意" not in page, lang
