"""The engine's public API: Decision values, errors for unknown terms, audit logging, threads,
and loading the same policy from its folder or from its compiled bundle."""

from __future__ import annotations

import copy
import itertools
import json
import logging
import os
import pickle
import random
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import engine
from engine import (
    ClauseRef,
    CompiledPolicy,
    Decision,
    FrozenInstanceError,
    InvalidQueryError,
    Obligation,
    PolicyLoadError,
    QueryTypeError,
    UnknownTermError,
    load,
)
from engine.bundle import compile_folder
from engine.citation import label
from engine.compile import bundle_text

from .conftest import FIXTURES, POLICY
from .export.runners import group_questions, leaf_questions

SHIPPED = load(POLICY)
MASTER = YAML(typ="safe").load((POLICY / "ja.yaml").read_text(encoding="utf-8"))


def fresh() -> CompiledPolicy:
    """A policy with an empty decision cache and audit off, not shared with other tests."""
    return CompiledPolicy(SHIPPED.bundle)


def domain(pol: CompiledPolicy) -> list[tuple[str, str, str, dict[str, bool]]]:
    """Every question the policy can be asked (all terms, groups too), each in the contexts
    that can change its answer (tests/export/runners.py: every combination of the flags its
    rules name, the other flags false, true or left out, and two drawn at random), not in all
    2^flags of them."""
    return leaf_questions(pol) + group_questions(pol)


# -- Decision values ------------------------------------------------------------------------

def test_decision_is_truthy_only_when_allowed() -> None:
    yes = SHIPPED.allows("use", "contact", "newsletter")
    no = SHIPPED.allows("use", "contact", "newsletter", opted_out=True)
    assert yes and yes.allowed is True and bool(yes) is True and yes.outcome == "allow"
    assert not no and no.allowed is False and bool(no) is False and no.outcome == "deny"
    assert isinstance(yes, Decision)


@pytest.mark.parametrize("field", ["allowed", "reason", "query", "clauses", "obligations",
                                   "failed_conditions", "policy_version", "denied_members"])
def test_decision_is_immutable(field: str) -> None:
    d = SHIPPED.allows("retain", "public_posts", "public_display")
    before = d.to_json("en")
    with pytest.raises(AttributeError):
        setattr(d, field, None)
    with pytest.raises(FrozenInstanceError):
        delattr(d, field)
    with pytest.raises(AttributeError):
        d.new_attribute = 1  # type: ignore[attr-defined]
    assert d.to_json("en") == before
    assert isinstance(d.clauses, tuple) and isinstance(d.obligations, tuple)


def test_parts_of_a_decision_are_immutable_values() -> None:
    d = SHIPPED.allows("retain", "public_posts", "public_display")
    ref, ob, q = d.clauses[0], d.obligations[0], d.query
    for obj, name in ((ref, "number"), (ob, "id"), (q, "action")):
        with pytest.raises(AttributeError):
            setattr(obj, name, "x")
    assert hash(ref) == hash(ClauseRef(ref.id, ref.number)) and ref == ClauseRef(ref.id, ref.number)
    assert copy.copy(ref) == ref and copy.deepcopy(ob) == ob
    assert pickle.loads(pickle.dumps(q)) == q
    assert hash(d) == hash(SHIPPED.allows("retain", "public_posts", "public_display"))


def test_clause_ref_fields() -> None:
    d = SHIPPED.allows("collect", "health", "service_operation", consent=True)
    (ref,) = d.clauses
    assert isinstance(ref, ClauseRef)
    assert ref.number == "3.3.5" and str(ref) == "3.3.5"
    # The id is the stable id path (clause, item, sub-item ids from the YAML joined by dots).
    parts = ref.id.split(".")
    assert len(parts) == 3 and ref.anchor == parts[-1]
    clause = next(c for c in MASTER["clauses"] if c["id"] == parts[0])
    assert clause["number"] == 3
    item = next(i for i in clause["items"] if i["id"] == parts[1])
    assert item["number"] == 3
    sub = next(s for s in item["items"] if s["id"] == parts[2])
    assert sub["number"] == 5
    assert ClauseRef("a.b", "1.2").anchor == "b"


