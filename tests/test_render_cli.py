"""`policy build` through click's CliRunner: exit codes, the last line (the site's path), diagnostics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

FIX = Path(__file__).resolve().parent / "fixtures" / "render"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.stdout, result.stderr


def test_build_prints_the_path_of_the_site_last(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(out))
    assert code == 0, stderr
    assert stdout.splitlines()[-1] == str(out)
    assert (out / "ja" / "index.html").is_file()


def test_banner_counts_are_reported(tmp_path: Path) -> None:
    code, _stdout, stderr = run("--policy", str(FIX / "drift"), "--out", str(tmp_path / "s"),
                               "--allow-drift")
    assert code == 0
    assert "banners on 2 parts in en, 1 part in ru." in stderr


def test_invalid_policy_exits_1_with_located_diagnostics(tmp_path: Path) -> None:
    policy = tmp_path / "policy"
    shutil.copytree(FIX / "clean", policy)
    (policy / "ja.yaml").write_text(
        (policy / "ja.yaml").read_text("utf-8").replace("  - id: use\n", "  - id: Use\n"),
        "utf-8")
    code, stdout, stderr = run("--policy", str(policy), "--out", str(tmp_path / "site"))
    assert code == 1
    assert stdout == ""
    assert any(line.strip().startswith(f"{policy / 'ja.yaml'}:") and "[SCHEMA005]" in line
               for line in stderr.splitlines())
    assert not (tmp_path / "site").exists()


def test_missing_policy_folder_exits_2_without_traceback(tmp_path: Path) -> None:
    code, stdout, stderr = run("--policy", str(tmp_path / "nope"), "--out", str(tmp_path / "s"))
    assert code == 2  # as `policy validate` (issue 12.13)
    assert "IO001" in stderr and "Traceback" not in stderr + stdout


def test_refusing_a_foreign_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.txt").write_text("keep", "utf-8")
    code, _stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(out))
    assert code == 2
    assert "RENDER004" in stderr
    assert (out / "keep.txt").read_text("utf-8") == "keep"


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["the folder {out} already holds files that are not a site this tool built; "
            "the site would "
            "replace them, so it is not built there (choose a new or empty folder for --out, "
            "such as --out site, or the folder of a site built before)"]),
    ("ja", ["出力先のフォルダー {out} には、このツールが作ったサイト以外のファイルが入っています",
            "--out には、新しいフォルダー、空のフォルダー、または以前にサイトを作ったフォルダーを"
            "指定してください。例：--out site"]),
    ("ru", ["в папке {out} уже есть файлы, и это не сайт, собранный этой программой",
            "укажите в --out новую или пустую папку"]),
])
def test_a_foreign_folder_is_refused_in_plain_words(tmp_path: Path, lang: str,
                                                    said: list[str]) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.txt").write_text("keep", "utf-8")
    code, _stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(out), "--lang", lang)
    assert code == 2
    for words in said:
        assert words.format(out=out) in stderr, stderr
    assert "詳細" not in stderr
    assert ".policy-site" not in stderr  # the marker file is the tool's business, not the reader's


@pytest.mark.parametrize(("lang", "said", "last"), [
    ("en", "the folder {out} holds the policy's own files; the site would replace them, so "
           "it is never "
           "built there (choose a new or empty folder for --out, such as --out site)",
     "Not published: the site cannot go into that folder, and no file was changed"),
    ("ja", "フォルダー {out} には、ポリシーそのもののファイルが入っています",
     "公開しませんでした：そのフォルダーにはサイトを作れません"),
    ("ru", "в папке {out} лежат файлы самой политики", "Не опубликовано: в эту папку сайт"),
])
@pytest.mark.parametrize("into", ["policy", "repository"])
def test_out_naming_the_policy_folder_is_refused_before_any_work(
        tmp_path: Path, lang: str, said: str, last: str, into: str) -> None:
    """`--out policy` (or the repository holding it) is the slip a lawyer makes: said alone
    and first, not after the whole check, and naming the policy's files, not a marker file."""
    repo = tmp_path / "repo"
    shutil.copytree(FIX / "clean", repo / "policy")
    out = repo / "policy" if into == "policy" else repo
    before = {p: p.read_bytes() for p in (repo / "policy").iterdir() if p.is_file()}
    code, stdout, stderr = run("--policy", str(repo / "policy"), "--out", str(out),
                               "--lang", lang)
    assert code == 2 and stdout == ""
    assert said.format(out=out) in stderr, stderr
    assert stderr.splitlines()[0].startswith(f"{out}: "), stderr  # the only finding, first
    assert len(stderr.splitlines()) == 2 and stderr.splitlines()[-1].startswith(last), stderr
    assert ".policy-site" not in stderr
    assert {p: p.read_bytes() for p in (repo / "policy").iterdir() if p.is_file()} == before


