"""The read-only commands the console script runs without click (engine/cli/plain.py) read their command line as click does and say the same, byte for byte.

* The table of what the console script reads itself names every option click declares for
  check, status, test and validate, with the same parameter, words and default: an option added
  to a command fails here until the table says how to read it.
* For every command line of those options (each form, order and value), what it reads is
  what click gives the command's function; anything else is left to click.
* Run as a process, the command without click and the command through click (the console
  script with its way without click turned off) write the same output and exit alike, on a clean policy, one with a
  pending change, one whose master cannot be read, and for a language the policy lacks (which
  only click says: the command runs again through it); and a bare `policy check` really does
  not import click, while one with `--previous` does.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from engine.cli import main
from engine.cli.app import load_commands
from engine.cli.plain import ARGUMENTS, DEFAULTS, OPTIONS, read_args

from .conftest import POLICY

POLICY_BIN = Path(sys.executable).with_name("policy")


def _command(name: str) -> click.Command:
    load_commands(name)
    return main.commands[name]


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_the_table_is_clicks_declarations(name: str) -> None:
    command = _command(name)
    declared = {p.name: p for p in command.params if isinstance(p, click.Option)}
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    assert tuple(p.name for p in arguments) == ARGUMENTS.get(name, ()), "in click's order"
    assert all(not p.required and p.nargs == 1 and p.type is click.STRING for p in arguments)
    table = OPTIONS[name]
    assert {param for param, _ in table.values()} | set(DEFAULTS[name]) == \
        set(declared) | set(ARGUMENTS.get(name, ())), \
        "every option is read here or left to click with its default"
    for option, (param, takes) in table.items():
        p = declared[param]
        assert option in p.opts
        if takes is None:
            assert p.is_flag
        elif takes == "path":
            assert isinstance(p.type, click.Path) and p.type.exists is False
        elif takes == "word":
            assert p.type is click.STRING
        else:
            assert isinstance(p.type, click.Choice) and tuple(p.type.choices) == takes
    for param in DEFAULTS[name]:  # their values: the line with no option, below
        assert param in ARGUMENTS.get(name, ()) or declared[param].callback is None


def _lines(name: str) -> list[list[str]]:
    """Every command line of the options the table reads: each subset, in two orders, with
    `--opt value` and `--opt=value`, and each value an option takes (one per option and line,
    in turn)."""
    table = OPTIONS[name]
    values = {option: (["policy"] if takes == "path" else ["ja", "fr"] if takes == "word"
                       else [] if takes is None else list(takes))
              for option, (_, takes) in table.items()}
    lines = []
    for size in range(len(table) + 1):
        for chosen in itertools.combinations(sorted(table), size):
            longest = max([len(values[o]) for o in chosen] + [1])
            for turn, joined, reverse in itertools.product(range(longest), (False, True),
                                                           (False, True)):
                line = [name]
                for option in reversed(chosen) if reverse else chosen:
                    if not values[option]:
                        line.append(option)
                        continue
                    value = values[option][turn % len(values[option])]
                    line += [f"{option}={value}"] if joined else [option, value]
                lines.append(line)
    return lines


def _clicks(line: list[str]) -> dict[str, Any]:
    command = _command(line[0])
    with main.make_context("policy", list(line)) as parent:
        ctx = command.make_context(line[0], list(line[1:]), parent=parent)
        return dict(ctx.params)


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_every_line_it_reads_is_read_as_click_reads_it(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(POLICY.parent)
    monkeypatch.delenv("POLICY_LANG", raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")  # the language when none is given
    lines = _lines(name)
    assert len(lines) > 20
    for line in lines:
        read = read_args(line)
        assert read is not None, line
        assert read == (name, _clicks(line)), line


def test_a_commands_arguments_are_read_among_its_options_as_click_reads_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(POLICY.parent)
    for line in (["diff", "HEAD", "policy"], ["diff", "HEAD"], ["diff", "--check", "HEAD~1"],
                 ["diff", "--format", "json", "base", "policy"],
                 ["diff", "base", "--format=markdown", "policy", "--check"],
                 ["diff", "--branch", "dev", "a.json", "--lang", "ja", "b.json"]):
        read = read_args(line)
        assert read is not None and read == ("diff", _clicks(line)), line


@pytest.mark.parametrize("line", [
    ["check", "--help"], ["check", "-h"], ["check", "--previous", "x.yaml"],
    ["check", "--summary", "s.md"], ["check", "--lang", "fr"], ["check", "--lang"],
    ["check", "--format", "xml"], ["check", "--strict", "--strict"],
    ["check", "--lang", "ja", "--lang", "ru"], ["check", "--strict=yes"],
    ["check", "--lang", "--strict"], ["check", "extra"], ["check", "--", "x"],
    ["status", "ru"], ["status", "--strict"], ["test", "--mutate", "--lang"],
    ["validate", "--policy"], ["diff", "a", "b", "c"], ["diff", "--", "a"],
    ["diff", "--format", "xml"], ["diff", "-h"], ["build", "--pdf"], ["build", "--since", "HEAD"],
    ["build", "--out"], ["build", "--allow-drift", "--allow-drift"], [],
])
def test_anything_else_is_left_to_click(line: list[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(POLICY.parent)
    assert read_args(line) is None


# The console script with its way without click turned off: click reads every command line.
_THROUGH_CLICK = ("import sys\n"
                  "from engine.cli import cached, client\n"
                  "cached.run_without_click = lambda args: None\n"
                  "sys.argv = ['policy', *sys.argv[1:]]\n"
                  "client.main()\n")


def _run(cwd: Path, cache: Path, *args: str, env: dict[str, str] | None = None,
         through_click: bool = False) -> tuple[int, bytes, bytes]:
    """The console script's exit code, output and errors; with `through_click`, through click."""
    script = [sys.executable, "-c", _THROUGH_CLICK] if through_click else [str(POLICY_BIN)]
    done = subprocess.run([*script, *args], cwd=cwd, capture_output=True, timeout=180,
                          env={**os.environ, "POLICY_NO_SERVER": "1", "XDG_CACHE_HOME": str(cache),
                               "POLICY_LANG": "ja", **(env or {})})
    return done.returncode, done.stdout, done.stderr