def test_obligations_cite_their_clauses() -> None:
    d = SHIPPED.allows("entrust", "contact", "lesson_payment")
    assert d and d.obligations
    # An obligation cites the permit that allowed or the duty (an oblige rule) that adds it.
    sources = {r["clause"] for r in SHIPPED.bundle["rules"]
               if r["effect"] in ("permit", "oblige") and "entrust" in r["actions"]}
    for ob in d.obligations:
        assert isinstance(ob, Obligation) and isinstance(ob.clause, ClauseRef)
        assert ob.clause.id in sources
        assert ob.id in MASTER["vocabulary"]["obligations"]
        assert SHIPPED.clause(ob.clause.id)["number"] == ob.clause.number
    # A deny carries no obligations.
    assert SHIPPED.allows("entrust", "health", "lesson_payment").obligations == ()


def test_policy_version_comes_from_the_master() -> None:
    version = str(MASTER["facts"]["version"])
    assert SHIPPED.version == version
    for a, d, p, ctx in random.Random(3).sample(domain(SHIPPED), 50):
        assert SHIPPED.allows(a, d, p, **ctx).policy_version == version


def test_explain_in_three_languages_names_the_clause() -> None:
    d = SHIPPED.allows("use", "contact", "newsletter", opted_out=True)
    texts = {lang: d.explain(lang) for lang in ("ja", "ru", "en")}
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", texts["ja"])
    assert re.search(r"[а-яА-Я]", texts["ru"])
    assert texts["en"].isascii() or re.search(r"[A-Za-z]", texts["en"])
    for lang, text in texts.items():
        assert "10" in text
        assert SHIPPED.clause(d.clauses[0].id)["title"][lang] in text
    assert d.explain() == texts["en"]
    with pytest.raises(UnknownTermError):
        d.explain("fr")


def test_explain_none_is_the_policys_default_language() -> None:
    """A service passes on its language setting, which may be unset: explain(None) is
    explain(), English where the policy has it, else its master's language."""
    d = SHIPPED.allows("use", "contact", "newsletter", opted_out=True)
    assert d.explain(None) == d.explain() == d.explain("en")
    bundle = SHIPPED.bundle_dict()
    bundle["languages"] = [bundle["prevailing_language"], "ru"]  # no English edition
    without_en = CompiledPolicy(bundle).allows("use", "contact", "newsletter", opted_out=True)
    assert without_en.explain(None) == without_en.explain() == d.explain("ja")
    with pytest.raises(UnknownTermError):
        without_en.explain("en")


def test_explanation_of_a_failed_condition_names_the_flag() -> None:
    d = SHIPPED.allows("collect", "contact", "service_operation")
    for lang in ("ja", "ru", "en"):
        assert SHIPPED.label("context", "consent", lang) in d.explain(lang)
        assert label("3.2", lang) in d.explain(lang)


def test_to_json_is_plain_data() -> None:
    d = SHIPPED.allows("retain", "public_posts", "public_display")
    out = d.to_json("ru")
    assert json.loads(json.dumps(out)) == out
    assert out["allowed"] is True and out["clauses"][0]["number"] == "9"
    assert out["obligations"] == [{"id": o.id, "clause": o.clause.number} for o in d.obligations]
    assert out["obligations"]  # kept public posts carry at least the safeguards of clause 12
    assert out["query"]["context"] == dict.fromkeys(SHIPPED.flags, False)
    assert out["explanation"] == d.explain("ru")


def test_keyword_and_mapping_forms_agree() -> None:
    a = SHIPPED.allows("disclose", "identity", "protect_life_body_property",
                       consent_impractical=True)
    b = SHIPPED.allows(action="disclose", data="identity", purpose="protect_life_body_property",
                       consent_impractical=True)
    c = SHIPPED.decide("disclose", "identity", "protect_life_body_property",
                       {"consent_impractical": True})
    assert a == b == c and a
    assert SHIPPED.allows("use", "contact", "newsletter", opted_out=False) == \
        SHIPPED.allows("use", "contact", "newsletter")


