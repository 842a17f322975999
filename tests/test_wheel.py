"""Packaging proof: the built wheel answers `from engine import policy` from its packaged bundle,
in a fresh virtual environment, from a directory outside the repository, with no YAML parsing.

The wheel is built with the outer venv's hatchling (`--no-build-isolation`, offline) and
installed with `--no-deps` into a venv that has no pydantic or ruamel.yaml at all: if the
service path needed them, the import would fail. A second, slower test installs the runtime
dependencies too (from the pip cache or PyPI) and runs the installed `policy ask` command.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from engine import load

from .conftest import POLICY, ROOT

pytestmark = pytest.mark.slow

# Questions from the table, asked inside the installed package.
QUESTIONS = [
    ("collect", "health", "service_operation", {"consent": True}),
    ("collect", "prefecture", "lesson_matching", {"consent": True}),
    ("collect", "contact", "service_operation", {}),
    ("use", "contact", "newsletter", {}),
    ("use", "contact", "newsletter", {"opted_out": True}),
    ("disclose", "identity", "protect_life_body_property", {"consent_impractical": True}),
    ("retain", "public_posts", "public_display", {}),
]

PROBE = """
import json, sys
from engine import policy
import engine, engine.bundle
out = {"file": engine.__file__, "packaged": engine.bundle.PACKAGED_BUNDLE,
       "hash": policy.hash, "version": policy.version, "answers": [],
       "yaml_loaded": [m for m in ("ruamel", "ruamel.yaml", "pydantic", "engine.read",
                                   "engine.loader", "engine.compile") if m in sys.modules]}
for a, d, p, ctx in json.loads(sys.argv[1]):
    dec = policy.allows(a, d, p, **ctx)
    out["answers"].append([dec.allowed, [c.number for c in dec.clauses], dec.explain("ru")])
print(json.dumps(out))
"""


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CAFETALK_POLICY", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run(cmd: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=clean_env(), capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Offline with the venv's own hatchling (a `test` extra); else pip fetches it from PyPI.
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    result = run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation,
                  "--no-cache-dir", "-q", "-w", str(out), str(ROOT)], cwd=out)
    assert result.returncode == 0, result.stderr
    (whl,) = out.glob("cafetalk_privacy_policy-*.whl")
    return whl


def make_venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=False, clear=True).create(where)
    return where / "bin" / "python"


def pip_install(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The outer pip installs into the fresh venv (`--python`), so the venv needs no pip.
    return run([sys.executable, "-m", "pip", "--python", str(python), "install",
                "--disable-pip-version-check", "-q", *args], cwd=cwd)


def test_wheel_contains_the_compiled_bundle(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "engine/_bundle/policy.json" in names
        assert "engine/py.typed" in names
        assert not any(n.startswith("policy/") for n in names)  # YAML is not shipped
        bundle = json.loads(zf.read("engine/_bundle/policy.json"))
    assert bundle["hash"] == load(POLICY).hash
    assert bundle["version"] == load(POLICY).version


def test_installed_wheel_answers_from_the_packaged_bundle(wheel: Path, tmp_path: Path) -> None:
    python = make_venv(tmp_path / "venv")
    result = pip_install(python, "--no-deps", "--no-index", str(wheel), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    probe = run([str(python), "-c", PROBE, json.dumps(QUESTIONS)], cwd=outside)
    assert probe.returncode == 0, probe.stderr
    out = json.loads(probe.stdout)

    site = tmp_path / "venv"
    assert Path(out["file"]).resolve().is_relative_to(site.resolve())  # not the source tree
    assert Path(out["packaged"]).is_file()
    assert out["yaml_loaded"] == []  # no YAML, pydantic or compiler on the service path
    shipped = load(POLICY)
    assert out["hash"] == shipped.hash and out["version"] == shipped.version
    expected = []
    for a, d, p, ctx in QUESTIONS:
        dec = shipped.allows(a, d, p, **ctx)
        expected.append([dec.allowed, [c.number for c in dec.clauses], dec.explain("ru")])
    assert out["answers"] == expected
    # Runtime dependencies are really absent: the answers above needed none of them.
    missing = run([str(python), "-c", "import pydantic"], cwd=outside)
    assert missing.returncode != 0


def test_installed_policy_command(wheel: Path, tmp_path: Path) -> None:
    """With its dependencies (pip cache or PyPI), the installed `policy ask` works too."""
    python = make_venv(tmp_path / "venv")
    result = pip_install(python, str(wheel), cwd=tmp_path)
    if result.returncode != 0 and ("No matching distribution" in result.stderr
                                   or "Could not find a version" in result.stderr
                                   or "NewConnectionError" in result.stderr):
        pytest.skip("runtime dependencies not installable here (no index reachable)")
    assert result.returncode == 0, result.stderr
    policy_cmd = tmp_path / "venv" / "bin" / "policy"
    asked = run([str(policy_cmd), "ask", "use", "contact", "newsletter", "--opted-out",
                 "--format", "json"], cwd=tmp_path)
    assert asked.returncode == 1, asked.stderr
    out = json.loads(asked.stdout)
    assert out["allowed"] is False
    assert [c["number"] for c in out["clauses"]] == ["10"]
    ok = run([str(policy_cmd), "ask", "retain", "public_posts", "public_display"], cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("ALLOW (clause 9;")
