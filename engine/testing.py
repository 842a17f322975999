"""`policy test`: the legal team's expected answers and properties, rule coverage and mutants.

The tables live beside the policy (`policy/tests/*.yaml`, schema `policy/schema.tests.json`):

* a **row** is one question with the answer the legal team expects, the clause that must decide
  it and, optionally, exactly the obligations it carries;
* a **property** is a statement checked over its whole finite scope: every action × data
  category × purpose it names, in every combination of the context flags it leaves free;
* **coverage** (like `opa test --coverage`): every rule of the policy must fire on some row;
* **mutation** (`--mutate`): each rule in turn is deleted, and has its effect flipped (permit ↔
  forbid; a duty becomes a prohibition); every such mutant must fail some row or property.

Results are values (`TestReport`); the formats (text, JSON, JUnit) live at the bottom; the CLI
only picks one and maps the report to an exit code.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import patterns
from .citation import cite
from .decide import CompiledPolicy, Decision, InvalidQueryError
from .document import MAX_FILE_BYTES, Document
from .findings import Diagnostic, Severity, make
from .loader import Sources
from .model import (
    Expectation,
    PolicyProperty,
    TestRow,
    TestTable,
    rules_with_units,
)
from .readfile import read_file
from .values import field, record, record_mutable

TESTS_FOLDER = "tests"
KINDS = ("actions", "data", "purposes")


# ------------------------------------------------------------------------------ loading


@record
class TableFile:
    path: str
    doc: Document
    table: TestTable


@record
class NotRun:
    """A table whose rows and properties were not run: it cannot be read, or names what the
    policy does not have."""

    file: str
    rows: int | None  # None: the file could not be read, so its rows cannot be counted
    properties: int | None


Path_ = tuple[str | int, ...]

# A place in a table as people count it: rows and properties from 1, named by the row's
# question or the property's id (never a data path counted from 0).
PLACES = {
    "en": {"cases": "row {n}", "properties": "property {n}", "named": "{place} (“{name}”)",
           "field": "{place}, field {field}", "entry": "{field}, entry {n}", "sep": ": "},
    "ru": {"cases": "пример {n}", "properties": "свойство {n}", "named": "{place} («{name}»)",
           "field": "{place}, поле {field}", "entry": "{field}, элемент {n}", "sep": ": "},
    "ja": {"cases": "{n}件目の事例", "properties": "{n}件目の性質", "named": "{place}（「{name}」）",
           "field": "{place}の{field}", "entry": "{field}の{n}番目", "sep": "："},
}

# What a table's problems say, per language (engine/saying.py `fill`: plurals and quotes).
TABLE_WORDS = {
    "en": {"choice": "{field} is '{value}'; write {choices}",
           "by_number": "{field}: {value} is read as a number, and the clause number cannot be "
                        "told from it for sure; write the clause number in quotes, such as "
                        "{field}: \"3.2\"",
           "kind": "{field} must be {expected}, not {actual}",
           "kind_whole": "it must be {expected}, not {actual}",
           "unknown_field": "there is no field '{key}' here",
           "missing": "the field '{key}' is missing",
           "unknown_term": "unknown {kind} '{value}'",
           "suggest": " (did you mean {close}?)", "or": " or ", "quote": "'{}'",
           "close_sep": " or ",
           "not_run": "{file}: this table was not run ({rows} {rows:row|rows}, {properties} "
                      "{properties:property|properties}) until the {findings:finding above is|"
                      "findings above are} fixed",
           "held_mutation": "mutation score: held back until every table can be run",
           "not_read": "{file}: this table was not run until the {findings:finding above is|"
                       "findings above are} fixed",
           "held": "rule coverage: held back until every table can be run (a table not run "
                   "would change it)",
           "rows_not_run": "rows: {ok} of {total} pass; {skipped} more in tables not run",
           "failed_not_run": "FAILED: {n} {n:table was|tables were} not run; fix the findings "
                             "above"},
    "ru": {"choice": "в поле {field} написано «{value}»; напишите {choices}",
           "by_number": "{field}: {value} читается как число, и номер пункта по нему не "
                        "определить наверняка; запишите номер пункта в кавычках, например "
                        "{field}: \"3.2\"",
           "kind": "в поле {field} должно быть: {expected}, а написано: {actual}",
           "kind_whole": "здесь должно быть: {expected}, а написано: {actual}",
           "unknown_field": "здесь нет поля «{key}»",
           "missing": "не хватает поля «{key}»",
           "unknown_term": "в политике нет «{value}» ({kind})",
           "suggest": " (возможно, имелось в виду {close})", "or": " или ", "quote": "«{}»",
           "close_sep": ", ",
           "not_run": "{file}: эта таблица не проверена ({rows} {rows:пример|примера|"
                      "примеров}, {properties} {properties:свойство|свойства|свойств}) — "
                      "сначала исправьте {findings:замечание|замечания} выше",
           "held_mutation": "проверка изменениями правил: отложена, пока не удастся проверить "
                            "все таблицы",
           "not_read": "{file}: эта таблица не проверена — сначала исправьте "
                       "{findings:замечание|замечания} выше",
           "held": "охват правил: отложен, пока не удастся проверить все таблицы (непроверенная "
                   "таблица изменила бы его)",
           "rows_not_run": "примеры: выполнено {ok} из {total}; ещё {skipped} "
                           "{skipped:пример|примера|примеров} — в непроверенных таблицах",
           "failed_not_run": "ЕСТЬ ОШИБКИ: {n} {n:таблица не проверена|таблицы не проверены|"
                             "таблиц не проверено}; исправьте замечания выше"},
    "ja": {"choice": "{field}に「{value}」とは書けません。{choices}のどちらかを書いてください",
           "by_number": "{field}: {value} は数値として読まれるため、条項番号を確実には読み取れません。"
                        "{field}: \"3.2\" のように、条項番号を引用符で囲んで書いてください",
           "kind": "{field}には{expected}を書いてください（{actual}が書かれています）",
           "kind_whole": "{expected}を書いてください（{actual}が書かれています）",
           "unknown_field": "「{key}」という項目はここでは使えません",
           "missing": "「{key}」の項目がありません",
           "unknown_term": "「{value}」という{kind}はポリシーにありません",
           "suggest": "（近いもの：{close}）", "or": "または", "quote": "「{}」",
           "close_sep": "、",
           "not_run": "{file}：上の指摘（{findings}件）を直すまで、この表は実行していません"
                      "（事例{rows}件、性質{properties}件）",
           "held_mutation": "ルールを変えた場合の検出：すべての表を実行できるまで保留します",
           "not_read": "{file}：上の指摘（{findings}件）を直すまで、この表は実行していません",
           "held": "ルールの網羅：実行できない表があるため、すべての表を実行できるまで保留します"
                   "（実行していない表で結果が変わるため）",
           "rows_not_run": "事例：{total}件中{ok}件合格（ほかに、実行していない表の事例が{skipped}件"
                           "あります）",
           "failed_not_run": "不合格：実行できなかった表が{n}件あります。上の指摘を直してください"},
}


def table_words(lang: str) -> dict[str, str]:
    return TABLE_WORDS.get(lang, TABLE_WORDS["en"])


def _place_params(data: Any, path: Path_) -> dict[str, str | int]:
    """The row or property a data path falls in, as parameters: `where` (cases or
    properties), `n` (counted from 1), `name` (its question or id) and `field` (the rest)."""
    if len(path) < 2 or path[0] not in ("cases", "properties") or not isinstance(path[1], int):
        return {"field": "/".join(str(p) for p in path)}
    where, index = str(path[0]), path[1]
    entries = data.get(where) if isinstance(data, Mapping) else None
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    name = entry.get("ask" if where == "cases" else "id") if isinstance(entry, Mapping) else None
    params: dict[str, str | int] = {"where": where, "n": index + 1,
                                    "name": name if isinstance(name, str) else ""}
    rest = path[2:]
    if rest:
        params["field"] = str(rest[0])
        if len(rest) > 1 and isinstance(rest[1], int):
            params["entry"] = rest[1] + 1
    return params


def place_words(params: Mapping[str, Any], lang: str) -> str:
    """"row 2 (“collect contact service_operation”), field by" in `lang`."""
    p = PLACES.get(lang, PLACES["en"])
    where = params.get("where")
    if where not in ("cases", "properties"):
        return str(params.get("field", "")) or "document"
    text = p[str(where)].format(n=params["n"])
    if params.get("name"):
        text = p["named"].format(place=text, name=params["name"])
    return text


def _field_words(params: Mapping[str, Any], lang: str) -> str:
    p = PLACES.get(lang, PLACES["en"])
    name = str(params.get("field", ""))
    return p["entry"].format(field=name, n=params["entry"]) if "entry" in params else name


def _where_in_table(data: Any) -> Callable[[Path_], str]:
    """The schema findings' way of naming a place in a table: row or property and field."""
    def where_of(path: Path_) -> str:
        params = _place_params(data, path)
        place = place_words(params, "en")
        if "where" in params and params.get("field"):
            return PLACES["en"]["field"].format(place=place, field=_field_words(params, "en"))
        return place
    return where_of


