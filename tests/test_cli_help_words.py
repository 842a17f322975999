"""`policy --help` and every command's --help in the reader's language (`--lang`, else
POLICY_LANG, else the locale): Japanese and Russian from engine/cli/helpwords.py, English as
click prints it from the commands' own docstrings and help texts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from engine.cli import AUDIENCES, main
from engine.cli.app import load_commands
from engine.cli.helptext import missing, param_key, stale
from engine.cli.helpwords import EXAMPLES, PAGES, PARAMS, TRANSLATED_FROM, WORDS

LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG", "POLICY_LANG")


def _commands() -> Iterator[tuple[str, click.Command]]:
    """Every command of `policy`, by its words after `policy` ("" for `policy` itself)."""
    load_commands()
    ctx = click.Context(main)

    def walk(cmd: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
        yield path, cmd
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None, name
                yield from walk(sub, f"{path} {name}".strip())

    return walk(main, "")


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, [*args, "--help"] if "--help" not in args else list(args),
                                env={key: "" for key in LOCALE} | (env or {}),
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _flat(text: str) -> str:
    """The page's words without its line breaks and indents (a sentence wraps anywhere)."""
    return re.sub(r"\s+", " ", text)


def _squash(text: str) -> str:
    """The page's words without any space (Japanese wraps between any two characters)."""
    return re.sub(r"\s+", "", text)


def _english_sentences(cmd: click.Command) -> list[str]:
    """The English of a command's page: its docstring's sentences and its options' help."""
    texts = [cmd.help or "", *(getattr(p, "help", None) or "" for p in cmd.params)]
    return [s for text in texts for s in re.split(r"(?<=[.;:])\s+", _flat(text))
            if len(s.split()) >= 4 and not s.startswith(("Example", "policy "))]


def test_every_command_option_and_argument_has_japanese_and_russian_help() -> None:
    gaps = [gap for path, cmd in _commands() for gap in missing(path, cmd.params)]
    assert not gaps, ("the --help of these has no translation; add it to "
                      "engine/cli/helpwords.py:\n  " + "\n  ".join(gaps))


def test_every_translation_follows_the_english_it_was_made_from() -> None:
    changed = [gap for path, cmd in _commands() for gap in stale(path, cmd)]
    assert not changed, "\n  ".join(["the English of these changed:", *changed])


def test_the_words_name_only_commands_and_options_that_exist() -> None:
    known = {path: {param_key(p) for p in cmd.params} for path, cmd in _commands()}
    assert set(PAGES) <= set(known), set(PAGES) - set(known)
    for path, params in PARAMS.items():
        assert path in known, path
        assert set(params) <= known[path], (path, set(params) - known[path])
    helps = {key for path, cmd in _commands() for key in
             (path, *(f"{path} {param_key(p)}".strip() for p in cmd.params
                      if getattr(p, "help", None)))}
    assert set(TRANSLATED_FROM) <= helps, set(TRANSLATED_FROM) - helps
    for title, _, examples in AUDIENCES:
        assert title in WORDS, title
        for example in examples:
            comment = example.partition("# ")[2]
            assert not comment or comment in EXAMPLES, comment


def _typed(text: str) -> set[str]:
    """What is typed, not translated: options, commands in backquotes, NAMES in capitals
    (arguments, variables), `$VARIABLES` and file names with their extension."""
    return set(re.findall(r"--[a-z][a-z-]*|`[^`]+`|\$?\b[A-Z][A-Z_]{2,}\b(?!\.\w|-)|"
                          r"\b[\w*/-]+\.(?:yaml|md|json)\b", text)) - {"JSON", "YAML", "XLIFF",
                                                                      "TBX", "CAT", "OPA", "PDF"}


def _english_of(path: str, key: str | None) -> str:
    cmd = dict(_commands())[path]
    if key is None:
        return cmd.help or ""
    return next(getattr(p, "help", None) or "" for p in cmd.params if param_key(p) == key)


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_a_translation_keeps_what_is_typed(lang: str) -> None:
    """Each page and option help names the same options, commands, arguments and variables
    as its English, and keeps each example command line as it is."""
    pairs = [(path, None, "\n".join(PAGES[path][lang])) for path in PAGES]
    pairs += [(path, key, words[lang]) for path, params in PARAMS.items()
              for key, words in params.items()]
    for path, key, text in pairs:
        english = _english_of(path, key)
        lost = _typed(english) - _typed(text)
        assert not lost, (path, key, lang, lost)
        for example in re.findall(r"Examples?: (.+)", english):
            assert _flat(example) in _flat(text), (path, lang, example)


