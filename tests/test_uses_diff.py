"""What a policy change does to declared uses: `affected_uses`, the lines `policy diff` prints,
and the `diff --check` gate (refused unless the declaration changed in the same change or
--allow-breaking-uses is given), over folders and over git revisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import load
from engine.citation import cite_many
from engine.cli import main
from engine.diff import diff_policies
from engine.uses import affected_uses, breaking_uses, load_uses
from render.redline import esc

FIX = Path(__file__).parent / "fixtures" / "uses"
POLICY = FIX / "policy"
GOOD = FIX / "good"
# The change: the newsletter permit now also requires consent, so a declared newsletter use
# without consent stops being allowed.
NEWSLETTER = "            purposes: [newsletter]\n            when: {opted_out: false}\n"
NEEDS_CONSENT = "            purposes: [newsletter]\n            when: {opted_out: false, consent: true}\n"


def edited(folder: Path, old: str, new: str) -> None:
    text = (folder / "ja.yaml").read_text("utf-8")
    assert text.count(old) >= 1, "the fixture no longer has the rule this test edits"
    (folder / "ja.yaml").write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture()
def head(tmp_path: Path) -> Path:
    out = tmp_path / "head"
    shutil.copytree(POLICY, out)
    edited(out, NEWSLETTER, NEEDS_CONSENT)
    return out


def test_a_breaking_change_names_the_declared_use(head: Path) -> None:
    base_p, head_p = load(POLICY), load(head)
    decls = load_uses(GOOD)
    affected = affected_uses(diff_policies(base_p, head_p), decls)
    # Derived from the two policies: every (use, data) whose answer flips.
    want = set()
    for u in decls.uses:
        for d in u.data:
            was = base_p.decide(u.action, d, u.purpose, dict(u.when)).allowed
            now = head_p.decide(u.action, d, u.purpose, dict(u.when)).allowed
            if was != now:
                want.add(("denied" if was else "allowed", u.key, d))
    assert {(a.change, a.use.key, a.data) for a in affected} == want
    assert ("denied", "lesson-mailer/weekly-digest", "contact") in want
    (a,) = [a for a in affected if a.use.key == "lesson-mailer/weekly-digest"]
    now = head_p.decide("use", "contact", "newsletter", {"opted_out": False})
    numbers = [c.number for c in now.clauses]
    assert a.text() == ("newly denied: lesson-mailer/weekly-digest (use contact for "
                        f"newsletter), {cite_many(numbers, 'en')}")
    for lang in ("ja", "ru", "en"):
        sentence = a.sentence(lang, head_p)
        assert head_p.label("data", "contact", lang) in sentence
        assert cite_many(numbers, lang) in sentence
        assert dict(load_uses(GOOD).systems[1].names)[lang] in sentence


def test_diff_shows_it_and_check_refuses_it(head: Path) -> None:
    runner = CliRunner()
    args = ["diff", str(POLICY), str(head), "--uses", str(GOOD)]
    shown = runner.invoke(main, args)
    assert shown.exit_code == 0, shown.output
    assert "Declared uses:\n  newly denied: lesson-mailer/weekly-digest (use contact for" \
        in shown.output
    body = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    assert [(u["change"], u["system"], u["use"]) for u in body["uses"]] == [
        ("denied", "lesson-mailer", "weekly-digest")]
    md = runner.invoke(main, [*args, "--format", "markdown"]).output
    assert "### Declared uses" in md and "lesson-mailer/weekly-digest" in md
    for lang in ("ja", "ru", "en"):
        page = runner.invoke(main, [*args, "--format", "html", "--lang", lang]).output
        (a,) = affected_uses(diff_policies(load(POLICY), load(head)), load_uses(GOOD))
        assert esc(a.sentence(lang, load(head))) in page
    refused = runner.invoke(main, [*args, "--check"])
    assert refused.exit_code == 1
    assert "good/mailer.yaml:" in refused.output and "USES006" in refused.output
    said = runner.invoke(main, [*args, "--check", "--lang", "ja"]).output
    assert "lesson-mailer/weekly-digest：このポリシーの変更により、この利用（行為「use」" in said
    assert "申告はこれに合わせて変更されていません" in said and "this policy change" not in said
    allowed = runner.invoke(main, [*args, "--check", "--allow-breaking-uses"])
    assert "USES006" not in allowed.output
    assert "newly denied: lesson-mailer/weekly-digest" in allowed.output


def test_newly_allowed_and_newly_obliged(head: Path, tmp_path: Path) -> None:
    decls = load_uses(GOOD)
    back = affected_uses(diff_policies(load(head), load(POLICY)), decls)
    assert [(a.change, a.use.key) for a in back] == [("allowed", "lesson-mailer/weekly-digest")]
    assert back[0].text().startswith("newly allowed: lesson-mailer/weekly-digest")
    obliged = tmp_path / "obliged"
    shutil.copytree(POLICY, obliged)
    edited(obliged, "            purposes: [service_operation]\n",
           "            purposes: [service_operation]\n"
           "            obligations: [supervise_contractor]\n")
    changes = affected_uses(diff_policies(load(POLICY), load(obliged)), decls)
    assert {(a.change, a.use.key, a.obligations) for a in changes} == {
        ("obliged", "accounts/profile", ("supervise_contractor",))}
    assert "newly obliged: accounts/profile (use" in changes[0].text()


def test_breaking_uses_spares_a_declaration_that_changed(head: Path, tmp_path: Path) -> None:
    before = load_uses(GOOD)
    after_dir = tmp_path / "uses"
    shutil.copytree(GOOD, after_dir)
    mailer = after_dir / "mailer.yaml"
    mailer.write_text(mailer.read_text("utf-8").replace(
        "    when: {opted_out: false}\n",
        "    when: {opted_out: false}\n    note: retired when the consent rule lands\n", 1),
        "utf-8")
    after = load_uses(after_dir)
    affected = affected_uses(diff_policies(load(POLICY), load(head)), after)
    assert [a.use.key for a in affected] == ["lesson-mailer/weekly-digest"]
    assert breaking_uses(affected, after) != []  # same declaration on both sides
    assert breaking_uses(affected, before) == []  # the declaration changed with the policy
    assert breaking_uses(affected, None) != []  # unknown before: counts as unchanged


# ------------------------------------------------------------------------- over git

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout.strip()


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(POLICY, root / "policy")
    shutil.copytree(GOOD, root / "uses")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    return root


def test_git_check_refuses_a_break_unless_the_declaration_changes(repo: Path) -> None:
    runner = CliRunner()
    git(repo, "checkout", "-q", "-b", "tighten")
    edited(repo / "policy", NEWSLETTER, NEEDS_CONSENT)
    git(repo, "commit", "-q", "-am", "newsletter needs consent")
    # Default BASE (merge-base with main), HEAD the working tree, uses/ found by default.
    refused = runner.invoke(main, ["diff", "--check"])
    assert refused.exit_code == 1
    assert "uses/mailer.yaml:" in refused.output and "USES006" in refused.output
    by_rev = runner.invoke(main, ["diff", "main", "HEAD", "--check"])
    assert "USES006" in by_rev.output
    mailer = repo / "uses" / "mailer.yaml"
    mailer.write_text(mailer.read_text("utf-8").replace(
        "    when: {opted_out: false}\n",
        "    when: {opted_out: false}\n    note: to be retired with clause 2.2's change\n", 1),
        "utf-8")
    git(repo, "commit", "-q", "-am", "acknowledge the change in the declaration")
    accepted = runner.invoke(main, ["diff", "main", "HEAD", "--check"])
    assert "USES006" not in accepted.output
    assert "newly denied: lesson-mailer/weekly-digest" in accepted.output
    working = runner.invoke(main, ["diff", "--check"])
    assert "USES006" not in working.output
