"""Every shape of every YAML finding told wholly in Japanese and Russian.

`policy check --lang ja|ru` on each YAML case of the malformed catalogue (tests/malformed), and
on a small file for each shape the catalogue has none of, says what is wrong and what to do in
the reader's language: never the code's plain sentence with the English explanation after it
(`（詳細：the file ends …）`), and no English outside quotations, paths and codes. The shapes
no file reaches (the parser's own sentences that engine/yamlerrors.py knows no better words
for, a failure inside the parser) are made from a parser error directly. Only the YAML
reader's own sentence stays English, quoted and said to be the reader's.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from click.testing import CliRunner
from ruamel.yaml.error import MarkedYAMLError, StreamMark

from engine import yamlerrors
from engine.cli import main
from engine.diagnostics import WORDS, Diagnostic
from engine.findings import make
from engine.humane import finding_text
from engine.read import read_bytes
from engine.saying import fill, template

from .conftest import FIXTURES
from .test_check_words_golden import english_words, ids_of
from .test_malformed import CASES, HERE, generate, prepare

LANGS = ("ja", "ru")
DETAIL = {"ja": "詳細：", "ru": "подробности:"}
# Latin words a Japanese or Russian YAML finding may hold: the names of the format and of
# encodings and line endings, as the legal team's editors show them
ALLOWED = {"yaml", "utf", "bom", "crlf", "cr", "lf", "windows"}

CATALOGUE = [c for c in CASES if c["code"].startswith("YAML") and "setup" not in c]

# A small master file for each shape the catalogue has no file for: (text, code, form); None
# for the fixture's master with a clause title cut by ` #` (YAML019, found on a readable file).
EXTRA: dict[str, tuple[str | None, str, str | None]] = {
    "file ends inside [": ("x: [\n", "YAML016", None),
    "a directive with no document after it": ("%TAG ! x\n", "YAML013", "lines"),
    "a & with no name": ("x: &\n", "YAML006", "bare_anchor"),
    "a * with no name": ("x: *\n", "YAML006", "bare_alias"),
    "text after ...": ("a: b\n... c\n", "YAML001", "after_end"),
    "blank lines with more spaces": ("a: |\n  \n   \n  x\n", "YAML001", "blank_lines"),
    "a name inside [ ]": ("a: [b: c: d]\n", "YAML001", "in_flow"),
    "a list after a name": ("a: - b\n", "YAML001", "list_here"),
    "a ] after the document": ("[a]\n]\n", "YAML001", "unexpected"),
    "a ] after a block": ("a: 1\n]\n", "YAML001", "unexpected_in"),
    "an undefined tag handle": ("a: !x!y b\n", "YAML001", "reader_in"),
    "a directive the reader cannot handle": ("%YAML 1.3\n---\na: 1\n", "YAML013", "lines"),
    "a quote closed too early": ('a:\n  b: "x" y\n', "YAML014", "goes_on_double"),
    "a name after list items": ("- a\n- b\nc: d\n", "YAML015", "ends"),
    "a line neither name nor text": ("foo:\n  bar\ninvalid\n", "YAML018", "neither"),
    "a text cut by a comment": (None, "YAML019", "cut"),
}


def _cut_by_comment() -> str:
    text = (FIXTURES / "mini" / "ja.yaml").read_text("utf-8")
    at = text.index("    title: ") + len("    title: ")
    end = text.index("\n", at)
    return text[:at] + text[at:end].strip("\"'") + " #1" + text[end:]


def _extra_text(name: str) -> str:
    text, _, _ = EXTRA[name]
    return text if text is not None else _cut_by_comment()


def _mark(line: int, col: int) -> StreamMark:
    return StreamMark("x.yaml", 0, line - 1, col - 1)


def _explained(text: str, **exc: Any) -> Diagnostic:
    return yamlerrors.explain(text, "x.yaml", MarkedYAMLError(**exc))


def _failing_diagnosis(text: str, problem: str) -> Diagnostic:
    """The explanation when working out the cause fails: the parser's sentence itself."""
    with patch.object(yamlerrors, "_diagnose", side_effect=ValueError("a defect")):
        return _explained(text, problem=problem, problem_mark=_mark(1, 4))


# Shapes no file reaches, made from a parser error (or a failure inside the parser): the
# defensive branches of engine/yamlerrors.py, and YAML002 for a key whose first place is not
# known.
UNIT: dict[str, tuple[Callable[[], Diagnostic], str, str | None]] = {
    "the file ends inside a value": (lambda: _explained(
        "a: b\n", problem="found unexpected end of stream", problem_mark=_mark(2, 1)),
        "YAML001", "ends"),
    "the file ends inside a value begun earlier": (lambda: _explained(
        "a:\n  b", problem="expected <block end>, but found '<stream end>'",
        problem_mark=_mark(2, 4), context="while parsing a block mapping",
        context_mark=_mark(2, 3)), "YAML001", "ends_in"),
    "the reader's own sentence": (lambda: _explained(
        "a: b\n", problem="found something odd", problem_mark=_mark(1, 4)),
        "YAML001", "reader"),
    "nothing said": (lambda: _explained("a: b\n", problem="", problem_mark=_mark(1, 4)),
                     "YAML001", "unknown"),
    "nothing said, inside a block": (lambda: _explained(
        "a: b\n", problem="", problem_mark=_mark(1, 4), context="while parsing a block mapping",
        context_mark=_mark(1, 1)), "YAML001", "unknown_in"),
    "a character without its name": (lambda: _explained(
        "a: @b\n", problem="found character that cannot start any token",
        problem_mark=_mark(1, 4)), "YAML001", "starts_this"),
    "a quote of another kind": (lambda: _explained(
        "a: xb\n", problem="found unexpected end of stream", problem_mark=_mark(2, 1),
        context="while scanning a quoted scalar", context_mark=_mark(1, 4)),
        "YAML014", "other"),
    "the diagnosis fails": (lambda: _failing_diagnosis("a: b\n", "found something odd"),
                            "YAML001", "reader"),
    "a failure inside the parser": (lambda: yamlerrors.unreadable(
        "a:\n  b: c\n", "x.yaml", _mark(2, 3), RecursionError()), "YAML001", "unreadable"),
    "a key said twice, its first place unknown": (lambda: make(
        "YAML002", "duplicate key 'title'", "x.yaml", 3, 1,
        hint="each name may appear once here: delete one of them, or merge them",
        params={"name": "title", "item": False, "form": "again"}), "YAML002", "again"),
}