def test_repeated_question_is_memoised() -> None:
    pol = fresh()
    first = pol.allows("use", "messages", "fraud_prevention")
    assert pol.allows("use", "messages", "fraud_prevention") is first


def test_memo_is_bounded_and_answers_survive_a_fresh_start() -> None:
    """Asking more distinct questions than the memo holds never grows it past its limit, and
    the answers after it starts afresh are those of a policy that never forgot."""
    pol, reference = fresh(), fresh()
    pol.memo_limit = 50
    terms = [SHIPPED.terms(k) for k in ("actions", "data", "purposes")]
    questions = list(itertools.product(*terms))[:400]
    contexts = [dict(zip(SHIPPED.flags, bits, strict=True))
                for bits in itertools.product((False, True), repeat=len(SHIPPED.flags))]
    for (a, d, p), ctx in itertools.product(questions, contexts[:2]):
        assert pol.allows(a, d, p, **ctx) == reference.allows(a, d, p, **ctx)
        assert pol.memo_size() <= 50
    assert reference.memo_size() > 50


def test_decision_parts_are_built_on_demand_and_equal_eager_ones() -> None:
    """A first ask sets the outcome; reading a part builds all of them, once."""
    pol = fresh()
    d = pol.allows("use", "contact", "newsletter")
    assert not d._built()  # nothing built yet
    clauses = d.clauses
    assert d._built() and d.clauses is clauses
    eager = Decision(d.allowed, d.reason, d.query, d.clauses, d.obligations,
                     d.failed_conditions, d.policy_version, d.denied_members)
    assert eager == d and hash(eager) == hash(d) and repr(eager) == repr(d)


# -- pickled decisions (to a worker process, into a cache) -----------------------------------

PICKLED = [("use", "contact", "newsletter", {"opted_out": True}),  # forbidden
           ("collect", "contact", "service_operation", {}),  # a condition failed
           ("retain", "public_posts", "public_display", {}),  # allowed, with obligations
           ("use", "personal", "newsletter", {"consent": True}),  # a group
           ("disclose", "identity", "sale", {"consent": True, "recipient_abroad": True})]


@pytest.mark.parametrize("question", PICKLED, ids=[" ".join(q[:3]) for q in PICKLED])
def test_a_pickled_decision_carries_its_question_not_its_policy(
        question: tuple[str, str, str, dict[str, bool]]) -> None:
    """A decision pickles as its policy's version and hash and its question (a few hundred
    bytes, not the policy's 80 KB) and is made again, equal, by the policy loaded here."""
    a, d, p, flags = question
    decision = SHIPPED.allows(a, d, p, **flags)
    assert len(pickle.dumps(SHIPPED)) > 50_000  # what a decision used to carry
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        data = pickle.dumps(decision, protocol=protocol)
        assert len(data) < 1000 and SHIPPED.hash.encode() in data
        again = pickle.loads(data)
        assert again == decision and again.to_json("ru") == decision.to_json("ru")
    assert copy.deepcopy(decision) == decision


def _unpickled_in_a_fresh_interpreter(data: bytes, *, load_first: Path | None = None
                                      ) -> subprocess.CompletedProcess[str]:
    """`data` unpickled by a new Python (as a spawned worker does), printing the decision."""
    code = ("import json, pickle, sys\n"
            + (f"import engine; engine.load({str(load_first)!r})\n" if load_first else "")
            + "d = pickle.loads(sys.stdin.buffer.read())\n"
            "print(json.dumps(d.to_json('en'), sort_keys=True))\n")
    env = {**os.environ, "PYTHONPATH": str(Path(engine.__file__).resolve().parent.parent)}
    env.pop("CAFETALK_POLICY", None)
    done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True,
                          env=env, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


def test_a_decision_unpickled_in_a_new_process_is_remade_by_its_policy() -> None:
    """The worker has not asked anything yet: the shipped policy is loaded to remake it."""
    decision = SHIPPED.allows("use", "contact", "newsletter", opted_out=True)
    done = _unpickled_in_a_fresh_interpreter(pickle.dumps(decision))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(json.dumps(decision.to_json("en")))


