"""A throwaway git repository holding two versions of the clean render fixture, for the archive, validity and browser tests.

`make_repo(root)` commits a file before the policy existed, then the fixture as it is, then a
revision (version 9.0.0: a revision note in every language, one changed sentence in the
Japanese and the English text). The edits are made by text replacement and checked to apply.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from engine.loader import load_folder

FIX = Path(__file__).resolve().parent / "fixtures" / "render" / "clean"
NOTES = {"ja": "2026年12月1日改定（取得の条件を明確化）",
         "ru": "Изменено 1 декабря 2026 года (уточнены условия сбора)",
         "en": "Revised December 1, 2026 (the conditions of collection are clarified)"}
NEW_VERSION = "9.0.0"
# ("2026 года", not "2026 г.": the abbreviation's full stop counts as a second sentence, SENT001,
# an error --allow-drift does not publish over.)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def make_repo(root: Path) -> Path:
    """A repository whose history holds the fixture at its version, then a revised version."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    (root / "README").write_text("before the policy\n", "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "before the policy")
    shutil.copytree(FIX, root / "policy")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "policy")
    policy = root / "policy"
    old = load_folder(policy).master
    assert old is not None
    for lang in ("ja", "ru", "en"):
        _replace(policy / f"{lang}.yaml", f"version: {old.facts.version}", f"version: {NEW_VERSION}")
    _replace(policy / "ja.yaml", "      date: 2022-04-01\n",
             "      date: 2022-04-01\n    - id: clarify-2026\n      date: 2026-12-01\n")
    _replace(policy / "ja.yaml", "    contact-2022: 2022年4月1日改定\n",
             f"    contact-2022: 2022年4月1日改定\n    clarify-2026: {NOTES['ja']}\n")
    _replace(policy / "ja.yaml", "本人の同意を得て取得します。", "本人の明示的な同意を得て取得します。")
    for lang in ("ru", "en"):
        _replace(policy / f"{lang}.yaml", "  revised: 2022-04-01", "  revised: 2026-12-01")
        _replace(policy / f"{lang}.yaml", "  signature:",
                 f'    clarify-2026: {{text: "{NOTES[lang]}"}}\n  signature:')
    _replace(policy / "en.yaml", "Only with the user's consent.",
             "Only with the user's explicit consent.")
    git(root, "commit", "-q", "-am", "revise")
    return root
