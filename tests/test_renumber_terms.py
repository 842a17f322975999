"""Issue 12.9 and 12.11: `policy terms` and `ask` listing valid values when nothing is close;
`policy renumber` fixing printed numbers in every edition from the master's order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import load
from engine.cli import main
from engine.loader import load_folder
from engine.model import outline
from engine.terms import CUTOFF
from engine.wording import short

from .conftest import POLICY


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_terms_lists_ids_with_labels_per_kind_and_language() -> None:
    pol = load(POLICY)
    code, out, _ = _run("terms", "purposes", "--lang", "ru", "--policy", str(POLICY))
    assert code == 0
    for tid in pol.vocabulary["purposes"]:
        assert any(line.split()[0] == tid and pol.label("purposes", tid, "ru") in line
                   for line in out.splitlines()[1:])
    assert _run("terms", "colours", "--policy", str(POLICY))[0] == 2
    assert _run("terms", "--lang", "xx", "--policy", str(POLICY))[0] == 2


def test_ask_lists_valid_values_when_nothing_is_close() -> None:
    import difflib

    pol = load(POLICY)
    data = list(pol.vocabulary["data"])
    word = "email"
    assert not difflib.get_close_matches(word, data, cutoff=CUTOFF)
    code, out, err = _run("ask", "use", word, "newsletter", "--policy", str(POLICY))
    assert code == 2 and out == ""
    assert "did you mean" not in err.lower() and "no data category is spelt like it" in err.lower()
    assert all(f"  {tid} " in err for tid in data)
    # A real typo still gets its suggestion.
    typo = data[0][:-1] + data[0][-1] * 2
    code, _, err = _run("ask", "use", typo, "newsletter", "--policy", str(POLICY))
    assert code == 2 and f"did you mean '{data[0]}'" in err.lower()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "policy"
    shutil.copytree(POLICY, target)
    return target


def test_renumber_after_inserting_a_clause_fixes_every_edition_and_keeps_ids(folder: Path
                                                                              ) -> None:
    src = load_folder(folder)
    assert src.master is not None
    first, second = src.master.clauses[0], src.master.clauses[1]
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    anchor = f"  - id: {second.id}\n"
    new = f"  - id: inserted-clause\n    number: {second.number}\n    title: 挿入\n    text: 本文\n\n"
    ja.write_text(text.replace(anchor, new + anchor, 1), "utf-8")
    before = {p.name: p.read_text("utf-8") for p in folder.glob("*.yaml")}
    plan = CliRunner().invoke(main, ["renumber", "--dry-run", "--policy", str(folder),
                                     "--lang", "ja"]).output
    # said by the numbers as the reader cites them, never by the units' ids
    # the clause that moves, named by its title too: the inserted one has its number now
    said = f"ja.yaml：第{second.number}項「{short(second.title or '', 30)}」を第{second.number + 1}項とします"
    assert said in plan, plan
    assert second.id not in plan
    code, out, _ = _run("renumber", "--policy", str(folder))
    assert code == 0, out
    assert (f"ja.yaml: clause {second.number} ({short(second.title or '', 30)}) becomes clause "
            f"{second.number + 1}") in out
    after = load_folder(folder)
    assert after.master is not None
    ids = [c.id for c in after.master.clauses]
    assert ids[:3] == [first.id, "inserted-clause", second.id]
    assert [c.number for c in after.master.clauses] == list(range(1, len(ids) + 1))
    master_numbers = {path: n for _l, path, n, _p in outline(after.master.clauses)}
    for lang, tr in after.translations.items():
        got = {c.id: c.number for c in tr.clauses}
        assert got == {i: master_numbers[i] for i in got}, lang
        assert [c.id for c in tr.clauses] == [c.id for c in src.translations[lang].clauses]
    # Only number lines changed.
    for name, old in before.items():
        new_lines = (folder / name).read_text("utf-8").splitlines()
        changed = [b for a, b in zip(old.splitlines(), new_lines, strict=True) if a != b]
        assert changed and all(line.strip().startswith("number: ") for line in changed)
    assert "PARITY004" not in _run("check", "--policy", str(folder), "--format", "json")[1]
    code, out, _ = _run("renumber", "--policy", str(folder))
    assert code == 0 and "nothing to do" in out