@pytest.mark.parametrize(("env", "args", "lang"), [
    ({"POLICY_LANG": "ja"}, ("check",), "ja"),
    ({}, ("check", "--lang", "ru"), "ru"),
    ({}, ("check", "--lang", "ja", "--help"), "ja"),
    ({"POLICY_LANG": "ja"}, ("check", "--help", "--lang=ru"), "ru"),
    ({"LANG": "ru_RU.UTF-8"}, ("check",), "ru"),
])
def test_check_help_speaks_the_language_asked_for(env: dict[str, str], args: tuple[str, ...],
                                                   lang: str) -> None:
    out = _help(*args, env=env)
    flat = _flat(out)
    page = PAGES["check"][lang]
    assert out.startswith(f"{WORDS['Usage:'][lang]}{'' if lang == 'ja' else ' '}"
                          "main check [OPTIONS]\n"), out
    for paragraph in page:
        assert _squash(paragraph) in _squash(out), (lang, paragraph)
    for heading in ("Options",):
        assert f"{WORDS[heading][lang]}{'：' if lang == 'ja' else ':'}\n" in out
    assert WORDS["Show this message and exit."][lang] in flat
    assert {"ja": "[既定：text]", "ru": "[по умолчанию: text]"}[lang] in flat
    for name, words in PARAMS["check"].items():
        assert name in out
        assert _squash(words[lang]) in _squash(out), (lang, name)
    for sentence in _english_sentences(dict(_commands())["check"]):
        assert sentence not in flat, sentence
    assert "Usage:" not in out and "Options:" not in out and "default:" not in out


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_policy_help_lists_every_audience_and_command_in_the_language(lang: str) -> None:
    out = _help(env={"POLICY_LANG": lang})
    flat = _flat(out)
    for title, names, examples in AUDIENCES:
        assert f"{WORDS[title][lang]}{'：' if lang == 'ja' else ':'}\n" in out, title
        for name in names:
            assert f"  {name} " in out and _squash(PAGES[name][lang][0]) in _squash(out), name
        for example in examples:
            line, _, comment = example.partition("# ")
            assert line in out and (not comment or EXAMPLES[comment][lang] in out), example
    for sentence in _english_sentences(main):
        assert sentence not in flat, sentence
    for title, _, _ in AUDIENCES:
        assert f"{title}:" not in out


@pytest.mark.parametrize(("args", "path"), [(("server",), "server"),
                                            (("xliff", "export"), "xliff export"),
                                            (("server", "start"), "server start")])
@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_groups_and_their_commands_speak_the_language(args: tuple[str, ...], path: str,
                                                     lang: str) -> None:
    out = _help(*args, "--lang", lang) if path == "server start" else _help(
        *args, env={"POLICY_LANG": lang})
    flat = _flat(out)
    assert _squash(PAGES[path][lang][0]) in _squash(out)
    if path == "server":
        assert f"{WORDS['Commands'][lang]}{'：' if lang == 'ja' else ':'}\n" in out
        for name in ("start", "stop", "status"):
            assert _squash(PAGES[f"server {name}"][lang][0]) in _squash(out)
    for sentence in _english_sentences(dict(_commands())[path]):
        assert sentence not in flat, sentence


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_lines_fit_the_screen_and_break_where_a_writer_would(lang: str) -> None:
    """A kanji or kana takes two columns: no line of a page is wider than the screen; no line
    opens with a closing mark or a dash, and click's [default: ...] is never cut."""
    from engine.cli.helptext import width_of

    for args in (("check",), ("stamp",), ("ask",), ("preview",), ("ledger",), ()):
        out = _help(*args, env={"POLICY_LANG": lang, "COLUMNS": "80"})
        for line in out.splitlines():
            if "$ policy" not in line:  # an example command line is as it is
                assert width_of(line) <= 80, line
            assert not line.lstrip().startswith(("、", "。", "）", "」", "—", ")")), line
            assert line.count("[") == line.count("]"), line


