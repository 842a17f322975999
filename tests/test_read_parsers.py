"""The libyaml fast path and the pure-Python parser build the same document, with the same positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from engine import read

from .conftest import FIXTURES, POLICY

FILES = sorted(POLICY.glob("*.yaml")) + sorted((FIXTURES / "mini").glob("*.yaml"))


@pytest.mark.skipif(read.CParser is None, reason="ruamel.yaml.clib is not installed")
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_and_pure_parsers_agree(path: Path) -> None:
    text = path.read_text("utf-8")
    yaml = YAML(typ="rt", pure=True)
    fast = read._read_fast(text, path.name, yaml)
    assert fast is not None
    pure = read._Builder(path.name, text, yaml)
    for event in yaml.parse(text):
        pure.feed(event)
    assert fast.root == pure.root
    assert fast.positions == pure.positions
    assert fast.key_positions == pure.key_positions


def test_syntax_errors_are_reported_by_the_pure_parser() -> None:
    # The fast path steps aside on any error, so messages and positions come from one parser.
    result = read.read_text("a: [1, 2\nb: 3\n", "x.yaml")
    assert result.document is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("YAML001", 2)]
