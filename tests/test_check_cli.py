"""`policy check`, `policy stamp` and `policy status` through click's CliRunner: exit codes, formats and output lines."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.diagnostics import CODES
from engine.loader import load_folder
from engine.model import master_units

from .conftest import FIXTURES, POLICY

SEED = FIXTURES / "parity" / "seed"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_shipped_policy_passes_strict() -> None:
    code, out = run("check", "--policy", str(POLICY), "--strict")
    assert code == 0
    assert out.splitlines()[-2].startswith("No problems found in what the tool checks")
    # The only notes are the parts awaiting legal review (pyproject.toml makes REVIEW001 a
    # note); the findings the editions waive are counted in one line, not listed
    notes = [line for line in out.splitlines() if ": note: " in line]
    assert notes and all("[REVIEW001]" in line for line in notes)
    waived = next(line for line in out.splitlines() if "accepted as exceptions" in line)
    assert waived.endswith("`policy check --show-waived` lists them.") and "(waived: " not in out
    # listed on request, each citing the waiver's reason
    code, shown = run("check", "--policy", str(POLICY), "--strict", "--show-waived")
    assert code == 0 and "accepted as exceptions" not in shown
    listed = [line for line in shown.splitlines() if "(waived: " in line]
    assert len(listed) == int(waived.split()[0])


def test_seed_fails_with_findings_grouped_by_file_and_unit_named_by_number_and_title() -> None:
    code, out = run("check", "--policy", str(SEED))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("seed/ja.yaml (Japanese, the master)")  # the master first
    # Legal review (REVIEW001) is reported per edition; the rest is about ru.
    lines = lines[lines.index(next(x for x in lines if x.endswith("(Russian, translation)"))):]
    src = load_folder(SEED)
    ru = {c.id: c for c in src.translations["ru"].clauses}
    # the units with errors are the ones left in English (the rest are waived notes)
    with_errors, unit = [], ""
    for line in lines:
        if line.startswith("  ") and not line.startswith("   "):
            unit = line
        elif ": error: " in line and unit not in with_errors:
            with_errors.append(unit)
    assert with_errors == [
        *(f"  clause {ru[i].number} {ru[i].title}"
          for i in ("communications", "integrations", "erasure")),
        "  the release note of the revision of 2022-04-01"]
    # each text left in English: one L10N002 (the same as the English edition's); its Latin
    # letters (L10N003) only follow from it and are not told beside it
    findings = [line for line in lines if line.endswith("]") and "[L10N" in line]
    assert len(findings) == 7 and all("[L10N002]" in line for line in findings)
    assert all(line.strip().split(": ", 1)[0].count(":") == 2 for line in findings)
    errors = sum(": error: " in line for line in out.splitlines())
    assert lines[-1] == f"Not ready to publish: {errors} {'problem' if errors == 1 else 'problems'} to fix."


def test_missing_folder_is_a_load_error(tmp_path: Path) -> None:
    code, out = run("check", "--policy", str(tmp_path / "nowhere"))
    assert code == 2
    assert "IO001" in out


def test_unknown_format_is_a_usage_error() -> None:
    code, _ = run("check", "--policy", str(POLICY), "--format", "xml")
    assert code == 2


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    first = text.index("  source:")
    en.write_text(text[:first] + text[text.index("\n", first) + 1:], "utf-8")
    assert run("check", "--policy", str(folder))[0] == 0
    code, out = run("check", "--policy", str(folder), "--strict")
    assert code == 1 and "warning: " in out and "[DRIFT002]" in out


def test_json_format() -> None:
    code, out = run("check", "--policy", str(SEED), "--format", "json")
    assert code == 1
    data = json.loads(out)
    errors = [d for d in data["diagnostics"] if d["severity"] == "error"]
    assert data["summary"]["error"] == len(errors) and data["summary"]["warning"] == 0
    assert sum(d["code"].startswith("L10N") for d in errors) == 7
    assert {d["lang"] for d in errors} == {"ru"}
    assert all(d["line"] > 0 and d["col"] > 0 and d["unit"] for d in data["diagnostics"])


def seed_diagnostics() -> list[dict[str, Any]]:
    """The seed's findings as `--format json` lists them, in order."""
    code, out = run("check", "--policy", str(SEED), "--format", "json")
    assert code == 1
    found: list[dict[str, Any]] = json.loads(out)["diagnostics"]
    return found


