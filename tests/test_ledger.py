"""`policy ledger`: the personal-information ledger from fixture declarations, as golden HTML,
CSV and JSON in each language; its rows agree with the engine; the HTML passes the Nu HTML
Checker; bad declarations write nothing.

Regenerate the golden files after an intended change with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_ledger.py` and review their diff.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import load
from engine.cli import main
from engine.uses import build_ledger, load_uses
from render.ledger import render_ledger
from tests.nu_checker import nu_check, requires_java

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "uses"
POLICY = FIX / "policy"
GOLDEN = ROOT / "tests" / "golden" / "ledger"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
CASES = [("ja", "html"), ("ru", "html"), ("en", "html"), ("ja", "csv"), ("ru", "csv"),
         ("en", "csv"), ("en", "json")]


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # file names in the ledger are relative to the working directory


def _ledger(uses: str = "ledger"):  # type: ignore[no-untyped-def]
    return build_ledger(load(POLICY), load_uses(FIX / uses))


@pytest.mark.parametrize("lang, fmt", CASES)
def test_ledger_matches_golden(lang: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"ledger.{lang}.{fmt}"
    result = CliRunner().invoke(main, ["ledger", "--policy", str(POLICY), "--uses",
                                       str(FIX / "ledger"), "--lang", lang, "--format", fmt,
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert text == render_ledger(_ledger(), lang, fmt)  # the CLI writes what the library renders
    golden = GOLDEN / out.name
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8")
    expected = golden.read_text("utf-8")
    assert text == expected, "".join(difflib.unified_diff(
        expected.splitlines(True), text.splitlines(True), str(golden), str(out)))


def test_rows_are_the_engines_answers_per_category() -> None:
    policy = load(POLICY)
    decls = load_uses(FIX / "ledger")
    ledger = build_ledger(policy, decls)
    leaves = policy.terms("data", groups=False)
    want = set()
    for u in decls.uses:
        for term in u.data:
            members = policy.vocabulary["data"][term].get("members") or (term,)
            want |= {(m, u.key) for m in members}
    assert {(r.category, r.use.key) for r in ledger.rows} == want
    for category, rows in ledger.categories:
        assert category in leaves
        for r in rows:
            assert r.decision == policy.decide(r.use.action, category, r.use.purpose,
                                               dict(r.use.when))
    assert set(ledger.unused) == set(leaves) - {c for c, _ in ledger.categories}


def test_labels_follow_the_language() -> None:
    policy = load(POLICY)
    ledger = _ledger()
    for lang in ("ja", "ru", "en"):
        page = render_ledger(ledger, lang, "html")
        assert f'<html lang="{lang}">' in page
        for category, _rows in ledger.categories:
            assert policy.label("data", category, lang) in page
        assert 'name="robots" content="noindex, nofollow"' in page
    # A system named in one language only is shown in it, marked as such.
    assert '<span lang="en">Accounts</span>' in render_ledger(ledger, "ja", "html")


def test_denied_use_and_unacknowledged_obligation_are_marked() -> None:
    body = json.loads(render_ledger(_ledger(), "en", "json"))
    rows = [u for c in body["categories"] for u in c["uses"]]
    assert any(not r["allowed"] for r in rows)
    assert any(not o["acknowledged"] for r in rows for o in r["obligations"])
    assert all(r["example"] for r in rows if r["system"] == "support-desk")


def test_bad_declarations_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "ledger.html"
    for folder, code in (("broken", 1), ("bad", 1)):
        result = CliRunner().invoke(main, ["ledger", "--policy", str(POLICY), "--uses",
                                           str(FIX / folder), "--out", str(out)])
        assert result.exit_code == code, result.output
        assert "not written" in result.output
        assert not out.exists()
    out.write_text("previous", "utf-8")
    CliRunner().invoke(main, ["ledger", "--policy", str(POLICY), "--uses", str(FIX / "bad"),
                              "--out", str(out)])
    assert out.read_text("utf-8") == "previous"


@requires_java
def test_ledger_pages_pass_the_nu_html_checker(tmp_path: Path) -> None:
    ledger = _ledger()
    for lang in ("ja", "ru", "en"):
        (tmp_path / f"ledger.{lang}.html").write_text(render_ledger(ledger, lang, "html"), "utf-8")
    shipped = build_ledger(load(ROOT / "policy"), load_uses(ROOT / "examples" / "uses"))
    (tmp_path / "examples.ja.html").write_text(render_ledger(shipped, "ja", "html"), "utf-8")
    result = nu_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    folder = tmp_path / "uses"
    folder.mkdir()
    (folder / "x.yaml").write_text(
        "system: x\nname: {en: '=HYPERLINK(\"http://example.com\")'}\nowner: '@owner'\n"
        "uses:\n  - id: u\n    action: use\n    data: [contact]\n    purpose: service_operation\n",
        "utf-8")
    text = render_ledger(build_ledger(load(POLICY), load_uses(folder)), "en", "csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][9] == "'@owner"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_help_names_the_ledger_by_its_title() -> None:
    # `policy ledger --help` names the document by the title it is written under (ru: the
    # help said «реестр персональных данных» of a page titled «Реестр персональной информации»)
    from engine.cli.helpwords import PAGES
    from render.ledger import WORDS

    for lang in ("ja", "ru"):
        title = WORDS[lang]["title"]
        assert title[:1].lower() + title[1:] in PAGES["ledger"][lang][0], lang
