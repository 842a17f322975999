"""The real engines the exports are checked against: regopy (Rego) and cedarpy (Cedar).

Each runner loads an export exactly as its engine would and answers queries in batches, so a
differential test over every question stays within CI's time. regopy, at about 1.5 ms a
decision, answers the 794,880 leaf questions of the shipped policy (3,105 in each of 256
contexts) in worker processes, one per core (`rego_every_leaf`).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import multiprocessing
import os
import resource
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from engine import CompiledPolicy
from engine.export import rego

Question = tuple[str, str, str, dict[str, bool]]


def contexts(flags: Sequence[str]) -> list[dict[str, bool]]:
    """Every assignment of the flags (2^n of them)."""
    return [dict(zip(flags, bits, strict=True))
            for bits in itertools.product((False, True), repeat=len(flags))]


def questions(pol: CompiledPolicy, *, groups: bool = True) -> Iterator[Question]:
    """Every question (action, data, purpose) of the policy, with groups or leaves only, in
    every context."""
    terms = [pol.terms(k, groups=groups) for k in ("actions", "data", "purposes")]
    for ctx in contexts(pol.flags):
        for a, d, p in itertools.product(*terms):
            yield a, d, p, ctx


def batches(items: Iterator[Question], size: int) -> Iterator[list[Question]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


class Rego:
    """The OPA bundle of a policy, loaded into regopy as OPA loads it: each data.json at its
    directory's path, each module as is; queries answered through the `decisions` entry point.
    `files` replaces the bundle's files (a test that a broken export is caught)."""

    def __init__(self, bundle: Mapping[str, Any],
                 files: Mapping[str, bytes] | None = None) -> None:
        import regopy

        if files is None:
            files = rego.read_opa_bundle(rego.opa_bundle(bundle))
        interpreter = regopy.Interpreter()
        for path, content in sorted(files.items()):
            if path.endswith("data.json"):
                data: Any = json.loads(content)
                for part in reversed(path.split("/")[:-1]):
                    data = {part: data}
                interpreter.add_data(data)
            elif path.endswith(".rego"):
                interpreter.add_module(path, content.decode("utf-8"))
        self.manifest = json.loads(files[rego.MANIFEST_PATH])
        self._regopy = regopy
        self._compiled = interpreter.build(None, [f"{rego.ROOT}/decision",
                                                  f"{rego.ROOT}/decisions"])
        self._runner = regopy.Interpreter()

    def _query(self, entrypoint: str, value: Any) -> Any:
        self._runner.set_input(value)
        out = self._runner.query_bundle_entrypoint(self._compiled, f"{rego.ROOT}/{entrypoint}")
        if not out.results:  # regopy parsed the JSON already; an error is not JSON
            raise RuntimeError(f"regopy could not evaluate {entrypoint}: {out}")
        return out.results[0].expressions[0]

    def decide(self, query: Any) -> dict[str, Any]:
        result: dict[str, Any] = self._query("decision", query)
        return result

    def decide_many(self, queries: Sequence[Any]) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = self._query("decisions", {"queries": list(queries)})
        return results


def rego_query(q: Question) -> dict[str, Any]:
    a, d, p, ctx = q
    return {"action": a, "data": d, "purpose": p, "context": ctx}


def engine_json(pol: CompiledPolicy, q: Question | tuple[str, str, str, None]
                ) -> dict[str, Any]:
    """The engine's decision as the Rego export writes it (a context of None: the engine's
    `decide(action, data, purpose, None)`, no flag given)."""
    a, d, p, ctx = q
    out = (pol.decide(a, d, p, None) if ctx is None else pol.allows(a, d, p, **ctx)).to_json()
    out.setdefault("denied_members", [])
    out["revision"] = rego.revision(pol.bundle)
    return out


# Questions per query of the `decisions` entry point: regopy's cost per decision is the same
# from 50 to 1,000 a query within the noise (1.25-1.65 ms CPU at load 1.3), and its memory
# grows with the query (peak 130 MB a process at 50, 142 at 200, 160 at 400, 215 at 1,000).
REGO_BATCH = 200


def rego_disagreements(pol: CompiledPolicy, runner: Rego, qs: Iterator[Question],
                       batch: int = REGO_BATCH) -> tuple[int, list[dict[str, Any]]]:
    """(questions compared, the ones where Rego's decision differs from the engine's)."""
    seen, wrong = 0, []
    for chunk in batches(qs, batch):
        answers = runner.decide_many([rego_query(q) for q in chunk])
        for q, got in zip(chunk, answers, strict=True):
            want = engine_json(pol, q)
            if got != want:
                wrong.append({"question": q, "engine": want, "rego": got})
        seen += len(chunk)
    return seen, wrong


