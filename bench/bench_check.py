"""Benchmark of `policy check` in-process: the shipped policy, and a generated policy over 100x larger.

Run from the repository root:

    .venv/bin/python bench/bench_check.py            # 15 runs shipped, 3 runs large
    .venv/bin/python bench/bench_check.py --runs 30 --large-runs 5

Prints medians (milliseconds) for the shipped policy (target <= 0.300 s for the whole check) split
into loading (read/schema/model/validate, engine/loader.py) and the translation checks, then the
same for a generated policy of 2,000 clauses in 10 languages (1 master + 9 translations),
the issue's 100x case. Then the ratio of time per
unit-edition, large/small (1.0 = linear growth). Every run starts cold (every memo of the
tool's modules is cleared, `cold()`), as a `policy check` process does. The machine is shared
and noisy: this is a measurement, never a test.

The prose checks (sentences, length, negation, terminology, names, brackets, typography;
issue 11) are measured against the same run without them: `check_sources(..., checks=BASE)`
(every registered check but those) and `checks=CHECKS` alternate run by run, each loading the
folder afresh, so both see the same machine load. CPU time (this process) is reported beside
wall time: on a shared machine it is the steadier measure of the work done.

The same comparison is then made on `policy check` as the legal team runs it, a process
(`POLICY_NO_CACHE=1`, in a scratch git copy of the repository, as bench/bench_cli.py makes):
with the shipped `pyproject.toml`, and with every code of the prose checks turned off there
(`CODE = "off"`: a check whose every code is off is not run), alternating run by run. Both
processes import the same modules, so the prose modules' import time, measured apart with
`python -X importtime`, is added to the difference for the adjusted ratio.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from engine import model as models  # noqa: E402
from engine.check import check_sources, run_check  # noqa: E402
from engine.checks import CHECKS, terminology  # noqa: E402
from engine.loader import load_folder  # noqa: E402
from engine.markup import scan  # noqa: E402
from engine.model import fingerprint, master_units, translation_units  # noqa: E402
from engine.parity import prose  # noqa: E402
from engine.readfile import read_file  # noqa: E402

LANGS = ("ru", "en", "de", "fr", "es", "it", "pt", "nl", "pl")  # 9 translations + ja master
PROSE = frozenset({"sentences", "length", "negation", "terminology", "names", "brackets",
                   "typography"})
BASE = tuple(c for c in CHECKS if c.name not in PROSE)  # the checks before issue 11
NO_PYPROJECT = Path("/nonexistent/pyproject.toml")


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _plain(path: Path) -> Any:
    doc = read_file(path).document
    assert doc is not None, path
    return doc.data


def generate(out: Path, clauses: int = 2000) -> int:
    """Write a master of `clauses` clauses (texts cycled from the shipped clauses, without
    rules) and 9 stamped translations; returns the number of units per edition."""
    ja, en, ru = _plain(ROOT / "policy/ja.yaml"), _plain(ROOT / "policy/en.yaml"), _plain(
        ROOT / "policy/ru.yaml")

    def strip_rules(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip_rules(v) for k, v in node.items() if k != "rules"}
        if isinstance(node, list):
            return [strip_rules(v) for v in node]
        return node

    def renamed(clause: dict[str, Any], i: int) -> dict[str, Any]:
        suffix = f"-n{i}" if i >= n else ""  # the first cycle keeps the shipped ids
        copy = dict(clause, id=clause["id"] + suffix, number=i + 1)
        copy["items"] = [dict(item, id=item["id"] + suffix, items=[
            dict(sub, id=sub["id"] + suffix) for sub in item.get("items", [])])
            for item in clause.get("items", [])]
        if not copy["items"]:
            del copy["items"]
        for item in copy.get("items", []):
            if not item["items"]:
                del item["items"]
        copy.pop("source", None)
        return copy

    def mark(node: Any, marker: str, key: str = "") -> Any:
        if isinstance(node, dict):
            return {k: (v if k in ("facts", "vocabulary", "id", "number", "lang")
                        else mark(v, marker, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [mark(v, marker) for v in node]
        if isinstance(node, str) and key in ("text", "title"):
            return marker + node
        return node

    n = len(ja["clauses"])
    master = strip_rules(ja)
    master["clauses"] = [renamed(master["clauses"][i % n], i) for i in range(clauses)]
    master["facts"]["translations"] = list(LANGS)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.representer.ignore_aliases = lambda *args: True  # cycled clauses share waivers
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "ja.yaml", "w", encoding="utf-8") as fh:
        yaml.dump(master, fh)
    # The extra editions reuse the ru/en texts: give them the same words and scripts.
    settings = (ROOT / "policy/parity.toml").read_text("utf-8")
    assert settings.rstrip().endswith('en = ["Japanese"]'), "parity.toml layout changed"
    extra = [f'{lang} = ["{"японск" if k % 2 == 0 else "Japanese"}"]'
             for k, lang in enumerate(LANGS) if lang not in ("ru", "en")]
    for k, lang in enumerate(LANGS):
        if lang not in ("ru", "en"):
            base = "ru" if k % 2 == 0 else "en"
            extra.append(f"[scripts.{lang}]\n" + settings.split(f"[scripts.{base}]\n", 1)[1]
                         .split("\n\n", 1)[0])
    # ... and the prose checks' settings of their base language: the prose tables are written
    # anew from the parsed file (TOML tables cannot be reopened to add a language)
    head, rest = settings.split("# ── Sentences", 1)
    settings = head + "# ── Prevailing language" + rest.split("# ── Prevailing language", 1)[1]
    qa = tomllib.loads("#" + rest.split("# ── Prevailing language", 1)[0])
    bases = {lang: ("ru" if k % 2 == 0 else "en") for k, lang in enumerate(LANGS)
             if lang not in ("ru", "en")}
    for lang, base in bases.items():
        qa["sentences"]["abbreviations"][lang] = qa["sentences"]["abbreviations"][base]
        qa["negation"][lang] = qa["negation"][base]
        qa["terms"]["variants"][lang] = qa["terms"]["variants"][base]
        for name in qa["names"]:
            name[lang] = name[base]
    extra.append(_toml_tables(qa))
    (out / "parity.toml").write_text(settings.rstrip() + "\n" + "\n".join(extra) + "\n",
                                     "utf-8")
    src = load_folder(out)
    assert src.master is not None, src.diagnostics[:3]
    prints = {u.key: fingerprint(u.source_text()) for u in master_units(src.master)}
    for k, lang in enumerate(LANGS):
        base = ru if k % 2 == 0 else en
        tr = dict(base, lang=lang)
        tr["clauses"] = [renamed(base["clauses"][i % n], i) for i in range(clauses)]
        if lang not in ("ru", "en"):  # other editions must not repeat the ru/en texts
            tr = mark(tr, f"⟨{lang}⟩ ")
        with open(out / f"{lang}.yaml", "w", encoding="utf-8") as fh:
            yaml.dump(tr, fh)
    # stamp every unit (directly in the data, as `policy stamp` would)
    src = load_folder(out)
    for lang, model in src.translations.items():
        data = _plain(out / f"{lang}.yaml")
        for unit, _ in translation_units(model):
            node: Any = data
            for step in unit.data_path:
                node = node[step]
            node["source"] = prints[unit.key]
        with open(out / f"{lang}.yaml", "w", encoding="utf-8") as fh:
            yaml.dump(data, fh)
    return len(prints)


def _toml_tables(data: dict[str, Any], prefix: str = "") -> str:
    """Tables of strings, numbers and string lists as TOML (JSON's strings are TOML's)."""
    lines: list[str] = []
    plain = {k: v for k, v in data.items() if not isinstance(v, (dict, list)) or (
        isinstance(v, list) and all(isinstance(x, str) for x in v))}
    if prefix and plain:
        lines.append(f"[{prefix}]")
    for key, value in plain.items():
        lines.append(f"{json.dumps(key)} = {json.dumps(value, ensure_ascii=False)}")
    for key, value in data.items():
        if key in plain:
            continue
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            lines.append(_toml_tables(value, name))
        else:  # an array of tables
            for entry in value:
                lines.append(f"[[{name}]]")
                lines.extend(f"{json.dumps(k)} = {json.dumps(v, ensure_ascii=False)}"
                             for k, v in entry.items())
    return "\n".join(lines)


def cold() -> None:
    """Forget what earlier runs memoised, so every run costs what one `policy check` process
    costs: every function cache of the tool's modules (functools' lru_cache and cache, found
    by their cache_clear), the modules' own memos (prose, terminology), and the units kept
    per model. A cache left filled would make the runs after the first cheaper in one set of
    checks than in the other (a bounded cache the prose checks fill evicts what the others
    reuse), and the ratio would measure that."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("engine", "render"):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                value.cache_clear()
    scan.cache_clear()
    prose.cache_clear()
    terminology.cache_clear()
    models._UNITS.clear()


