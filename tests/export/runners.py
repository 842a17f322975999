"""The real engines the exports are checked against: regopy (Rego) and cedarpy (Cedar).

Each runner loads an export exactly as its engine would and answers queries in batches, so a
differential test over every question stays within CI's time.
"""

from __future__ import annotations

import itertools
import json
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


def full_run() -> bool:
    """EXPORT_FULL=1 asks every context of every leaf question (2^flags each: 256 at 8 flags),
    which takes regopy about 2 ms a decision; by default each leaf question is asked in every
    combination of the flags its rules name, with every other flag false and again true."""
    import os

    return os.environ.get("EXPORT_FULL") == "1"


def leaf_questions(pol: CompiledPolicy) -> Iterator[Question]:
    """Every leaf question, in every context (EXPORT_FULL=1) or in every combination of the
    flags the rules covering it name, the others all false and then all true: the flags a
    question's rules do not name cannot change its answer in the engine, and setting them both
    ways shows an export does not read them either."""
    if full_run():
        yield from questions(pol, groups=False)
        return
    rules = pol.bundle["rules"]
    terms = [pol.terms(k, groups=False) for k in ("actions", "data", "purposes")]
    for a, d, p in itertools.product(*terms):
        named = sorted({f for r in rules if a in r["actions"] and d in r["data"]
                        and p in r["purposes"] for f in r["when"]})
        others = [f for f in pol.flags if f not in named]
        seen: set[tuple[bool, ...]] = set()
        for rest in (False, True):
            for bits in itertools.product((False, True), repeat=len(named)):
                ctx = dict.fromkeys(others, rest) | dict(zip(named, bits, strict=True))
                key = tuple(ctx[f] for f in pol.flags)
                if key not in seen:
                    seen.add(key)
                    yield a, d, p, ctx


def batches(items: Iterator[Question], size: int) -> Iterator[list[Question]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


class Rego:
    """The OPA bundle of a policy, loaded into regopy as OPA loads it: each data.json at its
    directory's path, each module as is; queries answered through the `decisions` entry point."""

    def __init__(self, bundle: Mapping[str, Any]) -> None:
        import regopy

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

    def decide(self, query: Any) -> dict[str, Any]:
        self._runner.set_input(query)
        out = self._runner.query_bundle_entrypoint(self._compiled, f"{rego.ROOT}/decision")
        result: dict[str, Any] = json.loads(str(out))["expressions"][0]
        return result

    def decide_many(self, queries: Sequence[Any]) -> list[dict[str, Any]]:
        self._runner.set_input({"queries": list(queries)})
        out = self._runner.query_bundle_entrypoint(self._compiled, f"{rego.ROOT}/decisions")
        results: list[dict[str, Any]] = json.loads(str(out))["expressions"][0]
        return results


def rego_query(q: Question) -> dict[str, Any]:
    a, d, p, ctx = q
    return {"action": a, "data": d, "purpose": p, "context": ctx}


def engine_json(pol: CompiledPolicy, q: Question) -> dict[str, Any]:
    """The engine's decision as the Rego export writes it."""
    a, d, p, ctx = q
    out = pol.allows(a, d, p, **ctx).to_json()
    out.setdefault("denied_members", [])
    out["revision"] = rego.revision(pol.bundle)
    return out


def rego_disagreements(pol: CompiledPolicy, runner: Rego, qs: Iterator[Question],
                       batch: int = 400) -> tuple[int, list[dict[str, Any]]]:
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
