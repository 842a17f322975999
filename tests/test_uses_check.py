"""`policy uses check` and its Python API over fixture declarations and a fixture policy.

Expected findings are written beside the lines they concern in the fixture files
(`# expect: CODE@col`), so a failure names the fixture line.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import load
from engine.cli import main
from engine.diagnostics import CODES
from engine.uses import check_uses, load_uses, load_uses_texts

FIX = Path(__file__).parent / "fixtures" / "uses"
POLICY = FIX / "policy"
EXPECT = re.compile(r"#\s*expect:\s*(.+)$")


@pytest.fixture(scope="module")
def policy():  # type: ignore[no-untyped-def]
    return load(POLICY)


def expected(folder: Path) -> set[tuple[str, int, int, str]]:
    out = set()
    for path in sorted(folder.glob("*.yaml")):
        for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1):
            m = EXPECT.search(line)
            if m:
                for item in m.group(1).split(","):
                    code, col = item.strip().split("@")
                    out.add((path.name, number, int(col), code))
    return out


def found(diagnostics: list) -> set[tuple[str, int, int, str]]:  # type: ignore[type-arg]
    return {(Path(d.file).name, d.line, d.col, d.code) for d in diagnostics}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["uses", "check", "--policy", str(POLICY), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_clean_declarations_pass(policy) -> None:  # type: ignore[no-untyped-def]
    result = check_uses(policy, load_uses(FIX / "good"))
    assert result.diagnostics == []
    assert result.ok
    # Every use was asked for every data category it lists, and each answer is the engine's.
    decls = load_uses(FIX / "good")
    asked = {(r.use.key, r.data) for r in result.results}
    assert asked == {(u.key, d) for u in decls.uses for d in u.data}
    for r in result.results:
        assert r.decision == policy.decide(r.use.action, r.data, r.use.purpose, dict(r.use.when))
    code, out = run("--uses", str(FIX / "good"))
    assert code == 0
    assert out.strip() == "0 errors, 0 warnings, 0 notes"


def test_each_problem_is_found_at_its_line(policy) -> None:  # type: ignore[no-untyped-def]
    result = check_uses(policy, load_uses(FIX / "bad"))
    assert found(result.diagnostics) == expected(FIX / "bad")
    code, out = run("--uses", str(FIX / "bad"))
    assert code == 1
    printed = {(Path(m[0]).name, int(m[1]), int(m[2]), m[3])
               for m in re.findall(r"^(\S+):(\d+):(\d+): (\w+) ", out, re.MULTILINE)}
    assert printed == expected(FIX / "bad")


def test_denied_use_explains_and_cites_the_clause(policy) -> None:  # type: ignore[no-untyped-def]
    result = check_uses(policy, load_uses(FIX / "bad"))
    denied = {(r.use.key, r.data): r.decision for r in result.results if not r.allowed}
    diags = [d for d in result.diagnostics if d.code == "USES001"]
    assert len(diags) == len(denied)
    for d in diags:
        decision = next(dec for (key, data), dec in denied.items()
                        if d.unit == key and f"denied for {data}:" in d.message)
        assert decision.explain("en") in d.message
        numbers = [c.number for c in decision.clauses]
        assert any(f"clause {n}" in d.message for n in numbers)
        assert d.hint


def test_missing_obligations_name_the_obligation_and_clause(policy) -> None:  # type: ignore[no-untyped-def]
    result = check_uses(policy, load_uses(FIX / "bad"))
    (d,) = [d for d in result.diagnostics if d.code == "USES002"]
    r = next(r for r in result.results if r.use.key == d.unit)
    for o in r.decision.obligations:
        assert o.id in d.message and f"clause {o.clause.number}" in d.message
        assert policy.label("obligations", o.id, "en") in d.message
    assert r.missing_obligations == tuple(o.id for o in r.decision.obligations)


def test_missing_obligation_ids_are_listed_as_each_language_lists_them() -> None:
    """The hint names the ids to add side by side in the reader's way: 、 in Japanese, not
    the English comma ("non_disclosure_agreement, safeguard を追加してください")."""
    from engine.humane import finding_text

    from .conftest import POLICY as SHIPPED

    result = check_uses(load(SHIPPED), load_uses(FIX / "bad"))
    several = [d for d in result.diagnostics if d.code == "USES002" and "," in d.hint]
    assert several, result.diagnostics
    for d in several:
        ids = d.hint.rsplit("(", 1)[1].rstrip(")").split(", ")
        assert "、".join(ids) + " を追加してください" in finding_text(d, "ja")
        assert ", ".join(ids) + " в `obligations:`" in finding_text(d, "ru")
        assert "(" + ", ".join(ids) + ")" in finding_text(d, "en")


def test_unknown_terms_suggest_the_closest_id(policy) -> None:  # type: ignore[no-untyped-def]
    result = check_uses(policy, load_uses(FIX / "bad"))
    hints = {d.message.rsplit("'", 2)[-2]: d.hint for d in result.diagnostics
             if d.code == "USES003"}
    assert hints == {
        "uses": "did you mean 'use'?",
        "contakt": "did you mean 'contact'?",
        "newsleter": "did you mean 'newsletter'?",
        "concent": "did you mean 'consent'?",
        "supervise_contractr": "did you mean 'supervise_contractor'?",
    }


def test_unknown_terms_carry_the_closest_ids_as_suggestions(policy) -> None:  # type: ignore[no-untyped-def]
    """As QUERY001 carries them for `policy ask`: the ids most likely meant, for programs, in
    the finding's `suggestions` (the ids its hint names)."""
    code, out = run("--uses", str(FIX / "bad"), "--format", "json")
    assert code == 1
    said = {d["message"].rsplit("'", 2)[-2]: d.get("suggestions")
            for d in json.loads(out)["diagnostics"] if d["code"] == "USES003"}
    assert said == {"uses": ["use"], "contakt": ["contact"], "newsleter": ["newsletter"],
                    "concent": ["consent"], "supervise_contractr": ["supervise_contractor"]}
    asked = CliRunner().invoke(main, ["ask", "use", "contakt", "newsleter", "--policy",
                                      str(POLICY), "--format", "json"])
    assert [d["suggestions"] for d in json.loads(asked.stdout)["diagnostics"]] == [
        said["contakt"]]  # the same ids `policy ask` offers for the same mistake


