"""Benchmark of the decision engine against its peers: first ask, cached ask, scaling, memory, cold start.

    .venv/bin/python bench/bench_engine.py [--queries 2000] [--repeats 7] [--starts 10]
                                           [--json results.json]

1. Compiles policy/ (or --policy DIR) into a bundle with `policy bundle` and loads it; builds
   the same bundle 10x and 100x larger (every clause and rule repeated, so every question is
   covered by 10x or 100x the rules).
2. Encodes the bundle in Cedar with the library's export (`engine.export.cedar`, through the
   entity hierarchy), in Rego with the library's OPA bundle (`engine.export.rego`, run by
   regopy) and in a casbin model, all generated from the bundle; also the older
   Cedar encoding with literal lists in `when`, to show why the export uses the hierarchy.
3. Checks that the engine, cedarpy (both encodings), casbin and regopy agree on every leaf question
   (action x data x purpose; every flag combination on a small policy, else the contexts the
   tests ask, `peer_domain`) and on the mix; any disagreement is printed and makes the exit
   code 1.
4. Times, on the same mix and as literal calls (`allows("use", "contact", ..., consent=True)`):
   - the engine's first ask (a fresh policy; every call a memo miss) at 1x, 10x and 100x, with
     and without reading the decision's clauses and obligations;
   - the engine's cached ask, beside the floor: a plain dict lookup through a function with
     the same keyword parameters;
   - each peer cold (every call evaluated; regopy, at milliseconds a call, on the first 200
     distinct questions) and with a memo of its own (a dict in front of it);
   and reports medians over repeats, wall clock and CPU time, and the ratios.
5. Reports the memory of the loaded policy and of its memo (tracemalloc), at 1x and 100x.
6. Times a cold start: a fresh interpreter that imports the engine, loads the bundle and
   answers one question; and the bare import time of engine, cedarpy and casbin.

The machine is shared and noisy: read medians, note the load average, rerun before comparing.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import CompiledPolicy, load  # noqa: E402
from engine.atomic import write_text_atomic  # noqa: E402
from engine.export.cedar import (  # noqa: E402
    cedar_entities,
    cedar_policies,
    cedar_request,
)
from engine.hashing import content_hash  # noqa: E402

Query = tuple[str, str, str, dict[str, bool]]

TARGET_FIRST_US = 3.0  # issue 15: first ask on the shipped policy
TARGET_SCALING = 2.0  # first ask at 100x <= 2x the first ask at 1x
TARGET_CACHED_US = 0.5
TARGET_PEER_RATIO = 5.0  # first ask: engine >= 5x faster than every peer's first ask
TARGET_COLD_MS = 100.0
SCALES = (1, 10, 100)


# -- the query mix --------------------------------------------------------------------------

def leaf_terms(pol: CompiledPolicy, kind: str) -> list[str]:
    return list(pol.terms(kind, groups=False))


def query_mix(pol: CompiledPolicy, n: int, seed: int) -> list[Query]:
    """`n` varied leaf questions: random terms, and context given in varied forms (no flags, a
    few flags true or false, all flags), so the keyword handling is part of the measurement."""
    rnd = random.Random(seed)
    actions, data, purposes = (leaf_terms(pol, k) for k in ("actions", "data", "purposes"))
    # Half the mix asks what a permit speaks to, with the permit's conditions met (so allows
    # are common, unless a prohibition fires); the other half is uniform over the leaves.
    permits = [r for r in pol.bundle["rules"] if r["effect"] == "permit"]
    mix: list[Query] = []
    for i in range(n):
        k = rnd.choice((0, 0, 1, 1, 2, len(pol.flags)))
        ctx = {f: rnd.random() < 0.5 for f in rnd.sample(pol.flags, min(k, len(pol.flags)))}
        if i % 2 == 0:
            r = rnd.choice(permits)
            a, d, p = (rnd.choice(r["actions"]), rnd.choice(r["data"]),
                       rnd.choice(r["purposes"]))
            ctx.update(r["when"])
        else:
            a, d, p = rnd.choice(actions), rnd.choice(data), rnd.choice(purposes)
        mix.append((a, d, p, ctx))
    return mix


PEER_EVERY_CONTEXT = 50_000  # leaf questions; above this, the peers get the chosen contexts
REGO_BATCH = 400  # questions per regopy query of the `decisions` entry point
REGO_COLD = 200  # regopy takes milliseconds a decision: it is timed cold on this many questions


def peer_domain(pol: CompiledPolicy, domain: list[Query]) -> list[Query]:
    """The leaf questions the peers are asked for agreement: all of them on a small domain;
    else each leaf question in the contexts tests/export/runners.py `leaf_questions` picks
    (every combination of the flags its covering rules name, with every other flag false,
    true or left out, and two contexts drawn at random), as the tests of the exports ask them:
    a flag no covering rule names cannot change a right peer's answer."""
    from tests.export.runners import leaf_questions

    if len(domain) <= PEER_EVERY_CONTEXT:
        return domain
    return leaf_questions(pol)