def test_a_decision_of_a_policy_not_loaded_there_is_refused_by_name(tmp_path: Path) -> None:
    from engine.hashing import content_hash

    own = load(FIXTURES / "mini").bundle_dict()  # a policy of its own: no other test holds it
    own["version"] = "0.0.7"
    own["hash"] = content_hash(own)
    (tmp_path / "own.json").write_text(bundle_text(own), encoding="utf-8")
    mini = load(tmp_path / "own.json")
    decision = mini.allows("use", "contact", "newsletter")
    refused = _unpickled_in_a_fresh_interpreter(pickle.dumps(decision))
    assert refused.returncode == 1 and "PolicyMismatchError" in refused.stderr
    said = refused.stderr.strip().splitlines()[-1]
    assert f"policy {mini.version} ({mini.hash})" in said
    assert f"loaded here: {SHIPPED.version} ({SHIPPED.hash})" in said
    remade = _unpickled_in_a_fresh_interpreter(pickle.dumps(decision),
                                               load_first=tmp_path / "own.json")
    assert remade.returncode == 0, remade.stderr
    assert json.loads(remade.stdout)["policy_version"] == mini.version
    with pytest.raises(engine.PolicyMismatchError):  # and in this process, once it is freed
        import gc

        data = pickle.dumps(decision)
        del mini, decision
        gc.collect()
        pickle.loads(data)


def test_a_decision_built_by_hand_pickles_whole() -> None:
    d = SHIPPED.allows("use", "contact", "newsletter")
    by_hand = Decision(d.allowed, d.reason, d.query, d.clauses, d.obligations,
                       d.failed_conditions, d.policy_version, d.denied_members)
    assert pickle.loads(pickle.dumps(by_hand)) == by_hand == d


# -- unknown terms --------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "kwargs", "kind", "term", "suggestion"), [
    (("colect", "contact", "service_operation"), {}, "action", "colect", "collect"),
    (("use", "contacts", "newsletter"), {}, "data category", "contacts", "contact"),
    (("use", "contact", "newsleter"), {}, "purpose", "newsleter", "newsletter"),
    (("use", "contact", "newsletter"), {"opted_ot": True}, "context flag", "opted_ot",
     "opted_out"),
    (("use", "contact", "newsletter"), {"concent": True}, "context flag", "concent", "consent"),
    (("disclose", "identity", "required_by_lw"), {}, "purpose", "required_by_lw",
     "required_by_law"),
])
def test_unknown_terms_raise_with_suggestions(args: tuple[str, str, str], kwargs: dict[str, Any],
                                              kind: str, term: str, suggestion: str) -> None:
    for pol in (SHIPPED, fresh()):
        with pytest.raises(UnknownTermError) as info:
            pol.allows(*args, **kwargs)
        err = info.value
        assert isinstance(err, ValueError) and isinstance(err, InvalidQueryError)
        assert not isinstance(err, TypeError)  # a misspelt flag is not a TypeError
        assert err.kind == kind and err.term == term
        assert suggestion in err.suggestions
        assert repr(suggestion) in str(err)


@pytest.mark.parametrize(("args", "kwargs", "suggestions", "said"), [
    # a word no id is spelt like: no look-alike of another meaning, the valid ids instead
    (("use", "email", "newsletter"), {}, (), "; the data categories are: ad_cookie_data, "),
    (("share", "contact", "newsletter"), {}, (),
     "; the actions are: collect, disclose, entrust, retain, use"),
    (("use", "contact", "newsletter"), {"is_minor": True}, (), "; the context flags are: "),
    # a capital letter or a stray space is the id itself
    (("USE", "contact", "newsletter"), {}, ("use",), "; did you mean 'use'?"),
    (("use", "Contact ", "newsletter"), {}, ("contact",), "; did you mean 'contact'?"),
])
def test_unknown_terms_suggest_only_look_alikes(args: tuple[str, str, str],
                                                kwargs: dict[str, Any],
                                                suggestions: tuple[str, ...], said: str) -> None:
    """'email' is not a misspelling of 'health' (difflib rates them 0.55): a service engineer
    who follows a suggestion must land on the id they meant, or be shown the valid ids."""
    with pytest.raises(UnknownTermError) as info:
        fresh().allows(*args, **kwargs)
    assert info.value.suggestions == suggestions
    assert said in str(info.value) and "\n" not in str(info.value)


