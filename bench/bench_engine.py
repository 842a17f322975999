"""Benchmark of the decision engine: per-call latency, the same rules in cedarpy and casbin, cold start.

    .venv/bin/python bench/bench_engine.py [--queries 2000] [--repeats 7] [--starts 15]
                                           [--json results.json]

1. Compiles policy/ (or --policy DIR) into a bundle with `policy bundle`, and loads it.
2. Encodes the bundle's expanded rules in Cedar (cedarpy) and in a casbin model, generated
   from the bundle, never written by hand, so all three engines hold the same rules.
3. Checks that the three engines give the same allow/deny on the query mix and on the whole
   leaf domain (every action x data x purpose x flag combination); any disagreement is
   reported and makes the exit code 1.
4. Times each engine on the mix (medians over repeats, time.perf_counter_ns over batches).
5. Times a cold start: a fresh interpreter that imports the engine, loads the bundle and
   answers one question; and the bare import time of engine, cedarpy and casbin.

The machine is shared and noisy: read medians, and rerun before drawing conclusions.
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import CompiledPolicy, load  # noqa: E402
from engine.atomic import write_text_atomic  # noqa: E402

Query = tuple[str, str, str, dict[str, bool]]

TARGET_CALL_US = 1.0
TARGET_SPEEDUP = 30.0
TARGET_COLD_MS = 100.0


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


def full_domain(pol: CompiledPolicy) -> list[Query]:
    masks = [dict(zip(pol.flags, bits, strict=True))
             for bits in itertools.product((False, True), repeat=len(pol.flags))]
    return [(a, d, p, m) for a, d, p, m in itertools.product(
        leaf_terms(pol, "actions"), leaf_terms(pol, "data"), leaf_terms(pol, "purposes"), masks)]


# -- the peers, generated from the bundle ---------------------------------------------------

def cedar_text(bundle: dict[str, Any]) -> str:
    """One Cedar policy per bundle rule; the purpose and the flags travel in the context."""

    def entities(kind: str, ids: Sequence[str]) -> str:
        return "[" + ", ".join(f'{kind}::"{i}"' for i in ids) + "]"

    out = []
    for i, rule in enumerate(bundle["rules"]):
        if rule["effect"] == "oblige":  # duties never change an outcome
            continue
        effect = "forbid" if rule["effect"] == "forbid" else "permit"
        conds = [f"resource in {entities('Data', rule['data'])}",
                 "[" + ", ".join(json.dumps(p) for p in rule["purposes"]) +
                 "].contains(context.purpose)"]
        conds += [f"context.{flag} == {'true' if value else 'false'}"
                  for flag, value in sorted(rule["when"].items())]
        out.append(
            f'@id("rule{i}")\n{effect} (principal, action in {entities("Action", rule["actions"])},'
            f" resource)\nwhen {{ {' && '.join(conds)} }};")
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
    """cedarpy and casbin holding the bundle's rules, asked the engine's questions."""

    def __init__(self, bundle: dict[str, Any], flags: Sequence[str]) -> None:
        import casbin
        import cedarpy

        self.flags = tuple(flags)
        self.cedar_policies = cedar_text(bundle)
        self.cedarpy = cedarpy
        self.policy_set = cedarpy.PolicySet.from_str(self.cedar_policies)
        self.entities = cedarpy.Entities.from_json_str("[]")
        model = casbin.Model()
        model.load_model_from_text(casbin_model(self.flags))
        self.enforcer = casbin.Enforcer(model)
        for line in casbin_rules(bundle, self.flags):
            self.enforcer.add_policy(*line)

    def cedar_request(self, q: Query) -> dict[str, Any]:
        a, d, p, ctx = q
        context: dict[str, Any] = {"purpose": p}
        context.update({f: ctx.get(f, False) for f in self.flags})
        return {"principal": 'User::"service"', "action": f'Action::"{a}"',
                "resource": f'Data::"{d}"', "context": context}

    def casbin_request(self, q: Query) -> tuple[str, ...]:
        a, d, p, ctx = q
        return (a, d, p, *("true" if ctx.get(f, False) else "false" for f in self.flags))

    def cedar(self, q: Query) -> bool:
        result = self.cedarpy.is_authorized(self.cedar_request(q), self.policy_set, self.entities)
        return bool(result.allowed)

    def cedar_batch(self, qs: Sequence[Query]) -> list[bool]:
        results = self.cedarpy.is_authorized_batch([self.cedar_request(q) for q in qs],
                                                    self.policy_set, self.entities)
        return [bool(r.allowed) for r in results]

    def casbin(self, q: Query) -> bool:
        return bool(self.enforcer.enforce(*self.casbin_request(q)))


# -- timing ---------------------------------------------------------------------------------

def literal_calls(mix: Sequence[Query]) -> Callable[[Callable[..., Any]], None]:
    """A function making every call of the mix as source code, `allows("use", ..., consent=True)`,
    the way a service writes it (no per-call loop or ** unpacking in the measurement)."""
    lines = ["def run(allows):"]
    for a, d, p, ctx in mix:
        kw = "".join(f", {f}={v!r}" for f, v in ctx.items())
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


def bench_engine(pol: CompiledPolicy, mix: Sequence[Query], repeats: int) -> dict[str, Any]:
    run = literal_calls(mix)
    allows = pol.allows
    run(allows)  # warm the memo: every later call is the steady state a service sees
    literal, literal_all, literal_cpu = median_ns_per_call(lambda: run(allows), len(mix),
                                                           repeats, inner=20)

    def splat() -> None:
        for a, d, p, ctx in mix:
            allows(a, d, p, **ctx)

    splatted, _, _ = median_ns_per_call(splat, len(mix), repeats, inner=20)
    generic = CompiledPolicy(pol.bundle)

    def generic_method() -> None:
        for a, d, p, ctx in mix:
            CompiledPolicy.allows(generic, a, d, p, **ctx)

    generic_method()
    generic_ns, _, _ = median_ns_per_call(generic_method, len(mix), repeats, inner=5)
    return {"literal_ns": literal, "literal_samples_ns": literal_all, "literal_cpu_ns": literal_cpu,
            "splat_ns": splatted, "generic_method_ns": generic_ns}


def bench_peers(peers: Peers, mix: Sequence[Query], repeats: int,
                ) -> dict[str, dict[str, float]]:
    sub = list(mix)

    def cedar_each() -> None:
        for q in sub:
            peers.cedar(q)

    def cedar_batch() -> None:
        peers.cedar_batch(sub)

    def casbin_each() -> None:
        for q in sub:
            peers.casbin(q)

    reps = max(3, repeats // 2)
    out: dict[str, dict[str, float]] = {}
    for name, fn in (("cedarpy", cedar_each), ("cedarpy_batch", cedar_batch),
                     ("casbin", casbin_each)):
        wall, _, cpu = median_ns_per_call(fn, len(sub), reps)
        out[name] = {"wall_ns": wall, "cpu_ns": cpu}
    return out


# -- agreement ------------------------------------------------------------------------------

def disagreements(pol: CompiledPolicy, peers: Peers, queries: Sequence[Query],
                  ) -> list[dict[str, Any]]:
    cedar = peers.cedar_batch(queries)
    out = []
    for q, c in zip(queries, cedar, strict=True):
        e = bool(pol.allows(q[0], q[1], q[2], **q[3]))
        k = peers.casbin(q)
        if not e == c == k:
            out.append({"query": [q[0], q[1], q[2], q[3]], "engine": e, "cedarpy": c,
                        "casbin": k})
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
    ap.add_argument("--starts", type=int, default=15)
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
    mix = query_mix(pol, args.queries, args.seed)
    peers = Peers(pol.bundle, pol.flags)

    domain = full_domain(pol)
    wrong_mix = disagreements(pol, peers, mix)
    wrong_domain = disagreements(pol, peers, domain)
    allowed = sum(bool(pol.allows(q[0], q[1], q[2], **q[3])) for q in mix)

    engine_t = bench_engine(pol, mix, args.repeats)
    peer_t = bench_peers(peers, mix, args.repeats)
    cold = bench_cold(bundle_path, args.starts)

    best_peer = min(v["wall_ns"] for v in peer_t.values())
    best_peer_cpu = min(v["cpu_ns"] for v in peer_t.values())
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average_before": load_before,
                    "load_average_after": os.getloadavg()},
        "policy_version": pol.version,
        "rules": len(pol.bundle["rules"]),
        "mix": {"queries": len(mix), "allowed": allowed,
                "with_flags": sum(1 for q in mix if q[3]),
                "distinct": len({(q[0], q[1], q[2], tuple(sorted(q[3].items()))) for q in mix})},
        "agreement": {"mix_checked": len(mix), "domain_checked": len(domain),
                      "disagreements": wrong_mix + wrong_domain},
        "engine": engine_t,
        "peers": peer_t,
        "speedup_vs_fastest_peer": best_peer / engine_t["literal_ns"],
        "speedup_vs_fastest_peer_cpu": best_peer_cpu / engine_t["literal_cpu_ns"],
        "cold": cold,
    }
    report(results)
    if args.json is not None:
        write_text_atomic(args.json, json.dumps(results, indent=1, sort_keys=True) + "\n")
    return 1 if results["agreement"]["disagreements"] else 0


def report(r: dict[str, Any]) -> None:
    def verdict(ok: bool) -> str:
        return "meets target" if ok else "MISSES target"

    e, p, mix = r["engine"], r["peers"], r["mix"]
    m = r["machine"]
    print(f"policy {r['policy_version']}, {r['rules']} rules; Python {m['python']} on "
          f"{m['cpus']} CPUs; load average {m['load_average_before'][0]:.1f} before, "
          f"{m['load_average_after'][0]:.1f} after")
    print(f"mix: {mix['queries']} queries ({mix['distinct']} distinct, {mix['with_flags']} with "
          f"flags, {mix['allowed']} allowed)")
    a = r["agreement"]
    print(f"agreement: engine, cedarpy and casbin checked on the mix and on all "
          f"{a['domain_checked']} leaf questions: {len(a['disagreements'])} disagreement(s)")
    for d in a["disagreements"][:10]:
        print(f"  DISAGREE {d}")
    us = e["literal_ns"] / 1000
    best = min(e["literal_samples_ns"]) / 1000
    print(f"engine  policy.allows, literal keyword calls : {us:8.3f} µs/call median "
          f"({verdict(us <= TARGET_CALL_US)} ≤ {TARGET_CALL_US} µs; best repeat {best:.3f})")
    print(f"engine  policy.allows, allows(*q, **ctx) loop: {e['splat_ns'] / 1000:8.3f} µs/call")
    print(f"engine  generic method (no fast path), loop  : {e['generic_method_ns'] / 1000:8.3f} "
          "µs/call")
    print(f"engine  (CPU time of the literal calls)      : {e['literal_cpu_ns'] / 1000:8.3f} "
          "µs/call")
    for name, label in (("cedarpy", "cedarpy is_authorized (pre-parsed set)      "),
                        ("cedarpy_batch", "cedarpy is_authorized_batch, per query      "),
                        ("casbin", "casbin  enforce                             ")):
        print(f"{label}: {p[name]['wall_ns'] / 1000:8.3f} µs/call median "
              f"(CPU {p[name]['cpu_ns'] / 1000:.3f})")
    s = r["speedup_vs_fastest_peer"]
    print(f"speed-up over the fastest peer: {s:.0f}x ({verdict(s >= TARGET_SPEEDUP)} "
          f"≥ {TARGET_SPEEDUP:.0f}x; by CPU time {r['speedup_vs_fastest_peer_cpu']:.0f}x)")
    c = r["cold"]
    print(f"cold start: {c['command']}")
    for mode in ("bytecode", "source"):
        m = c[mode]
        imp = m["import_ms"]
        print(f"  {mode:8s}: {m['cold_start_ms']:6.1f} ms median, "
              f"{min(c['samples'][mode]):.1f} ms best "
              f"({verdict(m['cold_start_ms'] <= TARGET_COLD_MS)} ≤ {TARGET_COLD_MS:.0f} ms; "
              f"bare python {m['python_startup_ms']:.1f} ms; CPU "
              f"{m['cold_start_cpu_ms']:.1f} ms); import engine "
              f"{imp['engine']:.1f} ms, cedarpy {imp['cedarpy']:.1f} ms, casbin "
              f"{imp['casbin']:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
