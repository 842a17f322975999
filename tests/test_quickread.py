"""engine/quickread.py gives what engine.read gives, or steps aside: for every input, the quick
path's answer is None or the reader's own (the same data, types, positions and key positions);
and it does not step aside on the clean files it exists for. The agreement tests run for both
fast readers, this one and engine/lineread.py (its own tests are in tests/test_lineread.py)."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import lineread, quickread, read
from engine.document import ReadResult
from engine.uses import check_uses, load_uses, load_uses_texts

from .conftest import FIXTURES, POLICY, ROOT
from .test_fuzz import mutated_edition
from .test_read_parsers import AGREE, EXAMPLES, generated_yaml, tree_yaml

pytestmark = pytest.mark.skipif(read.CParser is None, reason="ruamel.yaml.clib is not installed")

USES = FIXTURES / "uses"
CLEAN = (sorted((ROOT / "examples" / "uses").glob("*.yaml"))
         + sorted((USES / "good").glob("*.yaml")) + sorted((USES / "ledger").glob("*.yaml"))
         + sorted(POLICY.glob("*.yaml")))
EVERY = CLEAN + sorted(USES.glob("*/*.yaml")) + sorted((FIXTURES / "mini").glob("*.yaml"))


def answer(result: ReadResult | None) -> tuple[Any, ...] | None:
    """Everything a read gives, with types (repr: True is not 1, 1.0 is not 1)."""
    if result is None:
        return None
    doc = result.document
    findings = tuple((str(d), d.hint, d.detail) for d in result.diagnostics)
    if doc is None:
        return ("findings", findings)
    return ("document", doc.file, doc.text, repr(doc.data),
            sorted(doc.positions.items(), key=repr),
            sorted(doc.key_positions.items(), key=repr), findings)


# The fast readers, each (read_text, read_bytes) giving engine.read's answer or None.
FAST: dict[str, tuple[Callable[[str, str], ReadResult | None],
                      Callable[[bytes, str], ReadResult | None]]] = {
    "quickread": (quickread.quick_read_text, quickread.quick_read_bytes),
    "lineread": (lineread.line_read_text, lineread.line_read_bytes),
}
readers = pytest.mark.parametrize("fast", sorted(FAST))


def assert_same_or_none(text: str, fast: str = "quickread") -> None:
    quick = FAST[fast][0](text, "x.yaml")
    if quick is not None:
        assert answer(quick) == answer(read.read_text(text, "x.yaml")), text


def assert_same_bytes_or_none(raw: bytes, fast: str) -> None:
    quick = FAST[fast][1](raw, "x.yaml")
    if quick is not None:
        assert answer(quick) == answer(read.read_bytes(raw, "x.yaml"))


@readers
@pytest.mark.parametrize("path", EVERY, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_same_document_or_none_on_every_committed_file(fast: str, path: Path) -> None:
    raw = path.read_bytes()
    quick = FAST[fast][1](raw, path.name)
    if quick is not None:
        assert answer(quick) == answer(read.read_bytes(raw, path.name))
    if fast == "quickread" and path in CLEAN and not path.is_relative_to(POLICY):  # the policy's `>-` texts may not
        assert quick is not None, "a clean declaration file must take the quick path"


def test_the_quick_path_reads_the_benchmark_folder_as_the_reader_does(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_uses import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    generate(tmp_path, 12, 10, seed=3)
    for path in sorted(tmp_path.iterdir()):
        raw = path.read_bytes()
        quick = quickread.quick_read_bytes(raw, path.name)
        assert quick is not None
        assert answer(quick) == answer(read.read_bytes(raw, path.name))


@pytest.mark.parametrize("text", [
    "", "# only a comment\n", "~\n", "a: 1\n---\nb: 2\n", "%YAML 1.2\n---\na: 1\n",
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "[a]: 1\n", "a: \"\\x07\"\n",
    "a:\tb\n", "a: 1\r\nb: 2\r\n", "\ufeffa: 1\n", "a: [1\n", "? a\n: b\n",
    "a: >1\n  text\n", "a: |\n \n   \n  text\n", "\u200ba: 1\n",
    "a: " + "[" * 70 + "]" * 70 + "\n",
])
def test_it_steps_aside_on_anything_with_a_finding_or_a_doubt(text: str) -> None:
    assert quickread.quick_read_text(text, "x.yaml") is None


@pytest.mark.parametrize("text", [
    "a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf:\ng: \"\"\nh: 'q'\ni: 0x1F\nj: 2010-04-20\n",
    "1: a\ntrue: b\nnull: c\n1.5: d\n", "- a\n- [b, {c: d}]\n- {e: [], f: {}}\n",
    "a: |\n  one\n  two\nb: >-\n  folded\n  text\n", "a:\n  - b:\n    c:\n  -\n",
    "名前: 個人情報\nimię: \"é\"\n", "a: 'it''s'\nb: \"say \\\"hi\\\"\"\n",
])
def test_plain_constructs_take_the_quick_path_with_the_readers_answer(text: str) -> None:
    quick = quickread.quick_read_text(text, "x.yaml")
    assert quick is not None
    assert answer(quick) == answer(read.read_text(text, "x.yaml"))


@readers
@settings(AGREE)
@given(generated_yaml())
def test_the_same_or_none_on_generated_documents(fast: str, text: str) -> None:
    assert_same_or_none(text, fast)


@readers
@settings(AGREE)
@given(tree_yaml())
def test_the_same_or_none_on_generated_trees(fast: str, text: str) -> None:
    assert_same_or_none(text, fast)


@readers
@settings(AGREE, max_examples=EXAMPLES)
@given(mutated_edition())
def test_the_same_or_none_on_mutated_shipped_files(fast: str,
                                                   mutation: tuple[str, bytes]) -> None:
    assert_same_bytes_or_none(mutation[1], fast)


def _mutated_declaration(seed: int) -> bytes:
    """A shipped example declaration with one random edit: a character put in, a line moved,
    deleted or doubled."""
    rng = random.Random(seed)
    files = sorted((ROOT / "examples" / "uses").glob("*.yaml"))
    lines = rng.choice(files).read_text("utf-8").split("\n")
    i = rng.randrange(len(lines))
    edit = rng.randrange(4)
    if edit == 0:
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rng.choice(
            [":", ": ", "-", "- ", "'", '"', "[", "{", "#", "?", "&a ", "*a", "!!str ", "1", "\t",
             " ", "|", ">"]) + lines[i][at:]
    elif edit == 1:
        lines[i] = " " * rng.randrange(8) + lines[i].lstrip(" ")
    elif edit == 2:
        del lines[i]
    else:
        lines.insert(i, lines[i])
    return "\n".join(lines).encode("utf-8")


@readers
@settings(AGREE)
@given(st.integers(0, 2**32))
def test_the_same_or_none_on_mutated_declarations(fast: str, seed: int) -> None:
    assert_same_bytes_or_none(_mutated_declaration(seed), fast)


def _without_quick_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quickread, "quick_read_bytes", lambda raw, name: None)


def _findings(result: Any) -> list[tuple[str, str | None, str | None]]:
    return [(str(d), d.hint, d.detail) for d in result.diagnostics]


@pytest.mark.parametrize("folder", ["good", "bad", "broken", "empty", "ledger"])
def test_uses_check_says_the_same_with_and_without_the_quick_path(
        folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import load

    policy = load(USES / "policy")
    monkeypatch.setenv("POLICY_NO_CACHE", "1")
    quick = check_uses(policy, load_uses(USES / folder))
    with monkeypatch.context() as m:
        _without_quick_path(m)
        slow = check_uses(policy, load_uses(USES / folder))
    assert _findings(quick) == _findings(slow)
    assert [(u.key, u.line, u.col) for u in quick.declarations] == [
        (u.key, u.line, u.col) for u in slow.declarations]


@settings(AGREE, max_examples=EXAMPLES)
@given(st.lists(st.integers(0, 2**32), min_size=1, max_size=3))
def test_declaration_findings_are_the_same_with_and_without_the_quick_path(
        seeds: list[int]) -> None:
    files = {f"f{i}.yaml": _mutated_declaration(s) for i, s in enumerate(seeds)}
    quick = load_uses_texts(files, "uses")
    saved = quickread.quick_read_bytes
    quickread.quick_read_bytes = lambda raw, name: None  # type: ignore[assignment]
    try:
        slow = load_uses_texts(files, "uses")
    finally:
        quickread.quick_read_bytes = saved
    assert _findings(quick) == _findings(slow)
    assert [(u.key, u.line, u.col, u.source) for u in quick] == [
        (u.key, u.line, u.col, u.source) for u in slow]
