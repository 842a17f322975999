"""`policy ask`: exit 0 when allowed, 1 when denied, 2 on any error; text and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engine import load
from engine.bundle import compile_folder
from engine.cli import main
from engine.compile import bundle_text
from engine.messages import headline

from .conftest import FIXTURES, POLICY

SHIPPED = load(POLICY)


def ask(*args: str) -> Result:
    return CliRunner().invoke(main, ["ask", *args])


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ask") / "policy.json"
    path.write_text(bundle_text(compile_folder(POLICY)), encoding="utf-8")
    return path


@pytest.mark.parametrize(("args", "code", "clauses"), [
    (["use", "contact", "newsletter"], 0, "4.2.6"),
    (["use", "contact", "newsletter", "--opted-out"], 1, "10"),
    (["collect", "contact", "service_operation"], 1, "3.2"),
    (["collect", "contact", "service_operation", "--consent"], 0, "3.2"),
    (["disclose", "identity", "protect_life_body_property", "--consent-impractical"], 0, "5.2"),
    (["collect", "health", "service_operation", "--consent"], 1, "3.3.5"),
])
def test_exit_code_and_text(args: list[str], code: int, clauses: str) -> None:
    result = ask(*args)
    assert result.exit_code == code, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    outcome = "ALLOW" if code == 0 else "DENY"
    assert lines[0].startswith(f"{outcome} (")
    assert lines[0].endswith(f"clause {clauses}; policy {SHIPPED.version})")
    assert clauses in lines[1]
    assert result.stderr == ""


def test_text_matches_the_library() -> None:
    d = SHIPPED.allows("disclose", "identity", "protect_life_body_property")
    result = ask("disclose", "identity", "protect_life_body_property", "--lang", "ru")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == d.explain("ru")
    assert result.stdout.splitlines()[0] == headline(d, "ru")


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_json_output(lang: str) -> None:
    result = ask("retain", "public_posts", "public_display", "--format", "json", "--lang", lang)
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    d = SHIPPED.allows("retain", "public_posts", "public_display")
    assert out == d.to_json(lang)
    assert out["allowed"] is True and out["outcome"] == "allow"
    assert out["obligations"] == [{"id": o.id, "clause": o.clause.number} for o in d.obligations]
    assert out["explanation"] == d.explain(lang)
    assert out["policy_version"] == SHIPPED.version


def test_json_output_of_a_deny_with_flags() -> None:
    result = ask("use", "contact", "newsletter", "--opted-out", "--consent", "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["allowed"] is False and [c["number"] for c in out["clauses"]] == ["10"]
    assert out["query"]["context"] == {**dict.fromkeys(SHIPPED.flags, False), "consent": True,
                                       "opted_out": True}


def test_json_is_deterministic() -> None:
    a = ask("entrust", "contact", "stated_purposes", "--format", "json")
    b = ask("entrust", "contact", "stated_purposes", "--format", "json")
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout


@pytest.mark.parametrize(("args", "needle"), [
    (["colect", "contact", "newsletter"], "'collect'"),
    (["use", "contcat", "newsletter"], "'contact'"),
    (["use", "contact", "newsleter"], "'newsletter'"),
])
def test_unknown_term_exits_2_with_suggestion(args: list[str], needle: str) -> None:
    result = ask(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert needle in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "lang", "said"), [
    (["use", "contact", "personal"], "en",
     "'personal' is a data category, not a purpose: the arguments are ACTION DATA PURPOSE, "
     "in that order."),
    (["newsletter", "contact", "use"], "ru",
     "«newsletter» — это цель, а не действие: аргументы указываются в порядке ACTION DATA "
     "PURPOSE (действие, данные, цель)."),
    (["use", "contact", "opted_out"], "ja",
     "「opted_out」は状況フラグであり、目的ではありません。オプション --opted-out として指定して"
     "ください。"),
])
def test_a_term_in_the_wrong_place_is_said_to_be_one(args: list[str], lang: str,
                                                     said: str) -> None:
    """As the Python API says it (UnknownTermError.is_a): 'personal' given as the purpose is
    a data category in the wrong place, not a purpose spelt like none (and the list of every
    purpose), in the reader's language."""
    result = ask(*args, "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == f"policy ask: {said}\n"


@pytest.mark.parametrize("args", [
    ["use", "contact"],  # missing PURPOSE
    ["use", "contact", "newsletter", "--lang", "de"],
    ["use", "contact", "newsletter", "--format", "xml"],
    ["use", "contact", "newsletter", "--opted-ot"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = ask(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# A question `ask --format json` refuses: the finding's code, the words its message holds, the
# words of its hint, and its suggestions ("did you mean").
REFUSED = [
    (["colect", "contact", "newsletter"], "QUERY001", "no action 'colect'", "Did you mean",
     ["collect"]),
    (["sell", "contact", "newsletter"], "QUERY001", "no action 'sell'",
     "the actions are: collect, use, disclose, entrust, retain", []),
    (["use", "contact", "personal"], "QUERY002", "'personal' is a data category, not a purpose",
     "the arguments are ACTION DATA PURPOSE", []),
    (["use", "contact", "opted_out"], "QUERY002", "'opted_out' is a context flag",
     "the option --opted-out", ["--opted-out"]),
    (["use", "contact", "newsletter", "--opted-ot"], "QUERY001",
     "'--opted-ot' is not a context flag", "policy terms context", ["--opted-out"]),
    (["use", "contact", "newsletter", "--flag", "concent"], "QUERY001",
     "no context flag 'concent'", "Did you mean 'consent'", ["consent"]),
    (["use", "contact", "newsletter", "stray"], "USAGE001", "unexpected argument 'stray'",
     "policy terms context", []),
    (["use", "contact"], "USAGE001", "Missing argument 'PURPOSE'", "ask --help", []),
    (["use", "contact", "newsletter", "--lang", "de"], "USAGE001", "no 'de' edition",
     "ask --help", []),
    (["use", "contact", "newsletter", "--opted-out", "--bogus-option=1"], "QUERY001",
     "'--bogus-option=1' is not a context flag", "policy terms context", []),
]


@pytest.mark.parametrize(("args", "code", "message", "hint", "suggestions"), REFUSED,
                         ids=[" ".join(r[0]) for r in REFUSED])
def test_a_refused_question_is_a_json_finding_on_stdout_with_format_json(
        args: list[str], code: str, message: str, hint: str, suggestions: list[str]) -> None:
    """A service calling `policy ask --format json` reads a refusal as it reads every finding
    of `--format json` (`policy check`): one JSON object on standard output, with the stable
    code, the message, the hint and the suggestions; exit 2 as before, nothing on stderr."""
    result = ask(*args, "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stderr == ""
    out = json.loads(result.stdout)
    assert out["summary"] == {"error": 1, "warning": 0, "note": 0}
    [found] = out["diagnostics"]
    assert found["code"] == code and found["severity"] == "error"
    assert message in found["message"] and hint in found["hint"], found
    assert found.get("suggestions", []) == suggestions
    if code != "USAGE001" or "stray" in args:  # what the text says, in the same words
        said = ask(*args).stderr
        assert said.startswith(f"policy ask: {found['message']}")
        listed = found["hint"].partition(": ")  # none close: the text lists them, one a line
        assert found["hint"] in said or all(f"\n  {t} " in said for t in listed[2].split(", "))


def test_a_refusal_in_json_keeps_english_whatever_the_language() -> None:
    """As every machine format's messages (`policy check --format json`): the explanation of
    an answer follows --lang, a refusal for programs does not."""
    for lang in ("ru", "ja"):
        out = json.loads(ask("use", "contact", "newsleter", "--format", "json",
                             "--lang", lang).stdout)
        [found] = out["diagnostics"]
        assert found["message"] == "there is no purpose 'newsleter' in the policy"
        assert found["suggestions"] == ["newsletter"] and found["hint"].startswith("Did you")
        typo = json.loads(ask("use", "contact", "--format", "json", "--lang", lang).stdout)
        assert typo["diagnostics"][0]["message"] == "Missing argument 'PURPOSE'."


def test_policy_option_takes_a_bundle_or_a_folder(bundle_file: Path) -> None:
    from_bundle = ask("use", "contact", "newsletter", "--policy", str(bundle_file))
    from_folder = ask("use", "contact", "newsletter", "--policy", str(POLICY))
    assert from_bundle.exit_code == from_folder.exit_code == 0
    assert from_bundle.stdout == from_folder.stdout
    mini = ask("use", "contact", "newsletter", "--policy", str(FIXTURES / "mini"))
    assert mini.exit_code == 0
    assert mini.stdout.splitlines()[0] == "ALLOW (clause 2; policy 1.0.0)"


def test_missing_or_tampered_bundle_exits_2(tmp_path: Path, bundle_file: Path) -> None:
    missing = ask("use", "contact", "newsletter", "--lang", "en",
                  "--policy", str(tmp_path / "none.json"))
    assert missing.exit_code == 2
    # said for people (engine/humane.py format_unloadable); --format json keeps the machine line
    assert missing.stderr.splitlines() == [
        str(tmp_path / "none.json"),
        f"    {tmp_path / 'none.json'}: error: bundle not found [IO001]", "",
        "`policy ask` did not run: fix the problem above first."]
    missing = ask("use", "contact", "newsletter", "--format", "json",
                  "--policy", str(tmp_path / "none.json"))
    assert missing.exit_code == 2
    assert missing.stderr.strip() == f"{tmp_path / 'none.json'}: IO001 bundle not found"
    [found] = json.loads(missing.stdout)["diagnostics"]  # and for programs, on stdout
    assert (found["code"], found["file"]) == ("IO001", str(tmp_path / "none.json"))
    data = json.loads(bundle_file.read_text(encoding="utf-8"))
    data["version"] = "99.0.0"
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data), encoding="utf-8")
    result = ask("use", "contact", "newsletter", "--policy", str(tampered))
    assert result.exit_code == 2
    assert f"\n    {tampered}:1:1: error: " in result.stderr
    assert result.stderr.splitlines()[1].endswith(" [BUNDLE002]")
    assert result.stdout == ""


QUIET = {"POLICY_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def test_what_is_wrong_with_a_question_is_said_in_the_readers_language() -> None:
    """Without --lang, a refusal and the explanation of an answer follow POLICY_LANG (as
    click's usage errors do), English when no language is set (what a service reads); --lang
    sets both."""
    def run(*args: str, lang: str = "") -> Result:
        return CliRunner().invoke(main, ["ask", *args], env={**QUIET, "POLICY_LANG": lang})

    wrong = ("use", "contcat", "newsletter")
    assert "「contact」" in run(*wrong, lang="ja").stderr
    assert "«contact»" in run(*wrong, lang="ru").stderr
    assert "'contact'" in run(*wrong).stderr
    assert "«contact»" in run(*wrong, "--lang", "ru", lang="ja").stderr
    flag = ("use", "contact", "newsletter", "--opted-ot")
    assert "状況フラグではありません" in run(*flag, lang="ja").stderr
    assert "is not a context flag" in run(*flag).stderr
    answer = run("use", "contact", "newsletter", "--opted-out", lang="ja")
    assert answer.exit_code == 1 and answer.stdout == CliRunner().invoke(
        main, ["ask", "use", "contact", "newsletter", "--opted-out", "--lang", "ja"],
        env=QUIET).stdout
    assert answer.stdout.startswith("不許可（第10項による")
    unset = run("use", "contact", "newsletter", "--opted-out")
    assert unset.stdout.startswith("DENY (clause 10")
    told = run("use", "contact", "newsletter", "--opted-out", "--lang", "en", lang="ja")
    assert told.stdout == unset.stdout
    # the JSON for programs stays English whatever the server's locale
    as_json = json.loads(run("use", "contact", "newsletter", "--opted-out", "--format", "json",
                             lang="ja").stdout)
    assert as_json["explanation"].startswith("Denied by clause 10"), as_json
    no_edition = run("use", "contact", "newsletter", "--lang", "de", lang="ru")
    assert no_edition.exit_code == 2
    assert "В политике нет версии на языке «de»" in no_edition.stderr, no_edition.stderr
