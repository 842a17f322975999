"""The policy's versions in its git history: the `facts.version` each commit of the policy folder
gave the master, read from the file's bytes (no YAML is parsed), and the newest commit that
carried each version.

The site's version archive (render/archive.py) reads them to publish every older version, and
`policy diff 2.1.0` to compare with a version by the number the legal team knows it by.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import gitio, patterns

# `version:` directly under `facts:` (two-space indentation, as every edition writes it).
_VERSION = patterns.compile(
    rb"^facts:\s*(?:#[^\n]*)?\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*?[ \t]+version:\s*"
    rb"[\"']?([0-9]+\.[0-9]+\.[0-9]+)", re.MULTILINE)

# A version as typed on a command line: 2.1.0, or v2.1.0 as tags often name one.
_TYPED = patterns.compile(r"v?([0-9]+\.[0-9]+\.[0-9]+)")

# The master declares which language prevails; a translation does not (engine/loader.py).
_MASTER = patterns.compile(rb"^[ \t]+prevailing_language:", re.MULTILINE)


def version_of(text: bytes) -> str | None:
    """`facts.version` of an edition's file, read without parsing the YAML (for grouping only)."""
    m = _VERSION.search(text)
    return m.group(1).decode() if m else None


def typed_version(spec: str) -> str | None:
    """The version `spec` names when it is written as one (2.1.0, v2.1.0), else None."""
    m = _TYPED.fullmatch(spec.strip())
    return m.group(1) if m else None


def versions_in(commits: list[str], blobs: list[bytes | None]) -> list[tuple[str, str]]:
    """Each version the master's file held at `commits` (newest first, as `git log` lists them;
    `blobs` the file at each, None where it was absent), with the newest commit that held it,
    the oldest version first."""
    latest: dict[str, str] = {}  # version -> its newest commit
    order: list[str] = []  # versions by first appearance, oldest first
    for commit, blob in reversed(list(zip(commits, blobs, strict=True))):
        version = version_of(blob) if blob is not None else None
        if version is None:
            continue
        if version not in latest:
            order.append(version)
        latest[version] = commit
    return [(version, latest[version]) for version in order]


def master_name(policy_dir: Path) -> str | None:
    """The file name of the master in the policy folder as it is now (the edition that declares
    the prevailing language), or None when none does."""
    try:
        names = sorted(p.name for p in policy_dir.iterdir() if p.suffix == ".yaml")
    except OSError:
        return None
    for name in names:
        try:
            head = (policy_dir / name).read_bytes()
        except OSError:
            continue
        if _MASTER.search(head):
            return name
    return None


def released(repo: Path, folder: str, master: str) -> list[tuple[str, str]]:
    """Every version of the policy in `folder` of `repo` reachable from HEAD, oldest first, each
    with the newest commit that held it (`master`: the master's file name). GitError when git
    cannot answer."""
    commits = gitio.log(repo, folder)
    path = f"{folder}/{master}" if folder else master
    return versions_in(commits, gitio.show_many(repo, [f"{c}:{path}" for c in commits]))
