"""Semantic diff of two policies: decisions, vocabulary, text and facts.

A side is a git revision of this repository (read with `git show`, nothing checked out), a
policy folder, or a compiled bundle. `diff_sides(base, head)` compares two sides;
`diff_since(rev, folder)` is what the site builder calls for its "what changed" page.
"""

from __future__ import annotations

from pathlib import Path

from ..bundle import compile_sources, read_bundle
from ..decide import CompiledPolicy
from ..findings import Diagnostic, PolicyLoadError, make
from ..gitio import GitError
from ..values import replace
from .classify import LEVELS, bump, check_release, required_level
from .decisions import DecisionDiff, Question, Statement, condition_text, diff_decisions
from .facts import FactChange, diff_bundle_facts, diff_facts
from .origins import OriginChange, diff_origins
from .result import PolicyDiff, Side
from .text import StructureChange, TextChange, TextDiff, diff_text, word_diff
from .vocabulary import TermChange, diff_vocabulary

__all__ = [
    "LEVELS",
    "DecisionDiff",
    "FactChange",
    "OriginChange",
    "PolicyDiff",
    "Question",
    "Side",
    "Statement",
    "StructureChange",
    "TermChange",
    "TextChange",
    "TextDiff",
    "bump",
    "check_release",
    "condition_text",
    "diff_decisions",
    "diff_policies",
    "diff_sides",
    "diff_since",
    "diff_vocabulary",
    "required_level",
    "resolve_side",
    "side_from_bundle",
    "side_from_folder",
    "side_from_git",
    "word_diff",
]

CHANGELOG = "CHANGELOG.md"
WORKING_TREE = "working tree"


# ------------------------------------------------------------------------------ sides


def _find_changelog(folder: Path) -> Path | None:
    for candidate in (folder / CHANGELOG, folder.parent / CHANGELOG):
        if candidate.is_file():
            return candidate
    return None


def side_from_folder(folder: Path | str, label: str | None = None,
                     changelog: Path | None = None) -> Side:
    """A policy folder on disk (the working tree). Raises PolicyLoadError if it does not load."""
    from ..loader import load_folder

    folder = Path(folder)
    src = load_folder(folder)
    policy = CompiledPolicy(compile_sources(src, str(folder)))
    log_path = changelog if changelog is not None else _find_changelog(folder)
    log_text = None
    if log_path is not None and log_path.is_file():
        log_text = log_path.read_text("utf-8", errors="replace")
    named = ("working_tree", "") if label == WORKING_TREE else ("", "")
    return Side(label or str(folder), policy, src.master, dict(src.translations),
                dict(src.documents), log_text, str(log_path) if log_path else CHANGELOG, named)


def side_from_bundle(path: Path | str, label: str | None = None) -> Side:
    """A compiled bundle (JSON from `policy bundle`): decisions, vocabulary and version only."""
    return Side(label or str(path), read_bundle(Path(path)))


def side_from_git(repo: Path, rev: str, folder: str = "policy", label: str | None = None,
                  named: tuple[str, str] | None = None) -> Side:
    """The policy folder as committed at `rev` (read with `git show`; nothing is checked out)."""
    from .. import gitio
    from ..loader import load_texts

    # The changelog beside the policy files, else in the folder above: read with the files
    # (one `git ls-tree` and one `git cat-file --batch` in all).
    parent = folder.rsplit("/", 1)[0] if "/" in folder else ""
    logs = (f"{folder}/{CHANGELOG}", f"{parent}/{CHANGELOG}" if parent else CHANGELOG) \
        if folder else (CHANGELOG,)
    try:
        commit = gitio.resolve(repo, rev)
        files = gitio.read_folder(repo, commit, folder, also=logs)
    except GitError as exc:
        raise PolicyLoadError([exc.diagnostic]) from None
    log_bytes = next((files.pop(p) for p in logs if p in files), None)
    for p in logs:
        files.pop(p, None)
    name = f"{rev}:{folder}" if folder else f"{rev}:"
    if not files:
        raise PolicyLoadError([make("IO001", f"no policy files in '{folder}' at revision {rev}",
                                    name)])
    src = load_texts(files, folder=name)
    policy = CompiledPolicy(compile_sources(src, name))
    log_text = log_bytes.decode("utf-8", "replace") if log_bytes is not None else None
    return Side(label or f"{rev} ({commit[:10]})", policy, src.master, dict(src.translations),
                dict(src.documents), log_text, f"{rev}:{CHANGELOG}",
                named if named is not None else ("revision", rev))


