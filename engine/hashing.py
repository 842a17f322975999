"""The bundle's format tag and content hash, shared by the compiler and the loader (stdlib only)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

BUNDLE_FORMAT = "cafetalk-policy-bundle/1"


def content_hash(bundle: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of everything but the hash itself."""
    payload = {k: v for k, v in bundle.items() if k != "hash"}
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