def _shapes() -> set[tuple[str, str | None]]:
    """Every shape the YAML codes have words for: (code, form), None for a code's one
    template."""
    return {(code, key.partition("/")[2] or None) for code, words in WORDS.items()
            if code.startswith("YAML") for key in words.message}


def _shape(d: Diagnostic) -> tuple[str, str | None]:
    form = dict(d.params).get("form")
    return d.code, str(form) if form is not None else None


def _catalogued(case: dict[str, Any]) -> bytes:
    return (HERE / "files" / case["file"]).read_bytes() if "file" in case \
        else generate(case["generate"])


def test_every_shape_of_a_yaml_finding_is_tried() -> None:
    tried = {_shape(d) for case in CATALOGUE for d in read_bytes(_catalogued(case),
                                                                 "x.yaml").diagnostics}
    tried |= {(code, form) for _, code, form in [*EXTRA.values(), *UNIT.values()]}
    assert _shapes() <= tried, sorted(_shapes() - tried, key=str)


def _said_in_english(d: Diagnostic) -> None:
    """The English template says exactly the message and hint the machine formats keep."""
    assert d.params, d
    params = dict(d.params)
    said = template(WORDS[d.code].message, "en", params)
    assert said is not None and fill(said, "en", params) == d.message, d
    hint = template(WORDS[d.code].hint, "en", params)
    if d.hint is not None:
        assert hint is not None and fill(hint, "en", params) == d.hint, d


def _said_natively(line: str, lang: str, ids: frozenset[str] = frozenset()) -> None:
    assert DETAIL[lang] not in line, line
    assert english_words(line, ALLOWED | ids) == [], line


def _check(folder: Path, lang: str) -> list[str]:
    """The YAML findings `policy check --lang` prints for the folder."""
    result = CliRunner().invoke(main, ["check", "--policy", str(folder), "--lang", lang],
                                env={"NO_COLOR": "1"}, catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    return [line for line in result.output.splitlines() if "[YAML0" in line]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", CATALOGUE, ids=[c["id"] for c in CATALOGUE])
def test_a_catalogued_yaml_mistake_is_said_wholly_in_the_readers_language(
        case: dict[str, Any], lang: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    prepared = prepare(case, tmp_path)
    found = _check(prepared.workdir / "policy", lang)
    assert any(f"[{case['code']}]" in line for line in found), found
    ids = frozenset(ids_of(FIXTURES / "mini"))
    for line in found:
        _said_natively(line, lang, ids)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(EXTRA))
def test_each_shape_of_a_yaml_mistake_is_said_wholly_in_the_readers_language(
        name: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    _, code, form = EXTRA[name]
    folder = tmp_path / "policy"
    shutil.copytree(FIXTURES / "mini", folder)
    (folder / "ja.yaml").write_text(_extra_text(name), "utf-8")
    if code != "YAML019":  # found on a readable file, by the validation
        [d] = [d for d in read_bytes(_extra_text(name).encode(), "x.yaml").diagnostics]
        assert _shape(d) == (code, form), d
        _said_in_english(d)
    found = _check(folder, lang)
    assert any(f"[{code}]" in line for line in found), found
    for line in found:
        _said_natively(line, lang, frozenset(ids_of(FIXTURES / "mini")))


@pytest.mark.parametrize("name", sorted(UNIT))
def test_a_shape_no_file_reaches_is_said_in_every_language(name: str) -> None:
    made, code, form = UNIT[name]
    d = made()
    assert _shape(d) == (code, form), d
    _said_in_english(d)
    for lang in LANGS:
        _said_natively(finding_text(d, lang), lang)


def test_the_yaml_readers_own_sentence_is_quoted_as_its_own() -> None:
    """Where nothing more specific is known, the reader's English sentence is quoted, and
    said to be the YAML reader's, in English."""
    d = _explained("a: b\n", problem="found something odd", problem_mark=_mark(1, 4))
    assert finding_text(d, "ja").startswith(
        "ここはYAMLとして読み取れません。YAMLの読み取りプログラムが英語で出したメッセージ："
        "「found something odd」")
    assert finding_text(d, "ru").startswith(
        "здесь текст не читается как YAML; сообщение программы чтения YAML (по-английски): "
        "«found something odd»")


def test_the_parsers_words_have_words_in_every_language() -> None:
    """What engine/yamlerrors.py names a parser's token or the part it was reading by has
    its words in ja, ru and en (engine/saying.py WORDS), the English as the message says it."""
    from engine.saying import WORDS as SAID

    for english in {*yamlerrors._TOKEN_WORDS.values(), *yamlerrors._CONTEXT_WORDS.values()}:
        words = SAID.get(f"yaml:{english}")
        assert words is not None, english
        assert words["en"] == english and words["ja"] and words["ru"], english
