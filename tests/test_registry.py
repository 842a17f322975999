"""One registry of codes: complete on import of engine.diagnostics, the same for every command, each code described and pinned by a fixture."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.checks import CHECKS
from engine.cli import main
from engine.diagnostics import CODES, WORDS
from engine.findings import BASE_CODES
from engine.saying import LANGS, fields_of

from .conftest import POLICY, ROOT

TESTS = Path(__file__).resolve().parent
# Entry points of the commands and of the library: importing any of them, alone and first,
# must leave the registry exactly as importing engine.diagnostics alone does.
ENTRIES = ("engine.diagnostics", "engine.findings", "engine.check", "engine.cli", "render.site",
           "render.redline", "engine.diff", "engine.diff.revise", "engine.gitio",
           "engine.parity.stamp", "engine.report", "engine.loader", "engine.uses",
           "engine.testing", "engine.releasenotes", "render.preview")
# Codes no test produces yet, each with the reason.
UNPINNED = {
    "RENDER005": "build now refuses an unreadable --since revision first (exit 2, GIT001)",
    "TEST001": "tests/test_policy_tests.py checks `policy test` by outcome, not by code",
    "TEST002": "tests/test_policy_tests.py checks `policy test` by outcome, not by code",
}


def _codes_after_import(module: str) -> list[str]:
    code = (f"import {module}, json; from engine import diagnostics; "
            "print(json.dumps(sorted(diagnostics.CODES)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return list(json.loads(done.stdout))


def test_every_entry_sees_the_same_codes() -> None:
    seen = {module: _codes_after_import(module) for module in ENTRIES}
    assert all(codes == sorted(CODES) for codes in seen.values()), {
        m: sorted(set(CODES) ^ set(c)) for m, c in seen.items()}


def test_registry_is_the_base_codes_and_every_checks_codes() -> None:
    from_checks = [c.code for check in CHECKS for c in check.codes]
    assert len(from_checks) == len(set(from_checks))
    assert set(CODES) == set(BASE_CODES) | set(from_checks)
    assert not set(BASE_CODES) & set(from_checks)


def test_every_code_is_declared_in_one_place() -> None:
    """A code's `Code(...)` is written once: in engine/findings.py, or in the one check unit
    that reports it (DIFF001-003 were once written again in engine/diff/classify.py)."""
    written: dict[str, list[str]] = {}
    for pkg in ("engine", "render"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id == "Code" and node.args
                        and isinstance(node.args[0], ast.Constant)
                        and PRINTED_CODE.fullmatch(str(node.args[0].value))):
                    written.setdefault(str(node.args[0].value), []).append(
                        str(path.relative_to(ROOT)))
    owners = {c.code: f"engine/checks/{check.run.__module__.rsplit('.', 1)[-1]}.py"
              for check in CHECKS for c in check.codes}
    assert {code: homes for code, homes in written.items()
            if homes != [owners.get(code, "engine/findings.py")]} == {}
    assert sorted(written) == sorted(CODES)


def test_every_code_has_a_description() -> None:
    for code in CODES.values():
        assert code.summary.strip() and code.code.rstrip("0123456789"), code


def test_every_code_is_pinned_by_a_fixture_or_a_test() -> None:
    texts = [p.read_text("utf-8", errors="replace") for p in TESTS.rglob("*")
             if p.suffix in (".yaml", ".py")
             and p.name != Path(__file__).name]
    unpinned = sorted(c for c in CODES if not any(c in t for t in texts))
    assert unpinned == sorted(UNPINNED)


@pytest.mark.parametrize("code", ["RENDER003", "DIFF001", "GIT001", "SCHEMA000", "INV001"])
def test_any_registered_code_can_take_a_severity_in_check(code: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.policy.severity]\n{code} = "note"\nNOPE999 = "note"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--policy", str(POLICY), "--format", "json"])
    found = json.loads(result.output)["diagnostics"]
    unknown = [d["message"] for d in found if d["code"] == "CHECK001"]
    assert unknown == ["unknown code 'NOPE999'"]


# A code as printed: a family of capitals (L10N included) and three digits.
PRINTED_CODE = re.compile(r"\b(?:L10N|[A-Z]{2,})\d{3}\b")


def _literals(path: Path) -> list[tuple[int, str]]:
    """Every string of a module but its docstrings (which may show an example code)."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    docs = {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs]


