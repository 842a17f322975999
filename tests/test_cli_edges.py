"""Edges of the CLI found in review: languages a policy lacks, unreadable editions in status,
unwritable output paths, and decisions that survive pickling."""

from __future__ import annotations

import pickle
from pathlib import Path

from click.testing import CliRunner

from engine import load
from engine.cli import main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _master_only(folder: Path) -> Path:
    (folder / "en.yaml").unlink()
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("translations: [en]", "translations: []"), "utf-8")
    return folder


def test_ask_defaults_to_a_language_the_policy_has(mini_copy: Path) -> None:
    folder = _master_only(mini_copy)
    code, out, _ = _run("ask", "use", "contact", "newsletter", "--policy", str(folder))
    assert code == 0
    assert out.splitlines()[1].startswith("許可")


def test_ask_refuses_a_language_the_policy_lacks_before_answering(mini_copy: Path) -> None:
    folder = _master_only(mini_copy)
    code, out, err = _run("ask", "use", "contact", "newsletter", "--policy", str(folder),
                          "--lang", "en")
    assert code == 2
    assert out == ""
    assert "no 'en' edition" in err


def test_ask_sets_any_flag_of_the_policy(mini_copy: Path) -> None:
    base = ("ask", "collect", "contact", "newsletter", "--policy", str(mini_copy))
    assert _run(*base)[0] == 1
    assert _run(*base, "--flag", "consent")[0] == 0
    assert _run(*base, "--flag", "consnet")[0] == 2


def test_status_fails_when_an_edition_cannot_be_read(mini_copy: Path) -> None:
    (mini_copy / "en.yaml").write_text("lang: en\nx: [\n", "utf-8")
    code, _out, err = _run("status", "--policy", str(mini_copy))
    assert code == 1
    assert "en.yaml:2:4: error: " in err and "[YAML016]" in err  # said as check says it
    assert err.rstrip().endswith("This edition could not be read, so it is not counted above: "
                                 "fix the problem first.")
    code, _out, err = _run("status", "--policy", str(mini_copy), "--lang", "ja")
    assert "読み込めないため、進み具合に含めていません" in err
    code, _out, err = _run("status", "--policy", str(mini_copy), "--format", "json")
    assert code == 1 and "en.yaml:2:4: YAML016" in err  # the machine line, for programs


def test_unwritable_output_is_a_one_line_io_error(tmp_path: Path) -> None:
    from .conftest import POLICY

    code, _out, err = _run("bundle", "--policy", str(POLICY), "--out", str(tmp_path))
    assert code == 2
    assert err.splitlines() == [err.splitlines()[0]] and " IO005 " in err
    assert "INTERNAL" not in err and "Traceback" not in err
    code, _out, err = _run("schema", "--out", str(tmp_path / "no" / "such"))
    assert code == 2 and " IO005 " in err


def test_decisions_pickle_with_their_policy() -> None:
    from .conftest import FIXTURES

    d = load(FIXTURES / "mini").allows("use", "contact", "newsletter")
    again = pickle.loads(pickle.dumps(d))
    assert again == d
    assert again.explain("en") == d.explain("en")


def test_ask_takes_its_flag_options_from_the_policy(mini_copy: Path) -> None:
    base = ("ask", "collect", "contact", "newsletter", "--policy", str(mini_copy))
    assert _run(*base, "--consent")[0] == 0
    code, _out, err = _run(*base, "--opted-out")  # a flag of the shipped policy, not of mini
    assert code == 2 and "'--opted-out' is not a context flag of this policy" in err
    code, _out, err = _run(*base, "--consnet")
    assert code == 2 and "Did you mean --consent (" in err
    for name in ("ja.yaml", "en.yaml"):  # a flag added to the policy is an option at once
        path = mini_copy / name
        text = path.read_text("utf-8")
        text = text.replace("    consent: {label: 本人の同意}",
                            "    consent: {label: 本人の同意}\n    trial_user: {label: 体験利用者}")
        text = text.replace("context: {consent: consent}",
                            "context: {consent: consent, trial_user: trial user}")
        path.write_text(text, "utf-8")
    assert _run(*base, "--trial-user")[0] == 1
    assert _run(*base, "--trial-user", "--consent")[0] == 0


def test_diff_takes_its_languages_from_the_policy(mini_copy: Path) -> None:
    args = ("diff", str(mini_copy), str(mini_copy), "--format", "html")
    code, out, _err = _run(*args, "--lang", "ja")
    assert code == 0 and 'lang="ja"' in out
    code, _out, err = _run(*args, "--lang", "ru")  # mini has no Russian edition
    assert code == 2 and "no 'ru' edition" in err


def test_output_closed_by_its_reader_ends_the_command_quietly(tmp_path: Path) -> None:
    """`policy ask ... | head -0`: the reader stopped reading, nothing is wrong, so nothing is
    said; the exit code is a command's that SIGPIPE ends (141), with or without the cache, and
    when the output is replayed from the cache."""
    import os
    import subprocess
    import sys

    from .conftest import POLICY

    env = {**os.environ, "POLICY_NO_SERVER": "1", "XDG_CACHE_HOME": str(tmp_path)}
    kept = subprocess.run([str(Path(sys.executable).with_name("policy")), "check", "--lang",
                           "ja"], capture_output=True, env=env, cwd=POLICY.parent, timeout=120)
    assert kept.returncode == 0 and kept.stdout  # its output is kept: the next one replays it
    for args in (["--version"], ["ask", "use", "contact", "newsletter", "--lang", "ja"],
                 ["terms", "--policy", str(POLICY)], ["--no-cache", "check", "--lang", "ru"],
                 ["check", "--lang", "ja"],
                 ["--help"], ["--help", "--lang", "ja"], ["check", "--help"]):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first word
        try:
            done = subprocess.run([str(Path(sys.executable).with_name("policy")), *args],
                                  stdout=write, stderr=subprocess.PIPE, env=env, cwd=POLICY.parent,
                                  timeout=120)
        finally:
            os.close(write)
        assert done.returncode == 141, (args, done.returncode, done.stderr)
        assert done.stderr == b"", (args, done.stderr)