@pytest.mark.parametrize(("lang", "said", "last"), [
    ("en", "{out} is a file, not a folder; the site is written into a folder (choose a folder "
           "for --out: a new one, an empty one or a site built before)",
     "Not published: the site cannot go into that folder"),
    ("ja", "{out} はファイルです。フォルダーではありません。サイトはフォルダーの中に作ります"
           "（--out にはフォルダーを指定してください。", "公開しませんでした：そのフォルダー"),
    ("ru", "{out} — это файл, а не папка; сайт записывается в папку", "Не опубликовано: "),
])
def test_out_naming_a_file_says_it_is_a_file(tmp_path: Path, lang: str, said: str,
                                             last: str) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("keep", "utf-8")
    code, stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(out), "--lang", lang)
    assert code == 2 and stdout == ""
    assert said.format(out=out) in stderr, stderr
    assert stderr.splitlines()[-1].startswith(last), stderr
    assert "フォルダーは、このツールが作ったサイトではありません" not in stderr
    assert "holds no .policy-site" not in stderr and "Папка вывода" not in stderr
    assert out.read_text("utf-8") == "keep"


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "{file} is a file, not a folder, so {out} cannot be made inside it (choose a folder "
           "for --out whose path holds no file)"),
    ("ja", "{file} はファイルです。フォルダーではないため、その中に {out} を作れません"
           "（--out には、途中にファイルを含まないフォルダーのパスを指定してください）"),
    ("ru", "{file} — это файл, а не папка, поэтому внутри него нельзя создать {out}"),
])
def test_out_inside_a_file_says_which_part_is_a_file(tmp_path: Path, lang: str,
                                                     said: str) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("keep", "utf-8")
    out = file / "site" / "deeper"
    code, stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(out), "--lang", lang)
    assert code == 2 and stdout == ""
    assert said.format(file=file, out=out) in stderr, stderr
    assert "IO005" not in stderr and "File exists" not in stderr
    assert "Not a directory" not in stderr
    assert file.read_text("utf-8") == "keep"


def test_since_outside_a_repository_is_reported(tmp_path: Path) -> None:
    policy = tmp_path / "policy"
    shutil.copytree(FIX / "clean", policy)
    code, _stdout, stderr = run("--policy", str(policy), "--out", str(tmp_path / "s"),
                                "--since", "HEAD~1")
    assert code == 2  # the revision cannot be used, as `policy diff` says (issue 12.13)
    assert "GIT001" in stderr and "--since HEAD~1" in stderr


def test_since_adds_a_what_changed_page(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    shutil.copytree(FIX / "clean", repo / "policy")
    shutil.move(str(repo / "policy" / "CHANGELOG.md"), str(repo / "CHANGELOG.md"))

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                       cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    ja = repo / "policy" / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("本人の同意を得て取得します。",
                                                "本人の明示的な同意を得て取得します。"), "utf-8")
    out = tmp_path / "site"
    code, stdout, stderr = run("--policy", str(repo / "policy"), "--out", str(out),
                               "--since", "HEAD", "--allow-drift")
    assert code == 0, stderr
    page = (out / "changes-since.html").read_text("utf-8")
    assert "<ins>明示的な</ins>" in page
    # One page per edition; each shows the change to the Japanese text too, and none shows
    # machine output (revisions, commit ids, counts).
    for lang in ("ja", "ru", "en"):
        edition = (out / lang / "changes-since.html").read_text("utf-8")
        assert "<ins>明示的な</ins>" in edition
        assert "HEAD" not in edition and "working tree" not in edition
    assert stdout.splitlines()[-1] == str(out)


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_since_naming_no_revision_is_said_at_the_option(lang: str, tmp_path: Path) -> None:
    """`--since nosuch` inside the repository: said at the option that named it, never at
    "<policy>" (a file that is none)."""
    code, stdout, stderr = run("--policy", str(FIX / "clean"), "--out", str(tmp_path / "s"),
                               "--since", "no-such-revision", "--lang", lang)
    assert code == 2 and stdout == ""
    assert stderr.startswith("--since: GIT001 "), stderr
    assert "<policy>" not in stderr
