"""The "what changed" page of `policy build --since REV`: the semantic diff (engine.diff) since a git revision.

The diff itself belongs to `policy diff` (engine/diff); this module only turns its result into
pages. Until engine.diff offers a whole-policy diff, asking for `--since` is a RENDER005 error
rather than a silently missing page.
"""

from __future__ import annotations

from pathlib import Path

from engine.diagnostics import Diagnostic, make
from engine.load import Sources


def since_files(policy_dir: Path, since: str,
                src: Sources) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Files to add to the site (`changes-since.html`) and any problem building them."""
    try:
        from engine.diff import diff_policies  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return {}, [make("RENDER005", f"--since {since}: the semantic diff (engine.diff) is "
                         "not available in this version", str(policy_dir))]
    del diff_policies, src
    return {}, [make("RENDER005", f"--since {since}: not implemented yet", str(policy_dir))]