def resolve_side(spec: str, policy_dir: Path) -> Side:
    """A command-line side: an existing folder, an existing bundle file, else a git revision
    (of the repository holding `policy_dir`, reading the same folder at that revision)."""
    from .. import gitio

    path = Path(spec)
    if path.is_dir():
        return side_from_folder(path)
    if path.is_file():
        return side_from_bundle(path)
    try:
        repo = gitio.toplevel(policy_dir.resolve() if policy_dir.exists() else Path.cwd())
        folder = gitio.repo_path(repo, policy_dir)
    except (GitError, ValueError):
        raise PolicyLoadError([make("IO001", f"'{spec}' is neither a folder, a bundle nor a "
                                    "git revision", spec)]) from None
    try:
        version = _version_commit(repo, folder, policy_dir, spec)
        if version is not None:
            number, commit = version
            return side_from_git(repo, commit, folder, label=f"version {number} ({commit[:10]})",
                                 named=("version", number))
        return side_from_git(repo, spec, folder)
    except PolicyLoadError as exc:  # said at the policy folder, not at no file ("<policy>")
        raise PolicyLoadError([d if d.file else replace(d, file=str(policy_dir))
                               for d in exc.diagnostics]) from None


def _version_commit(repo: Path, folder: str, policy_dir: Path, spec: str
                    ) -> tuple[str, str] | None:
    """The version `spec` names (2.1.0, v2.1.0: `policy diff 2.1.0`) and its newest commit,
    when git knows no revision by that name (a tag of it wins); None when `spec` is not
    written as a version. A version the history does not hold is PolicyLoadError (GIT001),
    naming the versions it does."""
    from .. import gitio
    from ..versions import master_name, released, typed_version

    typed = typed_version(spec)
    if typed is None or gitio.has_commit(repo, spec):
        return None
    master = master_name(policy_dir)
    try:
        versions = released(repo, folder, master) if master is not None else []
    except GitError as exc:
        raise PolicyLoadError([exc.diagnostic]) from None
    found = dict(versions).get(typed)
    if found is not None:
        return typed, found
    known = ", ".join(v for v, _ in versions) or "-"
    raise PolicyLoadError([make(
        "GIT001", f"there is no version {typed} in this repository's history; its versions "
        f"are {known}", str(policy_dir),
        hint="name a version it holds, or a commit, a tag or a branch, such as main or HEAD~1",
        params={"form": "no_version", "version": typed, "versions": known})])


def default_base(policy_dir: Path, branch: str = "main", command: str = "policy diff") -> Side:
    """The merge-base of HEAD with `branch`: the default BASE of `policy diff` (and what
    `policy revise` compares the edits with). Outside a repository, or with a branch that does
    not exist, the error says so in plain words, for `command`."""
    from .. import gitio

    try:
        repo = gitio.toplevel(policy_dir.resolve())
    except (GitError, ValueError) as exc:
        if isinstance(exc, GitError) and gitio.is_missing_git(exc.diagnostic):
            # not "outside the repository": said at the folder the command was given
            raise PolicyLoadError([replace(exc.diagnostic, file=str(policy_dir))]) from None
        raw = exc.diagnostic.message if isinstance(exc, GitError) else str(exc)
        diag = make("GIT001", f"{command} works only inside the project folder (the git "
                    "repository), because it compares your edits with the last version",
                    str(policy_dir), hint="run it from the repository, or ask a developer",
                    detail=(raw,), params={"form": "outside", "command": command})
        raise PolicyLoadError([diag]) from None
    try:
        base = gitio.merge_base(repo, "HEAD", branch)
        folder = gitio.repo_path(repo, policy_dir)
    except (GitError, ValueError) as exc:
        if (isinstance(exc, GitError) and "unknown revision" in exc.diagnostic.message) \
                or (isinstance(exc, GitError) and "Not a valid object" in exc.diagnostic.message):
            diag = missing_branch(repo, branch, str(policy_dir), exc.diagnostic.message)
        elif isinstance(exc, GitError):  # said at the policy folder, not at no file
            diag = exc.diagnostic if exc.diagnostic.file else replace(exc.diagnostic,
                                                                      file=str(policy_dir))
        else:
            diag = make("GIT001", f"{policy_dir} is outside the repository", str(policy_dir))
        raise PolicyLoadError([diag]) from None
    return side_from_git(repo, base, folder, label=f"merge-base with {branch} ({base[:10]})",
                         named=("merge_base", branch))


