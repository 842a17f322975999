"""Every script in bench/ loads: what it imports from the engine exists (a module split or a
name moved breaks `make bench` long before anyone runs it). Each is imported, not run: the
benchmarks measure, the tests never time anything."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPTS = sorted((ROOT / "bench").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_benchmark_script_imports(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(script.parent))  # the scripts import each other
    spec = importlib.util.spec_from_file_location(f"bench_script_{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert callable(getattr(module, "main", None)), f"{script.name} has no main()"


def test_there_are_benchmark_scripts() -> None:
    assert len(SCRIPTS) >= 10
