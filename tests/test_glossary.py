"""The tool's own words use one term per concept per language on every surface (the glossary at
the top of engine/wording.py): the CLI's messages and help, the checks' words, the site and
PDFs, `policy report` and the diff page. The policy's own text (policy/*.yaml) is not checked.

Each rule below is a word a reviewer found beside its glossary term for the same concept."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator, Mapping
from types import FunctionType, ModuleType

import pytest

import engine.checks

SURFACES = (
    "engine.basewords", "engine.commandwords", "engine.cli.helpwords", "engine.cli.version",
    "engine.saying", "engine.humane", "engine.messages", "engine.wording",
    "engine.change_report", "engine.exchange.xliff", "render.strings", "render.preview_words",
    "render.redline",
    *(f"engine.checks.{m.name}" for m in pkgutil.iter_modules(engine.checks.__path__)),
)


def _strings(value: object, seen: set[int]) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        return
    if id(value) in seen or isinstance(value, (ModuleType, FunctionType, type)):
        return
    seen.add(id(value))
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key, seen)
            yield from _strings(item, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item, seen)
    else:  # a value record (engine/values.py), as a check's or a code's Texts
        for name in getattr(type(value), "__value_names__", ()):
            yield from _strings(getattr(value, name), seen)


def _words() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in SURFACES:
        module = importlib.import_module(name)
        seen: set[int] = set()
        for key, value in vars(module).items():
            if not key.startswith("__"):
                found.extend((f"{name}.{key}", s) for s in _strings(value, seen))
    return found


WORDS = _words()

# (the concept, a word that must not stand for it)
RULES = [
    # 版 is an edition (言語版, 日本語版, {lang:@}版); a numbered version is バージョン
    ("ja-version", r"(?<![語@}])版"),
    ("ja-vocabulary", r"語彙"),
    ("ja-facts", r"事実"),
    ("ja-clause-item", r"(?<!条)項・号"),
    ("ja-release-note", r"改定の(記載|内容|説明)"),
    # an edition is a «версия» (японская версия, языковая версия); «редакция» is a revision
    ("ru-edition", r"(?i)(японск|русск|английск|языков)\w*\s+редакц"),
    ("ru-release-note", r"(?i)примечани\w*\s+(о|к)\s+(редакц|верси)"),
    # "newly allowed" is «теперь разрешено» (as the diff page says): «вновь» reads as "again",
    # «впервые» as "for the first time"
    ("ru-newly", r"(?i)\b(вновь|впервые)\s+(разреш|запрещ)"),
    # the shared facts (`facts:`) are «сведения», never «факты»
    ("ru-facts", r"(?i)(?<!\w)факт(ы|а|ов|ам|ами|ах)?(?!\w)"),
    ("en-release-note", r"(?i)revision notes?\b"),
    ("en-version-bump", r"Required version change"),
]


def test_the_surfaces_hold_the_words() -> None:
    # the walk reaches every table: a word of each surface is among the strings found
    for word in ("改定のお知らせ", "заметка о редакции", "バージョン番号", "Заметка о редакции",
                 "Языковая версия", "Required version bump", "共通の基本情報",
                 "The master edition is missing"):
        assert any(word in s for _, s in WORDS), word


@pytest.mark.parametrize(("concept", "pattern"), RULES, ids=[r[0] for r in RULES])
def test_one_term_per_concept(concept: str, pattern: str) -> None:
    found = re.compile(pattern)
    wrong = sorted({f"{where}: {s!r}" for where, s in WORDS if found.search(s)})
    assert not wrong, "\n".join(wrong)
