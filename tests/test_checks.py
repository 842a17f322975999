"""One fixture per check code (tests/checks/<CODE>.yaml): master and translated snippets and where the code is reported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from engine.check import settings_tables
from engine.checks import CHECKS, Check, Scope, by_code, run_checks
from engine.diagnostics import CODES, make
from engine.findings import Code, Severity
from engine.loader import load_folder
from engine.parity.config import PARSED_TABLES, load_config
from engine.parity.context import build_context

HERE = Path(__file__).resolve().parent / "checks"
BASE = HERE / "base"
SNIPPET_FILES = ("ja.yaml", "en.yaml", "ru.yaml", "parity.toml")
_TOP = re.compile(r"^(?:\[\[?\s*([A-Za-z_][\w.]*)|([A-Za-z_][\w]*)\s*:)", re.MULTILINE)


def _blocks(text: str) -> list[tuple[str, str]]:
    """Top-level blocks of a YAML file or TOML tables, as (key, text) in order."""
    starts = [(m.start(), (m.group(1) or m.group(2)).split(".")[0]) for m in _TOP.finditer(text)]
    out: list[tuple[str, str]] = []
    for i, (start, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out.append((key, text[start:end]))
    return out


def compose(base: str, snippet: str) -> str:
    """The snippet first, then every block of the base whose key the snippet does not set."""
    mine = {key for key, _ in _blocks(snippet)}
    rest = "".join(block for key, block in _blocks(base) if key not in mine)
    return snippet.rstrip("\n") + "\n" + rest


def _fixtures() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(HERE.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text("utf-8"))
        for case in data["cases"]:
            out.append((path.stem, case))
    return out


FIXTURES = _fixtures()


def _folder(tmp_path: Path, case: dict[str, Any]) -> Path:
    folder = tmp_path / "policy"
    shutil.copytree(BASE, folder)
    for name in SNIPPET_FILES:
        if name in case:
            target = folder / name
            target.write_text(compose(target.read_text("utf-8"), case[name]), "utf-8")
    return folder


def found(folder: Path, code: str) -> set[tuple[str, int, int]]:
    """Where the check that owns `code` reports it, run alone over the folder."""
    src = load_folder(folder)
    config, problems = load_config(folder, known=settings_tables(CHECKS))
    assert not problems, [str(d) for d in problems]
    ctx = build_context(src, config)
    assert ctx is not None, [str(d) for d in src.diagnostics]
    return {(Path(d.file).name, d.line, d.col)
            for d in run_checks([by_code()[code]], ctx) if d.code == code}


@pytest.mark.parametrize(("code", "case"), FIXTURES,
                         ids=[f"{code}-{case['name']}" for code, case in FIXTURES])
def test_fixture(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    folder = _folder(tmp_path, case)
    if not case.get("invalid"):
        errors = [str(d) for d in load_folder(folder).diagnostics if d.severity is Severity.ERROR]
        assert not errors, errors
    want = {(f, line, col) for f, line, col in case["expect"]}
    assert found(folder, code) == want


def test_base_policy_is_clean() -> None:
    src = load_folder(BASE)
    assert src.diagnostics == []
    config, problems = load_config(BASE)
    ctx = build_context(src, config)
    assert ctx is not None and not problems
    assert list(run_checks(CHECKS, ctx)) == []


def test_every_check_code_has_a_fixture_that_reports_it() -> None:
    reported = {code for code, case in FIXTURES if case["expect"]}
    missing = sorted(c.code for check in CHECKS for c in check.codes if c.code not in reported)
    assert missing == [], f"add tests/checks/<CODE>.yaml for {missing}"


def test_every_fixture_names_a_registered_check_code() -> None:
    owned = by_code()
    assert sorted({code for code, _ in FIXTURES} - set(owned)) == []
    assert all(code in CODES for code in owned)


def test_compose_puts_the_snippet_first() -> None:
    base = "a: 1\nb:\n  - 2\nc: 3\n"
    assert compose(base, "b: [5]\n") == "b: [5]\na: 1\nc: 3\n"


def test_every_parsed_settings_table_is_read_by_a_check() -> None:
    assert set(PARSED_TABLES) <= settings_tables(CHECKS)


def test_a_check_may_bring_its_own_settings_table(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"parity.toml": "[glossary]\npolicy = \"ポリシー\"\n"})
    _, problems = load_config(folder)
    assert [d.code for d in problems] == ["CHECK002"]  # no check reads [glossary]
    demo = Check("glossary", Scope.RUN, (Code("DEMO001", Severity.ERROR, "demo"),),
                 run=lambda ctx: iter(()), settings=("glossary",))
    config, problems = load_config(folder, known=settings_tables([*CHECKS, demo]))
    assert problems == [] and config.tables["glossary"] == {"policy": "ポリシー"}


def test_a_check_reports_only_the_codes_it_declares(tmp_path: Path) -> None:
    src = load_folder(BASE)
    ctx = build_context(src, load_config(BASE)[0])
    assert ctx is not None
    stray = Check("stray", Scope.RUN, (Code("DEMO001", Severity.ERROR, "demo"),),
                  run=lambda ctx: iter([make("INV001", "not mine")]))
    with pytest.raises(AssertionError, match="stray reported INV001"):
        list(run_checks([stray], ctx))


def test_only_a_pair_check_works_per_master_unit() -> None:
    codes = (Code("DEMO001", Severity.ERROR, "demo"),)
    Check("demo", Scope.PAIR, codes, run=lambda pair, ctx: iter(()),
          per_master_unit=lambda unit, ctx: iter(()))
    for scope in (Scope.EDITION, Scope.RUN):
        with pytest.raises(ValueError, match="work per master unit, but is not a pair check"):
            Check("demo", scope, codes, run=lambda *args: iter(()),
                  per_master_unit=lambda unit, ctx: iter(()))


def test_a_master_units_findings_come_after_the_run_checks_and_before_also() -> None:
    """Per check, in list order: the run checks, then each pair check's `per_master_unit`
    over the master units in order, then its `also` (the order `also` alone once gave)."""
    src = load_folder(BASE)
    ctx = build_context(src, load_config(BASE)[0])
    assert ctx is not None
    codes = tuple(Code(f"DEMO00{i}", Severity.ERROR, "demo") for i in range(1, 5))
    pair = Check("pair", Scope.PAIR, codes[:3], run=lambda p, ctx: iter(()),
                 per_master_unit=lambda unit, ctx: iter([make(codes[0], unit.key)]),
                 also=lambda ctx: iter([make(codes[1], "also")]))
    whole = Check("whole", Scope.RUN, codes[3:], run=lambda ctx: iter([make(codes[3], "run")]))
    found = [(d.code, d.message) for d in run_checks([pair, whole], ctx)]
    assert found == [("DEMO004", "run"), *(("DEMO001", mu.key) for mu in ctx.master_units),
                     ("DEMO002", "also")]
    stray = Check("stray", Scope.PAIR, codes[:1], run=lambda p, ctx: iter(()),
                  per_master_unit=lambda unit, ctx: iter([make("INV001", "not mine")]))
    with pytest.raises(AssertionError, match="stray reported INV001"):
        list(run_checks([stray], ctx))
