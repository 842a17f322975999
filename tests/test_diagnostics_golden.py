"""Golden diagnostics: each case in tests/diagnostics/cases.yaml pins code, file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from engine.loader import load_folder

from .conftest import FIXTURES

CASES: list[dict[str, Any]] = YAML(typ="safe").load(
    (Path(__file__).parent / "diagnostics" / "cases.yaml").read_text("utf-8"))


def _apply(folder: Path, edit: dict[str, Any]) -> None:
    target = folder / edit["file"]
    if edit.get("delete"):
        target.unlink()
        return
    if "content" in edit:
        target.write_text(edit["content"], "utf-8")
        return
    source = folder / edit.get("from", edit["file"])
    text = source.read_text("utf-8")
    assert text.count(edit["old"]) == 1, f"edit anchor not unique in {source.name}: {edit['old']!r}"
    target.write_text(text.replace(edit["old"], edit["new"]), "utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_diagnostic(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(FIXTURES / "mini", folder)
    for edit in case["edits"]:
        _apply(folder, edit)
    monkeypatch.chdir(tmp_path)
    found = load_folder(Path("policy")).diagnostics
    got = [{"code": d.code, "file": Path(d.file).name, "line": d.line, "col": d.col} for d in found]
    assert got == case["expect"]


def test_cases_cover_every_error_family() -> None:
    families = {e["code"].rstrip("0123456789") for c in CASES for e in c["expect"]}
    assert {"IO", "YAML", "SCHEMA", "POLICY"} <= families


def test_python_tag_case_did_not_execute(tmp_path: Path) -> None:
    # The tag case above would create /tmp/pwned if anything constructed it.
    assert not Path("/tmp/pwned").exists()


def test_autolinks_are_links_not_raw_html() -> None:
    from engine.markup import scan

    info = scan("Write to <mailto:info@cafetalk.com> or see <https://cafetalk.com>.")
    assert info.html == ()
    assert info.hrefs == ("mailto:info@cafetalk.com", "https://cafetalk.com")


def test_unsafe_link_is_reported_whole() -> None:
    from engine.markup import scan

    assert scan("[x](javascript:alert(1))").hrefs == ("javascript:alert(1)",)
