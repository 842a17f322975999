"""The key-points summary (`summary:`): checked like every text, and shown above the policy with a link to each point's clause.

Runs on a copy of the shipped policy; expectations come from its own `summary:` list.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.check import check_sources
from engine.citation import cite
from engine.loader import load_folder
from render.site import build_site
from render.strings import frames

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "policy"


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    out = tmp_path / "policy"
    shutil.copytree(SHIPPED, out)
    return out


def _codes(folder: Path) -> dict[str, set[str]]:
    checked = check_sources(load_folder(folder))
    out: dict[str, set[str]] = {}
    for d in checked.diagnostics:
        out.setdefault(d.code, set()).add(d.unit or "")
    return out


def _first_point(folder: Path) -> tuple[str, str]:
    src = load_folder(folder)
    assert src.master is not None and src.master.summary, "the shipped policy has key points"
    point = src.master.summary[0]
    return point.id, point.clause


def test_shipped_summary_is_in_parity(policy: Path) -> None:
    codes = _codes(policy)
    assert not {c for c in codes if c.startswith(("PARITY", "DRIFT", "POLICY"))}, codes


def test_a_point_missing_from_a_translation_is_a_parity_error(policy: Path) -> None:
    pid, _ = _first_point(policy)
    ru = policy / "ru.yaml"
    text = ru.read_text("utf-8")
    assert f"  - id: {pid}\n" in text
    start = text.index(f"  - id: {pid}\n")
    ru.write_text(text[:start] + text[text.index("\n  - ", start) + 1:], "utf-8")
    codes = _codes(policy)
    assert f"summary.{pid}" in codes.get("PARITY001", set())


def test_a_point_under_another_id_in_a_translation_is_a_changed_id(policy: Path) -> None:
    # the same key point (its recorded fingerprint is the master's present text's) under a
    # changed id: one PARITY012, not a missing point beside one the master does not have
    pid, _ = _first_point(policy)
    ru = policy / "ru.yaml"
    text = ru.read_text("utf-8")
    ru.write_text(text.replace(f"  - id: {pid}\n", "  - id: renamed-point\n", 1), "utf-8")
    codes = _codes(policy)
    assert codes.get("PARITY012") == {f"summary.{pid}"}
    assert "PARITY001" not in codes and "PARITY002" not in codes, codes


def test_a_point_naming_an_unknown_clause_is_refused(policy: Path) -> None:
    _pid, clause = _first_point(policy)
    ja = policy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"    clause: {clause}\n",
                                                "    clause: no-such-clause\n", 1), "utf-8")
    src = load_folder(policy)
    assert [d.code for d in src.diagnostics if "no-such-clause" in d.message] == ["POLICY003"]


def test_a_changed_point_makes_its_translations_stale(policy: Path) -> None:
    src = load_folder(policy)
    assert src.master is not None
    point = src.master.summary[0]
    ja = policy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(point.text, point.text + "（改）", 1), "utf-8")
    checked = check_sources(load_folder(policy))
    for lang in ("ru", "en"):
        assert checked.states[lang][f"summary.{point.id}"] == "stale"


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_summary_is_shown_with_a_link_to_each_clause(tmp_path: Path, lang: str) -> None:
    result = build_site(SHIPPED, tmp_path / "site", allow_drift=True)
    assert result.written
    html = (tmp_path / "site" / lang / "index.html").read_text("utf-8")
    src = load_folder(SHIPPED)
    assert src.master is not None
    numbers = {}
    from engine.model import master_units

    for unit in master_units(src.master):
        if unit.id_path:
            numbers[unit.anchor] = unit.number
    section = html[html.index('<section class="summary"'):]
    section = section[:section.index("</section>")]
    assert frames(lang)["summary_notice"] in section
    for point in src.master.summary:
        link = (f'<a class="cite" href="#{point.clause}">'
                f"{cite(numbers[point.clause], lang)}</a>")
        assert link in section, point.id
        assert f'id="_summary.{point.id}"' in section