def full_domain(pol: CompiledPolicy) -> list[Query]:
    masks = [dict(zip(pol.flags, bits, strict=True))
             for bits in itertools.product((False, True), repeat=len(pol.flags))]
    return [(a, d, p, m) for a, d, p, m in itertools.product(
        leaf_terms(pol, "actions"), leaf_terms(pol, "data"), leaf_terms(pol, "purposes"), masks)]


# -- the peers, generated from the bundle ---------------------------------------------------

def scaled(bundle: dict[str, Any], factor: int) -> dict[str, Any]:
    """The bundle with every clause and rule repeated `factor` times (copy k's clause ids end
    in `~k`): the same vocabulary and answers, `factor` times the rules behind each answer."""
    if factor == 1:
        return bundle
    out = json.loads(json.dumps(bundle))
    clauses = dict(out["clauses"])
    rules = list(out["rules"])
    for k in range(1, factor):
        clauses.update({f"{path}~{k}": c for path, c in out["clauses"].items()})
        rules += [dict(r, clause=f"{r['clause']}~{k}") for r in out["rules"]]
    out["clauses"], out["rules"] = clauses, rules
    out.pop("hash")
    out["hash"] = content_hash(out)
    return out


def cedar_literal_text(bundle: dict[str, Any]) -> str:
    """The older Cedar encoding, for comparison only: literal lists in every `when` (Cedar
    builds them on every request). The library's export uses the entity hierarchy."""

    def entities(kind: str, ids: Sequence[str]) -> str:
        return "[" + ", ".join(f'{kind}::"{i}"' for i in ids) + "]"

    out = []
    for i, rule in enumerate(bundle["rules"]):
        if rule["effect"] == "oblige":  # duties never change an outcome
            continue
        conds = [f"resource in {entities('Data', rule['data'])}",
                 "[" + ", ".join(json.dumps(p) for p in rule["purposes"]) +
                 "].contains(context.purpose)"]
        conds += [f"context.{flag} == {'true' if value else 'false'}"
                  for flag, value in sorted(rule["when"].items())]
        out.append(f'@id("rule{i}")\n{rule["effect"]} (principal, action in '
                   f'{entities("Action", rule["actions"])}, resource)\n'
                   f"when {{ {' && '.join(conds)} }};")
    return "\n".join(out) + "\n"


def casbin_model(flags: Sequence[str]) -> str:
    cols = ", ".join(f"f{i}" for i in range(len(flags)))
    flag_match = "".join(f' && (p.f{i} == "*" || p.f{i} == r.f{i})' for i in range(len(flags)))
    return (
        "[request_definition]\n"
        f"r = act, dat, pur{', ' + cols if cols else ''}\n\n"
        "[policy_definition]\n"
        f"p = act, dat, pur{', ' + cols if cols else ''}, eft\n\n"
        "[policy_effect]\n"
        "e = some(where (p.eft == allow)) && !some(where (p.eft == deny))\n\n"
        "[matchers]\n"
        "m = regexMatch(r.act, p.act) && regexMatch(r.dat, p.dat) && regexMatch(r.pur, p.pur)"
        f"{flag_match}\n"
    )


