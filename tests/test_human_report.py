"""Issue 12.6-12.8: the human text of `check` and `status` — master first, derived translation
findings held back, master edits grouped as "needs translation", no jargon, colour only on a
terminal and never with NO_COLOR, per-unit status with progress bars."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.loader import load_folder
from engine.model import Clause
from engine.wording import paint, place_in_words, use_colour

from .conftest import POLICY

HEX = re.compile(r"\b[0-9a-f]{10}\b")
ZERO_BASED_PATH = re.compile(r"(clauses|items|rules)/\d")


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "policy"
    shutil.copytree(POLICY, target)
    return target


def _second_clause_takes_the_first_ones_id(folder: Path) -> tuple[Clause, Clause]:
    """The master's mistake both tests make: clause 2 written with clause 1's id; the two
    clauses as read before."""
    src = load_folder(folder)
    assert src.master is not None
    first, second = src.master.clauses[0], src.master.clauses[1]
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"  - id: {second.id}\n",
                                                f"  - id: {first.id}\n", 1), "utf-8")
    return first, second


def test_duplicate_id_in_the_master_is_reported_first_and_the_flood_is_held_back(
        folder: Path) -> None:
    first, second = _second_clause_takes_the_first_ones_id(folder)
    code, out = _run("check", "--policy", str(folder))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{folder / 'ja.yaml'}") or lines[0].endswith(
        "(Japanese, the master)")
    assert "[POLICY001]" in out
    # the repeating part is named by its number, as a reader finds it, not by the id alone
    assert (f"the id '{first.id}' of clause {second.number} is already used at line "
            in out), out
    findings = [line for line in lines if line.rstrip().endswith("]")]
    derived = ("[PARITY", "[DRIFT", "[L10N", "[INV", "[LANG")
    assert not [f for f in findings if "ja.yaml" not in f and any(c in f for c in derived)]
    held = next(line for line in lines if line.startswith("Held back: "))
    n_held = int(held.split()[2])
    waived = next((int(line.split()[0]) for line in lines if "accepted as exceptions" in line), 0)
    # The machine format keeps every finding: the held-back and the waived ones are there.
    data = json.loads(_run("check", "--policy", str(folder), "--format", "json")[1])
    assert len(data["diagnostics"]) == len(findings) + n_held + waived and n_held > 0
    errors = [f for f in findings if ": error: " in f]
    problems = "problem" if len(errors) == 1 else "problems"
    assert lines[-1].startswith(f"Not ready to publish: {len(errors)} {problems} to fix, "
                                f"{n_held} held back")


def test_a_master_edit_is_grouped_as_needs_translation_without_jargon(folder: Path) -> None:
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-2]
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {clause.title}\n",
                                                f"    title: {clause.title}等\n", 1), "utf-8")
    code, out = _run("check", "--policy", str(folder))
    assert code == 1
    langs = ", ".join(sorted(src.translations))
    # named as a reader of English finds it: by the English edition's title
    en_title = next(c.title for c in src.translations["en"].clauses if c.id == clause.id)
    assert (f"  Clause {clause.number} {en_title} changed → {langs} need translating"
            in out.splitlines())
    assert "error" not in out and "DRIFT001" not in out
    assert not HEX.search(out) and "git " not in out
    assert out.splitlines()[-1] == (f"Not ready to publish: 1 master change needs "
                                    f"translating ({langs}).")


def test_paths_are_told_by_printed_number_and_title(folder: Path) -> None:
    data = load_folder(folder).master_doc.data  # type: ignore[union-attr]
    clause = data["clauses"][2]
    words = place_in_words("clauses/2/items/1/rules/0/effect", data)
    assert words.startswith(f"clause {clause['number']} ")
    assert words.endswith(f", item {clause['items'][1]['number']}, rule 1, field effect")
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("effect: permit", "effect: allow", 1), "utf-8")
    code, out = _run("check", "--policy", str(folder))
    # a finding in the policy file: exit 1, as validate says (engine.cli.exit_for)
    assert code == 1 and "[SCHEMA004]" in out and not ZERO_BASED_PATH.search(out)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(_Tty()) and not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(_Tty())
    assert paint("x", "red", True) != "x" and paint("x", "red", False) == "x"
    code, out = _run("check", "--policy", str(POLICY))
    assert code == 0 and "\x1b[" not in out


def test_status_lists_units_that_need_work_with_a_progress_bar(folder: Path) -> None:
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-2]
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {clause.title}\n",
                                                f"    title: {clause.title}等\n", 1), "utf-8")
    code, out = _run("status", "--policy", str(folder))
    assert code == 0
    # named as a reader of English finds it: by the English edition's title
    en_title = next(c.title for c in src.translations["en"].clauses if c.id == clause.id)
    block = out.split("Russian", 1)[1].splitlines()
    assert "░" in block[0] and "up to date" in block[0]
    assert "  needs translation (the master changed):" in block
    assert f"    clause {clause.number} {en_title}" in block
    assert f"  after translating or reviewing it: policy stamp ru {clause.number}" in block


def test_an_unreviewed_unit_is_told_without_machinery(folder: Path) -> None:
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    first = text.index("  source:")
    en.write_text(text[:first] + text[text.index("\n", first) + 1:], "utf-8")
    code, out = _run("check", "--policy", str(folder), "--strict")
    assert code == 1
    assert "not yet checked against the master text" in out
    assert "fingerprint" not in out and not HEX.search(out)


@pytest.mark.parametrize(("message", "said"), [
    ("facts/revisions/0/date must be a date", "entry 1 of facts.revisions, field date must be "
                                             "a date"),
    ("facts/revisions/1", "entry 2 of facts.revisions"),
    ("clauses/2/items/1/rules/0/data/1 is text", "clause 3, item 2, rule 1, entry 2 of field "
                                                 "data is text"),
    ("facts/email must be text", "facts.email must be text")])
def test_an_entry_of_a_list_is_counted_from_one(message: str, said: str) -> None:
    """Outside the clauses too (a revision, a group's member): never `revisions.0`."""
    from engine.wording import humanize_paths

    assert humanize_paths(message) == said


def test_prose_findings_that_compare_with_a_broken_master_are_held_back(folder: Path) -> None:
    """With an id used twice in the master, a translation's sentence, negation, length or term
    finding compares its text with the wrong Japanese (clause 2's, under clause 1's id) and
    quotes it: held back with the other findings that follow from the master, not shown."""
    from engine.check import check_sources
    from engine.diagnostics import Diagnostic, make
    from engine.humane import format_human

    first, _ = _second_clause_takes_the_first_ones_id(folder)
    src = load_folder(folder)
    found: list[Diagnostic] = list(check_sources(src).diagnostics)
    assert any(d.code == "POLICY001" for d in found)
    en = src.display_path("en")
    found += [make(code, f"{code}: compared with the wrong Japanese", en, 80, 35,
                   unit=first.id, lang="en") for code in ("SENT001", "NEG002", "LEN001")]
    out = format_human(found, src)
    assert "compared with the wrong Japanese" not in out, out
    assert "[POLICY001]" in out


@pytest.mark.parametrize(("n", "said"), [
    (1, "Отложено 1 замечание к переводам (английский), которое может быть лишь следствием "
        "ошибок оригинала; оно будет показано, когда оригинал исправят."),
    (3, "Отложено 3 замечания к переводам (английский), которые могут быть лишь следствием "
        "ошибок оригинала; они будут показаны, когда оригинал исправят."),
])
def test_the_russian_held_back_line_is_one_sentence(n: int, said: str) -> None:
    # the findings held back "may" be follow-ons: a clause of the count, not a claim of its
    # own after «Отложено:» («Отложено: 3 замечания … могут быть …»)
    from engine.humane import frame

    assert frame("held", "ru", n=n, langs="английский") == said