def _policies(tmp: Path) -> dict[str, Path]:
    """Repositories (git, for the history the checks read) holding a policy as shipped, one
    with a pending change of a master sentence, one whose master cannot be read."""
    made = {}
    for case in ("clean", "pending", "broken"):
        repo = tmp / case
        shutil.copytree(POLICY, repo / "policy", ignore=shutil.ignore_patterns("__pycache__"))
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run(["git", "add", "policy"], cwd=repo, check=True)
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                        "-c", "commit.gpgsign=false", "commit", "-q", "-m", "policy"],
                       cwd=repo, check=True)
        ja = repo / "policy" / "ja.yaml"
        text = ja.read_text("utf-8")
        if case == "pending":
            at = text.index("\n    title: ") + len("\n    title: ")
            end = text.index("\n", at)
            ja.write_text(text[:end] + "等" + text[end:], "utf-8")
        elif case == "broken":
            ja.write_text(text.replace("\ntitle:", "\ntitle :\n  - [", 1), "utf-8")
        made[case] = repo
    return made


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_without_click_and_through_click_say_the_same(tmp_path: Path) -> None:
    lines = [["check"], ["check", "--lang", "ru"], ["check", "--format", "json", "--strict"],
             ["check", "--format=sarif"], ["status"], ["status", "--format", "json"],
             ["test"], ["test", "--lang", "fr"], ["test", "--format", "junit"],
             ["validate", "--lang", "en"], ["validate", "--format", "json"],
             ["diff", "HEAD", "policy"], ["diff", "--format", "markdown", "HEAD", "policy"],
             ["diff", "HEAD", "policy", "--check", "--format=json"],
             ["diff", "HEAD", "policy", "--lang", "fr"]]
    seen = set()
    for case, repo in _policies(tmp_path).items():
        for n, line in enumerate(lines):
            cache = tmp_path / "cache" / f"{case}-{n}"  # empty: the command runs, no replay
            direct = _run(repo, cache, *line)
            clicked = _run(repo, cache, *line, through_click=True)
            assert direct == clicked, (case, line)
            seen.add(direct[0])
    assert seen == {0, 1, 2}  # clean, with findings, and a command line that cannot run


