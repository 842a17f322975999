"""Golden files: the site built from tests/fixtures/render/drift must match tests/golden/site byte for byte.

Regenerate after an intended change with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site_golden.py`
and review the diff of tests/golden/site in the commit.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from render.site import build_site

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "render" / "drift"
GOLDEN = HERE / "golden" / "site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    result = build_site(FIXTURE, out, allow_drift=True)
    assert result.written, [str(d) for d in result.diagnostics]
    if UPDATE:
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(out, GOLDEN)
    return out


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_same_files_as_golden(built: Path) -> None:
    assert _files(built) == _files(GOLDEN)


GOLDEN_FILES = ["index.html", "changes.html", "style.css", "policy.json",
                *[f"{lang}/{name}" for lang in ("ja", "ru", "en")
                  for name in ("index.html", "policy.md")]]


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_file_matches_golden(built: Path, name: str) -> None:
    got = (built / name).read_text("utf-8")
    want = (GOLDEN / name).read_text("utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            f"golden/{name}", f"built/{name}", n=2))
        pytest.fail(f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept):\n{diff}")