def casbin_rules(bundle: dict[str, Any], flags: Sequence[str]) -> list[list[str]]:
    """One casbin policy line per bundle rule: anchored alternations of the rule's terms."""

    def alt(ids: Sequence[str]) -> str:
        return "^(" + "|".join(ids) + ")$"

    lines = []
    for rule in bundle["rules"]:
        if rule["effect"] == "oblige":
            continue
        when = rule["when"]
        cols = [("true" if when[f] else "false") if f in when else "*" for f in flags]
        lines.append([alt(rule["actions"]), alt(rule["data"]), alt(rule["purposes"]), *cols,
                      "deny" if rule["effect"] == "forbid" else "allow"])
    return lines


class Peers:
    """cedarpy (the export's hierarchy encoding, and literal lists), casbin and regopy (the OPA
    bundle of the library's Rego export, as tests/export/runners.py loads it) holding the
    bundle's rules, each with the same call form as the engine and with a memo of its own."""

    def __init__(self, bundle: dict[str, Any], flags: Sequence[str]) -> None:
        import casbin
        import cedarpy

        from tests.export.runners import Rego

        self.rego_runner = Rego(bundle)
        self.bundle = bundle
        self.flags = tuple(flags)
        self.cedarpy = cedarpy
        self.policy_set = cedarpy.PolicySet.from_str(cedar_policies(bundle))
        self.entities = cedarpy.Entities.from_json_str(json.dumps(cedar_entities(bundle)))
        self.literal_set = cedarpy.PolicySet.from_str(cedar_literal_text(bundle))
        self.no_entities = cedarpy.Entities.from_json_str("[]")
        model = casbin.Model()
        model.load_model_from_text(casbin_model(self.flags))
        self.enforcer = casbin.Enforcer(model)
        for line in casbin_rules(bundle, self.flags):
            self.enforcer.add_policy(*line)

    def literal_request(self, a: str, d: str, p: str, ctx: dict[str, bool]) -> dict[str, Any]:
        context: dict[str, Any] = {"purpose": p}
        context.update({f: ctx.get(f, False) for f in self.flags})
        return {"principal": 'User::"service"', "action": f'Action::"{a}"',
                "resource": f'Data::"{d}"', "context": context}

    # Each peer as a function with the engine's call form: f(action, data, purpose, **flags).
    def cedar(self, a: str, d: str, p: str, **ctx: bool) -> bool:
        return bool(self.cedarpy.is_authorized(cedar_request(self.bundle, a, d, p, ctx),
                                               self.policy_set, self.entities).allowed)

    def cedar_literal(self, a: str, d: str, p: str, **ctx: bool) -> bool:
        return bool(self.cedarpy.is_authorized(self.literal_request(a, d, p, ctx),
                                               self.literal_set, self.no_entities).allowed)

    def cedar_batch(self, qs: Sequence[Query]) -> list[bool]:
        results = self.cedarpy.is_authorized_batch(
            [cedar_request(self.bundle, *q) for q in qs], self.policy_set, self.entities)
        return [bool(r.allowed) for r in results]

    def rego(self, a: str, d: str, p: str, **ctx: bool) -> bool:
        query = {"action": a, "data": d, "purpose": p, "context": ctx}
        return bool(self.rego_runner.decide(query)["allowed"])

    def rego_batch(self, qs: Sequence[Query]) -> list[bool]:
        out: list[bool] = []
        for i in range(0, len(qs), REGO_BATCH):
            out += [bool(r["allowed"]) for r in self.rego_runner.decide_many(
                [{"action": a, "data": d, "purpose": p, "context": c}
                 for a, d, p, c in qs[i:i + REGO_BATCH]])]
        return out

    def casbin(self, a: str, d: str, p: str, **ctx: bool) -> bool:
        return bool(self.enforcer.enforce(
            a, d, p, *("true" if ctx.get(f, False) else "false" for f in self.flags)))


def memoised(fn: Callable[..., bool]) -> Callable[..., bool]:
    """A peer with a memo of its own: the four-line dict a service would put in front."""
    memo: dict[tuple[Any, ...], bool] = {}

    def ask(a: str, d: str, p: str, **ctx: bool) -> bool:
        key = (a, d, p, *ctx.items())
        try:
            return memo[key]
        except KeyError:
            found = memo[key] = fn(a, d, p, **ctx)
            return found

    return ask


