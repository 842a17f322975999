"""The real engines the exports are checked against (regopy for Rego, cedarpy for Cedar), and
the questions they are asked.

Each runner loads an export exactly as its engine would and answers queries in batches.
`leaf_questions` picks, for each leaf question, the contexts that can tell a right export from
a wrong one, so their number grows with the flags the rules of a question name, not with every
flag of the policy (2^9 contexts a leaf question for 9 flags). regopy, at about 1.5 ms a
decision, answers them in worker processes, one per core (`rego_agreement`).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import multiprocessing
import os
import random
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


# Contexts drawn at random for each leaf question, over every flag, beside the chosen ones; the
# seed makes them the same on every run, so a disagreement found once is found again.
SAMPLES = 2
SEED = 20100420


def named_flags(pol: CompiledPolicy) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """For each leaf question some rule's scope holds, the flags that the `when` of those rules
    names, in the policy's flag order: the only flags that can change its answer (a permit's or
    forbid's flags its outcome, a duty's its obligations). Read from the bundle's rules, not
    asked of the engine, which the exports are compared with."""
    named: dict[tuple[str, str, str], set[str]] = {}
    for rule in pol.bundle["rules"]:
        for leaf in itertools.product(rule["actions"], rule["data"], rule["purposes"]):
            named.setdefault(leaf, set()).update(rule["when"])
    return {leaf: tuple(f for f in pol.flags if f in names) for leaf, names in named.items()}


def leaf_contexts(flags: Sequence[str], named: Sequence[str], rnd: random.Random,
                  samples: int = SAMPLES) -> list[dict[str, bool]]:
    """The contexts one leaf question is asked in, without repeats: every combination of the
    `named` flags, each sent three ways:

    1. every flag given, each flag outside `named` false;
    2. every flag given, each flag outside `named` true;
    3. only the flags that are true given, every other one left out;

    then `samples` contexts drawn from `rnd` over every flag, each flag given. An export whose
    rule also needs a flag outside `named` (a condition taken from another rule) answers 1 or
    2 wrongly wherever that rule counts: a condition that the flag be true fails in all of 1,
    one that it be false in all of 2. An export that reads a missing flag as true answers 3
    wrongly. A wrong condition on two such flags with different values is left to the random
    contexts."""
    out: dict[tuple[tuple[str, bool], ...], dict[str, bool]] = {}

    def add(ctx: dict[str, bool]) -> None:
        out.setdefault(tuple(ctx.items()), ctx)

    for bits in itertools.product((False, True), repeat=len(named)):
        given = dict(zip(named, bits, strict=True))
        for rest in (False, True):
            add({f: given.get(f, rest) for f in flags})
        add({f: True for f in flags if given.get(f)})
    for _ in range(samples):
        add({f: rnd.random() < 0.5 for f in flags})
    return list(out.values())


def leaf_questions(pol: CompiledPolicy, *, samples: int = SAMPLES,
                   seed: int = SEED) -> list[Question]:
    """Every leaf question (action, data, purpose) of the policy, each in its `leaf_contexts`
    (the flags named by the rules whose scope holds it, from `named_flags`)."""
    return _asked(pol, groups=False, samples=samples, seed=seed)


def group_questions(pol: CompiledPolicy, *, samples: int = SAMPLES,
                    seed: int = SEED) -> list[Question]:
    """Every question naming a group, each in the `leaf_contexts` of the flags named at any of
    its leaf questions (the members' flags together, as `depends_on` counts them)."""
    return _asked(pol, groups=True, samples=samples, seed=seed)


def _asked(pol: CompiledPolicy, *, groups: bool, samples: int, seed: int) -> list[Question]:
    rnd = random.Random(seed)
    named = named_flags(pol)
    kinds = ("actions", "data", "purposes")
    out: list[Question] = []
    for q in itertools.product(*(pol.terms(k) for k in kinds)):
        leaves = [pol.vocabulary[k][t].get("members", [t]) for t, k in zip(q, kinds, strict=True)]
        if (leaves == [[t] for t in q]) == groups:  # a leaf question, or one naming a group
            continue
        names = {f for leaf in itertools.product(*leaves) for f in named.get(leaf, ())}
        flags = tuple(f for f in pol.flags if f in names)
        a, d, p = q
        out += [(a, d, p, ctx) for ctx in leaf_contexts(pol.flags, flags, rnd, samples)]
    return out


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
    """What `rego_agreement` found: questions compared, how many disagreed (the first few of
    them, engine and Rego side by side), and the peak memory (RSS) of each worker process."""

    seen: int
    wrong: int
    first_wrong: list[dict[str, Any]]
    worker_peak_mb: dict[int, float]


_WORKER: dict[str, Any] = {}


def _start_worker(bundle: dict[str, Any], files: dict[str, bytes] | None) -> None:
    pol = CompiledPolicy(bundle)
    _WORKER.update(pol=pol, rego=Rego(pol.bundle, files))


def _check_chunk(chunk: list[Question]) -> tuple[int, int, list[dict[str, Any]], int, float]:
    """A chunk of questions, in a worker: (compared, disagreeing, the first three of them,
    this worker's process id, its peak RSS in MB so far)."""
    seen, wrong = rego_disagreements(_WORKER["pol"], _WORKER["rego"], iter(chunk))
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


def rego_agreement(bundle: Mapping[str, Any], qs: Sequence[Question], *,
                   processes: int | None = None,
                   files: Mapping[str, bytes] | None = None) -> Agreement:
    """The questions `qs`, answered by regopy in `processes` worker processes (default
    `workers()`), one batch of the `decisions` entry point a task; each worker compares its
    answers with the engine's and sends back the disagreements. `files` replaces the export's
    files (a test that a broken export is caught)."""
    pol = CompiledPolicy(bundle)
    plain = pol.bundle_dict()
    tasks = [list(qs[i:i + REGO_BATCH]) for i in range(0, len(qs), REGO_BATCH)]
    found = Agreement(0, 0, [], {})
    spawn = multiprocessing.get_context("spawn")  # no fork of a process that holds regopy
    with spawn.Pool(processes or workers(), initializer=_start_worker,
                    initargs=(plain, dict(files) if files is not None else None)) as pool:
        for seen, wrong, first, pid, peak in pool.imap_unordered(_check_chunk, tasks):
            found.seen += seen
            found.wrong += wrong
            found.first_wrong += first[:max(0, 3 - len(found.first_wrong))]
            found.worker_peak_mb[pid] = max(peak, found.worker_peak_mb.get(pid, 0.0))
    return found


class Cedar:
    """The Cedar export of a policy in cedarpy: its policy set, entities and schema, loaded from
    the files `policy export cedar` writes. `files` replaces them (a test that a broken export
    is caught)."""

    def __init__(self, bundle: Mapping[str, Any],
                 files: Mapping[str, str] | None = None) -> None:
        import cedarpy

        from engine.export.files import cedar_files

        if files is None:
            files = cedar_files(bundle)
        self.bundle = bundle
        self.files = dict(files)
        self._cedarpy = cedarpy
        self.policies = cedarpy.PolicySet.from_str(files["policies.cedar"])
        self.entities = cedarpy.Entities.from_json_str(files["entities.json"])
        self.schema = cedarpy.Schema.from_json_str(files["schema.cedarschema.json"])

    def validate(self) -> Any:
        return self._cedarpy.validate_policies(self.files["policies.cedar"], self.schema)

    def allowed_many(self, qs: Sequence[Question]) -> list[bool]:
        """Cedar's outcome for each question. A question that gives every flag is sent with
        the schema, so the request is validated too; one that leaves flags out is sent without
        them and without the schema (which requires every flag), as a service that skips the
        schema sends it: the policies themselves must read a missing flag as false."""
        from engine.export.cedar import cedar_request

        flags = set(self.bundle["vocabulary"]["context"])
        requests: list[dict[str, Any]] = []
        whole: list[int] = []
        partial: list[int] = []
        for i, (a, d, p, ctx) in enumerate(qs):
            request = cedar_request(self.bundle, a, d, p, ctx)
            request["context"] = {k: v for k, v in request["context"].items()
                                  if k == "purpose" or k in ctx}
            requests.append(request)
            (whole if flags <= set(ctx) else partial).append(i)
        out = [False] * len(qs)
        for picked, schema in ((whole, self.schema), (partial, None)):
            if picked:
                results = self._cedarpy.is_authorized_batch(
                    [requests[i] for i in picked], self.policies, self.entities, schema)
                for i, r in zip(picked, results, strict=True):
                    out[i] = bool(r.allowed)
        return out


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
