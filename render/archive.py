"""The version archive: every released version of the policy, read from git history.

A version is what `facts.version` names. Its text is the last commit of the policy folder that
carried it; the version in the working tree (the one being published) is always the current
one. The archive starts with the first version held as YAML: older versions were never kept in
this form. Outside a git repository the archive holds the current version only.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from engine import gitio
from engine.findings import Diagnostic, Severity, has_errors, make
from engine.loader import Sources, load_texts
from engine.values import record

# `version:` directly under `facts:` (two-space indentation, as every edition writes it).
_VERSION = re.compile(rb"^facts:\s*(?:#[^\n]*)?\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*?[ \t]+version:\s*"
                      rb"[\"']?([0-9]+\.[0-9]+\.[0-9]+)", re.MULTILINE)


@record
class Snapshot:
    """One version of the policy: its sources, and the commit it was read from (None: the
    working tree, i.e. the current version)."""

    version: str
    src: Sources
    commit: str | None

    @property
    def date(self) -> dt.date:
        """The date the version carries: its latest revision, else the effective date."""
        assert self.src.master is not None
        facts = self.src.master.facts
        return facts.revisions[-1].date if facts.revisions else facts.effective


def version_of(text: bytes) -> str | None:
    """`facts.version` of a master file, read without parsing the YAML (for grouping only)."""
    m = _VERSION.search(text)
    return m.group(1).decode() if m else None


def history(policy_dir: Path, current: Sources) -> tuple[list[Snapshot], list[Diagnostic]]:
    """Every version, oldest first, the current (working tree) one last."""
    assert current.master is not None
    now = Snapshot(current.master.facts.version, current, None)
    try:
        repo = gitio.toplevel(policy_dir)  # outside a repository: the current version only
        folder = gitio.repo_path(repo, policy_dir)
        commits = gitio.log(repo, folder)
        master_file = f"{folder}/{current.master.lang}.yaml" if folder else \
            f"{current.master.lang}.yaml"
        blobs = gitio.show_many(repo, [f"{c}:{master_file}" for c in commits])
    except (gitio.GitError, ValueError):
        return [now], []
    latest: dict[str, str] = {}  # version -> its newest commit
    order: list[str] = []  # versions by first appearance, oldest first
    for commit, blob in reversed(list(zip(commits, blobs, strict=True))):
        version = version_of(blob) if blob is not None else None
        if version is None:
            continue
        if version not in latest:
            order.append(version)
        latest[version] = commit
    out: list[Snapshot] = []
    problems: list[Diagnostic] = []
    for version in order:
        if version == now.version:
            continue
        commit = latest[version]
        try:
            files = gitio.read_folder(repo, commit, folder)
        except gitio.GitError as exc:
            problems.append(exc.diagnostic)
            continue
        src = load_texts(files, folder=f"{commit[:10]}:{folder}")
        if src.master is None or has_errors(src.diagnostics):
            problems.append(make("RENDER006", f"version {version} (commit {commit[:10]}) cannot "
                                 "be read with this version of the tools; it is not archived",
                                 str(policy_dir)))
            continue
        out.append(Snapshot(version, src, commit))
    out.append(now)
    return out, problems


def snapshot_at(policy_dir: Path, rev: str) -> tuple[Snapshot | None, list[Diagnostic]]:
    """The policy as committed at `rev`, for `policy build --since`. None with no diagnostics
    when the revision is older than the policy (there was nothing yet to compare with)."""
    try:
        repo = gitio.toplevel(policy_dir)
        commit = gitio.resolve(repo, rev)
        folder = gitio.repo_path(repo, policy_dir)
        files = gitio.read_folder(repo, commit, folder)
    except gitio.GitError as exc:
        if "no folder" in exc.diagnostic.message:
            return None, []
        return None, [exc.diagnostic, make("RENDER005", f"--since {rev}: no such revision in "
                                           "this repository", str(policy_dir),
                                           hint="name a commit, tag or branch, e.g. HEAD~1")]
    if not files:
        return None, []
    src = load_texts(files, folder=f"{rev}:{folder}")
    if src.master is None or has_errors(src.diagnostics):
        errors = [d for d in src.diagnostics if d.severity is Severity.ERROR]
        return None, [*errors, make("RENDER005", f"--since {rev}: the policy at that revision "
                                    "cannot be read", str(policy_dir))]
    return Snapshot(src.master.facts.version, src, commit), []