def floor_function(flags: Sequence[str], value: object) -> Callable[..., object]:
    """The pure-Python floor of a cached answer: one dict lookup in a function that takes the
    same keyword parameters as the engine's `allows`."""
    params = "".join(f", {f}=False" for f in flags)
    scope: dict[str, Any] = {"_table": collections.defaultdict(lambda: value)}
    exec(f"def floor(action, data, purpose, *{params}):\n    return _table[purpose]\n", scope)
    fn: Callable[..., object] = scope["floor"]
    return fn


def literal_calls(mix: Sequence[Query], *, parts: bool = False,
                  ) -> Callable[[Callable[..., Any]], None]:
    """A function making every call of the mix as source code, `allows("use", ..., consent=True)`,
    the way a service writes it (no per-call loop or ** unpacking in the measurement); with
    `parts`, each call is followed by reading the decision's clauses and obligations."""
    lines = ["def run(allows):"]
    for a, d, p, ctx in mix:
        kw = "".join(f", {f}={v!r}" for f, v in ctx.items())
        if parts:
            lines.append(f"    _ = allows({a!r}, {d!r}, {p!r}{kw}); _.clauses; _.obligations")
        else:
            lines.append(f"    allows({a!r}, {d!r}, {p!r}{kw})")
    scope: dict[str, Any] = {}
    exec(compile("\n".join(lines) + "\n", "<mix>", "exec"), scope)
    run: Callable[[Callable[..., Any]], None] = scope["run"]
    return run


def median_ns_per_call(batch: Callable[[], None], calls: int, repeats: int,
                       inner: int = 1) -> tuple[float, list[float], float]:
    """Median wall-clock ns per call (perf_counter_ns), its samples, and the median CPU ns per
    call (process_time_ns), which leaves out the time other jobs on a busy machine took."""
    samples, cpu = [], []
    for _ in range(repeats):
        c0, t0 = time.process_time_ns(), time.perf_counter_ns()
        for _ in range(inner):
            batch()
        t1, c1 = time.perf_counter_ns(), time.process_time_ns()
        samples.append((t1 - t0) / (calls * inner))
        cpu.append((c1 - c0) / (calls * inner))
    return statistics.median(samples), samples, statistics.median(cpu)


def distinct(mix: Sequence[Query]) -> list[Query]:
    seen: dict[tuple[Any, ...], Query] = {}
    for q in mix:
        seen.setdefault((q[0], q[1], q[2], tuple(sorted(q[3].items()))), q)
    return list(seen.values())


def first_ask(bundle: dict[str, Any], questions: Sequence[Query], repeats: int,
              ) -> dict[str, float]:
    """The first ask of each question on a freshly loaded policy (every call a memo miss),
    alone and followed by reading the decision's clauses and obligations."""
    run = literal_calls(questions)
    run_parts = literal_calls(questions, parts=True)
    out: dict[str, float] = {}
    for name, fn in (("first_ns", run), ("first_parts_ns", run_parts)):
        walls, cpus = [], []
        for _ in range(repeats):
            pol = CompiledPolicy(bundle)
            c0, t0 = time.process_time_ns(), time.perf_counter_ns()
            fn(pol.allows)
            t1, c1 = time.perf_counter_ns(), time.process_time_ns()
            walls.append((t1 - t0) / len(questions))
            cpus.append((c1 - c0) / len(questions))
        out[name] = statistics.median(walls)
        out[name.replace("_ns", "_cpu_ns")] = statistics.median(cpus)
    t0 = time.perf_counter_ns()
    for _ in range(3):
        CompiledPolicy(bundle)
    out["load_ms"] = (time.perf_counter_ns() - t0) / 3e6
    return out


def memory(bundle: dict[str, Any], domain: Sequence[Query]) -> dict[str, float]:
    """Bytes held by a loaded policy, and by its memo once every leaf question was asked (at
    most 100,000 of them: enough to fill the memo to its bound)."""
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    pol = CompiledPolicy(bundle)
    loaded = tracemalloc.get_traced_memory()[0]
    for a, d, p, ctx in domain[:100_000]:
        pol.allows(a, d, p, **ctx)
    filled = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    held = pol.memo_size()
    per = (filled - loaded) / max(1, held)
    return {"policy_bytes": loaded - base, "memo_bytes": filled - loaded, "memo_entries": held,
            "memo_limit": pol.memo_limit, "bytes_per_entry": per,
            "memo_bound_bytes": per * pol.memo_limit}


