"""Fuzzing: hypothesis mutates the shipped YAML and feeds it to the loader, the validator, the
parity check and the renderer. The only thing allowed out is diagnostics: no exception, every
code registered, every position inside the file.

Budgets: CI runs a short one. A long run is
    FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_fuzz.py
(FUZZ_EXAMPLES, default 40, sets the loader/validator budget; the parity check gets a quarter
of it and the renderer, which writes a site per example, a tenth). FUZZ_SEED=1 draws new
random examples instead of the fixed, derandomized CI ones.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.diagnostics import CODES, Diagnostic
from engine.loader import load_texts

from .conftest import POLICY

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
SHIPPED = {p.name: p.read_bytes() for p in sorted(POLICY.glob("*.yaml"))}
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="FUZZ_SEED" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Fragments that mean something to YAML, to Markdown, to the schema or to a browser.
TOKENS = [
    ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "?", "? ", "|", ">", "|-", ">-", "#", "'", '"',
    "&a ", "*a", "<<: *a", "!!python/object/apply:os.system ['true']", "!local ", "!!str ",
    "---\n", "...\n", "%YAML 1.1\n", "\t", "  ", "\n", "\r\n", "\r", "\x00", "\x07", "\u200b",
    "\u202e", "\ufeff", "\ud7ff", "~", "null", "true", "no", "0x1F", "1e9999", "-0", ".nan",
    "2010-02-30", "99999", "id: ", "number: ", "text: ", "title: ", "items:\n", "source: ",
    "lang: fr\n", "clauses: []\n", "<script>alert(1)</script>", "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>", "](#nowhere)", "\\u0000", "\\ud800", "\"\\x07\"",
    "ｉｄ", "а", "①", "全角", "\U0001f600",
]


@st.composite
def mutated_edition(draw: st.DrawFn) -> tuple[str, bytes]:
    """One shipped file with a few line-, token- or byte-level mutations."""
    name = draw(st.sampled_from(sorted(SHIPPED)))
    lines = SHIPPED[name].split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "bytes", "indent",
                                   "replace-value"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], line
        elif op == "insert":
            at = draw(st.integers(0, len(line)))
            token = draw(st.sampled_from(TOKENS) | st.text(max_size=8)).encode(
                "utf-8", "surrogatepass")
            lines[i] = line[:at] + token + line[at:]
        elif op == "bytes":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.binary(min_size=1, max_size=6)) + line[at + 1:]
        elif op == "indent":
            lines[i] = b" " * draw(st.integers(0, 9)) + line.lstrip(b" ")
        elif op == "replace-value" and b": " in line:
            key = line.split(b": ", 1)[0]
            value = draw(st.sampled_from(TOKENS) | st.text(max_size=12))
            lines[i] = key + b": " + value.encode("utf-8", "surrogatepass")
    return name, b"\n".join(lines)


def _check_diagnostics(diagnostics: list[Diagnostic], files: dict[str, bytes]) -> None:
    for d in diagnostics:
        assert d.code in CODES, d
        assert isinstance(d.message, str) and "\n" not in str(d), d
        str(d).encode("utf-8")  # printable: no lone surrogate reaches the output
        if d.line:
            name = Path(d.file).name
            if name in files:
                assert 1 <= d.line <= files[name].count(b"\n") + 2, d
                assert d.col >= 1, d


@FUZZ
@given(mutated_edition())
def test_loader_and_validator_return_only_diagnostics(mutation: tuple[str, bytes]) -> None:
    name, raw = mutation
    files = {**SHIPPED, name: raw}
    src = load_texts(files, folder="policy")
    _check_diagnostics(src.diagnostics, files)


def _write_policy(tmp: Path, files: dict[str, bytes]) -> Path:
    folder = tmp / "policy"
    folder.mkdir()
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    return folder


@settings(FUZZ, max_examples=max(5, EXAMPLES // 4))
@given(mutated_edition())
def test_parity_check_returns_only_diagnostics(mutation: tuple[str, bytes]) -> None:
    from engine.check import run_check

    name, raw = mutation
    files = {**SHIPPED, name: raw}
    with tempfile.TemporaryDirectory() as tmp:
        folder = _write_policy(Path(tmp), files)
        result = run_check(folder)
    _check_diagnostics(list(result.diagnostics), files)


@settings(FUZZ, max_examples=max(3, EXAMPLES // 10))
@given(mutated_edition())
def test_renderer_returns_only_diagnostics(mutation: tuple[str, bytes]) -> None:
    from render.site import build_site

    name, raw = mutation
    files = {**SHIPPED, name: raw}
    with tempfile.TemporaryDirectory() as tmp:
        folder = _write_policy(Path(tmp), files)
        result = build_site(folder, Path(tmp) / "site", allow_drift=True)
        _check_diagnostics(list(result.diagnostics), files)
        from .test_output_safety import assert_nothing_executable

        if result.written:
            for page in sorted((Path(tmp) / "site").rglob("*.html")):
                assert_nothing_executable(page.read_text("utf-8"), str(page))
        elif result.not_drift and result.sources is not None:
            # Refused for errors --allow-drift does not cover: the pages are still rendered
            # (in memory) and must still be safe, as they were when such builds published.
            from render.site import parity, render_site

            _, states = parity(result.sources)
            for name, data in render_site(result.sources, states).items():
                if name.endswith(".html"):
                    assert_nothing_executable(data.decode("utf-8"), name)