def _listed(items: Iterable[str], lang: str) -> str:
    w = table_words(lang)
    return w["or"].join(w["quote"].format(i) for i in items)


def table_finding_text(d: Diagnostic, lang: str) -> str | None:
    """What a finding about a row or property of a table says in `lang` (None: not one)."""
    params = dict(d.params)
    say = params.get("table")
    if not isinstance(say, str):
        return None
    from .saying import fill

    w, p = table_words(lang), PLACES.get(lang, PLACES["en"])
    field_words = _field_words(params, lang)
    if say == "shape":  # a value of the wrong shape: the policy's own words for the shape
        from .basewords import BASE_WORDS
        from .saying import template

        shaped = {"form": str(params["shape"]), "value": str(params["value"]),
                  "number": str(params.get("number", ""))}
        said = template(BASE_WORDS["SCHEMA004"].message, lang, shaped)
        body = fill(said, lang, shaped) if said is not None else d.message
        if field_words:
            body = f"{field_words}{p['sep']}{body}"
    elif say == "choice":
        body = fill(w["choice"], lang, {
            "field": field_words, "value": str(params["value"]),
            "choices": _listed(str(params["choices"]).split("\x1f"), lang)})
    elif say == "unknown_term":
        from .saying import word

        body = fill(w["unknown_term"], lang, {"kind": word(str(params["kind"]), lang),
                                              "value": str(params["value"])})
    elif say == "kind":
        from .schema import _plain_kind

        whole = not (field_words or params.get("field"))
        body = fill(w["kind_whole" if whole else "kind"], lang, {
            "field": field_words or str(params.get("field", "")),
            "expected": str(params.get(f"expected_{lang}", params["expected_en"])),
            "actual": _plain_kind(str(params["actual"]), lang)})
    elif say in ("by_number", "unknown_field", "missing"):
        body = fill(w[say], lang, {"value": str(params.get("value", "")),
                                   "field": str(params.get("field", "")),
                                   "key": str(params.get("key", ""))})
    else:
        return None
    close = str(params.get("close", ""))
    if close:
        body += w["suggest"].format(close=w["close_sep"].join(
            w["quote"].format(c) for c in close.split("\x1f")))
    if "where" not in params:  # a field of the table itself: the field names the place
        return body
    return place_words(params, lang) + p["sep"] + body


def _table_finding(code: str, doc: Document, path: Path_, say: str, *, at_key: bool = False,
                   close: Sequence[str] = (), **values: str) -> Diagnostic:
    """A finding about a row or property, at its place, said by `table_finding_text`; the
    English is its message (the machine formats keep it, and the hint names the close ids)."""
    pos = doc.pos(path, key=at_key)
    params: dict[str, str | int] = {"table": say, **_place_params(doc.data, path), **values}
    if close:
        params["close"] = "\x1f".join(close)
    finding = make(code, "", doc.file, pos.line, pos.col, params=params)
    text = table_finding_text(finding, "en")
    assert text is not None
    hint = None
    if close:
        text, _, rest = text.rpartition(" (did you mean ")
        hint = "did you mean " + rest[:-1]
    return make(code, text, doc.file, pos.line, pos.col, hint=hint, params=params)


def _shape_findings(doc: Document) -> list[Diagnostic]:
    """The schema findings of a table, each naming the row or property as people count it and
    saying what to write instead; the shapes the policy's files share are said in the same
    words (engine/schema.py, engine/basewords.py SCHEMA004)."""
    from .citation import parse as parse_cited
    from .names import closest
    from .schema import (
        _diagnose,
        _expected,
        _shape_of,
        _type_name,
        _unmatched_pattern,
        shape_errors,
    )

    where_of = _where_in_table(doc.data)
    found: list[Diagnostic] = []

    def shaped(path: Path_, instance: str, shape: str) -> None:
        dotted = parse_cited(instance) if shape == "clause_number" else None
        if dotted is not None and dotted != instance.strip():  # 第3項第2号: write 3.2 here
            found.append(_table_finding("SCHEMA004", doc, path, "shape", value=instance,
                                        shape="clause_printed", number=dotted))
        else:
            found.append(_table_finding("SCHEMA004", doc, path, "shape", value=instance,
                                        shape=shape))

    def say(error: Any) -> None:
        path = tuple(error.absolute_path)
        v, instance = error.validator, error.instance
        schema = error.schema if isinstance(error.schema, dict) else {}
        in_entry = len(path) >= 2 and path[0] in ("cases", "properties")
        if not in_entry and v not in ("type", "anyOf", "oneOf"):
            found.extend(_diagnose(error, doc, where_of))
        elif v in ("enum", "const"):
            allowed = [str(a) for a in schema.get("enum") or [schema.get("const")]]
            found.append(_table_finding("SCHEMA004", doc, path, "choice", value=str(instance),
                                        choices="\x1f".join(allowed)))
        elif (path[-1] in _CLAUSE_FIELDS.values() and isinstance(instance, (int, float))
              and not isinstance(instance, bool)):
            found.append(_table_finding("SCHEMA003", doc, path, "by_number",
                                        value=_number_source(doc, path) or str(instance)))
        elif v == "pattern" and isinstance(instance, str) and path[-1] != "id":
            shaped(path, instance, _shape_of(schema))
        elif v in ("anyOf", "oneOf") and isinstance(instance, str) and (
                option := _unmatched_pattern(schema.get(v, []), instance)) is not None:
            shaped(path, instance, _shape_of(option))
        elif v in ("anyOf", "oneOf") and isinstance(instance, str) and (
                choice := next((e for e in error.context or ()
                                if e.validator in ("enum", "const")), None)) is not None:
            # text where a choice of words or a group of fields may stand (a property's
            # expect): said as the choice of words it missed
            say(choice)
        elif v == "additionalProperties" and isinstance(instance, dict):
            known = sorted(schema.get("properties", {}))
            for key in sorted(set(instance) - set(known)):
                found.append(_table_finding("SCHEMA001", doc, (*path, key), "unknown_field",
                                            at_key=True, close=closest(key, known), key=key))
        elif v == "required" and isinstance(instance, dict):
            for key in sorted(set(schema.get("required", [])) - set(instance)):
                found.append(_table_finding("SCHEMA002", doc, path, "missing", key=key))
        elif v in ("type", "anyOf", "oneOf") and _type_name(instance) not in ("mapping", "list"):
            found.append(_table_finding(
                "SCHEMA003", doc, path, "kind", actual=_type_name(instance),
                expected_en=_expected(schema), expected_ja=_expected(schema, "ja"),
                expected_ru=_expected(schema, "ru")))
        else:
            found.extend(_diagnose(error, doc, where_of))

    for error in shape_errors(doc, "tests"):
        say(error)
    return found


