"""`policy validate` through click's CliRunner: exit codes and exact output lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

from .conftest import FIXTURES


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_shipped_policy_is_clean(run) -> None:  # type: ignore[no-untyped-def]
    from .conftest import POLICY

    result = run("validate", "--policy", str(POLICY))
    assert result.exit_code == 0
    assert result.output == "0 errors, 0 warnings, 0 notes\n"


def test_findings_exit_1_one_line_each(run, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    ja = mini_copy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("purposes: [newsletter]", "purposes: [newsleter]"),
                  "utf-8")
    result = run("validate", "--policy", str(mini_copy))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("mini/ja.yaml:48:20: POLICY002 ")  # relative to the cwd
    # In plain words: the term, that the vocabulary lacks it, the nearest with its label, and
    # how to list them all (issue 12).
    from engine.bundle import compile_folder

    label = compile_folder(FIXTURES / "mini")["vocabulary"]["purposes"]["newsletter"]["labels"]
    assert "the purpose 'newsleter', which is not in the vocabulary" in lines[0]
    assert f"Did you mean 'newsletter' ({label['ja']})?" in lines[0]
    assert "policy terms purposes" in lines[0]
    assert lines[-1] == "1 error, 0 warnings, 0 notes"


def test_json_format(run, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    (mini_copy / "en.yaml").write_text("lang: en\nunknown: 1\n", "utf-8")
    result = run("validate", "--policy", str(mini_copy), "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.output)
    codes = [(d["code"], d["line"]) for d in payload["diagnostics"]]
    assert ("SCHEMA001", 2) in codes
    assert payload["summary"]["error"] == len(payload["diagnostics"])


def test_missing_folder_is_a_load_error_exit_2(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--policy", "no-such-folder")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        "no-such-folder: IO001 policy folder not found (check the folder given with --policy, "
        "or run the command in the project folder, where the policy/ folder is found by itself)")


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", ["ポリシーのフォルダーが見つかりません（--policy に指定したフォルダーを確かめるか",
            "policy check は実行されませんでした"]),
    ("ru", ["папка политики не найдена (проверьте папку, указанную в --policy",
            "Команда policy check не выполнена"]),
    ("en", ["policy folder not found (check the folder given with --policy",
            "`policy check` did not run"])])
def test_check_of_a_missing_folder_says_it_did_not_run_and_what_to_do(
        lang: str, said: list[str]) -> None:
    """Not "not ready to publish": nothing was checked. Said in the reader's words."""
    result = CliRunner().invoke(main, ["check", "--policy", "no-such-folder", "--lang", lang])
    assert result.exit_code == 2
    for part in said:
        assert part in result.output
    assert "まだ公開できません" not in result.output and "詳細" not in result.output


def test_unknown_option_is_usage_error_exit_2(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--no-such-option")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_schema_check_detects_stale_schema(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("schema", "--out", str(tmp_path)).exit_code == 0
    assert run("schema", "--out", str(tmp_path), "--check").exit_code == 0
    (tmp_path / "schema.master.json").write_text("{}\n", "utf-8")
    result = run("schema", "--out", str(tmp_path), "--check")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{tmp_path / 'schema.master.json'}: SCHEMA000 out of date (run `policy schema`)"]


@pytest.mark.parametrize(("line", "cut"), [
    ("text: Мы #важно собираем данные", True),     # a # after a space: the rest is a comment
    ("text: Мы;  #важно собираем данные", True),
    ('text: "Мы #важно собираем данные"', False),  # in quotes: all of it is the text
    ("text: Мы собираем данные по C#, №1", False),  # a # inside a word starts nothing
    # a text over two lines (the second indented under the first): only its last line can
    # end in a comment
    ("text: Мы собираем\n{indent}  данные #важно собираем данные", True),
])
def test_a_comment_that_cuts_a_text_short_is_an_error(
        tmp_path: Path, line: str, cut: bool) -> None:
    """YAML ends a text not in quotes at a # after a space and drops the rest as a comment:
    no other check would say a part of the text was lost (YAML019)."""
    import shutil

    from engine.loader import load_folder

    from .test_finding_words import _assert_says_its_message

    folder = tmp_path / "policy"
    shutil.copytree(FIXTURES / "mini", folder)
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    first = next(ln for ln in text.splitlines() if ln.strip().startswith("text: "))
    indent = first[:len(first) - len(first.lstrip())]
    en.write_text(text.replace(first, indent + line.format(indent=indent), 1), "utf-8")
    found = [d for d in load_folder(folder).diagnostics if d.code == "YAML019"]
    assert bool(found) is cut, found
    for d in found:
        assert "'#важно собираем данные' is not part of it" in d.message
        at = en.read_text("utf-8").splitlines()[d.line - 1]
        assert at[d.col - 1] == "#", (at, d.col)  # at the # itself
        _assert_says_its_message(d)


def test_a_comment_after_a_whole_text_in_a_flow_mapping_is_no_cut(tmp_path: Path) -> None:
    """`title: {text: Privacy Policy}  # reviewed`: the ` #` follows the closing brace, so the
    text is whole and nothing is said."""
    import shutil

    from engine.loader import load_folder

    folder = tmp_path / "policy"
    shutil.copytree(FIXTURES / "mini", folder)
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    first = next(ln for ln in text.splitlines() if ln.startswith("title: "))
    en.write_text(text.replace(first, "title: {text: Privacy Policy}  # reviewed", 1), "utf-8")
    src = load_folder(folder)
    assert not [d for d in src.diagnostics if d.code == "YAML019"], src.diagnostics