def test_an_unknown_language_names_the_languages() -> None:
    with pytest.raises(UnknownTermError) as info:
        SHIPPED.allows("use", "contact", "newsletter").explain("fr")
    assert info.value.suggestions == ()  # not 'ru'
    assert str(info.value) == "unknown language 'fr'; the languages are: en, ja, ru"


@pytest.mark.parametrize("args", [("use", "contact", "marketing"), ("use", ["contact"], "newsletter"),
                                  ("use", "contact", None)])
def test_a_refused_query_shows_no_internal_exception(args: tuple[Any, Any, Any]) -> None:
    """The traceback a service logs names the refusal only, not the memo's KeyError or an
    unhashable term's TypeError it was raised while handling ("During handling of the above
    exception, another exception occurred")."""
    import traceback

    for pol in (fresh(), fresh()):
        pol.allows("use", "contact", "newsletter")  # the memo holds something
        with pytest.raises(InvalidQueryError) as info:
            pol.allows(*args)
        shown = "".join(traceback.format_exception(info.value))
        assert "During handling" not in shown and "KeyError" not in shown, shown
        assert "unhashable" not in shown, shown


def test_unknown_term_error_is_a_value_error_subclass() -> None:
    assert issubclass(UnknownTermError, ValueError)
    assert not issubclass(UnknownTermError, TypeError)


def test_unknown_term_is_never_cached_as_a_deny() -> None:
    pol = fresh()
    for _ in range(3):
        with pytest.raises(UnknownTermError):
            pol.allows("use", "contact", "mailing")


