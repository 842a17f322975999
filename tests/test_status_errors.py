"""`policy status` says the errors behind its figures, as `policy check` says them, and fails.

A translator who reads only `status` must not be told "76 of 76 up to date" and exit 0 while
`check` fails on the same files: an error of loading or validation (a file that cannot be
read, a `lang:` naming another language) is shown after the bars, in the reader's language,
and makes the exit code 1; with `--format json` it is in the one document on standard output,
in the shape every `--format json` command reports findings in.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engine.cli import main

from .conftest import POLICY

ENV = {"NO_COLOR": "1", "POLICY_NO_CACHE": "1", "POLICY_LANG": "", "LC_ALL": "",
       "LC_MESSAGES": "", "LANG": ""}


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _relabel(folder: Path, edition: str, lang: str) -> Path:
    """`lang: <lang>` in the edition's file, which stays named for its own language."""
    path = folder / f"{edition}.yaml"
    path.write_text(path.read_text("utf-8").replace(f"lang: {edition}\n", f"lang: {lang}\n", 1),
                    "utf-8")
    return path


def _finding_lines(text: str, code: str) -> list[str]:
    return [line for line in text.splitlines() if line.endswith(f"[{code}]")]


@pytest.mark.parametrize("say", ["en", "ja", "ru"])
def test_an_error_in_a_counted_edition_is_said_as_check_says_it(mini_copy: Path,
                                                                say: str) -> None:
    _relabel(mini_copy, "en", "ex")
    status = run("status", "--policy", str(mini_copy), "--lang", say)
    check = run("check", "--policy", str(mini_copy), "--lang", say)
    assert (status.exit_code, check.exit_code) == (1, 1)
    said = _finding_lines(status.stderr, "POLICY010")
    assert said and said == _finding_lines(check.stdout, "POLICY010")
    assert status.stdout.count("█") + status.stdout.count("░") == 20  # English is counted
    assert status.stderr.startswith("\n")  # set apart from the last bar in a terminal
    closing = {"en": "Fix the problem above: until then `policy check` fails.",
               "ja": "上記の要修正1件を直してください。直すまで policy check は通りません。",
               "ru": "Исправьте ошибку выше: пока она не исправлена, policy check не пройдёт."}
    assert status.stderr.rstrip().endswith(closing[say])


def test_a_clean_status_still_says_nothing_on_stderr_and_exits_0(mini_copy: Path) -> None:
    result = run("status", "--policy", str(mini_copy))
    assert result.exit_code == 0 and result.stderr == ""
    assert "diagnostics" not in json.loads(run("status", "--policy", str(mini_copy),
                                               "--format", "json").stdout)


def test_an_unreadable_edition_with_several_errors_counts_them(mini_copy: Path) -> None:
    (mini_copy / "en.yaml").write_text("lang: en\nunknown: 1\n", "utf-8")
    result = run("status", "--policy", str(mini_copy))
    assert result.exit_code == 1
    assert len(_finding_lines(result.stderr, "SCHEMA002")) > 1
    assert result.stderr.rstrip().endswith(
        "This edition could not be read, so it is not counted above: fix the problems first.")
    ja = run("status", "--policy", str(mini_copy), "--lang", "ja")
    errors = sum(1 for line in ja.stderr.splitlines() if ": 要修正: " in line)
    assert ja.stderr.rstrip().endswith(f"先に要修正{errors}件を直してください。")


def test_unread_and_counted_editions_are_told_apart(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    (folder / "en.yaml").write_text("x: [\n", "utf-8")
    _relabel(folder, "ru", "rx")
    result = run("status", "--policy", str(folder))
    assert result.exit_code == 1
    assert "Russian" in result.stdout and "English" not in result.stdout
    assert _finding_lines(result.stderr, "YAML016") and _finding_lines(result.stderr, "POLICY010")
    assert result.stderr.rstrip().endswith(
        f"{folder / 'en.yaml'} could not be read, so it is not counted above. "
        "Fix the problems above: until then `policy check` fails.")


@pytest.mark.parametrize(("broken", "code", "counted"), [
    ("x: [\n", "YAML016", False), (None, "POLICY010", True)])
def test_json_carries_the_errors_in_its_one_document(mini_copy: Path, broken: str | None,
                                                     code: str, counted: bool) -> None:
    if broken is None:
        _relabel(mini_copy, "en", "ex")
    else:
        (mini_copy / "en.yaml").write_text(broken, "utf-8")
    result = run("status", "--policy", str(mini_copy), "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    [found] = out["diagnostics"]
    assert out["summary"] == {"error": 1, "note": 0, "warning": 0}
    assert found["code"] == code and found["severity"] == "error"
    assert found["file"].endswith("en.yaml") and found["line"] > 0 and found["col"] > 0
    assert found["message"] and found["hint"]
    assert ("en" in out) is counted  # an edition that cannot be read has no figures
    assert f"en.yaml:{found['line']}:{found['col']}: {code} " in result.stderr  # as it was
