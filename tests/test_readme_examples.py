"""The README's examples for services run as written and answer what their comments say.

A service engineer copies these blocks: the engine's Python API, the Cedar request with
cedarpy, and the OPA decision (evaluated here with regopy, as tests/test_export_rego.py does).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine import load
from engine.cli import main

from .conftest import POLICY, ROOT

README = (ROOT / "README.md").read_text("utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", README, re.S | re.M)


def block_with(lang: str, needle: str) -> str:
    found = [b for b in blocks(lang) if needle in b]
    assert len(found) == 1, f"one ```{lang} block of the README holds {needle!r}"
    return found[0]


def run_checking_comments(code: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run a block statement by statement; an expression whose comment starts with a Python
    value (`# False: …`, `# '2.0.1'`, `# (ClauseRef(…),)`, `# ['opt-out']`) must give exactly
    that value."""
    monkeypatch.chdir(cwd)
    names: dict[str, Any] = {}
    lines = code.splitlines()
    for stmt in ast.parse(code).body:
        if isinstance(stmt, ast.Expr):
            value = eval(compile(ast.Expression(stmt.value), "<README>", "eval"), names)
            line = lines[(stmt.end_lineno or stmt.lineno) - 1]
            comment = line.split("#", 1)[1].strip() if "#" in line else ""
            if comment[:1] in "(['\"" or comment.split(":")[0].split(" ")[0] in ("True", "False"):
                assert comment.startswith(repr(value)), (ast.unparse(stmt), repr(value), comment)
        else:
            exec(compile(ast.Module([stmt], []), "<README>", "exec"), names)
    return names


def test_the_python_api_block_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    code = block_with("python", "policy.allows(")
    names = run_checking_comments(code, ROOT, monkeypatch)
    assert names["p"].version == load(POLICY).version


def test_the_cedar_block_asks_a_request_cedar_accepts(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cedarpy = pytest.importorskip("cedarpy")
    out = CliRunner().invoke(main, ["export", "cedar", "--policy", str(POLICY),
                                    "--out", str(tmp_path / "cedar")])
    assert out.exit_code == 0, out.output
    names = run_checking_comments(block_with("python", "cedarpy.is_authorized"), tmp_path,
                                  monkeypatch)
    answer = cedarpy.is_authorized(names["request"], names["policies"], names["entities"],
                                   names["schema"])
    # Denied by a policy that decided (clause 10), not for a request Cedar could not build.
    assert answer.diagnostics.errors == []
    assert answer.decision == cedarpy.Decision.Deny and answer.diagnostics.reasons
    allowed = json.loads(json.dumps(names["request"]))
    allowed["context"]["opted_out"] = False
    assert cedarpy.is_authorized(allowed, names["policies"], names["entities"],
                                 names["schema"]).allowed


def test_the_opa_decision_shown_is_the_one_opa_gives() -> None:
    pytest.importorskip("regopy")
    from .export.runners import Rego

    question = json.loads(re.search(r"echo '(.*?)' > input.json",
                                    block_with("sh", "opa eval"), re.S)[1])  # type: ignore[index]
    shown = json.loads(block_with("json", '"outcome"').replace("…", ""))
    shipped = load(POLICY)
    given = Rego(shipped.bundle).decide(question)
    # The revision is the version and the content hash, which the README shortens.
    version, _, digest = shown.pop("revision").partition("+sha256:")
    assert version == shipped.version and digest
    assert given.pop("revision").startswith(f"{shipped.version}+sha256:")
    assert shown == given


def test_the_declaration_shown_checks_clean(tmp_path: Path) -> None:
    from engine import policy
    from engine.uses import check_uses, load_uses

    folder = tmp_path / "uses"
    folder.mkdir()
    (folder / "mailer.yaml").write_text(block_with("yaml", "system: lesson-mailer"), "utf-8")
    decls = load_uses(folder)
    assert decls.ok and len(decls.uses) == 1, [str(d) for d in decls.diagnostics]
    assert check_uses(policy, decls).diagnostics == []
