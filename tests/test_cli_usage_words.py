"""A command line that cannot run (engine/cli/usage.py) is said in the language asked for
(`--lang`, else POLICY_LANG, else the locale): the usage line, where the help is, what is wrong
and what to write. English keeps click's own words; the exit code is 2 in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

from .conftest import ROOT


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    quiet = {"POLICY_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
    result = CliRunner().invoke(main, list(args), prog_name="policy",
                                env={**quiet, **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stderr


CASES = [
    # (command line, what ja says, what ru says, what click says in English)
    (["chek"], "「chek」というコマンドはありません。`policy check` のことですか？",
     "Команды «chek» нет. Возможно, вы имели в виду `policy check`?",
     "There is no command 'chek'. Did you mean `policy check`?"),
    (["check", "--fromat", "x"], "「--fromat」というオプションはありません。「--format」のことですか？",
     "Параметра «--fromat» нет. Возможно, вы имели в виду «--format»?",
     "No such option '--fromat'. Did you mean '--format'?"),
    (["ask", "use"], "DATA が指定されていません。", "Не указан аргумент DATA:", "Missing argument 'DATA'."),
    # several near options: every one, as click lists them (its English says "one of")
    (["diff", "--l", "ru"], "「--l」というオプションはありません。「--help」または「--lang」のことですか？",
     "Параметра «--l» нет. Возможно, вы имели в виду «--help» или «--lang»?",
     "(Did you mean one of: '--help', '--lang'?)"),
    (["check", "--format", "xml"], "「--format」の値は次のいずれかにしてください：text、json",
     "Для «--format» допустимы только значения: text, json",
     "Invalid value for '--format': 'xml' is not one of"),
    (["server", "start", "--idle-minutes", "0"],
     "「--idle-minutes」の値は1から1440までの整数にしてください。",
     "Значение «--idle-minutes» должно быть целым числом от 1 до 1440.",
     "Error: The value of '--idle-minutes' must be a whole number from 1 to 1440."),
    (["stamp", "ru", "--key-point", "0"], "「--key-point」の値は1以上の整数にしてください。",
     "Значение «--key-point» должно быть целым числом не меньше 1.",
     "Error: The value of '--key-point' must be a whole number, 1 or more."),
    # a value that is no number at all: the same words (never "not a valid integer range")
    (["stamp", "ru", "--key-point", "first"], "「--key-point」の値は1以上の整数にしてください。",
     "Значение «--key-point» должно быть целым числом не меньше 1.",
     "Error: The value of '--key-point' must be a whole number, 1 or more."),
    (["check", "--previous", "nowhere.yaml"], "「--previous」に指定したファイルがありません。",
     "Файла, указанного в «--previous», нет", "File 'nowhere.yaml' does not exist."),
    (["check", "--strict=yes"], "オプション「--strict」には値を付けずに書いてください。",
     "Параметр «--strict» пишется без значения.", "Option '--strict' does not take a value."),
    (["check", "--summary"], "オプション「--summary」の後に値を書いてください。",
     "После параметра «--summary» нужно указать значение.",
     "Option '--summary' requires an argument."),
    (["--no-cache"], "コマンドがありません。", "Не хватает команды", "Missing command."),
    # an option of `policy` itself typed after the command: where it goes, as it would run
    (["check", "--no-cache", "--strict"],
     "--no-cache は policy 自体のオプションなので、コマンド名の前に書きます："
     "`policy --no-cache check --strict`",
     "--no-cache — параметр самой программы policy, он пишется перед именем команды: "
     "`policy --no-cache check --strict`.",
     "--no-cache is an option of `policy` itself, so it goes before the command's name: "
     "`policy --no-cache check --strict`"),
    (["validate", "one", "two"], "コマンドの最後に余分な語があります：one two。",
     "Лишние слова в конце команды: one two.", "Got unexpected extra arguments (one two)"),
]


@pytest.mark.parametrize(("args", "ja", "ru", "en"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_command_line_that_cannot_run_is_said_in_the_language_asked_for(
        args: list[str], ja: str, ru: str, en: str) -> None:
    code, english = _run(*args)
    assert code == 2
    assert en in english and "Error: " in english, english
    for lang, said, usage, error in (("ja", ja, "使い方：policy", "エラー："),
                                     ("ru", ru, "Использование: policy", "Ошибка: ")):
        code, err = _run(*args, env={"POLICY_LANG": lang})
        assert code == 2, err
        assert said in err, err
        assert error in err and "Error:" not in err, err
        # the usage line and where the help is, wherever click has them in English (an option
        # given a value it takes none of is said without: click knows no command there)
        assert (usage in err) == ("Usage: policy" in english), err
        assert "Usage:" not in err, err


def test_policy_lang_written_another_way_still_chooses_the_language() -> None:
    """POLICY_LANG=jp (the country's code, as in ja_JP) or rus: the language meant, not the
    locale's English (engine/saying.py LANG_ALIASES)."""
    code, err = _run("check", "--fromat", "x", env={"POLICY_LANG": "jp", "LANG": "C.UTF-8"})
    assert code == 2 and "「--fromat」というオプションはありません。" in err, err
    code, err = _run("check", "--fromat", "x", env={"POLICY_LANG": "rus", "LANG": "C.UTF-8"})
    assert code == 2 and "Ошибка: " in err, err


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "the policy has no 'rs' edition; use one of en, ru. Did you mean `ru`?"),
    ("ja", "言語には次のいずれかを指定してください：en、ru。`ru` のことですか？"),
    ("ru", "укажите один из языков: en, ru. Возможно, вы имели в виду `ru`?"),
])
def test_a_language_the_policy_has_no_edition_in_names_the_one_meant(
        lang: str, said: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`policy stamp rs 1`, `policy test --lang jp`: the refusal adds the language most likely
    meant, as a --lang refused by its list of choices does (nothing is written: refused)."""
    monkeypatch.chdir(ROOT)
    code, err = _run("stamp", "rs", "1", env={"POLICY_LANG": lang})
    assert code == 2 and said in err, err
    code, err = _run("test", "--lang", "jp", env={"POLICY_LANG": lang})
    assert code == 2 and "`ja`" in err, err
    code, err = _run("stamp", "xx", "1", env={"POLICY_LANG": lang})
    assert code == 2 and "`" not in err.splitlines()[-1], err  # nothing near: no guess


def test_lang_on_the_command_line_says_it_in_that_language() -> None:
    code, err = _run("check", "--lang", "ja", "--fromat", "x", env={"POLICY_LANG": "ru"})
    assert code == 2 and "「--fromat」というオプションはありません。" in err
    code, err = _run("ask", "use", "--lang=ru")
    assert code == 2 and "Не указан аргумент DATA:" in err


def test_a_lang_refused_does_not_choose_the_language_it_is_refused_in(mini_copy: Path) -> None:
    """`--lang ru` where the command has no Russian (diff's page of an edition the policy has
    not) is refused in the language of the environment, as `--lang xx` is."""
    args = ("diff", str(mini_copy), str(mini_copy), "--format", "html", "--lang", "ru")
    code, err = _run(*args, env={"POLICY_LANG": "ja"})
    assert code == 2 and "このポリシーには「ru」の言語版がありません。" in err, err
    code, err = _run(*args)
    assert code == 2 and "the policy has no 'ru' edition; use one of ja, en" in err, err
    code, err = _run("check", "--lang", "xx", env={"POLICY_LANG": "ru"})
    assert code == 2 and "Для «--lang» допустимы только значения: ja, ru, en." in err, err


def test_the_language_comes_from_the_environment_without_lang() -> None:
    code, err = _run("check", "--fromat", "x", env={"POLICY_LANG": "ru"})
    assert code == 2 and "Параметра «--fromat» нет." in err
    code, err = _run("check", "--fromat", "x", env={"LANG": "ja_JP.UTF-8"})
    assert code == 2 and "「--fromat」というオプションはありません。" in err
    # --lang on the command line wins over the environment, wherever it stands.
    code, err = _run("check", "--lang=en", "--fromat", "x", env={"POLICY_LANG": "ja"})
    assert code == 2 and "No such option '--fromat'." in err


def test_a_help_asked_for_is_not_an_error() -> None:
    result = CliRunner().invoke(main, ["xliff"], env={"POLICY_LANG": "ja"})
    assert "export" in result.output and "エラー" not in result.output


@pytest.mark.parametrize(("args", "ja", "ru"), [
    (["xliff", "exprt"], "「exprt」というコマンドはありません。`policy xliff export` のことですか？",
     "Команды «exprt» нет. Возможно, вы имели в виду `policy xliff export`?"),
    (["server", "strat"], "「strat」というコマンドはありません。`policy server start` のことですか？",
     "Команды «strat» нет. Возможно, вы имели в виду `policy server start`?"),
    (["export", "nothing"], "「nothing」というコマンドはありません。", "Команды «nothing» нет."),
], ids=["xliff exprt", "server strat", "export nothing"])
def test_a_command_a_group_does_not_have_is_said_with_the_nearest_one(
        args: list[str], ja: str, ru: str) -> None:
    """`policy xliff exprt`, `policy server strat`: said as `policy chek` is, with the whole
    command line of the nearest command, and nothing of click's English."""
    code, english = _run(*args)
    assert code == 2 and f"No such command '{args[-1]}'." in english, english
    for lang, said in (("ja", ja), ("ru", ru)):
        code, err = _run(*args, env={"POLICY_LANG": lang})
        assert code == 2 and said in err, err
        assert "No such command" not in err and "Did you mean" not in err, err


@pytest.mark.parametrize(("args", "en", "ja", "ru"), [
    (["xliff", "export", "ru", "--units", "1", "--stale"],
     "Error: --units and --stale cannot be combined",
     "--units と --stale は一緒に使えません。", "--units и --stale нельзя указать вместе"),
    (["revise", "--date", "2026-13-40"],
     "Invalid value for '--date': '2026-13-40' is not a date: write a date that exists, as "
     "YYYY-MM-DD", "--date の「2026-13-40」は日付ではありません。実在する日付を",
     "--date «2026-13-40» — не дата: укажите существующую дату"),
    (["diff", "--lang", "zz"],
     "Invalid value for --lang: the policy has no 'zz' edition; use one of ja, ru, en",
     "このポリシーには「zz」の言語版がありません。", "В политике нет версии на языке «zz»"),
    # A language the policy has no edition of, or the master where only a translation can be
    # stamped: said as the command line it is, not as a policy folder that cannot be found.
    (["test", "--lang", "xx"],
     "Invalid value for --lang: the policy has no 'xx' edition; use one of ja, ru, en",
     "このポリシーには「xx」の言語版がありません。", "В политике нет версии на языке «xx»"),
    (["stamp", "xx", "10"], "Error: the policy has no 'xx' edition; use one of en, ru",
     "このポリシーには「xx」の言語版がありません。言語には次のいずれかを指定してください：en、ru",
     "В политике нет версии на языке «xx»: укажите один из языков: en, ru."),
    (["stamp", "ja", "10"], "Error: 'ja' is the master; name a translation: one of en, ru",
     "「ja」は原文です。言語には翻訳のいずれかを指定してください：en、ru",
     "«ja» — это оригинал: укажите один из языков перевода: en, ru."),
    (["approve", "xx", "5", "--by", "Hanako Yamada"],
     "Error: the policy has no 'xx' edition; use one of ja, en, ru",
     "このポリシーには「xx」の言語版がありません。言語には次のいずれかを指定してください：ja、en、ru",
     "В политике нет версии на языке «xx»: укажите один из языков: ja, en, ru."),
], ids=["xliff --units --stale", "revise --date", "diff --lang", "test --lang", "stamp xx",
        "stamp ja", "approve xx"])
def test_what_a_command_itself_refuses_is_said_in_the_language_asked_for(
        args: list[str], en: str, ja: str, ru: str) -> None:
    """A command line a command refuses in its own words (not click's) is said in ja and ru
    too, not in English inside a Japanese or Russian sentence; English is as it was."""
    code, english = _run(*args)
    assert code == 2 and en in english, english
    for lang, said in (("ja", ja), ("ru", ru)):
        code, err = _run(*args, env={"POLICY_LANG": lang})
        assert code == 2 and said in err, err
        assert en.split(": ")[-1] not in err, err
        assert "IO001" not in err and "policy folder" not in err.lower(), err


def test_policy_test_speaks_the_language_of_the_environment() -> None:
    """`policy test` without --lang follows POLICY_LANG or the locale, as `check` and `status`
    do (it used to report in English to a reader who had set POLICY_LANG=ja)."""
    quiet = {"POLICY_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
    for env, said in (({"POLICY_LANG": "ja"}, "件合格"),
                      ({"LANG": "ru_RU.UTF-8"}, "примеры: выполнено "),
                      ({}, "rows: ")):
        result = CliRunner().invoke(main, ["test"], prog_name="policy", env={**quiet, **env})
        assert result.exit_code == 0 and said in result.stdout, result.output


@pytest.mark.parametrize(("args", "en", "ja", "ru"), [
    (["stamp"],
     "Missing argument 'LANG': name the language of the translation (en or ru), for example "
     "`policy stamp ru 3.1`.",
     "翻訳の言語（en または ru）を指定してください。例：`policy stamp ru 3.1`",
     "Укажите язык перевода (en или ru), например `policy stamp ru 3.1`."),
    (["approve"], "for example `policy approve ja 5 --by \"Hanako Yamada\"`.",
     "承認した言語版の言語（ja、en または ru）を指定してください。例：`policy approve ja 5 --by "
     "\"山田 花子\"`",
     "Укажите язык одобренной версии (ja, en или ru), например `policy approve ja 5 --by "
     "\"Анна Иванова\"`."),
    (["xliff", "import"], "for example `policy xliff import ru.xlf`.",
     "例：`policy xliff import ru.xlf`", "например `policy xliff import ru.xlf`."),
    (["--lang", "{lang}", "chek"], "--lang goes after the command's name: `policy check --lang en`",
     "--lang はコマンド名の後に書きます：`policy check --lang ja`",
     "--lang пишется после имени команды: `policy check --lang ru`."),
    (["status", "ru"],
     "`policy status` takes no language argument: it covers every edition of the policy, 'ru' "
     "included. `--lang ru` only sets the language its messages are written in: "
     "`policy status --lang ru`",
     "policy status は言語を引数に取りません。「ru」を含め、ポリシーのすべての言語版を対象に"
     "します。`--lang ru` は、表示する文章の言語を変えるだけです：`policy status --lang ru`",
     "policy status не принимает язык как аргумент: команда охватывает все версии политики, "
     "включая «ru». `--lang ru` лишь задаёт язык её сообщений: `policy status --lang ru`."),
    (["--lang", "jp", "chek"], "--lang goes after the command's name: `policy check --lang ja`",
     "--lang はコマンド名の後に書きます：`policy check --lang ja`",
     "--lang пишется после имени команды: `policy check --lang ja`."),
    (["check", "--lang", "jp"], "'jp' is not one of 'ja', 'ru', 'en'. Did you mean `ja`?",
     "「jp」は使えません。「--lang」の値は次のいずれかにしてください：ja、ru、en。`ja` のことですか？",
     "Значение «jp» не подходит. Для «--lang» допустимы только значения: ja, ru, en. "
     "Возможно, вы имели в виду `ja`?"),
], ids=["stamp", "approve", "xliff import", "--lang before the command", "status ru",
        "--lang jp before the command", "--lang jp"])
def test_what_was_left_out_or_misplaced_is_said_with_what_to_type(
        args: list[str], en: str, ja: str, ru: str) -> None:
    """A missing argument by what it means, with an example; --lang where it goes; a language
    given to a command that takes none; a mistyped value repeated, with the one meant."""
    for lang, said in (("en", en), ("ja", ja), ("ru", ru)):
        code, err = _run(*(a.format(lang=lang) for a in args), env={"POLICY_LANG": lang})
        assert code == 2 and said in err, err
        assert "引用符" not in err and "кавычки" not in err and "quotes" not in err, err


@pytest.mark.parametrize("last", ["2020-01-01", "today", "2099-01-01"])
def test_revise_without_date_shows_a_date_it_takes(
        last: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example is a date `policy revise` takes: today, or the day after the last revision
    when that is today or later (a revision must come after the last one, DIFF005)."""
    import datetime as dt
    import re
    import shutil

    from .conftest import POLICY

    today = dt.date.today()
    last_day = today if last == "today" else dt.date.fromisoformat(last)
    shutil.copytree(POLICY, tmp_path / "policy")
    ja = tmp_path / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    dates = re.findall(r"\n      date: (\d{4}-\d\d-\d\d)\n", text)
    assert dates
    for date in set(dates):  # every revision on that day (the file is only read here)
        text = text.replace(f"\n      date: {date}\n", f"\n      date: {last_day}\n")
    ja.write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    day = (today if last_day < today else last_day + dt.timedelta(days=1)).isoformat()
    for lang, said in (
            ("en", "Missing option '--date': give the date of the revision as YYYY-MM-DD, for "
                   f"example `policy revise --dry-run --date {day}`."),
            ("ja", "オプション「--date」で改定日を YYYY-MM-DD の形で指定してください。"
                   f"例：`policy revise --dry-run --date {day}`"),
            ("ru", "Укажите дату редакции в параметре «--date» в виде ГГГГ-ММ-ДД, например "
                   f"`policy revise --dry-run --date {day}`.")):
        code, err = _run("revise", "--dry-run", env={"POLICY_LANG": lang})
        assert code == 2 and said in err, err
    code, err = _run("revise", env={"POLICY_LANG": "en"})
    assert code == 2 and f"`policy revise --date {day}`" in err, err