def prose_cost(folder: Path, runs: int) -> dict[str, float]:
    """Medians of the whole check (load + checks) without the prose checks and with them,
    alternating run by run, as wall time and as this process's CPU time (on a shared machine
    the CPU time is the steadier measure of the work done)."""
    samples: dict[str, list[float]] = {k: [] for k in ("wall0", "wall1", "cpu0", "cpu1")}
    for _ in range(runs):
        for flag in (False, True):
            cold()
            wall, cpu = time.perf_counter(), time.process_time()
            check_sources(load_folder(folder), pyproject=NO_PYPROJECT,
                          checks=CHECKS if flag else BASE)
            samples[f"wall{int(flag)}"].append(time.perf_counter() - wall)
            samples[f"cpu{int(flag)}"].append(time.process_time() - cpu)
    return {k: statistics.median(v) for k, v in samples.items()}


def _prose_line(c: dict[str, float]) -> str:
    return (f"whole check without the prose checks {c['wall0'] * 1000:.1f} ms, with "
            f"{c['wall1'] * 1000:.1f} ms (wall), ratio {c['wall1'] / c['wall0']:.2f}; CPU "
            f"{c['cpu0'] * 1000:.1f} ms and {c['cpu1'] * 1000:.1f} ms, ratio "
            f"{c['cpu1'] / c['cpu0']:.2f} (target <= 1.20)")