ENGLISH_LINES = {
    (): ["Usage: main [OPTIONS] COMMAND [ARGS]...",
         "  Cafetalk's privacy policy as code: edit the YAML, preview it, check the",
         "For the legal team:",
         "  -h, --help  Show this message and exit.",
         "  $ policy approve ja 5 --by \"NAME\"     # record the legal sign-off of clause 5"],
    ("check",): ["Usage: main check [OPTIONS]",
                 "  Check the master and every translation; say what to fix or translate.",
                 "  --strict                        Warnings fail the check too."],
    ("server",): ["Commands:",
                  "  status  Say whether the server is running, since when and how many..."],
}


@pytest.mark.parametrize("args", list(ENGLISH_LINES))
@pytest.mark.parametrize("env", [{}, {"POLICY_LANG": "en"}, {"LANG": "ja_JP.UTF-8",
                                                             "LC_ALL": "C"}])
def test_english_help_is_clicks_page_as_before(args: tuple[str, ...],
                                               env: dict[str, str]) -> None:
    out = _help(*args, env=env)
    for line in ENGLISH_LINES[args]:
        assert line in out.splitlines(), line
    if args == ("check",):  # `--lang en` before or after --help, whatever the environment says
        assert out == _help(*args, "--lang", "en", env={"POLICY_LANG": "ru"})
        assert out == _help(*args, "--lang=ja", "--lang", "en", "--help")


