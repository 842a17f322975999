"""Benchmark of `policy check` in-process: the shipped policy, and a generated policy over 100x larger.

Run from the repository root:

    .venv/bin/python bench/bench_check.py            # 15 runs shipped, 3 runs large
    .venv/bin/python bench/bench_check.py --runs 30 --large-runs 5

Prints medians (milliseconds) for the shipped policy (target <= 0.300 s for the whole check) split
into loading (read/schema/model/validate, engine/loader.py) and the translation checks, then the
same for a generated policy of 2,000 clauses in 10 languages (1 master + 9 translations),
the issue's 100x case. Then the ratio of time per
unit-edition, large/small (1.0 = linear growth). Every run starts cold (the
memoised text analysis is cleared), as a `policy check` process does. The machine is shared
and noisy: this is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from engine.check import check_sources, run_check  # noqa: E402
from engine.loader import load_folder  # noqa: E402
from engine.markup import scan  # noqa: E402
from engine.model import fingerprint, master_units, translation_units  # noqa: E402
from engine.parity import text  # noqa: E402
from engine.read import read_file  # noqa: E402

LANGS = ("ru", "en", "de", "fr", "es", "it", "pt", "nl", "pl")  # 9 translations + ja master
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
            return node + marker
        return node

    n = len(ja["clauses"])
    master = strip_rules(ja)
    master["clauses"] = [renamed(master["clauses"][i % n], i) for i in range(clauses)]
    master["facts"]["translations"] = list(LANGS)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 100
    yaml.allow_unicode = True
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
            tr = mark(tr, f" ⟨{lang}⟩")
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


def cold() -> None:
    """Forget what earlier runs memoised, so every run costs what one `policy check` costs."""
    for name in ("emails", "urls", "dates", "kept_names", "mask", "numbers", "letter_scripts",
                 "comparable"):
        getattr(text, name).cache_clear()
    scan.cache_clear()


def measure(folder: Path, runs: int) -> tuple[float, float, float, int]:
    """(median total run_check, median load, median checks on loaded sources, findings)."""
    total = median_time(lambda: (cold(), run_check(folder)), runs)
    load = median_time(lambda: (cold(), load_folder(folder)), runs)
    src = load_folder(folder)
    checks = median_time(lambda: (cold(), check_sources(src, pyproject=NO_PYPROJECT)), runs)
    return total, load, checks, len(check_sources(src, pyproject=NO_PYPROJECT).diagnostics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="runs on the shipped policy")
    parser.add_argument("--large-runs", type=int, default=3, help="runs on the large policy")
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

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "policy"
        big_units = generate(big, args.clauses)
        big_editions = 1 + len(LANGS)
        T, LOAD, CHECKS, FOUND = measure(big, args.large_runs)
    print(f"generated policy: {args.clauses} clauses, {big_units} units x {big_editions} "
          f"editions, {FOUND} findings")
    print(f"  run_check median {T * 1000:8.1f} ms")
    print(f"    load                              {LOAD * 1000:8.1f} ms")
    print(f"    translation checks                {CHECKS * 1000:8.1f} ms")
    per_small = t / (small_units * small_editions)
    per_big = T / (big_units * big_editions)
    per_small_checks = checks / (small_units * (small_editions - 1))
    per_big_checks = CHECKS / (big_units * (big_editions - 1))
    print(f"per unit-edition: shipped {per_small * 1e6:.1f} us, large {per_big * 1e6:.1f} us, "
          f"ratio {per_big / per_small:.2f} (1.0 = linear)")
    print(f"checks only, per translated unit: shipped {per_small_checks * 1e6:.1f} us, large "
          f"{per_big_checks * 1e6:.1f} us, ratio {per_big_checks / per_small_checks:.2f}")


if __name__ == "__main__":
    main()
