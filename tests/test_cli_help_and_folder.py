"""Issue 12.10 and 12.12: the policy folder is found from anywhere inside the repository (or we
say where we looked); help is grouped by audience, with whole sentences and an example each;
`--version` gives the tool's and the policy's versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from engine.cli import AUDIENCES, main
from engine.cli.app import COMMAND_MODULES, load_commands
from engine.loader import load_folder

from .conftest import POLICY


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(POLICY, tmp_path / "repo" / "policy")
    (tmp_path / "repo" / "docs" / "deep").mkdir(parents=True)
    return tmp_path / "repo"


@pytest.mark.parametrize("where", ["", "policy", "docs/deep"])
def test_the_policy_folder_is_found_from_inside_the_repository(
        repo: Path, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / where)
    code, out, err = _run("validate")
    assert code == 0, err
    assert "IO001" not in out + err


def test_outside_any_repository_we_say_where_we_looked(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    code, _, err = _run("check")
    assert code == 2
    assert "IO001" in err and str(empty) in err and "each folder above" in err


@pytest.mark.parametrize("lang, said, todo", [
    ("ja", "ポリシーのフォルダーが見つかりません。", "フォルダーに移動してから実行するか"),
    ("ru", "папка политики не найдена: ни в", "перейдите в папку проекта"),
])
def test_outside_any_repository_a_lawyer_reads_it_in_their_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str, todo: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICY_LANG", lang)
    for command in (["status"], ["approve", "ja", "5", "--by", "Hanako Yamada"]):
        code, _, err = _run(*command)
        assert code == 2
        assert said in err and todo in err and f"{tmp_path}" in err
        assert "no policy folder found" not in err and "looked for" not in err


def test_help_groups_commands_by_audience_with_whole_summaries_and_examples() -> None:
    code, out, _ = _run("--help")
    assert code == 0
    for title, names, examples in AUDIENCES:
        section = out.split(f"{title}:", 1)[1]
        for name in names:
            if name in main.commands:
                assert f"  {name} " in section, (title, name)
        for example in examples:
            assert f"$ {example}" in out
    assert "...\n" not in out.replace("[ARGS]...\n", "")  # no summary is cut mid-sentence
    every = set(main.commands)
    grouped = {n for _, names, _ in AUDIENCES for n in names}
    assert every <= grouped, every - grouped


def test_every_option_of_every_command_says_what_it_does() -> None:
    load_commands()
    for name, cmd in main.commands.items():
        for param in cmd.params:
            if param.param_type_name == "option" and param.name not in ("help",):
                assert getattr(param, "help", None), f"{name} {param.opts} has no help"


def test_version_prints_the_tool_and_the_policy(repo: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    src = load_folder(repo / "policy")
    assert src.master is not None
    code, out, _ = _run("--version")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("policy (the tool) ")
    latest = max([str(r.date) for r in src.master.facts.revisions]
                 or [str(src.master.facts.effective)])
    assert lines[1] == f"privacy policy {src.master.facts.version}, last revised {latest} (policy)"
    monkeypatch.setenv("POLICY_LANG", "ja")
    code, out, _ = _run("--version")
    assert out.splitlines()[1] == (f"個人情報保護方針 バージョン{src.master.facts.version}、最終改定 "
                                   f"{latest}（policy）")
    monkeypatch.setenv("POLICY_LANG", "ru")
    code, out, _ = _run("--version")  # a revision is «от» its date, as everywhere else
    assert out.splitlines()[1] == (f"политика конфиденциальности, версия "
                                   f"{src.master.facts.version}, последняя редакция от {latest} "
                                   f"(policy)")


def test_a_master_broken_mid_edit_is_still_found_and_reported(repo: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    (repo / "policy" / "ja.yaml").write_text("lang: ja\nfacts: [\n", "utf-8")
    monkeypatch.chdir(repo / "docs")
    code, out, err = _run("validate")
    assert code in (1, 2)
    assert "ja.yaml:" in out + err and "no policy folder found" not in out + err


def test_each_command_is_registered_by_the_module_the_group_imports_for_it() -> None:
    """app.COMMAND_MODULES (the group imports a command's module only when it is asked for)
    names every command the modules register, and the module that registers it."""
    load_commands()
    assert set(main.commands) == set(COMMAND_MODULES)
    for name, cmd in main.commands.items():
        assert cmd.callback is not None
        module = cmd.callback.__module__ if not isinstance(cmd, click.Group) else next(
            iter(cmd.commands.values())).callback.__module__  # type: ignore[union-attr]
        assert module == f"engine.cli.{COMMAND_MODULES[name]}", name


def test_a_command_imports_only_its_own_module() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom engine.cli import main\ntry:\n    main(['terms'])\n"
            "except SystemExit:\n    pass\nprint(' '.join(sorted(m for m in sys.modules "
            "if m.startswith('engine.cli.'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    loaded = set(done.stderr.split())
    assert "engine.cli.legal" in loaded  # `terms` (which borrows basic's policy loader)
    assert not loaded & {f"engine.cli.{m}" for m in ("build", "check", "diff", "exchange",
                                                      "export", "test", "uses")}


def test_a_copy_of_the_master_in_a_folder_above_is_not_the_policy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """POLICY010 tells the legal team to keep a copy of the master outside the policy folder;
    one left in /tmp or a home folder must not answer for every project below it (a service's
    repository, a test's temporary folder): only `policy/` folders count above the working
    folder."""
    shutil.copy(POLICY / "ja.yaml", tmp_path / "ja.copy.yaml")
    service = tmp_path / "services" / "mailer"
    service.mkdir(parents=True)
    monkeypatch.chdir(service)
    code, _, err = _run("check")
    assert code == 2
    assert "IO001" in err and "ja.copy.yaml" not in err and str(service) in err
    # the shipped policy answers outside any project, as the README says
    code, out, err = _run("ask", "use", "contact", "newsletter", "--opted-out")
    assert code == 1 and "ja.copy.yaml" not in out + err, out + err
    monkeypatch.chdir(tmp_path)  # inside the folder that holds it, it is the folder asked for
    code, out, err = _run("validate")
    assert "ja.copy.yaml" in out + err
