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


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args])
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