@pytest.mark.parametrize("value", [1, 0, "yes", None, 1.0, [True]])
def test_flag_values_must_be_booleans(value: Any) -> None:
    pol = fresh()
    pol.allows("use", "contact", "newsletter", consent=True)  # cache the True answer first
    with pytest.raises(QueryTypeError) as info:
        pol.allows("use", "contact", "newsletter", consent=value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", [None, 3, ["use"], b"use", ""])
def test_terms_must_be_non_empty_strings(bad: Any) -> None:
    with pytest.raises(InvalidQueryError):
        SHIPPED.allows(bad, "contact", "newsletter")
    with pytest.raises(InvalidQueryError):
        SHIPPED.allows("use", bad, "newsletter")


# -- audit ----------------------------------------------------------------------------------

def test_audit_logs_one_structured_record_per_decision(caplog: pytest.LogCaptureFixture) -> None:
    pol = fresh()
    pol.audit(True)
    try:
        with caplog.at_level(logging.INFO, logger="engine.decisions"):
            pol.allows("use", "contact", "newsletter", opted_out=True)
            pol.allows("retain", "public_posts", "public_display")
            pol.allows("retain", "public_posts", "public_display")  # cached: still logged
    finally:
        pol.audit(False)
    records = [r for r in caplog.records if r.name == "engine.decisions"]
    assert len(records) == 3
    first = records[0].decision  # type: ignore[attr-defined]
    assert first == {
        "query": {"action": "use", "data": "contact", "purpose": "newsletter",
                  "context": {**dict.fromkeys(pol.flags, False), "opted_out": True}},
        "outcome": "deny",
        "clauses": [pol.allows("use", "contact", "newsletter", opted_out=True).clauses[0].id],
        "policy_version": pol.version,
        "policy_hash": pol.hash,
    }
    assert records[1].decision["outcome"] == "allow"  # type: ignore[attr-defined]
    assert records[0].levelno == logging.INFO


def test_a_term_given_as_a_str_enum_is_answered_and_logged_as_the_vocabulary_word(
        caplog: pytest.LogCaptureFixture) -> None:
    import enum

    class Purpose(str, enum.Enum):  # noqa: UP042 (not StrEnum: its str() is "Purpose.X")
        NEWSLETTER = "newsletter"

    pol = fresh()
    pol.audit(True)
    try:
        with caplog.at_level(logging.INFO, logger="engine.decisions"):
            first = pol.allows("use", "contact", Purpose.NEWSLETTER)
            second = pol.allows("use", "contact", "newsletter")  # the memo's decision
    finally:
        pol.audit(False)
    for d in (first, second):
        assert d.query.purpose.__class__ is str and d.query.purpose == "newsletter"
    records = [r for r in caplog.records if r.name == "engine.decisions"]
    assert [r.getMessage().split(" -> ")[0] for r in records] == [
        "decision use/contact/newsletter"] * 2


def test_a_pickled_decision_is_not_logged_again_when_unpickled(
        caplog: pytest.LogCaptureFixture) -> None:
    """A decision sent to a worker or kept in a cache is made again by its policy when
    unpickled; with the audit on, that logged it a second time, as a decision nobody asked
    for (the audit logs one record per decision)."""
    from engine.decide import live_policy

    pol = live_policy(SHIPPED.hash)  # the policy that makes a pickled decision again
    assert pol is not None
    pol.audit(True)
    try:
        with caplog.at_level(logging.INFO, logger="engine.decisions"):
            d = pol.allows("use", "contact", "newsletter", opted_out=True)
            g = pol.allows("use", "personal", "stated_purposes", consent=True)
            again = pickle.loads(pickle.dumps([d, g]))
    finally:
        pol.audit(False)
    assert again == [d, g]
    assert again[0].query == d.query and again[1].denied_members == g.denied_members
    records = [r for r in caplog.records if r.name == "engine.decisions"]
    assert len(records) == 2


def test_audit_is_off_by_default_and_can_be_turned_off(caplog: pytest.LogCaptureFixture) -> None:
    pol = fresh()
    with caplog.at_level(logging.DEBUG, logger="engine.decisions"):
        pol.allows("use", "contact", "newsletter")
        pol.audit(True)
        pol.audit(False)
        pol.allows("use", "contact", "newsletter")
        pol.allows("collect", "health", "service_operation")
    assert [r for r in caplog.records if r.name == "engine.decisions"] == []


def test_shipped_policy_audit(caplog: pytest.LogCaptureFixture) -> None:
    from engine import policy

    policy.audit(True)
    try:
        with caplog.at_level(logging.INFO, logger="engine.decisions"):
            policy.allows("use", "messages", "fraud_prevention")
    finally:
        policy.audit(False)
    with caplog.at_level(logging.INFO, logger="engine.decisions"):
        policy.allows("use", "messages", "fraud_prevention")
    records = [r for r in caplog.records if r.name == "engine.decisions"]
    assert len(records) == 1
    assert records[0].decision["outcome"] == "allow"  # type: ignore[attr-defined]


# -- threads --------------------------------------------------------------------------------

def test_many_threads_get_the_same_answers() -> None:
    questions = random.Random(11).sample(domain(SHIPPED), 1500)
    reference = fresh()
    expected = [reference.allows(a, d, p, **c) for a, d, p, c in questions]
    pol = fresh()  # empty cache: the threads race to fill it
    barrier = threading.Barrier(16)
    failures: list[str] = []

    def worker(seed: int) -> None:
        order = list(range(len(questions)))
        random.Random(seed).shuffle(order)
        barrier.wait()
        for i in order:
            a, d, p, c = questions[i]
            try:
                got = pol.allows(a, d, p, **c)
            except Exception as exc:  # reported below
                failures.append(f"{questions[i]}: {exc!r}")
                return
            if got != expected[i]:
                failures.append(f"{questions[i]}: {got!r} != {expected[i]!r}")

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert all(pol.allows(a, d, p, **c) is pol.allows(a, d, p, **c) for a, d, p, c in questions)


def test_shipped_policy_loads_once_across_threads() -> None:
    import engine as eng

    proxy = type(eng.policy)()  # a second, not yet loaded stand-in
    results: list[CompiledPolicy] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        proxy.allows("use", "contact", "newsletter")
        results.append(proxy._loaded)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and all(r is results[0] for r in results)


# -- folder and bundle ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "policy.json"
    path.write_text(bundle_text(compile_folder(POLICY)), encoding="utf-8")
    return path


def test_folder_and_bundle_give_identical_answers(bundle_file: Path) -> None:
    """Every question of `domain` (groups too, in the contexts that can change its answer)."""
    from_folder, from_bundle = load(POLICY), load(bundle_file)
    assert from_bundle.version == from_folder.version
    assert from_bundle.hash == from_folder.hash
    questions = domain(from_folder)
    assert len(questions) > 5000
    for a, d, p, c in questions:
        x, y = from_folder.allows(a, d, p, **c), from_bundle.allows(a, d, p, **c)
        assert x == y, (a, d, p, c)
    sample = random.Random(7).sample(questions, 40)
    for a, d, p, c in sample:
        for lang in ("ja", "ru", "en"):
            assert from_folder.allows(a, d, p, **c).explain(lang) == \
                from_bundle.allows(a, d, p, **c).explain(lang)


def test_load_accepts_str_and_path(bundle_file: Path) -> None:
    assert load(str(bundle_file)).hash == load(bundle_file).hash
    assert load(str(FIXTURES / "mini")).version == "1.0.0"


def test_bundle_is_deterministic() -> None:
    assert bundle_text(compile_folder(POLICY)) == bundle_text(compile_folder(POLICY))


def codes(info: pytest.ExceptionInfo[PolicyLoadError]) -> list[str]:
    return [d.code for d in info.value.diagnostics]


def test_tampered_bundle_is_refused(bundle_file: Path, tmp_path: Path) -> None:
    data = json.loads(bundle_file.read_text(encoding="utf-8"))
    forbid = next(r for r in data["rules"] if r["effect"] == "forbid")
    forbid["effect"] = "permit"  # someone edits the JSON instead of the YAML
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PolicyLoadError) as info:
        load(tampered)
    assert codes(info) == ["BUNDLE002"]
    d = info.value.diagnostics[0]
    assert d.file == str(tampered) and (d.line, d.col) == (1, 1)


