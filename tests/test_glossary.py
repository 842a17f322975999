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
    "render.redline", "render.ledger", "engine.check", "engine.review",
    "engine.resident", "engine.schema", "engine.terms", "engine.testing", "engine.cli.helptext",
    "engine.diff.decisions", "engine.uses.affected", "engine.uses.check",
    *(f"engine.checks.{m.name}" for m in pkgutil.iter_modules(engine.checks.__path__)),
)
# The published pages' and PDFs' words, for readers of the site; every other surface speaks to
# the legal team, CI and translators (the CLI, the checks, `policy report`, the preview's
# findings, the diff page).
SITE = ("render.strings",)


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
    # what a service declares (uses/) is a データ利用の申告, never a 届出
    ("ja-declaration", r"届け?出"),
    # `policy approve` records a 承認; 法務の確認 is the lawyer's reading, not its record
    ("ja-approval", r"確認（承認）"),
    # the tool writes または; 又は is the policy's legal register (its labels, and the ask
    # explanation's 「…」に該当するか、又は「…」, which reads as the clauses do)
    ("ja-or", r"(?<!か、)又は"),
    # a question or a declared use the change forbids is 新たに禁止 (the diff, the report)
    ("ja-newly-denied", r"新たに不許可"),
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
    # the policy by its name is each edition's title (Privacy Policy, 個人情報保護方針,
    # Политика конфиденциальности)
    ("ja-policy-name", r"プライバシーポリシー"),
    ("ru-policy-name", r"(?i)политик\w*\s+(обработки|в\s+отношении|защиты)\s+персональн"),
    ("en-policy-name", r"(?i)(personal (information|data)|privacy) protection policy"),
    # what the policy protects (its 個人情報) is named as the policy names it: personal
    # information, 個人情報, «персональная информация»; «персональные данные» is the term of
    # Russian law (152-FZ), which only the policy's own text cites
    ("en-personal-information", r"(?i)\bpersonal data\b"),
    ("ja-personal-information", r"個人データ"),
    ("ru-personal-information", r"(?i)персональн\w*\s+данн"),
    # what a service declares (uses/) is a «декларация»; what it declares, «заявленное
    # использование». «Заявка» is a request (the policy's «заявки на уроки»), «заявление» an
    # application
    ("ru-declaration", r"(?i)заявк|заявок|заявлени"),
    # the part before the clauses (`preamble:`) is the preamble, 前文, «преамбула», on the site
    # too; «вступление в силу» is the effective date
    ("en-preamble", r"(?i)\bintroduction\b"),
    ("ru-preamble", r"(?i)\bвступлени\w*\b(?!\s+(политики\s+)?в\s+силу)"),
    # the date the policy was established (`footer.established`, 制定日) is «дата принятия»:
    # «утверждение» reads as an approval, which is `policy approve` («одобрение»)
    ("ru-established", r"(?i)дат\w*\s+утверждени"),
    # the date it took effect (`facts.effective`) is 施行日, not its establishment as well
    ("ja-effective", r"制定・施行"),
    # what an allowed use requires of a service is a 遵守事項 (the explanation, `policy terms`,
    # `uses check`, the ledger, the rules' `obligations:`); 義務 is only the company's duties
    # under the policy (当社の義務, on the site)
    ("ja-obligation", r"(?<!当社の)義務"),
]

# (the concept, a word that must not stand for it) where the tool speaks: the Japanese edition
# as translated from is "the master" in English. A bare `original` elsewhere is the XLIFF
# attribute (<file original="ru.yaml">) that an import hint names in every language.
TOOL_RULES = [
    ("en-master", r"(?i)\boriginal\b(?!\s*(names|が|называет))"),
]
# ... and where the published pages speak to their readers: "the original".
SITE_RULES = [
    ("en-original", r"(?i)\bmaster\b"),
]


def test_the_surfaces_hold_the_words() -> None:
    # the walk reaches every table: a word of each surface is among the strings found
    for word in ("改定のお知らせ", "заметка о редакции", "バージョン番号", "Заметка о редакции",
                 "Языковая версия", "Required version bump", "共通の基本情報",
                 "The master edition is missing", "個人情報保護方針 バージョン",
                 "個人情報管理台帳", "Read the original", "綴りの近いものもありません",
                 "これに気付く事例", "新たな遵守事項", "法務チームに相談してください"):
        assert any(word in s for _, s in WORDS), word
    assert any(where.startswith(SITE) for where, _ in WORDS)


@pytest.mark.parametrize(("concept", "pattern"), RULES, ids=[r[0] for r in RULES])
def test_one_term_per_concept(concept: str, pattern: str) -> None:
    found = re.compile(pattern)
    wrong = sorted({f"{where}: {s!r}" for where, s in WORDS if found.search(s)})
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("concept", "pattern"), TOOL_RULES, ids=[r[0] for r in TOOL_RULES])
def test_one_term_where_the_tool_speaks(concept: str, pattern: str) -> None:
    found = re.compile(pattern)
    wrong = sorted({f"{where}: {s!r}" for where, s in WORDS
                    if not where.startswith(SITE) and found.search(s)})
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("concept", "pattern"), SITE_RULES, ids=[r[0] for r in SITE_RULES])
def test_one_term_where_the_site_speaks(concept: str, pattern: str) -> None:
    found = re.compile(pattern)
    wrong = sorted({f"{where}: {s!r}" for where, s in WORDS
                    if where.startswith(SITE) and found.search(s)})
    assert not wrong, "\n".join(wrong)


# Japanese a native editor rewrote (session 30): English word order or a style that changes
# inside one text. Each pattern is the old phrasing; the tool's words must not bring it back.
REWRITTEN = [
    # "shows what a change does": 変更の影響を示します
    ("ja-translated-order", r"何をもたらすか|について何ができるか"),
    # one help text, one style: "text は…の形式、json は…の形式です。", not a bare noun
    # sentence followed by a です one
    ("ja-mixed-style", r"の形式。\s*\S"),
    # a missing particle: 現在の判断
    ("ja-particle", r"現在判断"),
    # a hint that read as a statement of fact: 施行日は、最初の改定の日付より前のはずです
    ("ja-hint-as-fact", r"改定されるより前に\s*施行されています"),
]


@pytest.mark.parametrize(("kind", "pattern"), REWRITTEN, ids=[r[0] for r in REWRITTEN])
def test_no_phrasing_a_native_editor_rewrote(kind: str, pattern: str) -> None:
    found = re.compile(pattern)
    wrong = sorted({f"{where}: {s!r}" for where, s in WORDS if found.search(s)})
    assert not wrong, "\n".join(wrong)
