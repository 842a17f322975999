"""TOML text parsed once per process and text (stdlib only).

A build reads pyproject.toml four times (the nearest `[tool.policy]`, the severities, the
site's address) and parity.toml once per check run; each parse of the same text gives the
same tables, so it is done once. The tables are shared: callers only read them (the type
says so). A text with a syntax error raises `tomllib.TOMLDecodeError` every time, as
`tomllib.loads` does.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from typing import Any


@functools.lru_cache(maxsize=16)
def parse_toml(text: str) -> Mapping[str, Any]:
    """`tomllib.loads(text)`, to be read and not changed."""
    return tomllib.loads(text)