def _site(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_build_without_click_says_and_publishes_what_through_click_does(
        tmp_path: Path) -> None:
    """The build writes: each way publishes into its own empty cache, and each way's site is
    compared file by file (the same bytes), after the same output and exit code."""
    lines = [["build", "--out", "site"], ["build", "--allow-drift", "--lang", "ru", "--out=site"],
             ["build", "--policy", "policy", "--lang=en"], ["build", "--policy", "nowhere"]]
    seen = set()
    for case, repo in _policies(tmp_path).items():
        for n, line in enumerate(lines):
            sites = []
            said = []
            for clicked in (False, True):
                shutil.rmtree(repo / "site", ignore_errors=True)
                cache = tmp_path / "cache" / f"{case}-{n}-{clicked}"
                said.append(_run(repo, cache, *line, through_click=clicked))
                sites.append(_site(repo / "site"))
            assert said[0] == said[1], (case, line)
            assert sites[0] == sites[1], (case, line)
            seen.add((said[0][0], bool(sites[0])))
    # published; stopped by a pending change or a master that cannot be read (1); a policy
    # folder that is not there (2)
    assert seen == {(0, True), (1, False), (2, False)}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_output_that_cannot_be_written_is_said_as_through_click(tmp_path: Path) -> None:
    """A full disk (/dev/full), and streams in an encoding the texts do not fit (latin-1,
    left to click), end as through click: one line, exit 2, no traceback."""
    repo = POLICY.parent
    for n, (line, env, full) in enumerate([(["check", "--lang", "ja"], {}, True),
                                          (["status"], {}, True),
                                          (["check", "--lang", "ja"],
                                           {"PYTHONIOENCODING": "latin-1"}, False)]):
        said = []
        for script in ([str(POLICY_BIN)], [sys.executable, "-c", _THROUGH_CLICK]):
            with open("/dev/full" if full else os.devnull, "w") as out:
                done = subprocess.run(
                    [*script, *line], cwd=repo, stdout=out, stderr=subprocess.PIPE,
                    timeout=180, env={**os.environ, "POLICY_NO_SERVER": "1", **env,
                                      "XDG_CACHE_HOME": str(tmp_path / f"cache-{n}")})
            said.append((done.returncode, done.stderr))
        assert said[0] == said[1], (line, env, said)
        assert said[0][0] == 2 and b"Traceback" not in said[0][1], said[0]


# The console script in a process that says at its end whether click was imported.
_PROBE = ("import atexit, sys\n"
          "atexit.register(lambda: sys.stderr.write(f\"\\nclick: {'click' in sys.modules}\\n\"))\n"
          "from engine.cli.cached import main\n"
          "sys.argv = ['policy', *sys.argv[1:]]\n"
          "main()\n")


def _imports_click(line: list[str], cwd: Path, cache: Path,
                   more: dict[str, str] | None = None) -> bool:
    env = {**os.environ, "POLICY_NO_SERVER": "1", "XDG_CACHE_HOME": str(cache),
           "POLICY_CACHE_SOURCES": "1", **(more or {})}
    done = subprocess.run([sys.executable, "-c", _PROBE, *line], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    said = done.stderr.strip().rsplit("\n", 1)[-1]
    assert said in ("click: True", "click: False"), done.stderr[-2000:]
    return said == "click: True"


@pytest.mark.parametrize("line", [["check"], ["build", "--out", "site"],
                                  ["diff", "policy", "policy"]])
def test_a_command_typed_plainly_does_not_import_click(tmp_path: Path, line: list[str]
                                                     ) -> None:
    shutil.copytree(POLICY, tmp_path / "policy")
    assert not _imports_click(line, tmp_path, tmp_path / "cache")


@pytest.mark.parametrize(("line", "env"), [(["--no-cache", "check"], {}),
                                           (["status"], {"POLICY_NO_CACHE": "1"}),
                                           (["--no-cache", "build", "--out", "site"], {})])
def test_a_fresh_run_typed_plainly_does_not_import_click(tmp_path: Path, line: list[str],
                                                       env: dict[str, str]) -> None:
    """--no-cache and POLICY_NO_CACHE=1 only keep the result from the cache: the command line
    is still read without click."""
    shutil.copytree(POLICY, tmp_path / "policy")
    assert not _imports_click(line, tmp_path, tmp_path / "cache", env)


def test_a_command_line_left_to_click_imports_it(tmp_path: Path) -> None:
    assert _imports_click(["check", "--previous", str(POLICY / "ja.yaml")], POLICY.parent,
                          tmp_path)