def _number_source(doc: Document, path: Path_) -> str | None:
    """The text a number was written as in the file (YAML reads 3.10 as 3.1), if found."""

    pos = doc.pos(path)
    lines = doc.text.splitlines()
    if not 0 < pos.line <= len(lines):
        return None
    match = patterns.compile(r"[^\s,\]}#]+").match(lines[pos.line - 1][pos.col - 1:])
    return match.group(0) if match else None


# The fields of a row and of a property that hold a clause number.
_CLAUSE_FIELDS = {"cases": "by", "properties": "clause"}


def _clause_numbers_as_text(doc: Document) -> Document:
    """A table whose clause numbers (a row's `by:`, a property's `clause:`) are written as bare
    numbers (by: 3.2, which YAML reads as a number), with each such number as the clause
    number it was written as, when the file's text shows it (3.10 stays 3.10); a number the
    text does not show as a clause number is left for the schema to refuse."""

    from .model import CLAUSE_NUMBER_PATTERN

    if not isinstance(doc.data, Mapping):
        return doc
    data = dict(doc.data)
    for where, name in _CLAUSE_FIELDS.items():
        entries = data.get(where)
        if not isinstance(entries, list):
            continue
        fixed = list(entries)
        for i, entry in enumerate(entries):
            number = entry.get(name) if isinstance(entry, Mapping) else None
            if not isinstance(number, (int, float)) or isinstance(number, bool):
                continue
            text = _number_source(doc, (where, i, name))
            if (text is not None and patterns.compile(CLAUSE_NUMBER_PATTERN).match(text)
                    and float(text) == number):
                fixed[i] = {**entry, name: text}
        data[where] = fixed
    if data == doc.data:
        return doc
    return Document(doc.file, data, doc.text, doc.positions, doc.key_positions)


def _rows_and_properties(data: Any) -> tuple[int, int]:
    def count(key: str) -> int:
        value = data.get(key) if isinstance(data, Mapping) else None
        return len(value) if isinstance(value, list) else 0
    return count("cases"), count("properties")


Tables = tuple[list[TableFile], list[Diagnostic], list[NotRun]]


def read_tables(policy_dir: Path) -> Tables:
    """Read and shape-check every `tests/*.yaml` of a policy folder: the tables that load,
    the findings, and the tables that do not load, with how many rows and properties each
    holds. In the resident server, tables of the same bytes are read once (engine/loader.py
    `kept`); elsewhere, with the caches on, once until they change (`_tables_on_disk`)."""
    from .inputs import caches_on
    from .loader import keeping, kept

    if not (keeping() or caches_on()):  # nothing is kept: the bytes are read once, by read_file
        return _read_tables(policy_dir)
    key = _tables_key(policy_dir)
    if key is None:  # unreadable: read_file says so
        return _read_tables(policy_dir)
    if keeping():
        files, found, not_run = kept("tables", key, lambda: _read_tables(policy_dir))
        return list(files), list(found), list(not_run)
    return _tables_on_disk(policy_dir, key)


TABLES_FORMAT = b"policy-tables-1"
MAX_CACHED_TABLES = 16


def _tables_key(policy_dir: Path) -> tuple[str, bool, tuple[tuple[str, bytes], ...]] | None:
    """Everything reading the tables reads: the folder as named, whether the tests folder is
    one, and each table's name and bytes; None when a table cannot be read so (a fifo, which
    would block, a folder, a file too big or unreadable: read_file says what)."""
    folder = Path(policy_dir) / TESTS_FOLDER
    try:
        paths = sorted(folder.glob("*.yaml"))
        if not all(p.is_file() and p.stat().st_size <= MAX_FILE_BYTES for p in paths):
            return None
        return str(policy_dir), folder.is_dir(), tuple((str(p), p.read_bytes()) for p in paths)
    except OSError:
        return None


def _tables_on_disk(policy_dir: Path, key: tuple[str, bool, tuple[tuple[str, bytes], ...]]
                    ) -> Tables:
    """The tables from the user's cache (the console script's caches on), by everything they
    are read from and the tool's own hash: `policy test` in a fresh process after an edit of
    an edition reads no table again while the tables stay as they were. Stored only when the
    tables did not change while they were read; a damaged entry is read afresh."""
    from .inputs import (
        Digest,
        add_tool,
        cache_folder,
        later,
        read_private_pickle,
        write_private_pickle,
    )

    def digest_of(key: tuple[str, bool, tuple[tuple[str, bytes], ...]]) -> str:
        digest = Digest(TABLES_FORMAT.decode())
        add_tool(digest)
        digest.add("folder", f"{key[0]}\0{key[1]}\0{Path.cwd()}")
        for name, raw in key[2]:
            digest.add(f"table:{name}", raw)
        return digest.hexdigest()

    entry = digest_of(key)
    hit = read_private_pickle(cache_folder("tables"), entry, TABLES_FORMAT)
    if (isinstance(hit, tuple) and len(hit) == 3 and all(isinstance(x, list) for x in hit)
            and all(isinstance(f, TableFile) for f in hit[0])
            and all(isinstance(d, Diagnostic) for d in hit[1])
            and all(isinstance(n, NotRun) for n in hit[2])):
        return list(hit[0]), list(hit[1]), list(hit[2])
    tables = _read_tables(policy_dir)

    def store_unchanged() -> None:
        again = _tables_key(policy_dir)
        if again is not None and digest_of(again) == entry:
            write_private_pickle(cache_folder("tables"), entry, TABLES_FORMAT,
                                 (list(tables[0]), list(tables[1]), list(tables[2])),
                                 MAX_CACHED_TABLES)

    later(store_unchanged)
    # copies: the caller extends them (run_tests adds the tables that name what the policy
    # lacks), and what is stored after the command must be what was read
    return list(tables[0]), list(tables[1]), list(tables[2])


def _read_tables(policy_dir: Path) -> Tables:
    from .lineread import read_bytes_fastest
    from .schema import build_model

    folder = Path(policy_dir) / TESTS_FOLDER
    files: list[TableFile] = []
    found: list[Diagnostic] = []
    not_run: list[NotRun] = []
    if not folder.is_dir():
        found.append(make("TEST005", "no tests folder: the policy has no expected answers",
                          str(folder), hint="add policy/tests/*.yaml (see docs/format.md)",
                          params={"form": "no_folder"}))
        return files, found, not_run
    for path in sorted(folder.glob("*.yaml")):
        # a clean table by the quickest path (the same document as engine.read gives)
        read = read_file(path, str(path), parse=read_bytes_fastest)
        found.extend(read.diagnostics)
        if read.document is None:
            not_run.append(NotRun(str(path), None, None))
            continue
        doc = _clause_numbers_as_text(read.document)
        shape = _shape_findings(doc)
        model = None
        if not shape:
            model, shape = build_model(doc, "tests", _where_in_table(doc.data))
        found.extend(shape)
        if not isinstance(model, TestTable):
            not_run.append(NotRun(str(path), *_rows_and_properties(doc.data)))
            continue
        files.append(TableFile(str(path), doc, model))
    return files, found, not_run


def load_tables(policy_dir: Path) -> tuple[list[TableFile], list[Diagnostic]]:
    """Read and shape-check every `tests/*.yaml` of a policy folder."""
    files, found, _ = read_tables(policy_dir)
    return files, found


# ------------------------------------------------------------------------------ results


