"""With `--format json`, what keeps a command from running is JSON too.

Every command whose `--format json` is its output for programs (engine/cli/cmdline.py
JSON_COMMANDS: ask, check, validate, status, test, diff, uses check) reports a command line it
cannot run (USAGE001), a policy folder it cannot find or load, or a revision it cannot read as
one object on standard output, `{"diagnostics": [...], "summary": {...}}`, as `policy check
--format json` prints its findings, with the exit code the text has (2). `policy ask`'s own
refusals (QUERY001, QUERY002) are tested in tests/test_ask_cli.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from engine.cli import main

from .conftest import POLICY, ROOT
from .test_registry import _broken

COMMANDS = [("check",), ("validate",), ("status",), ("test",), ("diff",), ("uses", "check")]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1", "POLICY_NO_CACHE": "1",
                                                     "POLICY_LANG": "", "LC_ALL": "",
                                                     "LC_MESSAGES": "", "LANG": ""})


def the_finding(result: Result, exit_code: int = 2) -> dict[str, Any]:
    """The one finding of a JSON error report on standard output."""
    assert result.exit_code == exit_code, result.output
    out = json.loads(result.stdout)
    [found] = out["diagnostics"]
    assert out["summary"]["error"] == 1 and found["severity"] == "error"
    found_: dict[str, Any] = found
    return found_


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_mistyped_option_is_a_usage_finding_on_stdout(command: tuple[str, ...]) -> None:
    result = run(*command, "--format", "json", "--strcit")
    found = the_finding(result)
    assert result.stderr == ""
    assert found["code"] == "USAGE001" and "No such option '--strcit'" in found["message"]
    assert found["hint"] == f"Try 'main {' '.join(command)} --help' for help."
    if command in (("check",), ("uses", "check")):  # the options it has that are close
        assert found["suggestions"] == ["--strict"]
    text = run(*command, "--strcit")  # without --format json: as it was, for people
    assert text.stdout == "" and "No such option '--strcit'" in text.stderr


def test_a_value_a_command_does_not_take_names_the_one_meant() -> None:
    found = the_finding(run("status", "--format=json", "--lang", "jp"))
    assert found["code"] == "USAGE001" and found["suggestions"] == ["ja"]
    assert "'jp' is not one of 'ja', 'ru', 'en'" in found["message"]
    said = the_finding(run("--no-cache", "check", "--lang", "ru", "--format", "json", "-x"))
    assert said["message"] == "No such option '-x'.", said  # English, as the findings are


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != ("uses", "check")],
                         ids=" ".join)
def test_no_policy_folder_is_a_finding_on_stdout(command: tuple[str, ...], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = the_finding(run(*command, "--format", "json"))
    assert found["code"] == "IO001" and "no policy folder found" in found["message"]
    assert "--policy" in found["hint"]


@pytest.mark.parametrize("args", [
    ("diff", "HEAD"), ("ask", "use", "contact", "newsletter"),
    ("uses", "check", "--uses", str(ROOT / "examples" / "uses"))], ids=lambda a: a[0])
def test_a_policy_that_cannot_be_loaded_is_findings_on_stdout(
        args: tuple[str, ...], tmp_path: Path) -> None:
    """The machine lines stay on standard error, as they were; the JSON is on stdout."""
    result = run(*args, "--format", "json", "--policy", str(_broken(tmp_path)))
    assert result.exit_code == 2, result.output
    found = json.loads(result.stdout)["diagnostics"]
    assert found and {d["code"] for d in found} <= {"YAML001", "YAML002", "YAML014"}
    assert all(d["file"].endswith("en.yaml") for d in found)
    assert "en.yaml:" in result.stderr


def test_status_of_a_folder_without_its_master_is_a_finding_on_stdout(tmp_path: Path) -> None:
    """(An edition that cannot be read beside a readable master is no error of the command
    line: status prints its JSON and, on stderr, the machine lines, as it did.)"""
    found = the_finding(run("status", "--format", "json", "--policy", str(tmp_path)), 1)
    assert found["code"] == "POLICY009" and found["file"] == str(tmp_path)


def test_a_revision_that_cannot_be_read_is_a_finding_on_stdout() -> None:
    found = the_finding(run("diff", "no-such-revision", "--format", "json", "--policy",
                            str(POLICY)))
    assert found["code"] == "GIT001" and "no-such-revision" in found["message"]
    assert found["hint"]


def test_the_ledger_s_json_is_a_file_so_its_errors_stay_text(tmp_path: Path) -> None:
    """`policy ledger --format json --out FILE` writes the JSON to a file and says its path:
    what keeps it from running stays a line for people."""
    result = run("ledger", "--format", "json", "--out", str(tmp_path / "l.json"), "--strcit")
    assert result.exit_code == 2 and result.stdout == ""
    assert "No such option '--strcit'" in result.stderr