def test_github_format_annotations_and_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, out = run("check", "--policy", str(SEED), "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    lines = out.splitlines()
    found = [d for d in seed_diagnostics()  # waived findings are counted, not annotated
             if not (d.get("hint") or "").startswith("waived:")]
    assert len(lines) == len(found)
    assert sum(line.startswith("::error file=") for line in lines) == sum(
        d["severity"] == "error" for d in found)
    first = next(line for line in lines if line.startswith("::error "))
    props, message = first[len("::error "):].split("::", 1)
    keys = [p.split("=", 1)[0] for p in props.split(",")]
    assert keys == ["file", "line", "col", "title"]
    assert "\n" not in message
    table = summary.read_text("utf-8")
    src = load_folder(SEED)
    assert src.master is not None
    total = len(list(master_units(src.master)))  # four of them left in English
    assert "| L10N002 | error | 7 |" in table
    assert f"| ru | {total} | {total - 4} | 0 | 0 | 4 | {100 * (total - 4) / total:.1f} |" in table


def test_github_format_prints_the_summary_without_a_summary_file() -> None:
    code, out = run("check", "--policy", str(SEED), "--format", "github", env={
        "GITHUB_STEP_SUMMARY": ""})
    assert code == 1 and "## policy check" in out


def test_sarif_format() -> None:
    code, out = run("check", "--policy", str(SEED), "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(CODES)
    found = seed_diagnostics()
    assert len(run0["results"]) == len(found)
    # every rule says what it means (code scanning shows it beside an alert); a check's own
    # codes also name their check and say what it looks for
    from engine.checks import CHECKS
    from engine.diagnostics import plain_sentence

    owner = {c.code: check for check in CHECKS for c in check.codes}
    for rule in rules:
        assert rule["fullDescription"]["text"] == plain_sentence(rule["id"], "en")
        check = owner.get(rule["id"])
        if check is not None:
            assert rule["properties"]["tags"] == [check.name]
            assert rule["help"]["text"].startswith(f"{check.name}: ")
    assert any("help" in rule for rule in rules)
    for result, d in zip(run0["results"], found, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] > 0 and result["level"] == d["severity"]


def test_waived_findings_are_counted_not_annotated_and_suppressed_in_sarif(
        tmp_path: Path) -> None:
    """The shipped policy's editions waive some findings, each with its reason. GitHub
    annotations leave them out (they would sit on every pull request), the job summary counts
    them, and --show-waived annotates them; SARIF keeps them as results suppressed in source
    (code scanning then shows them as closed), the reason as the justification."""
    code, out = run("check", "--policy", str(POLICY), "--format", "json")
    listed = json.loads(out)["diagnostics"]
    waived = [d for d in listed if (d.get("hint") or "").startswith("waived:")]
    assert waived and all(d["severity"] == "note" for d in waived)

    summary = tmp_path / "summary.md"
    code, out = run("check", "--policy", str(POLICY), "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 0
    assert len(out.splitlines()) == len(listed) - len(waived)
    assert "waived:" not in out
    assert f"{len(waived)} of the notes are findings the legal team accepted" in \
        summary.read_text("utf-8")
    code, shown = run("check", "--policy", str(POLICY), "--format", "github", "--show-waived",
                      env={"GITHUB_STEP_SUMMARY": str(tmp_path / "again.md")})
    assert len(shown.splitlines()) == len(listed) and shown.count("(waived: ") == len(waived)

    code, out = run("check", "--policy", str(POLICY), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert len(results) == len(listed)
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == len(waived)
    for r, d in zip(suppressed, waived, strict=True):
        assert r["ruleId"] == d["code"]
        assert r["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                      "justification": d["hint"].removeprefix("waived:").strip()}]
        assert "waived:" not in r["message"]["text"]


def test_output_is_deterministic() -> None:
    for fmt in ("text", "json", "github", "sarif"):
        assert run("check", "--policy", str(SEED), "--format", fmt, env={
            "GITHUB_STEP_SUMMARY": ""}) == run("check", "--policy", str(SEED), "--format", fmt,
                                                 env={"GITHUB_STEP_SUMMARY": ""})


def test_status_text_and_json() -> None:
    code, out = run("status", "--policy", str(SEED))
    assert code == 0
    src = load_folder(SEED)
    ru = {c.id: c for c in src.translations["ru"].clauses}
    total = len(list(master_units(src.master)))  # type: ignore[arg-type]
    assert out.splitlines() == [
        f"English   {'█' * 20} {total} of {total} up to date (100 %)",
        "",
        f"Russian   {'█' * (20 * (total - 4) // total)}{'░' * (20 - 20 * (total - 4) // total)} "
        f"{total - 4} of {total} up to date ({100 * (total - 4) / total:.0f} %)",
        "  needs translation (not translated yet):",
        *(f"    clause {ru[i].number} {ru[i].title}"
          for i in ("communications", "integrations", "erasure")),
        "    the release note of the revision of 2022-04-01",
    ]
    code, out = run("status", "--policy", str(SEED), "--format", "json")
    data = json.loads(out)
    assert data["ru"]["untranslated"] == 4 and data["ru"]["units"]["clause:erasure"] == (
        "untranslated")


def test_status_of_a_missing_folder_exits_2(tmp_path: Path) -> None:
    assert run("status", "--policy", str(tmp_path / "nowhere"))[0] == 2


def test_stamp_command(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    code, out = run("stamp", "ru", "language", "--policy", str(folder))
    assert code == 0
    assert out.splitlines()[-1] == f"Russian ({folder / 'ru.yaml'}): 0 stamped"
    code, out = run("stamp", "ru", "no-such-clause", "--policy", str(folder))
    assert code == 2 and "PARITY011" in out
    code, out = run("stamp", "xx", "--policy", str(folder))
    assert code == 2


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_bad_policy_never_prints_a_traceback(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    (folder / "ru.yaml").write_text("clauses: [\n", "utf-8")
    code, out = run("check", "--policy", str(folder), "--format", fmt)
    assert code == 1  # a finding in the policy's file, as `validate` says (engine.cli.exit_for)
    assert "Traceback" not in out


@pytest.mark.parametrize(("edition", "broken"), [
    ("en.yaml", "lang: en\nx: [\n"), ("en.yaml", "lang: en\nunknown: 1\n"),
    ("ja.yaml", "x: [\n")])
def test_validate_check_and_status_exit_alike_on_a_broken_edition(tmp_path: Path, edition: str,
                                                                   broken: str) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    (folder / edition).write_text(broken, "utf-8")
    codes = {cmd: run(cmd, "--policy", str(folder))[0] for cmd in ("validate", "check", "status")}
    assert codes == {"validate": 1, "check": 1, "status": 1}


# What `policy check --help` says each exit means, in each language: a YAML syntax error is
# an error to fix (1), as the cases below show; 2 is a file missing or not to be opened as
# text, never "a file that cannot be read" (which a reader takes a YAML mistake to be)
CHECK_EXITS = {"en": ("1 when an error is found (a YAML syntax error is one)",
                      "2 when the folder or a file is missing, cannot be opened, is not UTF-8"),
               "ja": ("1 誤りがある（YAML の書き方の誤りも含む）",
                      "2 フォルダーかファイルがない、開けない、UTF-8 でない"),
               "ru": ("1 — есть ошибка (в том числе синтаксическая ошибка YAML)",
                      "2 — папки или файла нет, файл не удаётся открыть, он не в кодировке UTF-8")}


@pytest.mark.parametrize("lang", sorted(CHECK_EXITS))
def test_check_help_says_the_exit_codes_check_gives(tmp_path: Path, lang: str) -> None:
    code, page = run("check", "--help", "--lang", lang)
    assert code == 0
    flat = re.sub(r"\s+", "" if lang == "ja" else " ", page)
    for said in CHECK_EXITS[lang]:
        assert re.sub(r"\s+", "" if lang == "ja" else " ", said) in flat, (said, page)
    cases = {b"x: [\n": 1, b"lang: en\n\xff": 2, None: 2}
    for i, (content, exit_code) in enumerate(cases.items()):
        folder = tmp_path / str(i)
        shutil.copytree(POLICY, folder)
        if content is None:
            (folder / "en.yaml").unlink()
        else:
            (folder / "en.yaml").write_bytes(content)
        assert run("check", "--policy", str(folder))[0] == exit_code, content
    summary = tmp_path / "no-such-folder" / "summary.md"
    assert run("check", "--policy", str(POLICY), "--summary", str(summary))[0] == 2


def test_exit_rule() -> None:
    from engine.cli import exit_for
    from engine.diagnostics import make

    warning = make("DRIFT002", "unreviewed", "en.yaml", 1, 1)
    assert exit_for([]) == 0
    assert exit_for([warning]) == 0
    assert exit_for([warning], strict=True) == 1
    assert exit_for([make("YAML001", "syntax", "en.yaml", 1, 1)]) == 1
    assert exit_for([make("IO002", "unreadable", "en.yaml")]) == 2
    assert exit_for([make("GIT001", "no such revision")]) == 2
    assert exit_for([make("IO002", "unreadable", "en.yaml").with_severity(
        make("IO002", "").severity.NOTE)]) == 0
    assert exit_for([], completed=False) == 2


def test_no_command_maps_findings_to_exit_codes_itself() -> None:
    """engine.cli.exit_for is the one rule: no command module tests severities for its exit."""
    from .conftest import ROOT

    for path in sorted((ROOT / "engine" / "cli").glob("*.py")):
        text = path.read_text("utf-8")
        assert "EXIT_USAGE if" not in text and "EXIT_FINDINGS if" not in text, path.name


def test_annotations_and_sarif_name_files_from_the_repository_root(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in a subfolder (a workflow's `working-directory:`), a check names its files from
    the repository's root, as GitHub and code scanning do: `policy/ru.yaml`, not
    `../policy/ru.yaml`, which matches no file of the pull request. In Actions the root is
    $GITHUB_WORKSPACE; elsewhere the nearest folder holding .git."""
    repo = tmp_path / "repo"
    shutil.copytree(SEED, repo / "policy")
    (repo / ".git").mkdir()  # what marks the root: the folder holding .git
    (repo / "tools").mkdir()
    monkeypatch.chdir(repo / "tools")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)  # set when this suite runs in Actions
    for env in ({"GITHUB_STEP_SUMMARY": ""}, {"GITHUB_STEP_SUMMARY": "",
                                              "GITHUB_WORKSPACE": str(repo)}):
        _, out = run("check", "--policy", "../policy", "--format", "github", env=env)
        files = set(re.findall(r"file=([^,]+),", out))
        assert files and all(f.startswith("policy/") for f in files), files
        _, out = run("check", "--policy", "../policy", "--format", "sarif", env=env)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(out)["runs"][0]["results"] if "locations" in r}
        assert uris and all(u.startswith("policy/") for u in uris), uris
    # outside any repository the paths stay as given
    elsewhere = tmp_path / "plain"
    shutil.copytree(SEED, elsewhere / "policy")
    (elsewhere / "sub").mkdir()
    monkeypatch.chdir(elsewhere / "sub")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    _, out = run("check", "--policy", "../policy", "--format", "github",
                 env={"GITHUB_STEP_SUMMARY": ""})
    assert all(f.startswith("../policy/") for f in re.findall(r"file=([^,]+),", out))


UNWRITABLE_SUMMARY = {
    "ja": "IO005 「{path}」を書き込めません。書き込み先のフォルダーがありません（先にフォルダーを"
          "作るか、既にあるフォルダーの中を指定してください）",
    "ru": "IO005 не удаётся записать «{path}»: папки для него не существует (сначала создайте "
          "папку или укажите путь в существующей папке)",
    "en": "IO005 cannot write '{path}': its folder does not exist (create the folder first, or "
          "give a path in a folder that exists)"}


@pytest.mark.parametrize("lang", sorted(UNWRITABLE_SUMMARY))
def test_a_summary_that_cannot_be_written_is_said_in_the_readers_language(
        tmp_path: Path, lang: str) -> None:
    """`policy check --summary /nonexistent/x.md --lang ja` says why as every other file a
    command cannot write (IO005); it said "cannot write summary …: No such file or directory"
    in English whatever the language."""
    summary = tmp_path / "no-such-folder" / "summary.md"
    result = CliRunner().invoke(main, ["check", "--policy", str(POLICY), "--summary",
                                       str(summary), "--lang", lang])
    assert result.exit_code == 2
    assert UNWRITABLE_SUMMARY[lang].format(path=summary) in result.stderr, result.stderr
    assert "No such file" not in result.stderr
