"""`policy export`: it finds the policy as every command does, never deletes what it did not
write, and publishes files any reader may read (the umask decides, as for any new file)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.export.files import CEDAR_NAMES

from .conftest import POLICY


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(main, ["export", *args])
    return result.exit_code, result.output


def test_cedar_refuses_a_folder_holding_other_files_and_deletes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "scratch"
    (out / "keep").mkdir(parents=True)
    (out / "other.txt").write_text("mine", "utf-8")
    code, output = _run("cedar", "--policy", str(POLICY), "--out", str(out))
    assert code == 2 and "IO005" in output and "keep, other.txt" in output, output
    assert (out / "other.txt").read_text("utf-8") == "mine" and (out / "keep").is_dir()
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no staging left


def test_cedar_into_the_working_folder_is_refused_not_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = _run("cedar", "--policy", str(POLICY), "--out", ".")
    assert code == 2 and "IO005" in output and "INTERNAL" not in output, output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_cedar_replaces_its_own_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "cedar"
    assert _run("cedar", "--policy", str(POLICY), "--out", str(out))[0] == 0
    assert {p.name for p in out.iterdir()} == set(CEDAR_NAMES)
    assert _run("cedar", "--policy", str(POLICY), "--out", str(out))[0] == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_exports_are_readable_by_others_as_any_new_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert _run("rego", "--policy", str(POLICY), "--out", str(tmp_path / "b.tar.gz"))[0] == 0
        assert _run("table", "--policy", str(POLICY), "--out", str(tmp_path / "t.json"))[0] == 0
        assert _run("cedar", "--policy", str(POLICY), "--out", str(tmp_path / "cedar"))[0] == 0
    finally:
        os.umask(old)
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode)
             for p in tmp_path.rglob("*")}
    assert modes == {"b.tar.gz": 0o644, "t.json": 0o644, "cedar": 0o755,
                     **{f"cedar/{name}": 0o644 for name in CEDAR_NAMES}}


def test_an_export_finds_the_policy_from_a_folder_inside_the_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(POLICY, tmp_path / "policy")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    code, output = _run("table", "--out", "t.json")
    assert code == 0 and (tmp_path / "docs" / "t.json").is_file(), output


def test_every_export_names_its_output_as_typed(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`export cedar` said the folder by its full path where `rego` and `table` say the path
    as typed: a relative --out is said back as it was written, by every export."""
    monkeypatch.chdir(tmp_path)
    assert _run("cedar", "--policy", str(POLICY), "--out", "cedar-out") == (0, "cedar-out\n")
    assert _run("table", "--policy", str(POLICY), "--out", "t.json") == (0, "t.json\n")
    code, output = _run("rego", "--policy", str(POLICY), "--out", "b.tar.gz")
    assert code == 0 and output.startswith("b.tar.gz (revision ")


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "IO005 フォルダー「scratch」には、policy export cedar が書き出したもの以外のファイルがあり"
           "ます（keep、other.txt）。このコマンドはフォルダーを丸ごと置き換えるため、何も書き込んで"
           "いません（--out には、新しいフォルダー、空のフォルダー、または以前に policy export "
           "cedar で書き出したフォルダーを指定してください）"),
    ("ru", "IO005 в папке «scratch» есть файлы, не созданные командой policy export cedar (keep, "
           "other.txt); команда заменяет папку целиком, поэтому ничего не записано (укажите в "
           "--out новую или пустую папку либо папку, в которую раньше записывала команда policy "
           "export cedar)"),
    ("en", "IO005 scratch holds files that `policy export cedar` did not write (keep, other.txt); "
           "the command replaces the folder whole, so nothing was written (choose a new or empty "
           "folder for --out, or one an earlier `policy export cedar` wrote)")])
@pytest.mark.parametrize("asked", ["--lang", "POLICY_LANG"])
def test_the_cedar_refusal_is_said_in_the_readers_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str,
        asked: str) -> None:
    """The refusal of a folder holding other files was English only: said in --lang (or
    POLICY_LANG), named as typed; exit 2 and nothing deleted."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scratch" / "keep").mkdir(parents=True)
    (tmp_path / "scratch" / "other.txt").write_text("mine", "utf-8")
    args = ("cedar", "--policy", str(POLICY), "--out", "scratch")
    code, output = (_run(*args, "--lang", lang) if asked == "--lang"
                    else _run(*args, env={"POLICY_LANG": lang}))
    assert code == 2 and output == f"scratch: {said}\n", output
    assert sorted(p.name for p in (tmp_path / "scratch").iterdir()) == ["keep", "other.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scratch"]  # no staging left


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "「afile」はフォルダーではありません。policy export cedar はフォルダーに書き出すため"),
    ("ru", "«afile» — не папка, а команда policy export cedar записывает файлы в папку"),
    ("en", "afile is not a folder; `policy export cedar` writes into a folder")])
def test_cedar_into_a_file_is_refused_in_the_readers_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("mine", "utf-8")
    code, output = _run("cedar", "--policy", str(POLICY), "--out", "afile", "--lang", lang)
    assert code == 2 and output.startswith(f"afile: IO005 {said}"), output
    assert (tmp_path / "afile").read_text("utf-8") == "mine"


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "b.tar.gz（リビジョン 2.2."), ("ru", "b.tar.gz (ревизия 2.2."),
    ("en", "b.tar.gz (revision 2.2.")])
def test_the_rego_export_says_its_revision_in_the_readers_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run("rego", "--policy", str(POLICY), "--out", "b.tar.gz", "--lang", lang)
    assert code == 0 and output.startswith(said), output


@pytest.mark.parametrize("command", ["rego", "table", "cedar"])
def test_a_policy_that_cannot_be_loaded_is_said_in_the_readers_language(
        tmp_path: Path, command: str) -> None:
    """Every export was said in English whatever --lang or POLICY_LANG asked for."""
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "ja.yaml").write_text("x: [\n", "utf-8")
    code, output = _run(command, "--policy", str(tmp_path / "bad"), "--out",
                        str(tmp_path / "out"), "--lang", "ja")
    assert code == 2 and "YAML016" in output and "要修正" in output, output
    assert "is never closed" not in output and not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["rego", "table", "cedar"])
@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_every_export_takes_lang_and_its_help_speaks_it(command: str, lang: str) -> None:
    from engine.cli.helpwords import LANG_MESSAGES, PAGES

    code, output = _run(command, "--help", "--lang", lang)
    assert code == 0 and "--lang" in output, output
    if lang == "en":
        assert "Language of the command's messages" in output
    else:
        squash = "".join(output.split())
        assert "".join(PAGES[f"export {command}"][lang][0].split()) in squash
        assert "".join(LANG_MESSAGES[lang].split())[:20] in squash