@pytest.mark.parametrize(("content", "code"), [
    (b"{not json", "BUNDLE001"),
    (b"\xff\xfe", "BUNDLE001"),
    (b'{"format": "something-else/1"}', "BUNDLE001"),
    (b"[]", "BUNDLE001"),
])
def test_foreign_files_are_refused(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bundle.json"
    path.write_bytes(content)
    with pytest.raises(PolicyLoadError) as info:
        load(path)
    assert codes(info) == [code]


def test_incomplete_bundle_is_refused(tmp_path: Path) -> None:
    from engine.hashing import BUNDLE_FORMAT, content_hash

    data: dict[str, Any] = {"format": BUNDLE_FORMAT, "version": "1.0.0"}
    data["hash"] = content_hash(data)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PolicyLoadError) as info:
        load(path)
    assert codes(info) == ["BUNDLE001"]


def test_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyLoadError) as info:
        load(tmp_path / "nowhere.json")
    assert codes(info) == ["IO001"]
    with pytest.raises(PolicyLoadError) as info:
        load(tmp_path / "nowhere")
    assert codes(info) == ["IO001"]
    with pytest.raises(TypeError):
        load(42)  # type: ignore[arg-type]


def test_lazy_exports() -> None:
    assert engine.PolicyLoadError is PolicyLoadError
    assert engine.Severity.ERROR > engine.Severity.WARNING
    with pytest.raises(AttributeError):
        engine.no_such_name  # noqa: B018


def test_load_stays_the_function_after_the_yaml_phase_is_imported() -> None:
    """The YAML phase (engine/loader.py) must not shadow `engine.load()` once imported."""
    import importlib

    importlib.import_module("engine.loader")
    compile_folder(FIXTURES / "mini")
    from engine import load as again

    assert callable(again) and again is load and engine.load is load


def test_policy_repr_names_version_and_hash() -> None:
    pol = load(POLICY)
    assert repr(pol) == f"<CompiledPolicy version={pol.version} {pol.hash[:15]}>"


