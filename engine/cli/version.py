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


# What `policy --version` says, per language (the reader's: POLICY_LANG or the locale).
WORDS = {
    "tool": {"en": "policy (the tool) {version}", "ja": "policy（ツール）{version}",
             "ru": "policy (программа) {version}"},
    "none": {"en": "privacy policy: none found here or in any folder above",
             "ja": "個人情報保護方針：このフォルダーにも、その上のフォルダーにも見つかりません",
             "ru": "политика конфиденциальности: не найдена ни здесь, ни в папках выше"},
    "found": {"en": "privacy policy {version}, last revised {date} ({folder})",
              "ja": "個人情報保護方針 バージョン{version}、最終改定 {date}（{folder}）",
              "ru": "политика конфиденциальности, версия {version}, последняя редакция от "
                    "{date} ({folder})"},
    "unreadable": {"en": "privacy policy: version unreadable in {folder}",
                   "ja": "個人情報保護方針：{folder} のバージョン番号を読み取れません",
                   "ru": "политика конфиденциальности: не удаётся прочитать версию в {folder}"},
}


def version_lines(lang: str | None = None) -> list[str]:
    """`policy --version`: the tool's version and the version of the policy found here, in
    `lang` (default: the reader's language, told without importing the words of the findings)."""
    from ..locate import find_policy_folder, policy_version

    if lang is None:
        from .cmdline import asked_language

        lang = asked_language(())
    said = {key: words.get(lang) or words["en"] for key, words in WORDS.items()}
    lines = [said["tool"].format(version=tool_version())]
    found = find_policy_folder()
    if found.folder is None:
        lines.append(said["none"])
    else:
        got = policy_version(found.folder)
        lines.append(said["found"].format(version=got[0], date=got[1], folder=found.folder)
                     if got else said["unreadable"].format(folder=found.folder))
    return lines