def missing_branch(repo: Path, branch: str, where: str, detail: str) -> Diagnostic:
    """GIT001 for a --branch that names no commit, with the fix that fits this clone: the
    remote's copy when there is one (a CI checkout has origin/main but no main), the history
    to fetch in a shallow clone (actions/checkout's default), else the plain advice."""
    from .. import gitio

    message = f"there is no branch '{branch}' to compare your edits with"
    if "/" not in branch and gitio.has_commit(repo, f"refs/remotes/origin/{branch}"):
        form, hint = "branch_remote", f"compare with the remote's copy: --branch origin/{branch}"
    elif gitio.is_shallow(repo):
        form = "branch_shallow"
        message = (f"this shallow clone (only the latest commits) has no branch '{branch}' to "
                   "compare your edits with")
        hint = ("fetch the whole history: in GitHub Actions, actions/checkout with fetch-depth: "
                f"0; elsewhere, git fetch --unshallow origin {_refspec(branch)}")
    else:
        form, hint = "branch", "leave --branch as main unless told otherwise"
    return make("GIT001", message, where, hint=hint, detail=(detail,),
                params={"form": form, "branch": branch, "refspec": _refspec(branch)})


def _refspec(branch: str) -> str:
    """What `git fetch origin` needs to bring `branch` here: the branch itself, or for the
    remote's copy (`origin/main`) the remote's branch into that copy."""
    if branch.startswith("origin/"):
        name = branch.removeprefix("origin/")
        return f"{name}:refs/remotes/origin/{name}"
    return f"{branch}:{branch}"


# ------------------------------------------------------------------------------ diffs


def diff_sides(base: Side, head: Side) -> PolicyDiff:
    """The four-part diff of two loaded sides."""
    decisions = diff_decisions(base.policy, head.policy)
    vocabulary = diff_vocabulary(base.policy, head.policy)
    if base.master is not None and head.master is not None:
        text: TextDiff | None = diff_text(base.master, base.translations, head.master,
                                          head.translations)
        facts = diff_facts(base.master, base.translations, head.master, head.translations)
        origins = diff_origins(base.master, base.translations, head.master, head.translations)
    else:
        text = None
        facts = diff_bundle_facts(base.policy, head.policy)
        origins = ()
    return PolicyDiff(base, head, decisions, vocabulary, text, facts, origins)


def diff_policies(base: CompiledPolicy, head: CompiledPolicy) -> PolicyDiff:
    """Diff two compiled policies (decisions, vocabulary, version and date; no text)."""
    return diff_sides(Side("base", base), Side("head", head))


def diff_since(rev: str, folder: Path | str = "policy") -> PolicyDiff:
    """What changed in the policy folder (as it is on disk) since git revision `rev`."""
    from .. import gitio

    folder = Path(folder)
    try:
        repo = gitio.toplevel(folder.resolve())
        rel = gitio.repo_path(repo, folder)
    except (GitError, ValueError) as exc:
        diag = exc.diagnostic if isinstance(exc, GitError) else make(
            "GIT001", f"{folder} is outside the repository", str(folder))
        raise PolicyLoadError([diag]) from None
    return diff_sides(side_from_git(repo, rev, rel), side_from_folder(folder, WORKING_TREE))