def test_english_help_does_not_import_the_words() -> None:
    code = ("import sys\nfrom engine.cli import main\ntry:\n    main(['check', '--help'])\n"
            "except SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k not in LOCALE} | {"LANG": "C.UTF-8"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env)
    loaded = set(done.stderr.split())
    assert not loaded & {"engine.cli.helpwords", "engine.cli.helptext", "engine.saying"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env | {"POLICY_LANG": "ja"})
    assert "engine.cli.helpwords" in done.stderr.split()


@pytest.mark.parametrize(("args", "lang"), [(("--help", "--lang", "ja"), "ja"),
                                            (("--lang", "ru", "--help"), "ru"),
                                            (("--lang", "ja", "check", "--help"), "ja")])
def test_policy_takes_lang_with_help(args: tuple[str, ...], lang: str) -> None:
    out = _help(*args)
    path = "check" if "check" in args else ""
    assert _squash(PAGES[path][lang][0]) in _squash(out)


def test_policy_takes_no_lang_without_help() -> None:
    """--lang is an option of the commands: before one, without --help, it is a usage error
    (said in the language it names), as it was."""
    result = CliRunner().invoke(main, ["--lang", "ja", "check"], env=dict.fromkeys(LOCALE, ""))
    assert result.exit_code == 2
    assert "--lang はコマンド名の後に書きます：`policy check --lang ja`" in result.stderr


@pytest.mark.parametrize("order", ["after", "before", "joined"])
def test_every_command_shows_its_help_in_the_lang_asked_for_even_without_a_lang_of_its_own(
        order: str) -> None:
    """`policy xliff import --help --lang ja`: a command (or group) that takes no --lang of its
    own still shows its help page in the language asked for, not a usage error."""
    for path, _cmd in _commands():
        if not path:
            continue
        for lang in ("ja", "ru"):
            asked = {"after": ["--help", "--lang", lang], "before": ["--lang", lang, "--help"],
                     "joined": [f"--lang={lang}", "--help"]}[order]
            out = _help(*path.split(), *asked)
            assert _squash(PAGES[path][lang][0]) in _squash(out), (path, lang, out)


def test_without_help_a_command_without_lang_still_refuses_it() -> None:
    """Every command takes --lang; a group (`policy xliff`) takes it only with --help."""
    result = CliRunner().invoke(main, ["xliff", "--lang", "ja"], env=dict.fromkeys(LOCALE, ""))
    assert result.exit_code == 2
    assert "「--lang」というオプションはありません。" in result.stderr, result.stderr


def test_a_help_word_given_as_a_value_does_not_let_lang_through(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--out --help` names a file called --help: no help is asked for, so the command runs
    (in the language of its --lang) and writes that file; no help page is shown."""
    from .conftest import POLICY

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["xliff", "export", "ru", "--out", "--help", "--lang", "ja",
                                       "--policy", str(POLICY)], env=dict.fromkeys(LOCALE, ""))
    assert result.exit_code == 0, result.output
    assert "使い方" not in result.output and "Usage" not in result.output, result.output
    assert "<xliff " in (tmp_path / "--help").read_text("utf-8")


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_a_number_option_says_its_bounds_in_words_not_as_a_formula(lang: str) -> None:
    """`--key-point`, `--port` and `--idle-minutes` take whole numbers within bounds: each help
    page says them as a reader would ("1 or more", 「1以上」, «не меньше 1»), never as click's
    formula ([x>=1], [0<=x<=65535]) or its type name (INTEGER RANGE)."""
    said = {"en": ("[1 or more]", "0 to 65535]", "[1 to 1440]"),
            "ja": ("[1以上]", "0～65535]", "[1～1440]"),
            "ru": ("[не меньше 1]", "от 0 до 65535]", "[от 1 до 1440]")}[lang]
    pages = {path: _flat(_help(*path.split(), "--help", env={"POLICY_LANG": lang}))
             for path, _cmd in _commands() if path}
    for path, page in pages.items():
        assert not re.search(r"x\s*[<>]=?|[<>]=?\s*x\b", page), (path, page)
        assert "INTEGER RANGE" not in page, (path, page)
    assert said[0] in pages["approve"] and said[0] in pages["stamp"], pages["approve"]
    assert said[1] in pages["preview"], pages["preview"]
    assert said[2] in pages["server start"], pages["server start"]


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_the_examples_name_clauses_by_their_printed_numbers(lang: str) -> None:
    """`policy --help` shows the legal team how to name a clause as the README teaches it,
    by its printed number (`policy stamp ru 10`), never by an internal id (`opt-out`)."""
    out = _help(env={"POLICY_LANG": lang})
    assert "policy stamp ru 10 " in out, out
    assert "opt-out" not in out, out


# A folder is フォルダー in every Japanese text of the tool, with the long vowel (the Cabinet's
# 2019 guidance on loanwords, as Microsoft Japan writes it, and サーバー, ユーザー here); a
# reader who meets both spellings wonders whether they are two things.
_SHORT_FOLDER = re.compile(r"フォルダ(?!ー)")


def test_a_folder_is_written_one_way_in_japanese_help() -> None:
    pages = [_help(*path.split(), env={"POLICY_LANG": "ja"}) for path, _ in _commands()]
    assert any("フォルダー" in page for page in pages)
    assert not [page for page in pages if _SHORT_FOLDER.search(_squash(page))]


# One word for one thing elsewhere too: a translator's tool is 翻訳支援ツール (as the help
# introduces it: 翻訳支援ツール（CAT ツール）) and CAT-программа, never another name for it.
_OTHER_WORDS = {"CATツール": "翻訳支援ツール", "CAT ツールで": "翻訳支援ツールで",
                "программой перевода": "CAT-программой"}


def test_a_folder_is_written_one_way_in_every_japanese_text_of_the_tool() -> None:
    """Help, messages, reports and the site's frame: every source file that holds words."""
    root = Path(__file__).resolve().parent.parent
    found = [f"{path.relative_to(root)}:{n}: {word}"
             for folder in ("engine", "render") for path in sorted((root / folder).rglob("*"))
             if path.is_file() and path.suffix in (".py", ".html", ".md", ".txt", ".css", ".js")
             for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             for word in ("フォルダ", *_OTHER_WORDS)
             if (_SHORT_FOLDER.search(line) if word == "フォルダ" else word in line)]
    assert found == [], found


@pytest.mark.parametrize(("lang", "title", "other"), [("ja", "表題", "題名"),
                                                      ("ru", "аголовок", "Название")])
def test_stamp_and_approve_name_the_title_as_the_check_does(lang: str, title: str,
                                                           other: str) -> None:
    """`policy approve --help` called the title 題名 / «Название» where `stamp --help` and every
    finding say 表題 / «заголовок»: one part, one name."""
    for command in ("stamp", "approve"):
        page = " ".join(PAGES[command][lang])
        assert title in page and other not in page, (command, page)
