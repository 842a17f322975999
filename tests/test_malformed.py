"""The catalogue of malformed input (tests/malformed/cases.yaml) run through `policy validate`.

Every case must give its code at its line and column, print one-line diagnostics
(`file:line:col: CODE message`), exit 1 or 2, never print a traceback, and finish within a hard
timeout in bounded memory. Each case runs twice: in-process (the library and click's runner)
and as a real `policy` subprocess with its address space capped. Times are measured and written
to test-artifacts/malformed-times.json, never asserted (the machine is shared).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from engine.cli import main
from engine.diagnostics import CODES
from engine.loader import load_folder

from .conftest import FIXTURES, ROOT

HERE = Path(__file__).resolve().parent / "malformed"
CASES: list[dict[str, Any]] = YAML(typ="safe").load((HERE / "cases.yaml").read_text("utf-8"))
SLOTS = {"master": "ja.yaml", "translation": "en.yaml"}
POLICY_BIN = Path(sys.executable).with_name("policy")
TIMEOUT_S = 20
MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for the subprocess
SENTINEL = "@SENTINEL@"

# A diagnostic line: `file: CODE …` or `file:line:col: CODE …` (warnings add `[warning]`).
DIAGNOSTIC_LINE = re.compile(
    r"^(?P<file>[^:\n]+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<code>[A-Z]+[0-9]{3}) \S")
SUMMARY_LINE = re.compile(r"^\d+ errors?, \d+ warnings?, \d+ notes?$")

TIMES: dict[str, dict[str, float]] = {}


@dataclass(frozen=True)
class Prepared:
    """A policy folder holding one malformed input, and where its diagnostic must point."""

    workdir: Path  # the working directory to run in; the folder is `policy` below it
    expected_file: str  # as displayed, relative to workdir
    sentinel: Path | None


def generate(parts: list[dict[str, Any]]) -> bytes:
    """Build a generated input from its spec (see the header of cases.yaml)."""
    chunks: list[str] = []
    for part in parts:
        if "text" in part:
            chunks.append(part["text"])
        elif "repeat" in part:
            chunks.append(part["repeat"] * int(part["times"]))
        elif "indent_lines" in part:
            chunks.extend(" " * i + part["indent_lines"] + "\n" for i in range(int(part["times"])))
        else:  # pragma: no cover - a typo in the catalogue
            raise ValueError(f"unknown generator part {part!r}")
    return "".join(chunks).encode("utf-8")


def _setup(kind: str, folder: Path) -> str:
    """Apply a filesystem setup; returns the display path the diagnostic must name."""
    if kind == "missing-folder":
        shutil.rmtree(folder)
        return "policy"
    if kind == "folder-is-a-file":
        shutil.rmtree(folder)
        folder.write_text("lang: ja\n", "utf-8")
        return "policy"
    if kind == "empty-folder":
        for p in folder.iterdir():
            p.unlink()
        return "policy"
    if kind == "delete-translation":
        (folder / "en.yaml").unlink()
        return "policy/en.yaml"
    master = folder / "ja.yaml"
    master.unlink()
    if kind == "master-is-a-directory":
        master.mkdir()
    elif kind == "master-dangling-symlink":
        master.symlink_to(folder / "nowhere.yaml")
    elif kind == "master-is-a-fifo":
        os.mkfifo(master)
    elif kind == "master-chmod-000":
        shutil.copy(FIXTURES / "mini" / "ja.yaml", master)
        master.chmod(0)
        try:
            master.read_bytes()
        except PermissionError:
            pass
        else:
            master.chmod(0o644)
            pytest.skip("running as root: chmod 000 does not stop reads here; "
                        "master-is-a-directory and master-is-a-fifo cover unreadable files")
    else:  # pragma: no cover - a typo in the catalogue
        raise ValueError(f"unknown setup {kind!r}")
    return "policy/ja.yaml"


def prepare(case: dict[str, Any], workdir: Path) -> Prepared:
    folder = workdir / "policy"
    shutil.copytree(FIXTURES / "mini", folder)
    if "setup" in case:
        return Prepared(workdir, _setup(case["setup"], folder), None)
    raw = (HERE / "files" / case["file"]).read_bytes() if "file" in case \
        else generate(case["generate"])
    sentinel = None
    if case.get("sentinel"):
        sentinel = workdir / "PWNED"
        assert SENTINEL.encode() in raw, "a sentinel case must hold the @SENTINEL@ placeholder"
        raw = raw.replace(SENTINEL.encode(), str(sentinel).encode())
    name = case.get("as") or SLOTS[case["slot"]]
    (folder / name).write_bytes(raw)
    return Prepared(workdir, f"policy/{name}", sentinel)


def check_output(case: dict[str, Any], prepared: Prepared, output: str) -> None:
    """Every line is a one-line diagnostic or the summary, and the expected one is there."""
    assert "Traceback" not in output
    assert "INTERNAL" not in output
    found: set[tuple[str, int, int, str]] = set()
    for line in output.splitlines():
        if SUMMARY_LINE.match(line) or line.startswith("    "):
            continue
        m = DIAGNOSTIC_LINE.match(line)
        assert m is not None, f"not a one-line diagnostic: {line!r}"
        assert m["code"] in CODES, f"unregistered code in {line!r}"
        found.add((m["file"], int(m["line"] or 0), int(m["col"] or 0), m["code"]))
    want_col = case.get("col", 0)
    want = (prepared.expected_file, case["line"], want_col, case["code"])
    assert want in found, f"expected {want}, got {sorted(found)}"


def check_exit(case: dict[str, Any], code: int) -> None:
    if "exit" in case:
        assert code == case["exit"]
    else:
        assert code in (1, 2)


def _record(case_id: str, how: str, seconds: float) -> None:
    TIMES.setdefault(case_id, {})[how] = round(seconds, 4)


@pytest.fixture(scope="module", autouse=True)
def _write_times() -> Iterator[None]:
    yield
    if TIMES:
        out = ROOT / "test-artifacts" / "malformed-times.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(TIMES, indent=2, sort_keys=True) + "\n", "utf-8")


IDS = [c["id"] for c in CASES]


def test_catalogue_is_well_formed() -> None:
    assert len(CASES) >= 40
    assert len(set(IDS)) == len(IDS)
    used = set()
    for case in CASES:
        assert case["code"] in CODES, case["id"]
        assert sum(k in case for k in ("file", "generate", "setup")) == 1, case["id"]
        if "file" in case:
            assert (HERE / "files" / case["file"]).is_file(), case["file"]
            used.add(case["file"])
        if "file" in case or "generate" in case:
            assert ("slot" in case) != ("as" in case), case["id"]
    # every committed input is in the index, so none is silently never run
    assert used == {p.name for p in (HERE / "files").iterdir()}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_in_process(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = prepare(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    src = load_folder(Path("policy"))
    _record(case["id"], "load_folder_s", time.perf_counter() - start)
    hits = [d for d in src.diagnostics if d.code == case["code"] and d.file ==
            prepared.expected_file and d.line == case["line"]
            and d.col == case.get("col", 0)]
    assert hits, [str(d) for d in src.diagnostics]
    if "hint" in case:
        assert any(case["hint"] in (d.hint or "") for d in hits)
    if case.get("exit", 1) != 0:
        assert not src.ok

    result = CliRunner().invoke(main, ["validate", "--policy", "policy"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    check_exit(case, result.exit_code)
    check_output(case, prepared, result.output)
    if prepared.sentinel is not None:
        assert not prepared.sentinel.exists(), "a YAML tag was executed"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_subprocess(case: dict[str, Any], tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    start = time.perf_counter()
    proc = subprocess.run(
        [str(POLICY_BIN), "validate", "--policy", "policy"],
        cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT_S,
        preexec_fn=_limit_memory, env={**os.environ, "PYTHONFAULTHANDLER": ""},
    )
    _record(case["id"], "subprocess_s", time.perf_counter() - start)
    assert "Traceback" not in proc.stderr
    check_exit(case, proc.returncode)
    check_output(case, prepared, proc.stdout + proc.stderr)
    if prepared.sentinel is not None:
        assert not prepared.sentinel.exists(), "a YAML tag was executed"


def test_sentinel_payload_is_live(tmp_path: Path) -> None:
    """Control: an unsafe loader *does* run the catalogue's tag payload, so the tests above
    that find no sentinel file prove the reader refused it, not that the payload was inert."""
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed; no unsafe loader to compare")
    case = next(c for c in CASES if c.get("sentinel"))
    prepared = prepare(case, tmp_path)
    raw = (prepared.workdir / "policy" / SLOTS[case["slot"]]).read_text("utf-8")
    assert prepared.sentinel is not None and not prepared.sentinel.exists()
    yaml.unsafe_load(raw)
    assert prepared.sentinel.exists()
