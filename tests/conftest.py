"""Shared fixtures: paths to the shipped policy, the fixtures and the published seed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "policy"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed" / "ru-published.txt"


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped policy folder."""
    target = tmp_path / "policy"
    shutil.copytree(POLICY, target)
    return target


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture policy."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target
