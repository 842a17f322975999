"""Plain words for people: how a unit, a language and a place in the YAML are named in messages.

Units are named by printed number and title ("clause 10 メール配信の停止"), never by ids,
fingerprints or data paths counted from zero; `place_in_words` turns a path such as
`clauses/2/items/1/rules/0/effect` into "clause 3 …, item 2, rule 1 (effect)". Standard
library only (citation.py gives the number's form).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Mapping
from typing import Any

from .citation import cite

LANGUAGE_NAMES = {"ja": "Japanese", "ru": "Russian", "en": "English"}
# The one way every command and check asks for a date (the date is an example).
DATE_HINT = "write the date as YYYY-MM-DD, e.g. 2026-12-03"


def parse_day(text: str) -> dt.date:
    """A date the user typed; ValueError with DATE_HINT when it is not one."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date: {DATE_HINT}") from None

_DOCUMENT_UNITS = {
    "title": "the title",
    "preamble": "the preamble",
    "footer.established": "the date of establishment",
    "footer.signature": "the signature",
    "approvals": "legal sign-off",
}


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


def short(text: str, n: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1].rstrip() + "…"


def unit_label(number: str, title: str | None, key: str) -> str:
    """"clause 10 メール配信の停止", "clause 3.2 (当社は、…)", "the preamble", "the key point
    “当社は…”" (a key point of the summary is named by its own first words)."""
    if not number:
        if key.startswith("summary."):
            return f"the key point “{short(title)}”" if title else "a key point of the summary"
        if key.startswith("footer.revisions."):
            return f"the release note of revision {key.removeprefix('footer.revisions.')}"
        return _DOCUMENT_UNITS.get(key, key)
    words = cite(number, "en")
    if title:
        return f"{words} {short(title)}" if "." not in number else f"{words} ({short(title)})"
    return words


_STEP = re.compile(r"(clauses|items|rules)/(\d+)")


def place_in_words(path: str, data: Any = None) -> str:
    """`clauses/2/items/1/rules/0/effect` -> "clause 3 <title>, item 2, rule 1, field effect".
    Printed numbers and titles come from `data` (the file's plain data) when it has them."""
    parts = [p for p in path.strip("/").split("/") if p != ""]
    out: list[str] = []
    node: Any = data
    i = 0
    numbers: list[str] = []
    while i < len(parts):
        step = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if step in ("clauses", "items", "rules") and nxt is not None and nxt.isdigit():
            index = int(nxt)
            child = None
            if isinstance(node, Mapping) and isinstance(node.get(step), list):
                seq = node[step]
                child = seq[index] if index < len(seq) else None
            number = child.get("number") if isinstance(child, Mapping) else None
            if step == "rules":
                out.append(f"rule {index + 1}")
            else:
                numbers.append(str(number) if isinstance(number, int) else str(index + 1))
                if step == "clauses":
                    title = child.get("title") if isinstance(child, Mapping) else None
                    out.append(f"clause {numbers[-1]}" + (f" {short(title, 30)}"
                                                          if isinstance(title, str) else ""))
                else:
                    out.append(("item " if len(numbers) == 2 else "sub-item ") + numbers[-1])
            node = child
            i += 2
            continue
        rest = "/".join(parts[i:])
        out.append(f"field {rest.replace('/', '.')}" if out else rest.replace("/", "."))
        break
    return ", ".join(out) if out else "the top of the file"


def humanize_paths(message: str, data: Any = None) -> str:
    """Replace every zero-based data path in a message by its words (see place_in_words)."""
    pattern = re.compile(r"(?:clauses|footer|facts|vocabulary)(?:/[\w.-]+)+")

    def sub(m: re.Match[str]) -> str:
        text = m.group(0)
        return place_in_words(text, data) if _STEP.search(text) else text.replace("/", ".")

    return pattern.sub(sub, message)


def use_colour(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_CODES = {"red": 31, "green": 32, "yellow": 33, "blue": 34, "cyan": 36, "dim": 2, "bold": 1}


def paint(text: str, style: str, on: bool) -> str:
    return f"\x1b[{_CODES[style]}m{text}\x1b[0m" if on and style in _CODES else text
