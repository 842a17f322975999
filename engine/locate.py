"""Find the policy folder the way git finds its repository: here, then each folder above.

A policy folder holds a master edition: a `*.yaml` file whose facts name the prevailing
language. From a folder we accept the folder itself (running inside `policy/`) or its
`policy/` child (running at the repository root or below it). Standard library only, and only
a few bytes of each candidate file are read, so every command can afford it.
"""

from __future__ import annotations

from pathlib import Path

from .values import record

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from .findings import Diagnostic

DEFAULT_NAME = "policy"
_MARK = b"prevailing_language:"


@record
class Found:
    folder: Path | None  # the policy folder, shown relative to the working folder when below it
    looked: tuple[Path, ...]  # every folder tried, nearest first


def master_file(folder: Path) -> Path | None:
    """The master edition in `folder`: the first YAML file stating the prevailing language."""
    try:
        candidates = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError:
        return None
    for path in candidates:
        try:
            with open(path, "rb") as fh:
                if _MARK in fh.read(1 << 16):
                    return path
        except OSError:
            continue
    return None


def is_policy_folder(folder: Path) -> bool:
    """True when `folder` holds a master edition (a YAML file stating the prevailing language)."""
    return master_file(folder) is not None


def _shown(path: Path, cwd: Path) -> Path:
    try:
        rel = path.relative_to(cwd)
    except ValueError:
        return path
    return rel if str(rel) != "." else Path(".")


def find_policy_folder(start: Path | None = None) -> Found:
    """The nearest policy folder from `start` (default: the working folder) upwards."""
    cwd = Path.cwd().resolve()
    here = (start or cwd).resolve()
    looked: list[Path] = []
    fallback: Path | None = None  # a `policy/` folder of YAML whose master cannot be told yet
    for folder in (here, *here.parents):
        for candidate in (folder / DEFAULT_NAME, folder):
            if candidate in looked:
                continue
            looked.append(candidate)
            if candidate.is_dir() and is_policy_folder(candidate):
                return Found(_shown(candidate, cwd), tuple(looked))
            if fallback is None and candidate.name == DEFAULT_NAME and _has_yaml(candidate):
                fallback = candidate
    # A master broken mid-edit (no readable `prevailing_language:`) is still the policy: the
    # loader then says what is wrong with it, at its line.
    return Found(_shown(fallback, cwd) if fallback else None, tuple(looked))


def _has_yaml(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(p.suffix in (".yaml", ".yml") for p in folder.iterdir())
    except OSError:
        return False


def not_found(found: Found) -> Diagnostic:
    """IO001 for a command run outside any project: where we looked, in plain words (in every
    language: IO001's form "nowhere"), and what to do."""
    from .findings import worded

    first = found.looked[0] if found.looked else Path.cwd()
    start = first.parent if first.name == DEFAULT_NAME else first
    return worded("IO001", {"form": "nowhere", "path": str(start)}, DEFAULT_NAME, hint=True)


def policy_version(folder: Path) -> tuple[str, str] | None:
    """(facts.version, date of the latest revision or the effective date) of the master found
    in `folder`, read without building the models; None when it cannot be read."""
    from .lineread import read_bytes_fastest  # the same data as read_bytes, sooner
    from .readfile import read_file

    path = master_file(folder)
    if path is not None:
        doc = read_file(path, str(path), parse=read_bytes_fastest).document
        data = doc.data if doc is not None else None
        facts = data.get("facts") if isinstance(data, dict) else None
        if not isinstance(facts, dict) or "version" not in facts:
            return None
        revisions = facts.get("revisions") or []
        dates = [str(r.get("date")) for r in revisions if isinstance(r, dict) and r.get("date")]
        return str(facts["version"]), max(dates) if dates else str(facts.get("effective", "?"))
    return None
