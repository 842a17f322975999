"""What stamp, approve, renumber, revise, status, validate and build say, in the language asked
for (`--lang`, else POLICY_LANG, else the locale); the English stays as it was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.commandwords import SAY
from engine.loader import load_folder
from engine.saying import LANGS, fields_of

from .conftest import POLICY
from .test_revise import change_to, repo  # noqa: F401  (the fixture)


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drifted(tmp_path: Path) -> Path:
    """The shipped policy with the title of clause 10 changed in the master."""
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("title: メール配信の停止\n",
                                                "title: メール配信の停止等\n", 1), "utf-8")
    return folder


def test_every_sentence_has_ja_ru_en_with_the_same_fields() -> None:
    for key, words in SAY.items():
        assert set(words) == set(LANGS), key
        assert len({fields_of(words[lang]) for lang in LANGS}) == 1, key


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", ["翻訳済みとして記録しました：第10項 ", "ロシア語（"]),
    ("ru", ["отмечено как переведённое: п. 10 ", "Русский ("]),
    ("en", ["stamped clause 10 ", "Russian ("]),
])
def test_stamp_says_what_it_did(drifted: Path, lang: str, said: list[str]) -> None:
    code, out, _ = _run("stamp", "ru", "10", "--unchanged-ok", "--policy", str(drifted),
                        "--lang", lang)
    assert code == 0
    for words in said:
        assert words in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Still to translate in the Russian edition (the master has changed since): clause 10 "),
    ("ja", "ロシア語版でまだ翻訳が必要な箇所（原文が変更されています）は 第10項 "),
    ("ru", "Ещё нужно перевести после изменения оригинала (русская версия): п. 10 "),
])
def test_stamping_the_wrong_clause_names_the_one_still_to_translate(
        drifted: Path, lang: str, said: str) -> None:
    """Clause 10's Japanese changed and a translator stamps clause 2 by mistake: clause 2 was
    up to date, and the command names clause 10, with the command that stamps it."""
    before = (drifted / "ru.yaml").read_bytes()
    code, out, _ = _run("stamp", "ru", "2", "--policy", str(drifted), "--lang", lang)
    assert code == 0
    assert said in out, out
    assert "policy stamp ru 10" in out, out
    assert (drifted / "ru.yaml").read_bytes() == before
    # nothing is said when nothing else lags behind
    code, out, _ = _run("stamp", "en", "10", "--unchanged-ok", "--policy", str(drifted))
    code, out, _ = _run("stamp", "en", "2", "--policy", str(drifted))
    assert code == 0 and "Still to translate" not in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "記録しませんでした：第10項"), ("ru", "не отмечено: п. 10"),
    ("en", "not stamped: clause 10")])
def test_stamp_says_what_it_refused(drifted: Path, lang: str, said: str) -> None:
    assert _run("stamp", "ru", "10", "--unchanged-ok", "--policy", str(drifted))[0] == 0
    ja = drifted / "ja.yaml"  # the master changes again; the Russian text does not
    ja.write_text(ja.read_text("utf-8").replace("title: メール配信の停止等\n",
                                                "title: メール配信の停止など\n", 1), "utf-8")
    code, _, err = _run("stamp", "ru", "10", "--policy", str(drifted), "--lang", lang)
    assert code == 1
    assert said in err and "--unchanged-ok" in err


@pytest.mark.parametrize(("env", "said"), [
    ({"POLICY_LANG": "ja"}, "policy stamp：何も記録していません。"),
    ({"LANG": "ru_RU.UTF-8", "POLICY_LANG": ""}, "policy stamp: ничего не отмечено."),
    ({"LANG": "C.UTF-8", "POLICY_LANG": ""}, "policy stamp: nothing was stamped."),
])
def test_stamp_without_names_in_the_language_of_the_environment(
        drifted: Path, env: dict[str, str], said: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("LC_ALL", "LC_MESSAGES", "LANG", "POLICY_LANG"):
        monkeypatch.delenv(key, raising=False)
    code, _, err = _run("stamp", "ru", "--policy", str(drifted), env=env)
    assert code == 2 and err.startswith(said), err


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "について、「山田花子」による2026-12-01の承認を記録しました"),
    ("ru", "записано одобрение: п. 5 "),
    ("en", ": approved clause 5 "),
])
def test_approve_says_who_when_and_what(tmp_path: Path, lang: str, said: str) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    code, out, _ = _run("approve", "ru", "5", "--by", "山田花子", "--date", "2026-12-01",
                        "--policy", str(folder), "--lang", lang)
    assert code == 0 and said in out, out
    if lang == "ja":
        assert "第5項" in out and "ロシア語版" in out


@pytest.mark.parametrize(("lang", "said"), [
    # written as asked (YYYY-MM-DD), but there is no month 13: the hint says the date must exist
    ("ja", "--date の「2026-13-01」は日付ではありません。実在する日付を YYYY-MM-DD の形で"),
    ("ru", "--date «2026-13-01» — не дата: укажите существующую дату в виде ГГГГ-ММ-ДД"),
    ("en", "--date '2026-13-01' is not a date: write a date that exists, as YYYY-MM-DD"),
])
def test_approve_refuses_a_bad_date_in_the_language(tmp_path: Path, lang: str, said: str) -> None:
    code, _, err = _run("approve", "ru", "5", "--by", "X", "--date", "2026-13-01", "--policy",
                        str(POLICY), "--lang", lang)
    assert code == 2 and said in err, err


@pytest.mark.parametrize("typed", ["2026/12/1", "1.12.2026", "2026年12月1日", "２０２６年１２月１日",
                                   "2026-12-1"])
def test_approve_reads_a_date_as_people_write_it_in_each_language(tmp_path: Path,
                                                                    typed: str) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    code, out, err = _run("approve", "ru", "5", "--by", "山田花子", "--date", typed,
                          "--policy", str(folder), "--lang", "en")
    assert code == 0 and "2026-12-01" in out, out + err
    assert "date: 2026-12-01" in (folder / "ru.yaml").read_text("utf-8")


@pytest.mark.parametrize(("lang", "master", "stamp"), [
    ("ja", "原文のファイル名は「ja-copy」ですが、「lang:」は「ja」です（ファイル名を ja.yaml にして"
           "ください。原文のコピーはポリシーのフォルダーの外に置いてください）",
     "このポリシーには翻訳された言語版がありません。原文（"),
    ("ru", "файл оригинала называется «ja-copy», а в «lang:» указано «ja» (назовите файл "
           "ja.yaml; копию оригинала храните вне папки политики)",
     "В этой политике нет переводов: есть только оригинал ("),
    ("en", "the master's file is named 'ja-copy', but its lang: is 'ja' (name the file ja.yaml; "
           "keep a copy of the master outside the policy folder)",
     "this policy has no translation: only its master ("),
])
def test_a_folder_holding_a_renamed_copy_of_the_master_is_said_as_that(
        tmp_path: Path, lang: str, master: str, stamp: str) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(POLICY / "ja.yaml", folder / "ja-copy.yaml")
    code, out, err = _run("check", "--policy", str(folder), "--lang", lang)
    assert code == 2 and master in out + err, out + err  # 2: the translations it names are missing (IO001)
    assert "detail" not in out + err and "詳細" not in out + err
    code, _, err = _run("stamp", "ru", "10", "--policy", str(folder), "--lang", lang)
    assert code == 2 and stamp in err and "ja-copy.yaml" in err, err


@pytest.mark.parametrize("typed", ["12/01/2026", "2026/02/30", "1.12.26"])
def test_a_date_that_could_be_misread_or_does_not_exist_is_refused(typed: str) -> None:
    code, _, err = _run("approve", "ru", "5", "--by", "山田花子", "--date", typed, "--policy",
                        str(POLICY), "--lang", "en")
    assert code == 2 and "is not a date: write a date that exists, as YYYY-MM-DD" in err, err


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "すべての番号が既に原文の順番どおりです。"),
    ("ru", "все номера уже идут в порядке оригинала; менять нечего"),
    ("en", "every number already follows the master's order; nothing to do"),
])
def test_renumber_says_there_is_nothing_to_do(tmp_path: Path, lang: str, said: str) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    code, out, _ = _run("renumber", "--policy", str(folder), "--lang", lang)
    assert code == 0 and out.startswith(said), out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", ["バージョン 1.0.0 → 1.1.0：データ利用の縮小または条項の追加（マイナー）", "やること：",
            "書き込む予定：",
            # the note by its date, and where to write it as the file shows it: no field path
            "各言語版（en.yaml、ja.yaml、ru.yaml）の「rev-2026-12-01:」の行に、2026-12-01の"
            "改定のお知らせを書いてください。"]),
    ("ru", ["версия 1.0.0 → 1.1.0: более узкое использование данных или новые пункты — "
            "дополнение (minor)",
            "сделать: ", "будет записано: ",
            "напишите заметку о редакции от 2026-12-01 в каждой версии (en.yaml, ja.yaml, "
            "ru.yaml, строка «rev-2026-12-01:»)"]),
])
def test_revise_says_what_it_would_do(repo: Path, lang: str, said: list[str]) -> None:  # noqa: F811
    change_to(repo, "ground-removed")
    code, out, _ = _run("revise", "--date", "2026-12-01", "--dry-run", "--lang", lang)
    assert code == 0
    for words in said:
        assert words in out, out
    assert "footer.revisions" not in out, out
    assert "to do:" not in out and "would write" not in out
    assert "->" not in out and "MINOR" not in out, out  # the bump in words, the arrow as ja's


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "ロシア語  █"), ("ru", "Русский     █"), ("en", "Russian   █")])
def test_status_names_each_language_in_the_readers_words(drifted: Path, lang: str,
                                                         said: str) -> None:
    code, out, _ = _run("status", "--policy", str(drifted), "--lang", lang)
    assert code == 0 and said in out, out
    if lang == "ru":
        assert "актуально: " in out and "нужен перевод (оригинал изменился):" in out
    if lang == "ja":
        assert "か所が最新" in out and "翻訳が必要（原文が変更されました）：" in out
        # Japanese writes a percentage with no space before its sign (Russian has one)
        assert re.search(r"か所が最新（\d+%）", out) and " %）" not in out, out


@pytest.mark.parametrize(("lang", "said"), [
    ("ja", "公開しませんでした：翻訳が必要な原文の変更1件"),
    ("ru", "Не опубликовано: переведите 1 изменение оригинала"),
    ("en", "Not published: 1 master change needs translating"),
])
def test_build_says_why_it_did_not_publish(drifted: Path, tmp_path: Path, lang: str,
                                           said: str) -> None:
    code, _, err = _run("build", "--policy", str(drifted), "--out", str(tmp_path / "site"),
                        "--lang", lang)
    assert code == 1 and said in err.splitlines()[-1], err
    assert "--allow-drift" in err.splitlines()[-1]


def test_validate_counts_in_russian_plurals(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("title: メール配信の停止\n",
                                                "title: \"メール配信の停止\n", 1), "utf-8")
    assert load_folder(folder).diagnostics
    code, out, _ = _run("validate", "--policy", str(folder), "--lang", "ru")
    assert code == 1
    assert out.splitlines()[-1] == "1 ошибка, 0 предупреждений, 0 примечаний", out
    assert "текст начинается с двойной кавычки" in out


@pytest.mark.parametrize(("args", "said"), [
    (("approve", "ru", "--by", "山田花子"), "コマンドの指定：法務チームが承認した条項を指定してください。"
                                         "例：`policy approve ru 5 5.1 --by 氏名`。"),
    (("approve", "ru", "5", "--by", "X"), "承認した人の名前「X」は短すぎます。--by には"
                                          "氏名をすべて書いてください"),
])
def test_approve_asks_for_what_it_lacks_in_japanese(tmp_path: Path, args: tuple[str, ...],
                                                    said: str) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    code, _, err = _run(*args, "--policy", str(folder), "--lang", "ja")
    assert code == 2 and said in err, err


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "there is no key point 99: the summary has 10. Give a number from 1 to 10"),
    ("ja", "要約に99番目の要点はありません（要点は10個です）。ページの冒頭に並んでいる順に"
           "数えて、1から10までの番号で"),
    ("ru", "в кратком изложении нет тезиса 99 (всего тезисов: 10). Укажите номер от 1 до 10"),
])
def test_a_key_point_the_summary_lacks_says_how_many_there_are(tmp_path: Path, lang: str,
                                                                said: str) -> None:
    """`--key-point 99` is answered with how many key points there are, not with the numbers
    that look nearest (--key-point 9 or 8 or 7)."""
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    assert len(load_folder(folder).master.summary) == 10  # type: ignore[union-attr]
    code, _, err = _run("approve", "ja", "--key-point", "99", "--by", "Hanako Yamada",
                        "--policy", str(folder), "--lang", lang)
    assert code == 2
    assert said in err, err
    assert "--key-point 9" not in err, err


def _japanese_templates() -> list[tuple[str, str]]:
    """Every Japanese sentence the tool fills in: the commands' and each finding's."""
    from engine.diagnostics import WORDS

    found = [(key, words["ja"]) for key, words in SAY.items()]
    for code, texts in WORDS.items():
        for part in (texts.message, texts.hint):
            found += [(f"{code} {key}", text) for key, text in part.items()
                      if key == "ja" or key.startswith("ja/")]
    return found


# Fields that hold a person's name, and fields that hold only a date (YYYY-MM-DD).
NAMES = ("by", "before_by")
DAYS = ("on", "day", "date", "today", "effective", "last", "entry_date", "since")


def test_japanese_quotes_a_name_and_writes_a_date_without_spaces_around_it() -> None:
    """この文章のまま「山田太郎」が2026-12-06に承認しています: a name in 「」 and a date run
    into the words around it, as Japanese is written (not ` 山田太郎 が 2026-12-06 に`)."""
    wrong = []
    for key, text in _japanese_templates():
        for name in NAMES:
            bare = text.replace(f"「{{{name}}}」", "")
            if f"{{{name}}}" in bare:
                wrong.append((key, name, text))
        for day in DAYS:
            if re.search(rf" \{{{day}\}}|\{{{day}\}} ", text):
                wrong.append((key, day, text))
    assert wrong == []


def test_a_russian_word_said_without_its_number_is_singular_only_for_one() -> None:
    """one|few|many chooses by the last digits (21 ошибка, 22 ошибки), right only beside the
    number: a word said without it ("fix the problems above") has two forms, one for exactly
    one and the other for any other count. 21 errors read «исправьте ошибку выше»."""
    from engine.humane import frame

    assert frame("unloadable", "ru", command="check", n=1).endswith("исправьте ошибку выше.")
    assert frame("unloadable", "ru", command="check", n=21).endswith("исправьте ошибки выше.")
    from .test_glossary import WORDS

    three = re.compile(r"\{(\w+):([^{}@|]*\|[^{}|]*\|[^{}|]*)\}")
    wrong = sorted({f"{where}: {field[0]}" for where, text in WORDS if re.search("[а-яё]", text)
                    for field in three.findall(text)
                    if any(field[1].split("|"))  # {n:||} only names the parameter
                    and not re.search(r"\{" + field[0] + r"(:@count)?\}", text)})
    assert not wrong, wrong
