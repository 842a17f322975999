"""Wheel build hook: compile policy/ into engine/_bundle/policy.json so an installed wheel
answers from the bundle without YAML. Editable installs read policy/ directly and skip this."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from engine.bundle import compile_folder
            from engine.compile import bundle_text
        finally:
            sys.path.pop(0)
        out = Path(tempfile.mkdtemp(prefix="policy-bundle-")) / "policy.json"
        out.write_text(bundle_text(compile_folder(root / "policy")), encoding="utf-8")
        build_data["force_include"][str(out)] = "engine/_bundle/policy.json"