def measure(folder: Path, runs: int) -> tuple[float, float, float, int]:
    """(median total run_check, median load, median checks on loaded sources, findings)."""
    total = median_time(lambda: (cold(), run_check(folder)), runs)
    load = median_time(lambda: (cold(), load_folder(folder)), runs)
    src = load_folder(folder)
    checks = median_time(lambda: (cold(), check_sources(src, pyproject=NO_PYPROJECT)), runs)
    return total, load, checks, len(check_sources(src, pyproject=NO_PYPROJECT).diagnostics)


PROSE_MODULES = ("engine.parity.prose", "engine.parity.prose_config",
                 *(f"engine.checks.{name}" for name in sorted(PROSE)))


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def prose_import_ms() -> float:
    """The prose modules' own import time (python -X importtime, self time, median of 7 runs)."""
    totals = []
    for _ in range(7):
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import engine.check"],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        total = 0
        for line in done.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[2].strip() in PROSE_MODULES:
                total += int(parts[0].split(":")[1])
        totals.append(total / 1000)
    return statistics.median(totals)


def process_cost(runs: int) -> dict[str, float]:
    """Medians of `policy check` as a process, with the prose checks and with their codes
    turned off (not run), alternating; wall and CPU (the process and its children)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_cli import ENV, POLICY_BIN, scratch

    samples: dict[str, list[float]] = {k: [] for k in ("wall0", "wall1", "cpu0", "cpu1")}
    with tempfile.TemporaryDirectory(prefix="bench-check-") as name:
        repos = []
        for flag in (False, True):
            (Path(name) / str(flag)).mkdir()
            repo = scratch(Path(name) / str(flag))
            if not flag:
                off = "".join(f'{c.code} = "off"\n' for check in CHECKS
                              if check.name in PROSE for c in check.codes)
                toml = repo / "pyproject.toml"
                toml.write_text(toml.read_text("utf-8").replace(
                    "[tool.policy.severity]\n", "[tool.policy.severity]\n" + off), "utf-8")
            repos.append(repo)
        env = {**ENV, "POLICY_NO_CACHE": "1"}
        codes = set()
        for _ in range(runs + 1):  # the first round fills the OS file cache: not counted
            for flag in (False, True):
                cpu, wall = _children_cpu(), time.perf_counter()
                done = subprocess.run([str(POLICY_BIN), "check"], cwd=repos[flag], env=env,
                                      capture_output=True)
                samples[f"wall{int(flag)}"].append(time.perf_counter() - wall)
                samples[f"cpu{int(flag)}"].append(_children_cpu() - cpu)
                codes.add(done.returncode)
        if codes - {0, 1}:
            raise SystemExit(f"policy check exited {sorted(codes)}")
    return {k: statistics.median(v[1:]) for k, v in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="runs on the shipped policy")
    parser.add_argument("--large-runs", type=int, default=3,
                        help="runs on each generated policy (0: skip them)")
    parser.add_argument("--process-runs", type=int, default=15,
                        help="runs of `policy check` as a process, with and without the "
                             "prose checks (0: skip)")
    parser.add_argument("--clauses", type=int, default=2000,
                        help="clauses in the generated master")
    args = parser.parse_args()

    small = ROOT / "policy"
    src = load_folder(small)
    assert src.master is not None
    small_units = len(list(master_units(src.master)))
    small_editions = 1 + len(src.translations)
    t, load, checks, found = measure(small, args.runs)
    print(f"shipped policy: {small_units} units x {small_editions} editions, {found} findings")
    print(f"  run_check median {t * 1000:8.1f} ms  (target <= 300 ms)")
    print(f"    load (read/schema/model/validate) {load * 1000:8.1f} ms")
    print(f"    translation checks                {checks * 1000:8.1f} ms")
    small_cost = prose_cost(small, args.runs)
    print(f"  prose checks (same run, alternating): {_prose_line(small_cost)}")
    if args.process_runs:
        proc = process_cost(args.process_runs)
        imports = prose_import_ms()
        print(f"  `policy check` as a process (POLICY_NO_CACHE=1, {args.process_runs} runs each, "
              f"alternating): {_prose_line(proc)}")
        adjusted = proc["cpu1"] / (proc["cpu0"] - imports / 1000)
        print(f"    the prose modules' own import time {imports:.1f} ms (python -X importtime, "
              f"paid by both processes): CPU ratio with it taken out of the base "
              f"{adjusted:.2f} (target <= 1.20)")

    if args.large_runs < 1:
        return
    # Growth: three generated sizes up to --clauses, each timed with and without the prose
    # checks (alternating); per translated unit, the largest against the middle.
    sizes = (args.clauses // 4, args.clauses // 2, args.clauses)
    per_unit: list[tuple[float, float]] = []
    for clauses in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "policy"
            units = generate(big, clauses)
            cost = prose_cost(big, args.large_runs)
        translated = units * len(LANGS)
        per_unit.append((cost["cpu1"] / translated, (cost["cpu1"] - cost["cpu0"]) / translated))
        print(f"generated policy: {clauses} clauses, {units} units x {1 + len(LANGS)} editions")
        print(f"  {_prose_line(cost)}")
        print(f"  per translated unit (CPU): whole check {per_unit[-1][0] * 1e6:.1f} us, "
              f"prose checks alone {per_unit[-1][1] * 1e6:.1f} us")
    (whole_mid, prose_mid), (whole_big, prose_big) = per_unit[1], per_unit[2]
    print(f"growth, per translated unit, {sizes[2]} against {sizes[1]} clauses (CPU): whole "
          f"check {whole_big / whole_mid:.2f}, prose checks alone {prose_big / prose_mid:.2f} "
          "(1.0 = linear; target <= 1.5)")


if __name__ == "__main__":
    main()