def test_depends_on_names_every_flag_that_can_change_an_answer() -> None:
    """`depends_on` is what a service passes: a flag it does not name never changes a leaf
    question's answer (outcome, clauses, obligations), and on a group it names the flags of all
    its members."""
    pol = fresh()
    leaves = [pol.terms(k, groups=False) for k in ("actions", "data", "purposes")]
    for a, d, p in itertools.product(*leaves):
        named = pol.depends_on(a, d, p)
        base = pol.allows(a, d, p)
        for flag in pol.flags:
            if flag not in named:
                d2 = pol.allows(a, d, p, **{flag: True})
                assert (d2.allowed, d2.clauses, d2.obligations) == (
                    base.allowed, base.clauses, base.obligations), (a, d, p, flag)
    members = pol.vocabulary["data"]["personal"]["members"]
    union = sorted({f for m in members for f in pol.depends_on("disclose", m, "newsletter")})
    assert pol.depends_on("disclose", "personal", "newsletter") == tuple(union)
    assert "opted_out" in pol.depends_on("use", "contact", "newsletter")
    with pytest.raises(UnknownTermError):
        pol.depends_on("use", "contacts", "newsletter")


def test_a_type_checker_sees_the_shipped_policy_as_a_compiled_policy(tmp_path: Path) -> None:
    """`from engine import policy` is what the README tells a service to call: mypy --strict
    must check its calls (a missing purpose, a flag that is not a bool) as it checks a
    CompiledPolicy's, not pass anything as Any."""
    api = pytest.importorskip("mypy.api")
    service = tmp_path / "service.py"
    service.write_text(
        "from engine import Decision, policy\n"
        "ok: Decision = policy.allows('use', 'contact', 'newsletter', opted_out=True)\n"
        "reveal_type(policy)\n"
        "policy.allows('use', 'contact')\n"
        "policy.allows('use', 'contact', 'newsletter', opted_out='yes')\n"
        "import os\n"
        "said: str = ok.explain(os.environ.get('LANG_OF_THE_SERVICE'))\n", encoding="utf-8")
    out, err, status = api.run(["--strict", "--no-incremental", "--cache-dir", os.devnull,
                                "--python-version", "3.11", str(service)])
    assert status == 1, out + err
    assert 'Revealed type is "engine.decide.CompiledPolicy"' in out, out
    assert "service.py:4: error: Missing positional argument \"purpose\"" in out, out
    assert "service.py:5: error: Argument \"opted_out\"" in out, out
    assert "service.py:2:" not in out, out
    assert "service.py:7:" not in out, out  # explain(None): the policy's default language


def test_a_policy_named_by_the_environment_that_is_not_there_says_the_variable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A deployment that sets CAFETALK_POLICY to a path that does not exist: the error named
    only the path ("nope: IO001 policy folder or bundle not found"), which the service's code
    never wrote; it now says the variable names it and what to set it to."""
    from engine.bundle import load_shipped
    from engine.findings import PolicyLoadError

    missing = tmp_path / "nope.json"
    monkeypatch.setenv("CAFETALK_POLICY", str(missing))
    with pytest.raises(PolicyLoadError) as raised:
        load_shipped()
    said = str(raised.value)
    assert said.startswith(f"{missing}: IO001 policy folder or bundle not found")
    assert "environment variable CAFETALK_POLICY names it" in said and "policy bundle" in said


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_full_explanation_names_every_member_a_short_one_counts_the_rest(lang: str) -> None:
    """`explain()` names the first few of a long list ("and 2 more"); `explain(full=True)`, for
    a log or an audit record, names them all: every purpose of the group appears in it."""
    from engine import load

    policy = load(POLICY)
    d = policy.allows("disclose", "personal", "stated_purposes")
    short, full = d.explain(lang), d.explain(lang, full=True)
    assert short != full and full.startswith(short[:40])
    labels = [policy.label("purposes", p, lang)
              for p in policy.vocabulary["purposes"]["stated_purposes"]["members"]]
    assert all(label in full for label in labels), full
    assert not all(label in short for label in labels)
