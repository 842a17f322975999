"""A policy that cannot be loaded is said to the legal team as `policy check` says it: by file,
in the words of --lang (ja, ru, en), with a sentence naming the command that did not run; the
tools' formats keep the machine line `file:line:col: CODE message`. Exit codes stay as they
were (2 for a command that could not run, 1 for `policy status`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

from .conftest import POLICY

# The master's `version:` line as shipped (whatever the version), and the same line broken.
_LINES = (POLICY / "ja.yaml").read_text("utf-8").splitlines()
LINE = next(i for i, line in enumerate(_LINES, 1) if line.startswith("  version: "))
SHIPPED = _LINES[LINE - 1]
BROKEN = "  version: x"

MACHINE = (f"ja.yaml:{LINE}:12: SCHEMA004 'x' is not a version number; write three numbers "
           "separated by dots, such as 2.0.1")
SAID = {
    "ja": ("ja.yaml（日本語、原文）",
           f"ja.yaml:{LINE}:12: 要修正: 「x」はバージョン番号の形ではありません。2.0.1 のように、"
           "3つの数字をドットで区切って書いてください [SCHEMA004]",
           "policy {command} は実行されませんでした。先に上記の要修正1件を直してください。"),
    "ru": ("ja.yaml (японский, оригинал)",
           f"ja.yaml:{LINE}:12: ошибка: «x» — не номер версии. Напишите три числа через точку, "
           "например 2.0.1 [SCHEMA004]",
           "Команда policy {command} не выполнена: сначала исправьте ошибку выше."),
    "en": ("ja.yaml (Japanese, the master)",
           f"ja.yaml:{LINE}:12: error: 'x' is not a version number; write three numbers "
           "separated by dots, such as 2.0.1 [SCHEMA004]",
           "`policy {command}` did not run: fix the problem above first."),
}


@pytest.fixture
def broken(policy_copy: Path) -> Path:
    path = policy_copy / "ja.yaml"
    text = path.read_text("utf-8")
    assert text.splitlines()[LINE - 1] == SHIPPED
    path.write_text(text.replace(SHIPPED + "\n", BROKEN + "\n", 1), "utf-8")
    return policy_copy


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"NO_COLOR": "1", "POLICY_NO_CACHE": "1"})
    return result.exit_code, result.stdout, result.stderr


def _said(out: str, lang: str, command: str) -> None:
    title, finding, sentence = SAID[lang]
    lines = out.splitlines()
    assert any(line.endswith(title) for line in lines), out
    assert any(line.startswith("    ") and line.endswith(finding) for line in lines), out
    assert lines[-1] == sentence.format(command=command), out
    assert "SCHEMA004 'x'" not in out  # not validate's machine line


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_policy_test_says_why_the_policy_cannot_be_loaded_like_check(
        broken: Path, lang: str) -> None:
    code, out, err = _run("test", "--lang", lang, "--policy", str(broken))
    assert code == 2
    assert out == ""
    _said(err, lang, "test")
    code, checked, _ = _run("check", "--lang", lang, "--policy", str(broken))
    assert SAID[lang][1] in checked  # the same words as check


@pytest.mark.parametrize(("args", "code"), [
    (("status",), 1), (("approve", "ja", "5", "--by", "Hanako Yamada"), 2),
    (("stamp", "ru", "10"), 2), (("ask", "use", "contact", "newsletter"), 2),
    (("terms",), 2), (("diff", "HEAD"), 2)])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_command_of_the_legal_team_says_it_in_its_language(
        broken: Path, lang: str, args: tuple[str, ...], code: int) -> None:
    exit_code, _, err = _run(*args, "--policy", str(broken), "--lang", lang)
    assert exit_code == code, err
    _said(err, lang, args[0])


def test_the_tools_formats_keep_the_machine_line_and_carry_the_finding(broken: Path) -> None:
    code, out, err = _run("test", "--lang", "ja", "--format", "json", "--policy", str(broken))
    assert code == 2
    assert err.strip().endswith(MACHINE)
    report = json.loads(out)
    assert report["ok"] is False
    [found] = report["diagnostics"]
    assert (found["code"], found["line"], found["col"]) == ("SCHEMA004", LINE, 12)
    assert found["message"].startswith("'x' is not a version number")

    code, out, err = _run("test", "--lang", "ja", "--format", "junit", "--policy", str(broken))
    assert code == 2
    assert err.strip().endswith(MACHINE)
    assert '<testsuite name="problems" tests="1" failures="1">' in out
    assert f'ja.yaml:{LINE}:12: SCHEMA004"><failure message=' in out
    assert "is not a version number" in out

    for args in (("ask", "use", "contact", "newsletter", "--format", "json"),
                 ("status", "--format", "json"), ("diff", "HEAD", "--format", "json")):
        code, out, err = _run(*args, "--lang", "ja", "--policy", str(broken))
        assert code in (1, 2)
        assert MACHINE in err or "SCHEMA004 「x」" in err  # status keeps its lines as they were
        assert "要修正:" not in err and "実行されませんでした" not in err


def test_a_clean_junit_report_is_unchanged_by_the_problems_suite() -> None:
    code, out, _ = _run("test", "--format", "junit")
    assert code == 0
    assert 'name="problems"' not in out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_preview_error_page_says_it_in_the_reader_s_language(
        broken: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from render.preview import Preview

    monkeypatch.setenv("POLICY_LANG", lang)
    status, _, body = Preview(broken).get("/")
    page = body.decode("utf-8")
    assert status == 200 and f'lang="{lang}"' in page
    finding = SAID[lang][1].replace(": 要修正: ", ": ").replace(": error: ", ": ")
    assert finding.replace("'", "&#x27;") in page
    assert "SCHEMA004 &#x27;x&#x27;" not in page  # not the machine line


def test_the_preview_keeps_the_last_pages_and_says_why_in_their_language(
        policy_copy: Path) -> None:
    from render.preview import Preview

    preview = Preview(policy_copy)
    path = policy_copy / "ja.yaml"
    path.write_text(path.read_text("utf-8").replace(SHIPPED + "\n", BROKEN + "\n", 1), "utf-8")
    preview.rebuild()
    page = preview.get("/ja/")[2].decode("utf-8")
    assert "「x」はバージョン番号の形ではありません" in page
    assert "is not a version number" not in page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_uses_check_says_it_too_and_its_tools_formats_keep_the_machine_line(
        broken: Path, lang: str) -> None:
    from .conftest import ROOT

    args = ("uses", "check", "--uses", str(ROOT / "examples" / "uses"), "--policy", str(broken),
            "--lang", lang)
    code, _, err = _run(*args)
    assert code == 2
    _said(err, lang, "uses check")
    code, _, err = _run(*args, "--format", "json")
    assert code == 2
    assert err.strip().endswith(MACHINE)
