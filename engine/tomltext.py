"""TOML text parsed once per process and text, and kept on disk by the console script (stdlib only).

A build reads pyproject.toml four times (the nearest `[tool.policy]`, the severities, the
site's address) and parity.toml once per check run; each parse of the same text gives the
same tables, so it is done once. The tables are shared: callers only read them (the type
says so). A text with a syntax error raises `TomlSyntaxError` (tomllib's message) every time.

With the console script's caches on (engine/inputs.py `caches_on`), the tables of a text are
also kept in the user's cache by the text's hash (engine/hashing.py `key_hash`), so that a
later process does not import tomllib (about 2.5 % of a `policy check` after an edit,
bench/README.md) to read the same settings again; an entry that cannot be read is parsed
afresh.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

FORMAT = b"policy-toml-1"
MAX_CACHED = 16


class TomlSyntaxError(ValueError):
    """A TOML text that cannot be parsed; its message is tomllib's (with the line and column)."""


@functools.lru_cache(maxsize=16)
def parse_toml(text: str) -> Mapping[str, Any]:
    """`tomllib.loads(text)`, to be read and not changed; TomlSyntaxError for a bad text."""
    from .inputs import cache_folder, caches_on, read_private_pickle, write_private_pickle

    key = None
    if caches_on():
        from .hashing import key_hash

        key = key_hash(text.encode("utf-8", "surrogatepass")).hexdigest()
        kept = read_private_pickle(cache_folder("toml"), key, FORMAT)
        if isinstance(kept, dict):
            return kept
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlSyntaxError(str(exc)) from None
    if key is not None:
        write_private_pickle(cache_folder("toml"), key, FORMAT, data, MAX_CACHED)
    return data