def cached(pol: CompiledPolicy, peers: Peers, mix: Sequence[Query], repeats: int,
           ) -> dict[str, Any]:
    """The engine's cached ask, the floor and each peer behind a memo of its own, timed in
    turn within each repeat (interleaved, so a change in the machine's load hits all alike)."""
    run = literal_calls(mix)
    allows = pol.allows
    floor = floor_function(pol.flags, allows(*mix[0][:3], **mix[0][3]))
    fns: dict[str, Callable[..., Any]] = {
        "cached": allows, "floor": floor, "cedarpy_memo": memoised(peers.cedar),
        "cedarpy_literal_memo": memoised(peers.cedar_literal),
        "casbin_memo": memoised(peers.casbin), "regopy_memo": memoised(peers.rego)}
    for fn in fns.values():
        run(fn)  # warm every memo: every later call is the steady state a service sees
    walls: dict[str, list[float]] = {k: [] for k in fns}
    cpus: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            wall, _, cpu = median_ns_per_call(lambda f=fn: run(f), len(mix), 1, inner=20)
            walls[name].append(wall)
            cpus[name].append(cpu)
    out: dict[str, Any] = {"memo": {}}
    for name in fns:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        if name.endswith("_memo"):
            out["memo"][name] = {"wall_ns": wall, "cpu_ns": cpu}
        else:
            out[f"{name}_ns"], out[f"{name}_cpu_ns"] = wall, cpu
            out[f"{name}_best_ns"] = min(walls[name])

    def splat() -> None:
        for a, d, p, ctx in mix:
            allows(a, d, p, **ctx)

    out["splat_ns"] = median_ns_per_call(splat, len(mix), repeats, inner=20)[0]
    generic = CompiledPolicy(pol.bundle)

    def generic_method() -> None:
        for a, d, p, ctx in mix:
            CompiledPolicy.allows(generic, a, d, p, **ctx)

    generic_method()
    out["generic_method_ns"] = median_ns_per_call(generic_method, len(mix), repeats, inner=5)[0]
    return out