def test_every_code_the_source_can_print_is_registered() -> None:
    """No command prints a code the registry lacks (SCHEMA000 once was): every code-shaped
    word in a string of engine/ or render/ is a registered code."""
    stray = sorted(f"{path.relative_to(ROOT)}:{line}: {code}"
                   for pkg in ("engine", "render") for path in sorted((ROOT / pkg).rglob("*.py"))
                   for line, text in _literals(path) for code in PRINTED_CODE.findall(text)
                   if code not in CODES)
    assert stray == []


def _broken(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(POLICY, folder)
    en = folder / "en.yaml"
    en.write_text(en.read_text("utf-8") + 'title: "never closed\n', "utf-8")
    return folder


USES = TESTS / "fixtures" / "uses"
# Each command, given something wrong, and the exit code the one rule gives for what it prints.
COMMANDS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("validate", ("validate", "--policy", "{broken}"), 1),
    ("check", ("check", "--policy", "{broken}"), 1),
    ("status", ("status", "--policy", "{broken}"), 1),
    ("build", ("build", "--policy", "{broken}", "--out", "{tmp}/site"), 1),
    ("bundle", ("bundle", "--policy", "{broken}", "--out", "{tmp}/policy.json"), 2),
    ("renumber", ("renumber", "--policy", "{tmp}/nowhere"), 2),
    ("renumber, unreadable", ("renumber", "--policy", "{broken}"), 2),
    ("preview", ("preview", "--policy", "{tmp}/nowhere"), 2),
    ("approve", ("approve", "ja", "--by", "Test Lawyer", "--policy", "{broken}"), 2),
    ("stamp", ("stamp", "ru", "99.9", "--policy", str(POLICY)), 2),
    ("uses check", ("uses", "check", "--uses", str(USES / "broken")), 1),
    ("uses check, no folder", ("uses", "check", "--uses", "{tmp}/nowhere"), 2),
    ("uses schema --check", ("uses", "schema", "--check", "--out", "{tmp}/stale.json"), 1),
    ("ledger", ("ledger", "--uses", str(USES / "broken"), "--out", "{tmp}/ledger.html"), 1),
    ("diff", ("diff", "no-such-revision", "--policy", str(POLICY)), 2),
    ("test", ("test", "--policy", "{broken}"), 2),
)


@pytest.mark.parametrize(("args", "exit_code"), [(a, e) for _, a, e in COMMANDS],
                         ids=[name for name, _, _ in COMMANDS])
def test_every_command_prints_only_registered_codes_and_exits_by_the_one_rule(
        args: tuple[str, ...], exit_code: int, tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    argv = [a.format(broken=broken, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, argv)
    printed = PRINTED_CODE.findall(result.output)
    assert printed, result.output
    assert sorted(set(printed) - set(CODES)) == [], result.output
    assert "Traceback" not in result.output and "INTERNAL" not in result.output
    assert result.exit_code == exit_code, result.output


# -- what every code says to people (engine/saying.py), in ja, ru and en


def test_every_code_has_a_plain_sentence_in_ja_ru_and_en() -> None:
    assert set(WORDS) == set(CODES)
    for code, words in WORDS.items():
        assert set(words.plain) == set(LANGS), code
        for lang in LANGS:
            assert words.plain[lang].strip(), (code, lang)
        assert any("\u3040" <= c <= "\u9fff" for c in words.plain["ja"]), code
        assert any("а" <= c.lower() <= "я" for c in words.plain["ru"]), code


def test_each_check_declares_the_words_of_its_own_codes() -> None:
    for check in CHECKS:
        assert set(check.words) == check.code_names, check.name


def _said_fields(template: str) -> frozenset[str]:
    """The fields a template says: a number cited as its language cites it ({number:@cite}:
    第15項, which is a clause by its form) says the unit's kind too, as {kind} {number} does."""
    found = fields_of(template)
    return found | {"kind"} if "{number:@cite}" in template else found


@pytest.mark.parametrize("code", sorted(c for c, w in WORDS.items() if w.message))
def test_templates_have_the_same_fields_in_every_language(code: str) -> None:
    words = WORDS[code]
    shapes = {key.partition("/")[2] for key in words.message}
    for shape in shapes:
        keys = [f"{lang}/{shape}" if shape else lang for lang in LANGS]
        assert all(k in words.message for k in keys), (code, shape)
        fields = {k: _said_fields(words.message[k]) for k in keys}
        assert len(set(fields.values())) == 1, (code, fields)
    for shape in {key.partition("/")[2] for key in words.hint}:
        keys = [f"{lang}/{shape}" if shape else lang for lang in LANGS]
        assert all(k in words.hint for k in keys), (code, shape)
        hints = {k: _said_fields(words.hint[k]) for k in keys}
        assert len(set(hints.values())) == 1, (code, hints)
