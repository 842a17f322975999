"""Declared uses in `policy diff`: the uses a change affects, and the `diff --check` gate that
refuses a change denying a declared use unless its declaration changed in the same change.

The declarations "before" are read from git at the base revision (nothing is checked out);
when the base is a folder or a bundle they are unknown, and every newly denied use counts as
unchanged (the gate then needs --allow-breaking-uses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Diagnostic, PolicyLoadError, Severity
from ..gitio import GitError
from .affected import AffectedUse, affected_uses, breaking_uses
from .folder import default_uses_dir as default_uses_dir  # (re-exported)
from .sources import Declarations, load_uses, load_uses_texts

if TYPE_CHECKING:
    from ..diff.result import PolicyDiff


@dataclass(slots=True)
class DiffUses:
    """What a policy diff does to the declared uses."""

    head: Declarations
    base: Declarations | None
    affected: list[AffectedUse] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)  # for --check


def _is_path(spec: str | None) -> bool:
    return spec is not None and Path(spec).exists()


def uses_at_revision(uses_dir: Path, rev: str) -> Declarations | None:
    """The declarations as committed at `rev` (empty if the folder did not exist there), or
    None when `uses_dir` is not inside a git repository or `rev` is unknown."""
    from .. import gitio

    try:
        anchor = uses_dir.resolve() if uses_dir.exists() else Path.cwd()
        repo = gitio.toplevel(anchor if anchor.is_dir() else anchor.parent)
        folder = gitio.repo_path(repo, uses_dir)
        commit = gitio.resolve(repo, rev)
    except (GitError, ValueError, OSError):
        return None
    try:
        files = gitio.read_folder(repo, commit, folder)
    except GitError:
        files = {}  # no such folder at that revision: every declaration is new
    return load_uses_texts(files, f"{rev}:{folder}")




def diff_uses(diff: PolicyDiff, uses_dir: Path, *, base: str | None, head: str | None,
              branch: str = "main", check: bool = False,
              allow_breaking: bool = False) -> DiffUses:
    """The declared uses `diff` affects. BASE/HEAD are as given to `policy diff`: a git
    revision (declarations read at it), a path (declarations unknown for a base; read from
    `uses_dir` for a head) or None (base: merge-base with `branch`; head: the working tree)."""
    if head is not None and not _is_path(head):
        at_head = uses_at_revision(uses_dir, head)
        if at_head is None:
            from ..diagnostics import make

            raise PolicyLoadError([make("IO001", f"cannot read the declarations at {head}",
                                        str(uses_dir))])
        head_uses = at_head
    else:
        head_uses = load_uses(uses_dir)
        if any(d.code == "IO001" for d in head_uses.diagnostics):
            raise PolicyLoadError(head_uses.diagnostics)
    base_uses: Declarations | None = None
    if base is None:
        from .. import gitio

        try:
            repo = gitio.toplevel(Path.cwd())
            base_uses = uses_at_revision(uses_dir, gitio.merge_base(repo, "HEAD", branch))
        except GitError:
            base_uses = None
    elif not _is_path(base):
        base_uses = uses_at_revision(uses_dir, base)
    out = DiffUses(head_uses, base_uses, affected_uses(diff, head_uses))
    if check:
        # Declarations that cannot be read are findings of the gate: it cannot vouch for them.
        out.findings = [d for d in head_uses.diagnostics if d.severity is Severity.ERROR]
        if not allow_breaking:
            out.findings += breaking_uses(out.affected, base_uses)
    return out
