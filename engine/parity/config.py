"""The data the translation checks read: do-not-translate names, scripts per language, prevailing-language names, the prose checks' word lists.

It lives in `parity.toml` beside the editions (policy/parity.toml), not in the checker, so the
legal team can extend the lists without touching code. A folder without the file gets an empty
configuration: the name, script and prevailing-language checks then have nothing to check.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..findings import Diagnostic, make
from ..tomltext import TomlSyntaxError, parse_toml
from ..values import field, record
from .prose_config import PROSE_TABLES, ProseConfig, parse_prose

CONFIG_NAME = "parity.toml"
# The tables parsed here, for the checks that name them in their `settings`. A check with a
# table of its own names it in `settings` too and reads it from `ParityConfig.tables`.
PARSED_TABLES = ("keep", "scripts", "prevailing", *PROSE_TABLES)


@record
class Keep:
    """A name that stays in its own form in every edition, with accepted written variants."""

    name: str
    variants: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


@record
class ScriptRule:
    """Which Unicode scripts an edition is written in, and which must never appear in it."""

    expected: frozenset[str]
    forbidden: frozenset[str] = frozenset()


@record
class ParityConfig:
    keep: tuple[Keep, ...] = ()
    scripts: dict[str, ScriptRule] = field(default_factory=dict)
    foreign_share: float = 0.5  # a sentence is foreign when more of its letters are foreign
    min_letters: int = 8  # ... and at least this many letters are foreign
    prevailing_clause: str | None = None
    # prevailing language -> edition language -> how that edition names it
    prevailing_names: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    file: str | None = None
    forms: tuple[str, ...] = ()  # derived from `keep`
    tables: dict[str, Any] = field(default_factory=dict)  # every table of the file, as read
    prose: ProseConfig = field(default_factory=ProseConfig)  # the prose checks' tables, parsed
    text: str | None = None  # the file's text the settings were read from

    def __post_init__(self) -> None:
        object.__setattr__(self, "forms", _forms(self.keep))

    @property
    def made_from(self) -> Hashable | None:
        """What the settings were made from, as a key: the file's name and text (or no file,
        the defaults); None for settings that have no such key: put together in code, or those
        of a file that could not be parsed (a TOML syntax error)."""
        if self.text is not None:
            return ("file", self.file, self.text)
        return ("defaults",) if self == _DEFAULTS else None

    def keep_forms(self) -> tuple[str, ...]:
        """Every written form of every kept name, longest first (so "Cafetalk Payments"
        is matched before "Cafetalk")."""
        return self.forms


@lru_cache(maxsize=64)
def _forms(keep: tuple[Keep, ...]) -> tuple[str, ...]:
    forms = {f for k in keep for f in k.forms}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


_DEFAULTS = ParityConfig()


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^\s*\[*\s*{re.escape(key)}\b", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    return None


def load_config(folder: Path, display: str | None = None,
                known: Iterable[str] = ()) -> tuple[ParityConfig, list[Diagnostic]]:
    """Read `parity.toml` from a policy folder. Problems are CHECK002 findings, never exceptions.

    `known` names the tables the registered checks read (their `settings`); any other table
    is reported as unknown.
    """
    path = Path(folder) / CONFIG_NAME
    name = display if display is not None else str(path)
    try:
        raw = path.read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError):  # none there (or no folder at all)
        return ParityConfig(), []
    except (OSError, UnicodeDecodeError) as exc:
        return ParityConfig(), [make("CHECK002", f"cannot read settings: {exc}", name)]
    from ..loader import kept  # the server parses a file's text once

    tables = frozenset(known)
    config, found = kept("parity-config", (raw, name, tables),
                         lambda: _parse(raw, name, tables))
    return config, list(found)


def _parse(raw: str, name: str, known: Iterable[str]) -> tuple[ParityConfig, list[Diagnostic]]:
    try:
        data = parse_toml(raw)
    except TomlSyntaxError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        return ParityConfig(file=name), [make("CHECK002", f"TOML syntax error: {exc}", name,
                                              line, col)]
    found: list[Diagnostic] = []

    def bad(key: str, message: str) -> None:
        found.append(make("CHECK002", message, name, _line_of(raw, key), 1))

    for key in sorted(set(data) - set(PARSED_TABLES) - set(known)):
        bad(key, f"unknown setting '{key}'")

    keep: list[Keep] = []
    for entry in data.get("keep", []) if isinstance(data.get("keep", []), list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
            bad("keep", "each [[keep]] entry needs a non-empty name")
            continue
        variants = _strings(entry.get("variants", []))
        if variants is None:
            bad("keep", f"variants of '{entry['name']}' must be a list of strings")
            variants = ()
        keep.append(Keep(entry["name"], variants))
    if not isinstance(data.get("keep", []), list):
        bad("keep", "keep must be an array of tables ([[keep]])")

    scripts: dict[str, ScriptRule] = {}
    foreign_share, min_letters = 0.5, 8
    sdata = data.get("scripts", {})
    if not isinstance(sdata, dict):
        bad("scripts", "[scripts] must be a table")
        sdata = {}
    for key, value in sorted(sdata.items()):
        if key == "foreign_share":
            if isinstance(value, (int, float)) and 0 < value <= 1:
                foreign_share = float(value)
            else:
                bad(key, "foreign_share must be a number in (0, 1]")
        elif key == "min_letters":
            if isinstance(value, int) and value >= 1:
                min_letters = value
            else:
                bad(key, "min_letters must be a positive integer")
        elif isinstance(value, dict):
            expected = _strings(value.get("expected"))
            forbidden = _strings(value.get("forbidden", []))
            if expected is None or forbidden is None:
                bad(f"scripts.{key}", f"[scripts.{key}] needs expected = [...] and an optional "
                    "forbidden = [...], lists of script names")
                continue
            scripts[key] = ScriptRule(frozenset(expected), frozenset(forbidden))
        else:
            bad(key, f"unknown script setting '{key}'")

    pdata = data.get("prevailing", {})
    clause: str | None = None
    names: dict[str, dict[str, tuple[str, ...]]] = {}
    if not isinstance(pdata, dict):
        bad("prevailing", "[prevailing] must be a table")
        pdata = {}
    if "clause" in pdata:
        if isinstance(pdata["clause"], str) and pdata["clause"]:
            clause = pdata["clause"]
        else:
            bad("clause", "prevailing.clause must be a clause id")
    pnames = pdata.get("names", {})
    if isinstance(pnames, dict):
        for plang, table in sorted(pnames.items()):
            if not isinstance(table, dict):
                bad(f"prevailing.names.{plang}", "names must be a table: edition = [names]")
                continue
            names[plang] = {}
            for elang, words in sorted(table.items()):
                ws = _strings(words)
                if ws is None:
                    bad(elang, f"prevailing.names.{plang}.{elang} must be a list of strings")
                    continue
                names[plang][elang] = ws
    else:
        bad("names", "prevailing.names must be a table")
    prose = parse_prose(data, bad)
    config = ParityConfig(tuple(keep), scripts, foreign_share, min_letters, clause, names, name,
                          tables=dict(data), prose=prose, text=raw)
    return config, found