@dataclasses.dataclass
class Agreement:
    """What `rego_every_leaf` found: questions compared, how many disagreed (the first few of
    them, engine and Rego side by side), and the peak memory (RSS) of each worker process."""

    seen: int
    wrong: int
    first_wrong: list[dict[str, Any]]
    worker_peak_mb: dict[int, float]


_WORKER: dict[str, Any] = {}


def _start_worker(bundle: dict[str, Any], files: dict[str, bytes] | None) -> None:
    pol = CompiledPolicy(bundle)
    _WORKER.update(pol=pol, rego=Rego(pol.bundle, files), contexts=contexts(pol.flags),
                   terms=[pol.terms(k, groups=False) for k in ("actions", "data", "purposes")])


def _check_context(k: int) -> tuple[int, int, list[dict[str, Any]], int, float]:
    """Every leaf question in the k-th context, in a worker: (compared, disagreeing, the first
    three of them, this worker's process id, its peak RSS in MB so far)."""
    ctx = _WORKER["contexts"][k]
    qs = ((a, d, p, ctx) for a, d, p in itertools.product(*_WORKER["terms"]))
    seen, wrong = rego_disagreements(_WORKER["pol"], _WORKER["rego"], qs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return seen, len(wrong), wrong[:3], os.getpid(), peak


def workers() -> int:
    """One worker per core this process may use (EXPORT_WORKERS=n sets it), at most four: each
    holds its own interpreter, about 150 MB."""
    if "EXPORT_WORKERS" in os.environ:
        return max(1, int(os.environ["EXPORT_WORKERS"]))
    affinity = getattr(os, "sched_getaffinity", None)  # Linux; elsewhere every core
    cores = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    return max(1, min(4, cores))


def rego_every_leaf(bundle: Mapping[str, Any], *, processes: int | None = None,
                    files: Mapping[str, bytes] | None = None,
                    only: Sequence[int] | None = None) -> Agreement:
    """Every leaf question of the policy in every context (or in the contexts numbered `only`),
    answered by regopy in `processes` worker processes (default `workers()`), each context one
    task; each worker compares its answers with the engine's and sends back the disagreements."""
    pol = CompiledPolicy(bundle)
    plain = pol.bundle_dict()
    tasks = list(only) if only is not None else list(range(2 ** len(pol.flags)))
    found = Agreement(0, 0, [], {})
    spawn = multiprocessing.get_context("spawn")  # no fork of a process that holds regopy
    with spawn.Pool(processes or workers(), initializer=_start_worker,
                    initargs=(plain, dict(files) if files is not None else None)) as pool:
        for seen, wrong, first, pid, peak in pool.imap_unordered(_check_context, tasks):
            found.seen += seen
            found.wrong += wrong
            found.first_wrong += first[:max(0, 3 - len(found.first_wrong))]
            found.worker_peak_mb[pid] = max(peak, found.worker_peak_mb.get(pid, 0.0))
    return found


class Cedar:
    """The Cedar export of a policy in cedarpy: its policy set, entities and schema, loaded from
    the files `policy export cedar` writes."""

    def __init__(self, bundle: Mapping[str, Any]) -> None:
        import cedarpy

        from engine.export.files import cedar_files

        files = cedar_files(bundle)
        self.bundle = bundle
        self.files = files
        self._cedarpy = cedarpy
        self.policies = cedarpy.PolicySet.from_str(files["policies.cedar"])
        self.entities = cedarpy.Entities.from_json_str(files["entities.json"])
        self.schema = cedarpy.Schema.from_json_str(files["schema.cedarschema.json"])

    def validate(self) -> Any:
        return self._cedarpy.validate_policies(self.files["policies.cedar"], self.schema)

    def allowed_many(self, qs: Sequence[Question]) -> list[bool]:
        from engine.export.cedar import cedar_request

        requests = [cedar_request(self.bundle, a, d, p, ctx) for a, d, p, ctx in qs]
        results = self._cedarpy.is_authorized_batch(requests, self.policies, self.entities,
                                                     self.schema)
        return [bool(r.allowed) for r in results]


def cedar_disagreements(pol: CompiledPolicy, runner: Cedar, qs: Iterator[Question],
                        batch: int = 2000) -> tuple[int, list[Question]]:
    """(leaf questions compared, those where Cedar's outcome differs from the engine's)."""
    seen, wrong = 0, []
    for chunk in batches(qs, batch):
        for q, allowed in zip(chunk, runner.allowed_many(chunk), strict=True):
            if allowed != bool(pol.allows(q[0], q[1], q[2], **q[3])):
                wrong.append(q)
        seen += len(chunk)
    return seen, wrong