def bench_peers(peers: Peers, questions: Sequence[Query], repeats: int,
                ) -> dict[str, dict[str, float]]:
    """Each peer cold on the distinct questions (every call evaluated), and in a batch where it
    has one (memoised peers are timed beside the engine's cached ask, in `cached`)."""
    cold_run = literal_calls(questions)
    reps = max(3, repeats // 2)
    out: dict[str, dict[str, float]] = {}
    for name, fn in (("cedarpy", peers.cedar), ("cedarpy_literal", peers.cedar_literal),
                     ("casbin", peers.casbin)):
        wall, _, cpu = median_ns_per_call(lambda f=fn: cold_run(f), len(questions), reps)
        out[name] = {"wall_ns": wall, "cpu_ns": cpu}
    wall, _, cpu = median_ns_per_call(lambda: peers.cedar_batch(questions), len(questions),
                                      reps)
    out["cedarpy_batch"] = {"wall_ns": wall, "cpu_ns": cpu}
    few = list(questions[:REGO_COLD])
    rego_run = literal_calls(few)
    wall, _, cpu = median_ns_per_call(lambda: rego_run(peers.rego), len(few), 3)
    out["regopy"] = {"wall_ns": wall, "cpu_ns": cpu}
    wall, _, cpu = median_ns_per_call(lambda: peers.rego_batch(few), len(few), 3)
    out["regopy_batch"] = {"wall_ns": wall, "cpu_ns": cpu}
    return out


# -- agreement ------------------------------------------------------------------------------

def disagreements(pol: CompiledPolicy, peers: Peers, queries: Sequence[Query],
                  ) -> list[dict[str, Any]]:
    cedar = peers.cedar_batch(queries)
    rego = peers.rego_batch(queries)
    out = []
    for q, c, r in zip(queries, cedar, rego, strict=True):
        e = bool(pol.allows(q[0], q[1], q[2], **q[3]))
        lit = peers.cedar_literal(q[0], q[1], q[2], **q[3])
        k = peers.casbin(q[0], q[1], q[2], **q[3])
        if not e == c == lit == k == r:
            out.append({"query": [q[0], q[1], q[2], q[3]], "engine": e, "cedarpy": c,
                        "cedarpy_literal": lit, "casbin": k, "regopy": r})
    return out


# -- cold start -----------------------------------------------------------------------------

def timed_run(code: str, env: dict[str, str], cwd: str, cpu: list[float] | None = None,
              ) -> float:
    """Wall-clock ms of a fresh interpreter running `code`; its CPU ms (user + system, from
    getrusage of children) is appended to `cpu` when given."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter_ns()
    subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL)
    wall = (time.perf_counter_ns() - t0) / 1e6
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1e3)
    return wall


def import_ms(module: str, env: dict[str, str], cwd: str) -> float:
    code = (f"import time; t = time.perf_counter_ns(); import {module}; "
            "print((time.perf_counter_ns() - t) / 1e6)")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip())


def bench_cold(bundle_path: Path, starts: int) -> dict[str, Any]:
    question = "policy.allows('use', 'contact', 'newsletter', opted_out=True)"
    code = f"from engine import policy; {question}"
    cwd = tempfile.mkdtemp(prefix="bench-cold-")  # outside the repository
    results: dict[str, Any] = {"command": f'CAFETALK_POLICY={bundle_path} python -c "{code}"'}
    with tempfile.TemporaryDirectory(prefix="pycache-") as pycache:
        base = {k: v for k, v in os.environ.items()
                if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
        base["CAFETALK_POLICY"] = str(bundle_path)
        modes = {
            # as this machine runs Python: no .pyc written, so our sources compile every time
            "source": dict(base, PYTHONDONTWRITEBYTECODE="1"),
            # as an installed wheel runs (pip writes .pyc at install): bytecode cached
            "bytecode": dict(base, PYTHONPYCACHEPREFIX=pycache),
        }
        for mode, env in modes.items():
            for _ in range(2):  # warm the OS file cache (and, for "bytecode", the .pyc)
                timed_run(code, env, cwd)
                for m in ("engine", "cedarpy", "casbin"):
                    import_ms(m, env, cwd)
            cpu: list[float] = []
            runs = [timed_run(code, env, cwd, cpu) for _ in range(starts)]
            results.setdefault("samples", {})[mode] = runs
            bare = [timed_run("pass", env, cwd) for _ in range(starts)]
            imports = {m: statistics.median(import_ms(m, env, cwd) for _ in range(starts))
                       for m in ("engine", "cedarpy", "casbin")}
            results[mode] = {"cold_start_ms": statistics.median(runs),
                             "cold_start_cpu_ms": statistics.median(cpu),
                             "python_startup_ms": statistics.median(bare),
                             "import_ms": imports}
    return results


# -- main -----------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--policy", type=Path, default=ROOT / "policy")
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20100420)
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)

    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="bench-engine-"))
    bundle_path = work / "policy.json"
    # The bundle a service ships, written by `policy bundle` itself.
    subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", "bundle",
                    "--policy", str(args.policy), "--out", str(bundle_path)],
                   check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    pol = load(bundle_path)
    bundle = pol.bundle_dict()
    mix = query_mix(pol, args.queries, args.seed)
    questions = distinct(mix)
    peers = Peers(bundle, pol.flags)

    domain = full_domain(pol)
    checked = peer_domain(pol, domain)
    wrong = disagreements(pol, peers, mix) + disagreements(pol, peers, checked)
    allowed = sum(bool(pol.allows(q[0], q[1], q[2], **q[3])) for q in mix)

    scales: dict[str, Any] = {}
    for factor in SCALES:
        big = scaled(bundle, factor)
        scales[str(factor)] = {"rules": len(big["rules"]),
                               **first_ask(big, questions, args.repeats)}
        if factor in (1, SCALES[-1]):
            scales[str(factor)]["memory"] = memory(big, domain)
        big_pol = CompiledPolicy(big)
        if [bool(big_pol.allows(*q[:3], **q[3])) for q in mix] != \
                [bool(pol.allows(*q[:3], **q[3])) for q in mix]:
            wrong.append({"query": f"the {factor}x bundle answers the mix differently"})
    cached_t = cached(pol, peers, mix, args.repeats)
    peer_t = bench_peers(peers, questions, args.repeats)
    peer_t.update(cached_t.pop("memo"))
    cold = bench_cold(bundle_path, args.starts)

    results: dict[str, Any] = {
        "command": "python bench/bench_engine.py " + " ".join(argv or sys.argv[1:]),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average_before": load_before,
                    "load_average_after": os.getloadavg()},
        "policy_version": pol.version,
        "rules": len(bundle["rules"]),
        "flags": len(pol.flags),
        "mix": {"queries": len(mix), "allowed": allowed, "distinct": len(questions),
                "with_flags": sum(1 for q in mix if q[3])},
        "agreement": {"mix_checked": len(mix), "domain": len(domain),
                      "domain_checked": len(checked),
                      "disagreements": wrong},
        "scales": scales,
        "cached": cached_t,
        "peers": peer_t,
        "cold": cold,
        "targets": {"first_us": TARGET_FIRST_US, "scaling": TARGET_SCALING,
                    "cached_us": TARGET_CACHED_US, "peer_ratio": TARGET_PEER_RATIO},
    }
    report(results)
    if args.json is not None:
        write_text_atomic(args.json, json.dumps(results, indent=1, sort_keys=True) + "\n")
    return 1 if wrong else 0


def report(r: dict[str, Any]) -> None:
    def verdict(ok: bool) -> str:
        return "meets target" if ok else "MISSES target"

    m, mix, sc, c, p = r["machine"], r["mix"], r["scales"], r["cached"], r["peers"]
    print(f"command: {r['command']}")
    print(f"policy {r['policy_version']}, {r['rules']} rules, {r['flags']} flags; Python "
          f"{m['python']} on {m['cpus']} CPUs; load average {m['load_average_before'][0]:.1f} "
          f"before, {m['load_average_after'][0]:.1f} after")
    print(f"mix: {mix['queries']} queries ({mix['distinct']} distinct, {mix['with_flags']} with "
          f"flags, {mix['allowed']} allowed)")
    a = r["agreement"]
    scope = (f"all {a['domain']} leaf questions" if a["domain"] == a["domain_checked"] else
             f"{a['domain_checked']} questions in place of all {a['domain']} (every leaf "
             "question in every combination of the flags its rules name, the other flags "
             "false, true or left out, and two random contexts)")
    print(f"agreement: engine, cedarpy (hierarchy and literal encodings), casbin and regopy on "
          f"the mix "
          f"and on {scope}: {len(a['disagreements'])} disagreement(s)")
    for d in a["disagreements"][:10]:
        print(f"  DISAGREE {d}")
    print("medians in µs per call (CPU time in brackets)")
    one = sc["1"]["first_ns"]
    for factor, s in sc.items():
        print(f"engine first ask, {factor:>3}x ({s['rules']:5d} rules, load "
              f"{s['load_ms']:6.1f} ms): {s['first_ns'] / 1000:7.3f} ({s['first_cpu_ns'] / 1000:.3f})"
              f"; with clauses and obligations read {s['first_parts_ns'] / 1000:7.3f}"
              f"; {s['first_ns'] / one:.2f}x the 1x figure")
    top = sc[str(SCALES[-1])]
    print(f"  first ask at 1x: {verdict(one / 1000 <= TARGET_FIRST_US)} ≤ {TARGET_FIRST_US} µs; "
          f"at {SCALES[-1]}x / 1x = {top['first_ns'] / one:.2f} "
          f"({verdict(top['first_ns'] / one <= TARGET_SCALING)} ≤ {TARGET_SCALING})")
    for factor in ("1", str(SCALES[-1])):
        mem = sc[factor]["memory"]
        print(f"memory at {factor:>3}x: policy {mem['policy_bytes'] / 1e6:.2f} MB; memo "
              f"{mem['memo_bytes'] / 1e6:.2f} MB for {mem['memo_entries']} decisions "
              f"({mem['bytes_per_entry']:.0f} B each); bound {mem['memo_limit']} decisions "
              f"≈ {mem['memo_bound_bytes'] / 1e6:.1f} MB")
    cached_us, floor_us = c["cached_ns"] / 1000, c["floor_ns"] / 1000
    print(f"engine cached ask, literal keyword calls: {cached_us:7.3f} ({c['cached_cpu_ns'] / 1000:.3f})"
          f" ({verdict(cached_us <= TARGET_CACHED_US)} ≤ {TARGET_CACHED_US} µs; best repeat "
          f"{c['cached_best_ns'] / 1000:.3f})")
    print(f"floor: one dict lookup through a function, same calls: {floor_us:7.3f} "
          f"({c['floor_cpu_ns'] / 1000:.3f}); engine / floor = {cached_us / floor_us:.2f}")
    print(f"engine cached, allows(*q, **ctx) loop: {c['splat_ns'] / 1000:7.3f}; generic method "
          f"(no keyword fast path), loop: {c['generic_method_ns'] / 1000:7.3f}")
    rows = (("cedarpy", "cedarpy is_authorized, hierarchy (the export)"),
            ("cedarpy_literal", "cedarpy is_authorized, literal lists        "),
            ("casbin", "casbin enforce                              "),
            ("regopy", f"regopy, OPA bundle (first {REGO_COLD} questions) "))
    print("peer                                          cold (first ask)   with its own memo")
    for name, label in rows:
        print(f"{label}: {p[name]['wall_ns'] / 1000:9.3f} ({p[name]['cpu_ns'] / 1000:.3f})"
              f"   {p[name + '_memo']['wall_ns'] / 1000:7.3f} "
              f"({p[name + '_memo']['cpu_ns'] / 1000:.3f})")
    print(f"cedarpy is_authorized_batch, hierarchy, per question: "
          f"{p['cedarpy_batch']['wall_ns'] / 1000:9.3f} ({p['cedarpy_batch']['cpu_ns'] / 1000:.3f})")
    print(f"regopy `decisions` entry point, {REGO_BATCH} a query, per question: "
          f"{p['regopy_batch']['wall_ns'] / 1000:9.3f} ({p['regopy_batch']['cpu_ns'] / 1000:.3f})")
    for clock, one_t, cached_t in (("wall", one, c["cached_ns"]),
                                   ("cpu", sc["1"]["first_cpu_ns"], c["cached_cpu_ns"])):
        cold_peers = {k: v[f"{clock}_ns"] for k, v in p.items() if not k.endswith("_memo")}
        memo_peers = {k: v[f"{clock}_ns"] for k, v in p.items() if k.endswith("_memo")}
        fastest_cold = min(cold_peers, key=lambda k: cold_peers[k])
        fastest_memo = min(memo_peers, key=lambda k: memo_peers[k])
        ratio_cold = cold_peers[fastest_cold] / one_t
        print(f"ratios by {'wall clock' if clock == 'wall' else 'CPU time'}: first ask, fastest "
              f"peer ({fastest_cold}) / engine = {ratio_cold:.1f}x "
              f"({verdict(ratio_cold >= TARGET_PEER_RATIO)} ≥ {TARGET_PEER_RATIO:.0f}x); "
              f"memoised, fastest peer ({fastest_memo}) / engine cached = "
              f"{memo_peers[fastest_memo] / cached_t:.1f}x")
    print(f"by CPU time: first ask at 1x {sc['1']['first_cpu_ns'] / 1000:.3f} µs "
          f"({verdict(sc['1']['first_cpu_ns'] / 1000 <= TARGET_FIRST_US)}), at "
          f"{SCALES[-1]}x / 1x = {top['first_cpu_ns'] / sc['1']['first_cpu_ns']:.2f}; cached "
          f"{c['cached_cpu_ns'] / 1000:.3f} µs "
          f"({verdict(c['cached_cpu_ns'] / 1000 <= TARGET_CACHED_US)}), engine / floor = "
          f"{c['cached_cpu_ns'] / c['floor_cpu_ns']:.2f}")
    cs = r["cold"]
    print(f"cold start: {cs['command']}")
    for mode in ("bytecode", "source"):
        m = cs[mode]
        imp = m["import_ms"]
        print(f"  {mode:8s}: {m['cold_start_ms']:6.1f} ms median, "
              f"{min(cs['samples'][mode]):.1f} ms best "
              f"({verdict(m['cold_start_ms'] <= TARGET_COLD_MS)} ≤ {TARGET_COLD_MS:.0f} ms; "
              f"bare python {m['python_startup_ms']:.1f} ms; CPU "
              f"{m['cold_start_cpu_ms']:.1f} ms); import engine "
              f"{imp['engine']:.1f} ms, cedarpy {imp['cedarpy']:.1f} ms, casbin "
              f"{imp['casbin']:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
