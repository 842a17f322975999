"""The one-way phases of docs/ARCHITECTURE.md as a contract: no import cycles, no import against the phase order.

The import graph is read from the source (every `import`, at module level or inside a
function, including those only for type checking), so a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterator
from pathlib import Path

from .conftest import ROOT

PACKAGES = ("engine", "render")

# Layers in phase order: a module may import modules of its own layer and of earlier layers
# only. Patterns are fnmatch patterns over dotted module names; the first match wins.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shared", ("engine.findings", "engine.document", "engine.values", "engine.inits", "engine.names", "engine.hashing", "engine.atomic",
                "engine.inputs", "engine.patterns", "engine.tomltext",
                "engine.edit", "engine.changelog", "engine.markup", "engine.citation",
                "engine.model", "engine.wording", "engine.saying", "engine.basewords",
                "engine.commandwords", "engine.worddiff")),
    ("read", ("engine.read", "engine.readfile", "engine.quickread", "engine.lineread", "engine.yamlerrors", "engine.gitio", "engine.versions", "engine.history", "engine.locate",
              "engine.renumber")),
    ("schema", ("engine.schema", "engine.jsonfit", "engine.pydmodel")),
    ("validate", ("engine.validate",)),
    ("load", ("engine.loader",)),
    ("compile", ("engine.compile", "engine.jsontext")),
    # The service path: `from engine import policy`, bundles, decisions and their sentences.
    ("answer", ("engine", "engine.bundle", "engine.decide*", "engine.decision*",
                "engine.fast*", "engine.table", "engine.messages", "engine.terms")),
    # Exports are functions of the compiled form only: nothing after `answer` (issue 17).
    ("export", ("engine.export", "engine.export.*")),
    # The registry (engine.diagnostics) imports the checks, so it sits with them: an earlier
    # phase imports engine.findings instead.
    ("check", ("engine.parity", "engine.parity.*", "engine.checks", "engine.checks.*",
               "engine.waivers", "engine.review", "engine.releasenotes", "engine.diagnostics",
               "engine.severities", "engine.checkcache",
               "engine.check")),
    ("report", ("engine.report", "engine.humane")),
    ("diff", ("engine.diff", "engine.diff.*")),
    # The legal team's tables (`policy test`) ask the engine and compare with the diff's tables.
    ("testing", ("engine.testing", "engine.testing.*")),
    ("uses", ("engine.uses", "engine.uses.*")),
    # `policy report`: the pull-request report over the diff, the check, the tests and the uses.
    ("change report", ("engine.change_report",)),
    # XLIFF and TBX files for translators' tools: read the sources, write through the editor.
    ("exchange", ("engine.exchange", "engine.exchange.*")),
    ("render", ("render", "render.*")),
    # Only the CLI imports render.
    ("cli", ("engine.cli", "engine.cli.*", "engine.resident")),
)

# Cycles allowed for now: none (the engine side of issue 17 removed decide <-> messages and
# diff.classify <-> diff.result); none may be added.
KNOWN_CYCLES: tuple[frozenset[str], ...] = ()


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            named = {f"{module}.{a.name}" for a in node.names}
            submodules = named & known  # `from . import patterns`: the submodule, not engine's
            out.update(submodules)      # own names (its package is initialised for every
            if named - submodules:      # submodule alike, as for `from .patterns import x`)
                out.add(module)
    return {m for m in out if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: _imported(name, path, known) for name, path in mods.items()}


def layer_of(module: str) -> int:
    for rank, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, p) for p in patterns):
            return rank
    raise LookupError(module)


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def violations(graph: dict[str, set[str]]) -> Iterator[str]:
    for a in sorted(graph):
        for b in sorted(graph[a]):
            if layer_of(b) > layer_of(a):
                yield (f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} "
                       f"({LAYERS[layer_of(b)][0]}), a later phase")


GRAPH = import_graph()


def test_every_module_has_a_layer() -> None:
    unplaced = []
    for m in sorted(GRAPH):
        try:
            layer_of(m)
        except LookupError:
            unplaced.append(m)
    assert unplaced == [], "add these modules to LAYERS (and to docs/ARCHITECTURE.md)"


def test_no_import_against_the_phase_order() -> None:
    assert list(violations(GRAPH)) == []


def test_no_import_cycles_but_the_known_ones() -> None:
    new = [sorted(c) for c in cycles(GRAPH) if c not in KNOWN_CYCLES]
    assert new == []


def test_only_the_cli_imports_render() -> None:
    importers = {a for a, bs in GRAPH.items() for b in bs
                 if b.split(".")[0] == "render" and a.split(".")[0] == "engine"}
    assert importers and all(a.startswith("engine.cli.") for a in importers)


def test_the_checks_graph_is_what_the_test_reads() -> None:
    # The reader sees lazy and type-only imports: these are known edges of the source.
    assert "engine.messages" in GRAPH["engine.decide"]  # inside a function
    assert "engine.parity.context" in GRAPH["engine.checks.unit"]  # type checking only
    assert "render.site" in GRAPH["engine.cli.plain"]


def test_a_cycle_and_a_backward_import_are_found() -> None:
    graph = {"engine.read": {"engine.loader"}, "engine.loader": {"engine.read"}}
    assert cycles(graph) == [frozenset(graph)]
    assert list(violations(graph)) == [
        "engine.read (read) imports engine.loader (load), a later phase"]


# Written once: the "did you mean" search, the names reserved by allows(), and "compile or
# raise". The engine side of issue 17 split decide.py into decision.py and fastpath.py; both
# ask engine.names (fastpath.py once kept its own copy of the reserved names).
ONCE = {
    "get_close_matches(": {"engine/names.py"},
    '"purpose", "self"': {"engine/names.py"},
    "PolicyLoadError(errors or": {"engine/bundle.py"},
}


def test_shared_logic_is_written_once() -> None:
    for needle, homes in ONCE.items():
        where = {str(p.relative_to(ROOT)) for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")
                 if needle in p.read_text("utf-8")}
        assert where == homes, needle


def architecture_map() -> dict[str, str]:
    """The rows of docs/ARCHITECTURE.md's map: each path in its column (`engine/loader.py`,
    `engine/uses/`, `render/`) with the whole text of its row, continuation lines included."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text("utf-8")
    block = text.split("\n```\n", 2)[1]  # the map is the document's first code block
    rows: dict[str, str] = {}
    path = None
    for line in block.splitlines():
        cell = line[10:]
        if cell.startswith(("engine/", "render/")):
            path = cell.split()[0]
            rows[path] = cell[len(path):]
        elif path is not None:
            rows[path] += "\n" + line
    return rows


def test_every_module_is_on_the_architecture_map() -> None:
    """docs/ARCHITECTURE.md names every module in the map: engine's own in a row of its own,
    a package's by file name in its package's row (a check by its name; engine/cli/ has one
    module per group of commands). A name elsewhere in the document does not count: the map
    once missed engine/uses/model.py and schema.py because the rows of engine/model.py and
    engine/schema.py named those file names."""
    rows = architecture_map()
    unnamed = []
    for name, path in modules().items():
        rel = path.relative_to(ROOT)
        if path.name == "__init__.py" or rel.parts[:2] == ("engine", "cli"):
            continue
        if len(rel.parts) == 2 and rel.parts[0] == "engine":
            named = rel.as_posix() in rows
        else:
            row = rows.get("/".join(rel.parts[:-1]) + "/", "")
            word = path.stem if rel.parts[:2] == ("engine", "checks") else re.escape(path.name)
            named = re.search(rf"\b{word}\b", row) is not None
        if not named:
            unnamed.append(name)
    assert unnamed == []


def test_every_module_the_map_names_exists() -> None:
    assert [p for p in architecture_map() if not (ROOT / p).exists()] == []