@record
class RowResult:
    file: str
    line: int
    row: TestRow
    passed: bool
    problems: tuple[str, ...]  # in English, for CI; the explanations below are in `lang`
    expected: str  # the expected answer as a sentence in the report's language
    actual: str  # the engine's explanation in the report's language
    question: str = ""  # the row's question in the report's language, with its ids


@record
class PropertyResult:
    file: str
    line: int
    prop: PolicyProperty
    questions: int  # how many questions the property was checked on
    counterexample: str | None  # the first question where it fails, with the engine's answer


@record
class RuleInfo:
    index: int  # in the bundle
    clause: str  # dotted number
    number_in_clause: int  # 1-based
    effect: str
    file: str
    line: int

    def name(self) -> str:
        return f"rule {self.number_in_clause} of clause {self.clause} ({self.effect})"


@record
class Mutant:
    rule: RuleInfo
    kind: str  # "deleted" | "flipped to forbid" | "flipped to permit"
    caught_by: str | None  # the first row or property that failed on it


@record_mutable
class TestReport:
    rows: list[RowResult] = field(default_factory=list)
    properties: list[PropertyResult] = field(default_factory=list)
    rules: list[RuleInfo] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)
    mutants: list[Mutant] | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # load problems and findings
    # Tables not run (they cannot be read, or name what the policy lacks): while there are
    # any, rule coverage and mutation are held back (the rows not run would change them).
    not_run: list[NotRun] = field(default_factory=list)
    mutation_held: bool = False  # --mutate was asked for while a table was not run

    @property
    def held_back(self) -> bool:
        return bool(self.not_run)

    @property
    def failed_rows(self) -> list[RowResult]:
        return [r for r in self.rows if not r.passed]

    @property
    def failed_properties(self) -> list[PropertyResult]:
        return [p for p in self.properties if p.counterexample is not None]

    @property
    def uncovered(self) -> list[RuleInfo]:
        if self.held_back:
            return []
        return [r for r in self.rules if r.index not in self.covered]

    @property
    def survivors(self) -> list[Mutant]:
        return [m for m in self.mutants or [] if m.caught_by is None]

    @property
    def loaded(self) -> bool:
        return not any(d.severity is Severity.ERROR and not d.code.startswith("TEST00")
                       for d in self.diagnostics)

    @property
    def ok(self) -> bool:
        return (self.loaded and not self.failed_rows and not self.failed_properties
                and not self.uncovered and not self.survivors
                and not any(d.severity is Severity.ERROR for d in self.diagnostics))


# ------------------------------------------------------------------------------ checking a row

WORDS = {
    "en": {"allow": "allowed", "deny": "denied", "by": "by {clause}",
           "obligations": "with the obligations: {items}", "none": "with no obligations"},
    "ru": {"allow": "разрешено", "deny": "запрещено", "by": "согласно {clause}",
           "obligations": "с обязанностями: {items}", "none": "без обязанностей"},
    "ja": {"allow": "許可", "deny": "不許可", "by": "（{clause}による）",
           "obligations": "遵守事項：{items}", "none": "遵守事項なし"},
}


# The text report's own words, per language (the explanations come from engine/messages.py).
REPORT = {
    "en": {"fail": "FAIL", "expected": "expected:", "actual": "actual:", "why": "why:",
           "counterexample": "counterexample:", "property": "property {id}: {says}",
           "rows": "rows: {ok} of {total} pass",
           "properties": "properties: {ok} of {total} hold ({questions} questions checked)",
           "coverage": "rule coverage: {covered} of {total} rules ({pct}%)",
           "mutation": "mutation score: {caught} of {total} mutants caught ({pct}%)",
           "ok": "OK", "failed": "FAILED",
           "given": ", given {flags}", "given_flag": "{quoted}", "flags_sep": ", ",
           "flags_join": " and ",
           "wrong_answer": "expected: {want}, but the answer is: {got}",
           "without": "allowed without the obligations: {items}",
           "same_as": "answered “{got}”, but {other} is answered “{other_got}”",
           "uncovered": "{rule} is not exercised by any row (add a row to policy/tests/ whose "
                        "question this rule decides)",
           "survivor": "no row or property notices when {rule} is {kind} (add a row that pins "
                       "down what this rule decides)",
           "rule": "rule {n} of {clause} ({effect})",
           "permit": "permit", "forbid": "forbid", "oblige": "obligation",
           "deleted": "removed", "flipped to forbid": "reversed into a prohibition",
           "flipped to permit": "reversed into a permission"},
    "ru": {"fail": "ОШИБКА", "expected": "ожидалось:", "actual": "получено:", "why": "почему:",
           "counterexample": "контрпример:", "property": "свойство {id}: {says}",
           "rows": "примеры: выполнено {ok} из {total}",
           "properties": "свойства: выполнено {ok} из {total} (проверено вопросов: "
                         "{questions})",
           "coverage": "охват правил: {covered} из {total} ({pct} %)",
           "mutation": "проверка изменениями правил: замечено {caught} из {total} ({pct} %)",
           "ok": "ВСЁ В ПОРЯДКЕ", "failed": "ЕСТЬ ОШИБКИ",
           # A flag's label is a statement, said as the explanations say a condition
           # (engine/messages.py): «…, если пользователь отказался от рассылки».
           "given": ", если {flags}", "given_flag": "{label}", "flags_sep": ", ",
           "flags_join": " и ",
           "wrong_answer": "ожидалось: {want}, а ответ: {got}",
           "without": "разрешено без обязанностей: {items}",
           "same_as": "ответ «{got}», но для {other} ответ «{other_got}»",
           "uncovered": "{rule} не проверяется ни одним примером (добавьте в policy/tests/ "
                        "пример с вопросом, который решает это правило)",
           "survivor": "ни один пример и ни одно свойство не заметят, если {rule} будет "
                       "{kind} (добавьте пример, который закрепляет решение этого правила)",
           "rule": "правило {n} из {clause} ({effect})",
           "permit": "разрешение", "forbid": "запрет", "oblige": "обязанность",
           "deleted": "удалено", "flipped to forbid": "заменено запретом",
           "flipped to permit": "заменено разрешением"},
    "ja": {"fail": "不合格", "expected": "期待する結果：", "actual": "実際の結果：",
           "why": "理由：", "counterexample": "反例：", "property": "性質「{id}」：{says}",
           "rows": "事例：{total}件中{ok}件合格",
           "properties": "性質：{total}件中{ok}件成立（確認した質問{questions}件）",
           "coverage": "ルールの網羅：{total}件中{covered}件（{pct}%）",
           "mutation": "ルールを変えた場合の検出：{total}件中{caught}件（{pct}%）",
           "ok": "すべて合格", "failed": "不合格あり",
           "given": "（前提：{flags}）", "given_flag": "{quoted}", "flags_sep": "、",
           "flags_join": "、",
           "wrong_answer": "{want}のはずが、{got}でした",
           "without": "遵守事項（{items}）なしで許可されています",
           "same_as": "「{got}」でしたが、{other}は「{other_got}」です",
           "uncovered": "{rule}を試す事例がありません（このルールが決める質問の事例を"
                        "policy/tests/に追加してください）",
           "survivor": "{rule}が{kind}場合も、これに気付く事例または性質がありません"
                       "（このルールの決める内容を確かめる事例を追加してください）",
           "rule": "{clause}のルール{n}（{effect}）",
           "permit": "許可", "forbid": "禁止", "oblige": "遵守事項",
           "deleted": "削除された", "flipped to forbid": "禁止に反転された",
           "flipped to permit": "許可に反転された"},
}


def report_words(lang: str) -> dict[str, str]:
    return REPORT.get(lang, REPORT["en"])


