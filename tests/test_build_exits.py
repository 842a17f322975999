"""Issue 12.13: `policy build` summaries agree with its exit code and with the other commands."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.loader import load_folder

from .conftest import POLICY


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drifted(tmp_path: Path) -> Path:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    src = load_folder(folder)
    assert src.master is not None
    clause = src.master.clauses[-2]
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {clause.title}\n",
                                                f"    title: {clause.title}等\n", 1), "utf-8")
    return folder


def test_allow_drift_publishes_and_says_so_without_counting_errors(drifted: Path,
                                                                   tmp_path: Path) -> None:
    code, out, err = _run("build", "--policy", str(drifted), "--out", str(tmp_path / "site"),
                          "--allow-drift")
    assert code == 0 and out.strip() == str(tmp_path / "site")
    assert "error" not in err
    assert err.splitlines()[-1].startswith(f"Published to {tmp_path / 'site'} with out-of-date "
                                           "banners on 1 part in ")


def test_a_refused_build_does_not_count_its_own_refusal(drifted: Path, tmp_path: Path) -> None:
    code, _, err = _run("build", "--policy", str(drifted), "--out", str(tmp_path / "site"))
    assert code == 1 and not (tmp_path / "site").exists()
    _, check_out, _ = _run("check", "--policy", str(drifted))
    verdict = check_out.splitlines()[-1].removeprefix("Not ready to publish: ").rstrip(".")
    assert err.splitlines()[-1].startswith(f"Not published: {verdict}.")
    assert "RENDER002" not in err


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "переведите 1 изменение оригинала (на английский и русский). Сначала переведите его "
           "либо опубликуйте с предупреждениями (--allow-drift)."),
    ("en", "1 master change needs translating (en, ru). Translate it first, or publish with "
           "banners using --allow-drift."),
    ("ja", "翻訳が必要な原文の変更1件（英語とロシア語）。先に翻訳するか、--allow-drift を付けて"
           "注意書き付きで公開してください。")])
def test_the_offer_of_allow_drift_agrees_with_the_count(drifted: Path, tmp_path: Path,
                                                         lang: str, said: str) -> None:
    """One change is "it" (ru его), not "them" (их)."""
    code, _, err = _run("build", "--policy", str(drifted), "--out", str(tmp_path / "site"),
                        "--lang", lang)
    assert code == 1 and err.splitlines()[-1].endswith(said), err


def test_missing_folder_exits_2_as_validate_does(tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    assert _run("validate", "--policy", str(nowhere))[0] == 2
    assert _run("build", "--policy", str(nowhere), "--out", str(tmp_path / "s"))[0] == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_since_an_unknown_revision_exits_2_as_diff_does(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(POLICY, root / "policy")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)
    monkeypatch.chdir(root)
    assert _run("diff", "no-such-revision")[0] == 2
    code, _, err = _run("build", "--out", str(tmp_path / "site"), "--since", "no-such-revision")
    assert code == 2 and "no-such-revision" in err
    # Even when the policy has findings too: the revision is checked first.
    src = load_folder(root / "policy")
    assert src.master is not None
    ja = root / "policy" / "ja.yaml"
    title = src.master.clauses[-2].title
    ja.write_text(ja.read_text("utf-8").replace(f"    title: {title}\n",
                                                f"    title: {title}等\n", 1), "utf-8")
    assert _run("build", "--out", str(tmp_path / "site"), "--since", "no-such-revision")[0] == 2


# --------------------------------------------------------------- what --allow-drift covers


def _email_at() -> str:
    """Where the e-mail address of clause 16.3 stands in the shipped en.yaml (line:col), as a
    finding about it names the place."""
    lines = (POLICY / "en.yaml").read_text("utf-8").split("\n")
    [(number, line)] = [(n, line) for n, line in enumerate(lines, 1)
                        if "E-mail: info@cafetalk.com" in line]
    return f"{number}:{line.index('info@') + 1}"


EMAIL_AT = _email_at()


@pytest.fixture
def wrong_email(tmp_path: Path) -> Path:
    """The shipped policy with the e-mail address of clause 16.3 changed in English only."""
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    en = folder / "en.yaml"
    text = en.read_text("utf-8")
    assert text.count("E-mail: info@cafetalk.com") == 1
    en.write_text(text.replace("E-mail: info@cafetalk.com", "E-mail: privacy@cafetalk.com"),
                  "utf-8")
    return folder


@pytest.mark.parametrize("allow", [True, False])
@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["Not published: 1 problem to fix. ",
            "--allow-drift publishes only translations that lag behind the master, with "
            "banners; it does not cover this error, which would make a published page wrong: ",
            f"en.yaml:{EMAIL_AT} [INV003]. Fix it first."]),
    ("ja", ["公開しませんでした：要修正1件。",
            "次の1件の誤りは公開するページの内容を誤ったものにするため、--allow-drift でも"
            "公開できません：", f"en.yaml:{EMAIL_AT} [INV003]。先に修正してください。"]),
    ("ru", ["Не опубликовано: исправьте 1 ошибку.",
            "и не покрывает эту ошибку, из-за которой опубликованная страница была бы неверной: ",
            f"en.yaml:{EMAIL_AT} [INV003]. Сначала исправьте её."]),
])
def test_allow_drift_never_publishes_a_wrong_email(wrong_email: Path, tmp_path: Path,
                                                   allow: bool, lang: str,
                                                   said: list[str]) -> None:
    site = tmp_path / "site"
    code, out, err = _run("build", "--policy", str(wrong_email), "--out", str(site),
                          "--lang", lang, *(["--allow-drift"] if allow else []))
    assert code == 1 and out == "" and not site.exists()
    last = err.splitlines()[-1]
    for words in said:
        assert words in last, last
    assert "注意書き付きで公開してください" not in last
    assert "or publish with banners using --allow-drift" not in last
    assert "[INV003]" in err.split(last)[0]  # the report above says what is wrong


def test_drift_beside_a_wrong_email_names_only_the_wrong_email(wrong_email: Path,
                                                               tmp_path: Path) -> None:
    ja = wrong_email / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("title: メール配信の停止\n",
                                                "title: メール配信の停止等\n", 1), "utf-8")
    code, _, err = _run("build", "--policy", str(wrong_email), "--out",
                        str(tmp_path / "site"), "--allow-drift")
    assert code == 1 and not (tmp_path / "site").exists()
    last = err.splitlines()[-1]
    assert last.startswith("Not published: 1 problem to fix, 1 master change needs "
                           "translating (en, ru). --allow-drift publishes only"), last
    assert last.endswith("it does not cover this error, which would make a published page "
                         f"wrong: {wrong_email / 'en.yaml'}:{EMAIL_AT} [INV003]. Fix it first.")
    # Without the wrong e-mail, the same drift publishes with banners.
    en = wrong_email / "en.yaml"
    en.write_text(en.read_text("utf-8").replace("privacy@", "info@"), "utf-8")
    code, out, err = _run("build", "--policy", str(wrong_email), "--out",
                          str(tmp_path / "site"), "--allow-drift")
    assert code == 0 and out.strip() == str(tmp_path / "site"), err


def test_many_errors_are_named_five_then_counted(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    for name in ("en.yaml", "ru.yaml"):
        path = folder / name
        path.write_text(path.read_text("utf-8").replace("cafetalk.com", "cafetalk.example"),
                        "utf-8")
    for lang, more in (("en", " and {n} more. Fix them first."), ("ja", "ほか{n}件。先に修正してください。")):
        code, _, err = _run("build", "--policy", str(folder), "--out", str(tmp_path / "site"),
                            "--allow-drift", "--lang", lang)
        assert code == 1 and not (tmp_path / "site").exists()
        last = err.splitlines()[-1]
        named = last.count(" [PARITY008]") + last.count(" [INV00")
        errors = sum(": error: " in line or ": 要修正: " in line for line in err.splitlines())
        assert named == 5 and errors > 5, err
        assert last.endswith(more.format(n=errors - 5)), last


def test_build_site_refuses_what_allow_drift_does_not_cover(wrong_email: Path,
                                                            tmp_path: Path) -> None:
    from render.site import build_site

    result = build_site(wrong_email, tmp_path / "site", allow_drift=True)
    assert not result.written and not (tmp_path / "site").exists()
    assert [d.code for d in result.not_drift] == ["INV003"]
    verdict = next(d for d in result.diagnostics if d.code == "RENDER002")
    assert verdict.message == ("errors that --allow-drift does not cover (INV003); the site "
                               "was not published")
    assert "RENDER003" not in {d.code for d in result.diagnostics}


def test_allow_drift_publishes_a_stale_unit_whose_old_text_differs(tmp_path: Path) -> None:
    """A master edit makes the translations of that unit out of date, and their old text then
    differs from the master (here an e-mail address): the out-of-date banner on the unit says
    so, so --allow-drift publishes it; without the flag the build is refused. The difference
    is the edit itself, which DRIFT001 shows: not told again as a second error (INV003)."""
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    ja = folder / "ja.yaml"
    text = ja.read_text("utf-8")
    assert text.count("メールアドレス：info@cafetalk.com") == 1
    ja.write_text(text.replace("メールアドレス：info@cafetalk.com",
                               "メールアドレス：privacy@cafetalk.com"), "utf-8")
    _, out, _ = _run("check", "--policy", str(folder), "--format", "json")
    assert "DRIFT001" in out and "INV003" not in out  # the old address, in a stale unit
    code, _, err = _run("build", "--policy", str(folder), "--out", str(tmp_path / "site"))
    assert code == 1 and not (tmp_path / "site").exists()
    assert "--allow-drift" in err.splitlines()[-1]  # offered: every error is covered by a banner
    code, out, err = _run("build", "--policy", str(folder), "--out", str(tmp_path / "site"),
                          "--allow-drift")
    assert code == 0 and out.strip() == str(tmp_path / "site"), err
