"""The README's examples for services run as written and answer what their comments say.

A service engineer copies these blocks: the engine's Python API, the Cedar request with
cedarpy, and the OPA decision (evaluated here with regopy, as tests/test_export_rego.py does).
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
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


CEDAR_NODE = ROOT / "tests" / "cedar-node"


@pytest.mark.skipif(
    shutil.which("node") is None
    or not (CEDAR_NODE / "node_modules" / "@cedar-policy" / "cedar-wasm").is_dir(),
    reason="node or cedar-wasm missing: run `npm ci --prefix tests/cedar-node` (make test does)")
def test_the_node_block_asks_a_request_cedar_wasm_accepts(tmp_path: Path) -> None:
    """The Node.js example, as written, on the files `policy export cedar` writes: Cedar's own
    JavaScript package denies the opted-out user by a policy (clause 10), not for a request it
    could not build, and allows once the flag is false."""
    out = CliRunner().invoke(main, ["export", "cedar", "--policy", str(POLICY),
                                    "--out", str(tmp_path / "cedar")])
    assert out.exit_code == 0, out.output
    (tmp_path / "node_modules").symlink_to(CEDAR_NODE / "node_modules")
    code = block_with("js", "cedar.isAuthorized(")
    policies = (tmp_path / "cedar" / "policies.cedar").read_text("utf-8")
    for name, flip in (("denied", False), ("allowed", True)):
        script = code.replace("opted_out: true", "opted_out: false") if flip else code
        assert script != code or not flip
        script += "\nconsole.log(JSON.stringify(answer));\n"
        (tmp_path / f"{name}.mjs").write_text(script, "utf-8")
        done = subprocess.run(["node", f"{name}.mjs"], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        printed, answer = done.stdout.splitlines()[0], json.loads(done.stdout.splitlines()[1])
        assert answer["type"] == "success", answer
        assert printed == ("true" if flip else "false")  # the comment's value
        if not flip:
            reasons = answer["response"]["diagnostics"]["reason"]
            assert answer["response"]["decision"] == "deny" and reasons
            # policyN is the N-th policy of the file; it carries clause 10's id
            chosen = policies.split("\n@id(")[int(reasons[0].removeprefix("policy")) + 1]
            assert '@clause("opt-out")' in chosen, chosen


def test_the_opa_decision_shown_is_the_one_opa_gives() -> None:
    pytest.importorskip("regopy")
    from .export.runners import Rego

    question = json.loads(re.search(r"echo '(.*?)' > input.json",
                                    block_with("sh", "opa eval"), re.S)[1])  # type: ignore[index]
    shown = json.loads(block_with("json", '"outcome"').replace("…", ""))
    shipped = load(POLICY)
    given = Rego(shipped.bundle).decide(question)
    # The revision is the version and the content hash, which the README does not spell out.
    version, _, digest = shown.pop("revision").partition("+sha256:")
    assert version == shipped.version and digest == "<64 hex digits>"
    assert re.fullmatch(rf"{re.escape(shipped.version)}\+sha256:[0-9a-f]{{64}}",
                        given.pop("revision"))
    assert shown == given


def test_the_json_error_shown_is_the_one_ask_prints() -> None:
    """The refusal a script reads from `policy ask --format json` (a block inside a list item)."""
    found = re.findall(r"^  ```json\n(.*?)^  ```", README, re.S | re.M)
    shown = json.loads(next(b for b in found if '"QUERY001"' in b))
    said = CliRunner().invoke(main, ["ask", "use", "contact", "newsleter", "--format", "json",
                                     "--policy", str(POLICY)])
    assert said.exit_code == 2 and said.stderr == ""
    assert json.loads(said.stdout) == shown


def test_the_declaration_shown_checks_clean(tmp_path: Path) -> None:
    from engine import policy
    from engine.uses import check_uses, load_uses

    folder = tmp_path / "uses"
    folder.mkdir()
    (folder / "mailer.yaml").write_text(block_with("yaml", "system: lesson-mailer"), "utf-8")
    decls = load_uses(folder)
    assert decls.ok and len(decls.uses) == 1, [str(d) for d in decls.diagnostics]
    assert check_uses(policy, decls).diagnostics == []