def question_words(policy: CompiledPolicy, action: str, data: str, purpose: str,
                   given: Iterable[str], lang: str) -> str:
    """A question in `lang`, by its labels, with the ids in parentheses for the YAML:
    "“use” of “contact details” for “e-mail newsletters”, given “…” (use contact newsletter;
    opted_out)"; in Russian the flags read as the explanations' conditions do («…, если
    пользователь отказался от рассылки»)."""
    from .messages import FRAMES

    f, w = FRAMES.get(lang, FRAMES["en"]), report_words(lang)

    def said(kind: str, term: str) -> str:
        return policy.label(kind, term, lang) if term in policy.vocabulary.get(kind, {}) else term

    def q(kind: str, term: str) -> str:
        return f["quote"].format(said(kind, term))

    on = list(given)
    text = f["member"].format(action=q("actions", action), data=q("data", data),
                              purpose=q("purposes", purpose))
    if on:
        flags = [w["given_flag"].format(label=said("context", g), quoted=q("context", g))
                 for g in on]  # "A, B and C"
        text += w["given"].format(flags=flags[0] if len(flags) == 1 else w["flags_sep"].join(
            flags[:-1]) + w["flags_join"] + flags[-1])
    ids = f"{action} {data} {purpose}" + (f"; {', '.join(on)}" if on else "")
    return f"{text} ({ids})" if lang != "ja" else f"{text}（{ids}）"


def rule_words(rule: RuleInfo, lang: str) -> str:
    w = report_words(lang)
    return w["rule"].format(n=rule.number_in_clause, clause=cite(rule.clause, lang),
                            effect=w.get(rule.effect, rule.effect))


def _flags(policy: CompiledPolicy, given: Iterable[str]) -> dict[str, bool]:
    on = set(given)
    return {f: f in on for f in policy.flags}


def _obligation_pairs(d: Decision) -> list[tuple[str, str]]:
    return sorted((o.id, o.clause.number) for o in d.obligations)


def _expected_obligations(row: TestRow) -> tuple[list[tuple[str, str]], bool]:
    """(id, clause) pairs, and whether every entry named its clause."""
    pairs = []
    exact = True
    for entry in row.obligations or ():
        ident, _, number = entry.partition(" ")
        pairs.append((ident, number.strip()))
        exact = exact and bool(number.strip())
    return sorted(pairs), exact


def expected_sentence(policy: CompiledPolicy, row: TestRow, lang: str) -> str:
    w = WORDS.get(lang, WORDS["en"])
    parts = [w[row.expect]]
    if row.by:
        parts.append(w["by"].format(clause=cite(row.by, lang)))
    if row.obligations is not None and row.expect == "allow":
        names = [policy.label("obligations", e.split(" ")[0], lang)
                 if e.split(" ")[0] in policy.vocabulary["obligations"] else e
                 for e in row.obligations]
        parts.append(w["obligations"].format(items="; ".join(names)) if names else w["none"])
    sep = "" if lang == "ja" else " "
    return sep.join(parts)


def check_row(policy: CompiledPolicy, row: TestRow) -> tuple[Decision | None, list[str]]:
    """The engine's answer to a row and what differs from the expectation (empty: passed)."""
    action, data, purpose = row.ask.split(" ")
    try:
        d = policy.decide(action, data, purpose, _flags(policy, row.given))
    except InvalidQueryError as exc:
        return None, [str(exc)]
    problems = []
    if d.outcome != row.expect:
        problems.append(f"expected {row.expect}, got {d.outcome}")
    if row.by is not None and row.by not in {c.number for c in d.clauses}:
        problems.append(f"expected clause {row.by} to decide, but "
                        + ", ".join(c.number for c in d.clauses) + " decided")
    if row.obligations is not None and d.allowed:
        want, exact = _expected_obligations(row)
        got = _obligation_pairs(d)
        if not exact:
            got = sorted((i, "") for i, _ in got)
            want = sorted((i, "") for i, _ in want)
        if got != want:
            problems.append("expected obligations " + _show_pairs(want) + ", got "
                            + _show_pairs(got))
    return d, problems