def test_bad_yaml_and_shape_never_trace_back(tmp_path: Path) -> None:
    code, out = run("--uses", str(FIX / "broken"))
    assert code == 1  # YAML and shape errors are findings, as in `policy check` (one exit rule)
    assert "Traceback" not in out
    assert re.search(r"quote\.yaml:2:12: YAML014 .*never closed", out)  # where the " opens
    decls = load_uses(FIX / "broken")
    shape = {x for x in found(decls.diagnostics) if x[0] == "shape.yaml"}
    assert shape == expected(FIX / "broken")
    assert decls.systems == ()


@pytest.mark.parametrize("text, code", [
    (b"", "YAML004"),
    (b"- just\n- a list\n", "SCHEMA003"),
    (b"system: a\nname: {en: A}\nowner: x\nuses: [{id: u, action: use, data: [contact], "
     b"purpose: newsletter, when: {opted_out: 1}}]\n", "SCHEMA003"),
    (b"system: a\nsystem: b\n", "YAML002"),
    (b"system: &x a\n", "YAML006"),
    (b"\xff\xfe", "IO004"),
])
def test_malformed_files_give_one_positioned_code(text: bytes, code: str) -> None:
    decls = load_uses_texts({"x.yaml": text}, "uses")
    assert [d.code for d in decls.diagnostics][:1] == [code]
    assert all(d.file == "uses/x.yaml" and d.line >= 1 for d in decls.diagnostics)


