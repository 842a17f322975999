"""`policy --version` without click: the tool's version and the version of the policy found here.

The console script (cached.py) answers `policy --version` with this before importing click,
and the click option (app.py) prints the same lines. Standard library only, and not
importlib.metadata, whose import costs more than the rest of the answer.
"""

from __future__ import annotations

import os
import sys

DIST_NAME = "cafetalk-privacy-policy"


def tool_version() -> str:
    """The installed tool's version, as importlib.metadata gives it (the first distribution
    of this name on sys.path), read from its METADATA file directly: importing
    importlib.metadata costs more than the rest of `policy --version`. Anything but a plain
    .dist-info folder is left to importlib.metadata."""
    wanted = DIST_NAME.replace("-", "_")
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found = [n for n in names if n.lower().endswith((".dist-info", ".egg-info"))
                 and n.split("-", 1)[0].lower().replace("-", "_").replace(".", "_") == wanted]
        if not found:
            continue
        if len(found) == 1 and found[0].endswith(".dist-info"):
            try:
                with open(os.path.join(entry or ".", found[0], "METADATA"), "rb") as fh:
                    head = fh.read(1 << 16)
                # the headers only: the description after them (the README) may be cut
                # inside a character at the end of what was read
                headers = head.split(b"\n\n", 1)[0].decode("utf-8")
            except (OSError, UnicodeDecodeError):
                break
            for line in headers.split("\n"):
                if line.startswith("Version: "):
                    return line[len("Version: "):].strip()
        break
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        return "unknown"


def version_lines() -> list[str]:
    """`policy --version`: the tool's version and the version of the policy found here."""
    from ..locate import find_policy_folder, policy_version

    lines = [f"policy (the tool) {tool_version()}"]
    found = find_policy_folder()
    if found.folder is None:
        lines.append("privacy policy: none found here or in any folder above")
    else:
        got = policy_version(found.folder)
        lines.append(f"privacy policy {got[0]}, last revised {got[1]} ({found.folder})" if got
                     else f"privacy policy: version unreadable in {found.folder}")
    return lines