def _show_pairs(pairs: Sequence[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{i} {n}".strip() for i, n in pairs) + "]" if pairs else "none"


def rule_fires(rule: Mapping[str, Any], action: str, data: str, purpose: str,
               context: Mapping[str, bool]) -> bool:
    return (action in rule["actions"] and data in rule["data"] and purpose in rule["purposes"]
            and all(context.get(f, False) == v for f, v in rule["when"].items()))


def _leaves(policy: CompiledPolicy, kind: str, term: str) -> tuple[str, ...]:
    entry = policy.vocabulary[kind].get(term)
    if entry is None:
        return ()
    return tuple(entry.get("members") or (term,))


# ------------------------------------------------------------------------------ properties


def scope_terms(policy: CompiledPolicy, prop: PolicyProperty, kind: str) -> list[str]:
    refs = getattr(prop.scope, kind)
    leaves = [t for t, e in policy.vocabulary[kind].items() if "members" not in e]
    out: list[str] = []
    for ref in refs:
        picked = leaves if ref == "*" else list(_leaves(policy, kind, ref))
        out.extend(p for p in picked if p not in out)
    if prop.scope.except_ is not None:
        drop = {leaf for ref in getattr(prop.scope.except_, kind)
                for leaf in _leaves(policy, kind, ref)}
        out = [t for t in out if t not in drop]
    return out


def _contexts(policy: CompiledPolicy, prop: PolicyProperty) -> list[dict[str, bool]]:
    fixed = {**dict.fromkeys(prop.given, True), **dict.fromkeys(prop.given_not, False)}
    free = [f for f in policy.flags if f not in fixed]
    return [{**fixed, **dict(zip(free, bits, strict=True))}
            for bits in itertools.product((False, True), repeat=len(free))]


def _context_masks(policy: CompiledPolicy, prop: PolicyProperty) -> list[int]:
    """The flag bits (bit i: policy.flags[i] is true) of each of `_contexts(policy, prop)`, in
    the same order, without building the contexts (a property over eight free flags has
    256)."""
    fixed = {**dict.fromkeys(prop.given, True), **dict.fromkeys(prop.given_not, False)}
    base = sum(1 << i for i, f in enumerate(policy.flags) if fixed.get(f, False))
    free = [1 << i for i, f in enumerate(policy.flags) if f not in fixed]
    masks = [base]
    for bit in free:  # itertools.product's order: the last free flag changes fastest
        masks = [m + on for m in masks for on in (0, bit)]
    return masks


class _Duties:
    """Per leaf question and obligation, the bit set of contexts in which a permit or a duty
    carrying that obligation fires (the same rule semantics as the engine: the obligation is on
    the answer wherever the answer is allow and such a rule fires)."""

    def __init__(self, policy: CompiledPolicy) -> None:
        # The contexts where each rule holds come from the decision table (engine/table.py),
        # the one definition of the rules.
        sets = policy.table.context_sets()
        self.bits: dict[tuple[str, str, str, str], int] = {}
        for rule in policy.table.rules:
            if rule.effect == "forbid" or not rule.obligations:
                continue
            holds = sets[rule.index]
            for key in itertools.product(rule.actions, rule.data, rule.purposes):
                for o in rule.obligations:
                    k = (*key, o)
                    self.bits[k] = self.bits.get(k, 0) | holds

    def missing(self, question: tuple[str, str, str], obligations: Iterable[str],
                allowed: int) -> int:
        """Contexts where the question is allowed without one of the obligations."""
        bad = 0
        for o in obligations:
            bad |= allowed & ~self.bits.get((*question, o), 0)
        return bad


def check_property(policy: CompiledPolicy, prop: PolicyProperty, lang: str = "en",
                   table: Any = None, duties: _Duties | None = None) -> tuple[int, str | None]:
    """How many questions were checked, and the first counterexample (None: it holds).

    Outcomes come from the decision table (a bit set over every context per question), so a
    property over the whole domain costs one lookup per question, not one per context; the
    engine itself is asked only where obligations matter and to explain a counterexample."""
    from .diff.decisions import Table

    tb = table if table is not None else Table(policy, policy.flags)
    axes = [scope_terms(policy, prop, k) for k in KINDS]
    masks = _context_masks(policy, prop)
    cmask = 0
    for m in masks:
        cmask |= 1 << m
    if duties is None and isinstance(prop.expect, Expectation) and prop.expect.obligations:
        duties = _Duties(policy)
    expect = prop.expect
    answer = expect if isinstance(expect, str) else expect.answer
    checked = 0
    for action, data, purpose in itertools.product(*axes):
        checked += len(masks)
        bits = tb.answer(action, data, purpose) & cmask
        bad = 0
        if answer == "allow":
            bad = cmask & ~bits
        elif answer == "deny":
            bad = bits
        if isinstance(expect, Expectation) and expect.same_as:
            swapped = [action, data, purpose]
            for kind, term in expect.same_as.items():
                swapped[KINDS.index(kind)] = term
            bad |= (bits ^ tb.answer(swapped[0], swapped[1], swapped[2])) & cmask
        if duties is not None and isinstance(expect, Expectation) and expect.obligations:
            bad |= duties.missing((action, data, purpose), expect.obligations, bits)
        if bad:
            ctx = next(c for c, m in zip(_contexts(policy, prop), masks, strict=True)
                       if bad >> m & 1)
            d = policy.decide(action, data, purpose, ctx)
            wrong = _violates(policy, expect, d, (action, data, purpose), ctx, lang)
            on = [f for f, v in sorted(ctx.items()) if v]
            sep = "：" if lang == "ja" else ": "
            return checked, (f"{question_words(policy, action, data, purpose, on, lang)}{sep}"
                             f"{wrong} — " + d.explain(lang))
    return checked, None


def _violates(policy: CompiledPolicy, expect: str | Expectation, d: Decision,
              question: tuple[str, str, str], ctx: Mapping[str, bool],
              lang: str = "en") -> str | None:
    """What a counterexample gets wrong, in `lang`."""
    w, words = report_words(lang), WORDS.get(lang, WORDS["en"])
    answer = expect if isinstance(expect, str) else expect.answer
    if answer is not None and d.outcome != answer:
        return w["wrong_answer"].format(want=words[answer], got=words[d.outcome])
    if isinstance(expect, str):
        return None
    if expect.obligations is not None and d.allowed:
        have = {o.id for o in d.obligations}
        missing = [o for o in expect.obligations if o not in have]
        if missing:
            sep = "、" if lang == "ja" else ", "
            return w["without"].format(items=sep.join(
                policy.label("obligations", o, lang)
                if o in policy.vocabulary["obligations"] else o for o in missing))
    if expect.same_as:
        swapped = list(question)
        for kind, term in expect.same_as.items():
            swapped[KINDS.index(kind)] = term
        other = policy.decide(swapped[0], swapped[1], swapped[2], dict(ctx))
        if other.allowed != d.allowed:
            on = [f for f, v in sorted(ctx.items()) if v]
            return w["same_as"].format(
                got=words[d.outcome], other_got=words[other.outcome],
                other=question_words(policy, swapped[0], swapped[1], swapped[2], on, lang))
    return None


# ------------------------------------------------------------------------------ running


def _rule_infos(src: Sources) -> list[RuleInfo]:
    infos: list[RuleInfo] = []
    if src.master is None or src.master_doc is None:
        return infos
    for i, (unit, index, rule) in enumerate(rules_with_units(src.master)):
        pos = src.master_doc.pos((*unit.data_path, "rules", index))
        infos.append(RuleInfo(i, unit.number, index + 1, rule.effect, src.master_doc.file,
                              pos.line))
    return infos


def _validate(policy: CompiledPolicy, files: Sequence[TableFile]) -> list[Diagnostic]:
    """Rows and properties that name terms, flags or clauses the policy does not have, each
    said at its row or property with the closest ids the policy has."""
    from .names import closest

    found: list[Diagnostic] = []
    numbers = {str(c["number"]) for c in policy.bundle["clauses"].values()}
    flags = set(policy.flags)
    obligations = set(policy.vocabulary["obligations"])

    def bad(doc: Document, path: tuple[str | int, ...], what: str, word: str,
            choices: Iterable[str]) -> None:
        found.append(_table_finding("TEST005", doc, path, "unknown_term",
                                    close=closest(word, choices), kind=what, value=word))

    for tf in files:
        for i, row in enumerate(tf.table.cases):
            for kind, term in zip(KINDS, row.ask.split(" "), strict=True):
                if term not in policy.vocabulary[kind]:
                    bad(tf.doc, ("cases", i, "ask"), kind.rstrip("s") if kind != "data"
                        else "data category", term, policy.vocabulary[kind])
            for j, flag in enumerate(row.given):
                if flag not in flags:
                    bad(tf.doc, ("cases", i, "given", j), "context flag", flag, flags)
            if row.by is not None and row.by not in numbers:
                bad(tf.doc, ("cases", i, "by"), "clause", row.by, numbers)
            for j, entry in enumerate(row.obligations or ()):
                ident, _, number = entry.partition(" ")
                if ident not in obligations:
                    bad(tf.doc, ("cases", i, "obligations", j), "obligation", ident, obligations)
                if number and number not in numbers:
                    bad(tf.doc, ("cases", i, "obligations", j), "clause", number, numbers)
        for i, prop in enumerate(tf.table.properties):
            for kind in KINDS:
                refs = list(getattr(prop.scope, kind))
                if prop.scope.except_ is not None:
                    refs += list(getattr(prop.scope.except_, kind))
                for term in refs:
                    if term != "*" and term not in policy.vocabulary[kind]:
                        bad(tf.doc, ("properties", i, "for", kind), kind.rstrip("s")
                            if kind != "data" else "data category", term,
                            policy.vocabulary[kind])
            for flag in (*prop.given, *prop.given_not):
                if flag not in flags:
                    bad(tf.doc, ("properties", i), "context flag", flag, flags)
            expect = prop.expect
            if isinstance(expect, Expectation):
                for ob in expect.obligations or ():
                    if ob not in obligations:
                        bad(tf.doc, ("properties", i, "expect"), "obligation", ob, obligations)
                for kind, term in (expect.same_as or {}).items():
                    if term not in policy.vocabulary[kind]:
                        bad(tf.doc, ("properties", i, "expect"), kind.rstrip("s")
                            if kind != "data" else "data category", term,
                            policy.vocabulary[kind])
    return found


def _covered(policy: CompiledPolicy, files: Sequence[TableFile]) -> set[int]:
    """Rules that fire on some row: the row's question is in the rule's scope and its
    condition holds in the row's context (group questions count for each member)."""
    rules = policy.bundle["rules"]
    covered: set[int] = set()
    for tf in files:
        for row in tf.table.cases:
            parts = row.ask.split(" ")
            ctx = _flags(policy, row.given)
            axes = [_leaves(policy, k, t) for k, t in zip(KINDS, parts, strict=True)]
            for a, d, p in itertools.product(*axes):
                for i, rule in enumerate(rules):
                    if i not in covered and rule_fires(rule, a, d, p, ctx):
                        covered.add(i)
    return covered


def _first_failure(policy: CompiledPolicy, files: Sequence[TableFile]) -> str | None:
    table: Any = None
    duties: _Duties | None = None
    for tf in files:
        for i, row in enumerate(tf.table.cases):
            _, problems = check_row(policy, row)
            if problems:
                return f"{tf.path}:{tf.doc.pos(('cases', i)).line} ({row.ask})"
        for i, prop in enumerate(tf.table.properties):
            if table is None:
                from .diff.decisions import Table

                table = Table(policy, policy.flags)
                duties = _Duties(policy)
            if check_property(policy, prop, table=table, duties=duties)[1] is not None:
                return f"{tf.path}:{tf.doc.pos(('properties', i)).line} (property {prop.id})"
    return None


def mutants(policy: CompiledPolicy, rules: Sequence[RuleInfo],
            files: Sequence[TableFile]) -> Iterator[Mutant]:
    """Each rule deleted, and each rule's effect flipped: which row or property catches it."""
    base = policy.bundle_dict()
    for info in rules:
        flipped = {"permit": "forbid", "forbid": "permit", "oblige": "forbid"}[info.effect]
        for kind in ("deleted", f"flipped to {flipped}"):
            bundle = dict(base)
            new_rules = [dict(r) for r in base["rules"]]
            if kind == "deleted":
                del new_rules[info.index]
            else:
                new_rules[info.index]["effect"] = flipped
                if flipped == "forbid":
                    new_rules[info.index]["obligations"] = []
            bundle["rules"] = new_rules
            yield Mutant(info, kind, _first_failure(CompiledPolicy(bundle), files))


def run_tests(src: Sources, policy: CompiledPolicy, policy_dir: Path, *, lang: str = "en",
              mutate: bool = False) -> TestReport:
    """Run every table of the policy folder against the compiled policy: the tables that
    cannot be read or name what the policy lacks are not run, and then rule coverage and
    mutation are held back (they would count what the rows not run exercise)."""
    files, found, not_run = read_tables(policy_dir)
    report = TestReport(diagnostics=list(found), not_run=list(not_run))
    report.rules = _rule_infos(src)
    problems = _validate(policy, files)
    report.diagnostics.extend(problems)
    if problems:
        naming_unknown = {d.file for d in problems}
        report.not_run.extend(NotRun(tf.path, len(tf.table.cases), len(tf.table.properties))
                              for tf in files if tf.path in naming_unknown)
        report.not_run.sort(key=lambda n: n.file)
        files = [tf for tf in files if tf.path not in naming_unknown]
    from .diff.decisions import Table

    table, duties = Table(policy, policy.flags), _Duties(policy)
    for tf in files:
        for i, row in enumerate(tf.table.cases):
            d, wrong = check_row(policy, row)
            line = tf.doc.pos(("cases", i)).line
            report.rows.append(RowResult(
                tf.path, line, row, not wrong, tuple(wrong),
                expected_sentence(policy, row, lang),
                d.explain(lang) if d is not None else "; ".join(wrong),
                _row_question(policy, row, lang)))
            if wrong:
                report.diagnostics.append(make(
                    "TEST001", f"{row.ask}{_given(row)}: " + "; ".join(wrong), tf.path, line, 1,
                    hint=row.why))
        for i, prop in enumerate(tf.table.properties):
            line = tf.doc.pos(("properties", i)).line
            checked, counter = check_property(policy, prop, lang, table, duties)
            report.properties.append(PropertyResult(tf.path, line, prop, checked, counter))
            if counter is not None:
                report.diagnostics.append(make(
                    "TEST002", f"property {prop.id} does not hold: {prop.says}", tf.path, line,
                    1, detail=(f"counterexample: {counter}",)))
    if report.held_back:
        report.mutation_held = mutate
        return report
    report.covered = _covered(policy, files)
    for rule in report.uncovered:
        report.diagnostics.append(make(
            "TEST003", f"{rule.name()} is not exercised by any row", rule.file, rule.line, 1,
            hint="add a row to policy/tests/ whose question this rule decides"))
    if mutate:
        report.mutants = list(mutants(policy, report.rules, files))
        for m in report.survivors:
            report.diagnostics.append(make(
                "TEST004", f"no row or property notices when {m.rule.name()} is {m.kind}",
                m.rule.file, m.rule.line, 1,
                hint="add a row that pins down what this rule decides"))
    return report


def _row_question(policy: CompiledPolicy, row: TestRow, lang: str) -> str:
    parts = row.ask.split(" ")
    if len(parts) != 3:
        return row.ask + _given(row)
    return question_words(policy, parts[0], parts[1], parts[2], row.given, lang)


def _given(row: TestRow) -> str:
    return f" (given: {', '.join(row.given)})" if row.given else ""


# ------------------------------------------------------------------------------ formats


def format_text(report: TestReport, lang: str = "en") -> str:
    """The report for people, in `lang`: failures with the question in words, then the
    counts. The JSON and JUnit formats keep the ids and English codes for tools."""
    from .saying import fill

    w, tw = report_words(lang), table_words(lang)
    lines: list[str] = []
    for d in report.diagnostics:
        if d.code in ("TEST001", "TEST002", "TEST003", "TEST004"):
            continue
        lines.append(f"{d.location}: {d.code} {_finding_words(d, lang)}")
        lines.extend(f"    {x}" for x in d.detail)
    for n in report.not_run:  # "until the findings above are fixed": how many are about it
        findings = sum(d.file == n.file for d in report.diagnostics)
        lines.append(fill(tw["not_read"] if n.rows is None else tw["not_run"], lang,
                          {"file": n.file, "rows": n.rows or 0,
                           "properties": n.properties or 0, "findings": max(findings, 1)}))
    for rule in report.uncovered:
        lines.append(f"{rule.file}:{rule.line}:1: TEST003 " + w["uncovered"].format(
            rule=rule_words(rule, lang)))
    for m in report.survivors if report.mutants is not None else ():
        lines.append(f"{m.rule.file}:{m.rule.line}:1: TEST004 " + w["survivor"].format(
            rule=rule_words(m.rule, lang), kind=w.get(m.kind, m.kind)))
    # Japanese labels end in a full-width colon and are not padded (their width is not len()).
    pad = 0 if lang == "ja" else max(len(w[k]) for k in ("expected", "actual", "why")) + 1
    gap = "" if lang == "ja" else " "
    for r in report.failed_rows:
        lines.append(f"{w['fail']} {r.file}:{r.line}: {r.question or r.row.ask + _given(r.row)}")
        lines.append(f"    {w['expected']:<{pad}}{r.expected}")
        lines.append(f"    {w['actual']:<{pad}}{r.actual}")
        if r.row.why:
            lines.append(f"    {w['why']:<{pad}}{r.row.why}")
    for p in report.failed_properties:
        lines.append(f"{w['fail']} {p.file}:{p.line}: "
                     + w["property"].format(id=p.prop.id, says=p.prop.says))
        lines.append(f"    {w['counterexample']}{gap}{p.counterexample}")
    rows_ok = len(report.rows) - len(report.failed_rows)
    props_ok = len(report.properties) - len(report.failed_properties)
    covered = len(report.rules) - len(report.uncovered)
    pct = 100.0 * covered / len(report.rules) if report.rules else 100.0
    skipped = sum(n.rows or 0 for n in report.not_run)
    lines.append(fill(tw["rows_not_run"], lang, {"ok": rows_ok, "total": len(report.rows),
                                                 "skipped": skipped}) if skipped
                 else w["rows"].format(ok=rows_ok, total=len(report.rows)))
    questions = f"{sum(p.questions for p in report.properties):,}"  # 2,541,568; ru 2 541 568
    lines.append(w["properties"].format(
        ok=props_ok, total=len(report.properties),
        questions=questions.replace(",", "\u00a0") if lang == "ru" else questions))
    if report.held_back:
        lines.append(tw["held"])
    else:
        lines.append(w["coverage"].format(covered=covered, total=len(report.rules),
                                          pct=f"{pct:.0f}"))
    if report.mutants is not None:
        caught = len(report.mutants) - len(report.survivors)
        score = 100.0 * caught / len(report.mutants) if report.mutants else 100.0
        lines.append(w["mutation"].format(caught=caught, total=len(report.mutants),
                                          pct=f"{score:.0f}"))
    elif report.mutation_held:
        lines.append(tw["held_mutation"])
    lines.append(w["ok"] if report.ok else fill(tw["failed_not_run"], lang,
                                                {"n": len(report.not_run)})
                 if report.not_run else w["failed"])
    return "\n".join(lines) + "\n"


def _finding_words(d: Diagnostic, lang: str) -> str:
    """A load finding in `lang`: a row's or property's in the tables' own words; any other
    (a file that cannot be read) as `policy check` says it (engine/humane.py)."""
    said = table_finding_text(d, lang) if lang != "en" else None
    if said is not None:
        return said
    if lang == "en":
        return d.message + (f" ({d.hint})" if d.hint else "")
    from .humane import finding_text

    return finding_text(d, lang)


def format_json(report: TestReport) -> str:
    out: dict[str, Any] = {
        "ok": report.ok,
        "rows": [{"file": r.file, "line": r.line, "ask": r.row.ask, "given": list(r.row.given),
                  "expect": r.row.expect, "by": r.row.by, "passed": r.passed,
                  "problems": list(r.problems), "expected": r.expected, "actual": r.actual}
                 for r in report.rows],
        "properties": [{"file": p.file, "line": p.line, "id": p.prop.id, "says": p.prop.says,
                        "questions": p.questions, "holds": p.counterexample is None,
                        "counterexample": p.counterexample} for p in report.properties],
        "not_run": [{"file": n.file, "rows": n.rows, "properties": n.properties}
                    for n in report.not_run],
        "coverage": {"held_back": report.held_back, "rules": len(report.rules),
                     "covered": len(report.rules) - len(report.uncovered),
                     "uncovered": [{"rule": r.name(), "file": r.file, "line": r.line}
                                   for r in report.uncovered]},
        "diagnostics": [d.to_json() for d in report.diagnostics],
    }
    if report.mutants is not None:
        out["mutation"] = {
            "mutants": len(report.mutants),
            "caught": len(report.mutants) - len(report.survivors),
            "survivors": [{"rule": m.rule.name(), "mutant": m.kind, "line": m.rule.line}
                          for m in report.survivors]}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


_CASE_CODES = frozenset({"TEST001", "TEST002", "TEST003", "TEST004"})  # a case of their own


def format_junit(report: TestReport) -> str:
    """JUnit XML: one test suite per table file, plus one for coverage and mutation."""
    # Here, not at the top: xml.sax.saxutils imports urllib.request (http, ssl, email), which
    # every other report and the diff would pay for.
    from xml.sax.saxutils import escape, quoteattr

    suites: dict[str, list[str]] = {}
    failures: dict[str, int] = {}
    skips: dict[str, int] = {}

    def case(suite: str, name: str, failure: str | None, skipped: str | None = None) -> None:
        body = (f"<failure message={quoteattr(failure.splitlines()[0])}>{escape(failure)}"
                "</failure>") if failure else ""
        if skipped and not failure:
            body = f"<skipped message={quoteattr(skipped)}/>"
        suites.setdefault(suite, []).append(
            f'    <testcase classname={quoteattr(suite)} name={quoteattr(name)}>{body}'
            "</testcase>")
        failures[suite] = failures.get(suite, 0) + (1 if failure else 0)
        if skipped and not failure:
            skips[suite] = skips.get(suite, 0) + 1

    for r in report.rows:
        case(r.file, f"line {r.line}: {r.row.ask}{_given(r.row)}",
             None if r.passed else "\n".join([*r.problems, f"expected: {r.expected}",
                                              f"actual: {r.actual}"]))
    for p in report.properties:
        case(p.file, f"property {p.prop.id}", p.counterexample)
    for n in report.not_run:  # a table that could not be run fails, with its findings
        found = [str(d) for d in report.diagnostics if d.file == n.file]
        case(n.file, "the table is run", "\n".join(found or ["the table could not be run"]))
    held = ("held back until every table can be run" if report.held_back else None)
    for rule in report.rules:
        case("coverage", rule.name(), None if rule.index in report.covered or held
             else "not exercised by any row", skipped=held)
    for m in report.mutants or []:
        case("mutation", f"{m.rule.name()} {m.kind}",
             None if m.caught_by else "no row or property fails on this mutant")
    # What kept the tables or the policy from being read (a failing row or property is its
    # own case above): one failing case each, so a CI report never shows an empty green run.
    for d in report.diagnostics:
        if d.severity is Severity.ERROR and d.code not in _CASE_CODES:
            case("problems", f"{d.location}: {d.code}", "\n".join([str(d), *d.detail]))
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
    for suite, cases in suites.items():
        skipped = f' skipped="{skips[suite]}"' if suite in skips else ""
        out.append(f"  <testsuite name={quoteattr(suite)} tests=\"{len(cases)}\" "
                   f"failures=\"{failures[suite]}\"{skipped}>")
        out.extend(cases)
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


# What only words a policy: no question's answer, duty or cited clause depends on these.
_WORDING_KEYS = frozenset({"title", "excerpt", "labels"})
_WORDING_TOP = frozenset({"version", "revised", "hash", "languages", "prevailing_language"})


def _answering(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {k: _answering(v) for k, v in node.items() if k not in _WORDING_KEYS}
    if isinstance(node, (list, tuple)):
        return [_answering(v) for v in node]
    return node


def answers_alike(a: CompiledPolicy, b: CompiledPolicy) -> bool:
    """Whether two policies give the same answer, duties and clause to every question in every
    context: their bundles are equal once titles, excerpts, labels, version, dates and hash
    (the words) are left out. A compiled policy is made from its bundle alone."""
    return bool(_answering({k: v for k, v in a.bundle.items() if k not in _WORDING_TOP})
                == _answering({k: v for k, v in b.bundle.items() if k not in _WORDING_TOP}))


def broken_properties(base: CompiledPolicy, head: CompiledPolicy,
                      policy_dir: Path) -> list[Diagnostic]:
    """TEST006 for each property of the folder's tables that holds on `base` and fails on
    `head`: what `policy diff` says when a change breaks a property the legal team wrote."""
    folder = Path(policy_dir) / TESTS_FOLDER
    if not folder.is_dir():
        return []
    if answers_alike(base, head):
        # Same rules, terms and clause numbers: every property holds on `head` exactly when it
        # holds on `base`, so no change can break one (the common case: a wording change).
        return []
    files, problems = load_tables(policy_dir)
    if problems or _validate(head, files):
        return []
    found: list[Diagnostic] = []
    base_ok = not _validate(base, files)
    # Each policy's decision table and duties, built once for all its properties (as
    # run_tests does), not once per property.
    from .diff.decisions import Table

    tables: dict[int, tuple[Any, _Duties]] = {}

    def counterexample(policy: CompiledPolicy, prop: PolicyProperty) -> str | None:
        if id(policy) not in tables:
            tables[id(policy)] = (Table(policy, policy.flags), _Duties(policy))
        table, duties = tables[id(policy)]
        return check_property(policy, prop, table=table, duties=duties)[1]

    for tf in files:
        for i, prop in enumerate(tf.table.properties):
            counter = counterexample(head, prop)
            if counter is None:
                continue
            if base_ok and counterexample(base, prop) is not None:
                continue  # it did not hold before either: not this change's doing
            line = tf.doc.pos(("properties", i)).line
            found.append(make("TEST006", f"this change breaks the property {prop.id}: "
                              f"{prop.says}", tf.path, line, 1,
                              detail=(f"counterexample: {counter}",),
                              hint="change the rules back, or have the legal team change the "
                                   "property", params={"id": prop.id, "says": prop.says}))
    return found