def test_missing_and_empty_folders(tmp_path: Path) -> None:
    code, out = run("--uses", str(tmp_path / "nope"))
    assert code == 2 and "IO001" in out
    code, out = run("--uses", str(FIX / "empty"))
    assert code == 0 and "USES005" in out
    code, _out = run("--uses", str(FIX / "empty"), "--strict")
    assert code == 1


def test_formats_carry_the_same_findings(policy) -> None:  # type: ignore[no-untyped-def]
    api = check_uses(policy, load_uses(FIX / "bad")).diagnostics
    code, out = run("--uses", str(FIX / "bad"), "--format", "json")
    assert code == 1
    assert json.loads(out)["diagnostics"] == [d.to_json() for d in api]
    code, out = run("--uses", str(FIX / "bad"), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [d.code for d in api]
    code, out = run("--uses", str(FIX / "bad"), "--format", "github")
    lines = out.splitlines()
    assert len(lines) == len(api)
    assert all(line.startswith("::error file=") for line in lines)


def test_sarif_names_the_command_so_both_uploads_are_kept() -> None:
    """Code scanning keeps one analysis per tool name and category: `policy check` and
    `policy uses check` uploaded from one job must name different tools (else the second
    upload replaces, or is refused beside, the first), each with the tool's version."""
    from importlib.metadata import version

    from .conftest import POLICY as SHIPPED

    _code, out = run("--uses", str(FIX / "bad"), "--format", "sarif")
    uses_driver = json.loads(out)["runs"][0]["tool"]["driver"]
    checked = CliRunner().invoke(main, ["check", "--policy", str(SHIPPED), "--format", "sarif"])
    check_driver = json.loads(checked.output)["runs"][0]["tool"]["driver"]
    assert (check_driver["name"], uses_driver["name"]) == ("policy check", "policy uses check")
    assert uses_driver["version"] == check_driver["version"] == version("cafetalk-privacy-policy")


def test_uses_codes_are_registered() -> None:
    import engine.uses  # noqa: F401

    for code in ("USES001", "USES002", "USES003", "USES004", "USES005", "USES006"):
        assert code in CODES and CODES[code].summary


# ------------------------------------------------------------------- fuzz: never a crash

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SEED = (FIX / "bad" / "mailer.yaml").read_text("utf-8")


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    text = SEED
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 12)))
        text = text[:i] + draw(st.sampled_from(
            ["", " ", "\n", ":", "- ", "[", "]", "{", "}", "'", '"', "true", "1", "&a", "*a",
             "!!str ", "\t", "é", "uses:", "data: []", "when: {x: 1}"])) + text[j:]
    return text


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated_text())
def test_mutated_declarations_give_findings_never_exceptions(text: str) -> None:
    policy = load(POLICY)
    decls = load_uses_texts({"mailer.yaml": text.encode("utf-8")}, "uses")
    result = check_uses(policy, decls)
    for d in result.diagnostics:
        assert d.code in CODES
        assert d.file == "uses/mailer.yaml"
        assert d.line >= 1 or d.code.startswith("IO")


def test_a_policy_that_cannot_load_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "ja.yaml").write_text("lang: ja\nfacts: [\n", "utf-8")
    result = CliRunner().invoke(main, ["uses", "check", "--policy", str(tmp_path), "--uses",
                                       str(FIX / "good")])
    assert result.exit_code == 2
    assert "YAML016" in result.output and "Traceback" not in result.output


def test_ledger_refuses_a_language_the_policy_lacks(tmp_path: Path) -> None:
    mini = Path(__file__).parent / "fixtures" / "mini"  # ja and en only
    out = tmp_path / "ledger.html"
    result = CliRunner().invoke(main, ["ledger", "--policy", str(mini), "--uses",
                                       str(FIX / "good"), "--lang", "ru", "--out", str(out)])
    assert result.exit_code == 2 and "no 'ru' edition" in result.output
    assert not out.exists()
