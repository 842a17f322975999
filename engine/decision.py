"""The values a decision is made of: the query errors, clause references, obligations,
conditions, the query and the decision itself.

Immutable values with `__slots__`, standard library only (the service path imports this
module). A `Decision` built by the engine carries its outcome and reason at once and fills its
parts (the query, the clauses, obligations and failed conditions) the first time one is read,
so a first ask costs the same however many rules cite it. It pickles as what identifies it
(its policy's version and hash, and the question) and is made again on load by that policy
(engine/bundle.py `remade_decision`).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs ~7 ms of cold start; mypy reads this name as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, Literal, Protocol

    Outcome = Literal["allow", "deny"]
    Reason = Literal["permitted", "forbidden", "condition_failed", "no_permission"]
    Parts = tuple["Query", tuple["ClauseRef", ...], tuple["Obligation", ...],
                  tuple["Condition", ...], tuple[tuple[str, str, str], ...]]

    class Explainer(Protocol):
        """What a decision needs from the policy that made it (a CompiledPolicy)."""

        languages: tuple[str, ...]
        version: str
        hash: str

        def explain(self, decision: Decision, lang: str, full: bool = False) -> str: ...


def default_language(languages: tuple[str, ...]) -> str:
    """The language a decision is explained in when none is asked for: English when the policy
    has it, else its master's (the first of `languages`)."""
    return "en" if "en" in languages else languages[0]


class InvalidQueryError(ValueError):
    """A query the engine cannot answer: bad argument types or values."""


class UnknownTermError(InvalidQueryError):
    """An action, data category, purpose or context flag the policy does not define."""

    def __init__(self, kind: str, term: object, known: Iterable[str], *,
                 is_a: str | None = None) -> None:
        """`is_a`: the kind of term `term` is in this policy when it is one of another kind
        (the arguments given in the wrong order); then that is said instead of a spelling."""
        from .names import closest  # only on the error path: keeps `import engine` light

        self.kind = kind
        self.term = term
        self.is_a = is_a
        known = sorted(set(known))
        # The shared "did you mean" search (engine.names), on the word as the ids are written
        # (lower case, no stray spaces), so that 'Use' finds 'use' and 'email' finds no
        # look-alike such as 'health'; with nothing close, the valid ids are named instead.
        close = [] if is_a else closest(str(term).strip().lower(), known)
        if close:
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?"
        elif known and not is_a:
            plural = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
            hint = f"; the {plural} are: {', '.join(known)}"
        else:
            hint = ""
        if is_a == "context flag":
            hint = f": {term!r} is a context flag; pass it by name ({term}=True)"
        elif is_a:
            hint = (f": {term!r} is a {is_a}; the arguments are (action, data, purpose, "
                    f"**flags), in that order")
        super().__init__(f"unknown {kind} {term!r}{hint}")
        self.suggestions = tuple(close)


class QueryTypeError(InvalidQueryError, TypeError):
    """An argument of the wrong type (None, a number, a list, a non-bool flag)."""


class PolicyMismatchError(ValueError):
    """A pickled decision was made by a policy (version and content hash) that this process
    has not loaded: it is not rebuilt from another policy."""

    def __init__(self, version: str, policy_hash: str, loaded: Iterable[tuple[str, str]]) -> None:
        self.version = version
        self.hash = policy_hash
        self.loaded = tuple(loaded)
        here = ", ".join(f"{v} ({h})" for v, h in self.loaded) or "none"
        super().__init__(
            f"this decision was made by policy {version} ({policy_hash}), which is not loaded "
            f"in this process (loaded here: {here}); load that policy with engine.load() "
            "before unpickling its decisions, or ask the question again")


# How a decision a policy made is pickled: as what identifies it (the policy's version and
# content hash, and the question), rebuilt on load by the policy of that hash loaded there
# (a decision pickled whole carries its policy: about 81 KB). engine/bundle.py, which loads
# policies, sets it (`pickle_decisions_by`); without it, and for a decision built by hand, a
# decision pickles whole.
_remade: Callable[[str, str, str, str, str, tuple[str, ...]], Decision] | None = None


def pickle_decisions_by(remade: Callable[[str, str, str, str, str, tuple[str, ...]], Decision]
                        ) -> None:
    """Pickle every decision a policy made as `remade`'s arguments: (policy version, content
    hash, action, data, purpose, the flags that are set)."""
    global _remade
    _remade = remade


class FrozenInstanceError(AttributeError):
    """Raised on any attempt to change a decision or one of its parts."""


class _Value:
    """An immutable value with __slots__: equality, hash and repr over `_fields`.

    Hand-written rather than `@dataclass(frozen=True)` because importing dataclasses (and the
    inspect module it pulls in) plus generating six classes costs ~25 ms of a service's cold
    start, a quarter of the budget."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()  # in __init__ order; all compared unless listed below
    _uncompared: tuple[str, ...] = ()

    def _compared(self) -> tuple[object, ...]:
        return tuple(getattr(self, f) for f in self._fields if f not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, *self._compared()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields
                          if f not in self._uncompared)
        return f"{self.__class__.__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}: {self.__class__.__name__} "
                                  "is immutable")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}: {self.__class__.__name__} "
                                  "is immutable")

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        return (self.__class__, tuple(getattr(self, f) for f in self._fields))


_set = object.__setattr__
_new = object.__new__


class ClauseRef(_Value):
    """A clause, item or sub-item: its stable id path and its printed dotted number."""

    _fields = ("id", "number")
    __slots__ = _fields
    id: str  # "collection.collection-sensitive.sensitive-health"
    number: str  # "3.3.5"

    def __init__(self, id: str, number: str) -> None:
        _set(self, "id", id)
        _set(self, "number", number)

    @property
    def anchor(self) -> str:
        return self.id.rsplit(".", 1)[-1]

    def __str__(self) -> str:
        return self.number


class Obligation(_Value):
    """Something the caller must do when the action is allowed, and the clause that says so."""

    _fields = ("id", "clause")
    __slots__ = ("clause", "id")
    id: str
    clause: ClauseRef

    def __init__(self, id: str, clause: ClauseRef) -> None:
        _set(self, "id", id)
        _set(self, "clause", clause)


class Condition(_Value):
    """A context flag a permit needed, the value it needed, and the value the query gave."""

    _fields = ("flag", "required", "given", "clause")
    __slots__ = ("clause", "flag", "given", "required")
    flag: str
    required: bool
    given: bool
    clause: ClauseRef

    def __init__(self, flag: str, required: bool, given: bool, clause: ClauseRef) -> None:
        _set(self, "flag", flag)
        _set(self, "required", required)
        _set(self, "given", given)
        _set(self, "clause", clause)


class Query(_Value):
    """The question asked: terms as given and every flag of the policy, sorted, with its value."""

    _fields = ("action", "data", "purpose", "context")
    __slots__ = ("action", "context", "data", "purpose")
    action: str
    data: str
    purpose: str
    context: tuple[tuple[str, bool], ...]

    def __init__(self, action: str, data: str, purpose: str,
                 context: tuple[tuple[str, bool], ...]) -> None:
        _set(self, "action", action)
        _set(self, "data", data)
        _set(self, "purpose", purpose)
        _set(self, "context", context)

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "data": self.data, "purpose": self.purpose,
                "context": dict(self.context)}


class Decision(_Value):
    """The answer to one query: truthy only when allowed.

    `allowed`, `reason` and `policy_version` are set when the decision is made; the other parts
    are computed from the decision table the first time one of them is read (or given to the
    constructor). Either way the decision is an immutable value: equal parts, equal decisions."""

    _fields = ("allowed", "reason", "query", "clauses", "obligations", "failed_conditions",
               "policy_version", "denied_members", "_policy")
    # Making a decision costs two stores: `allowed`, and `_made`, the tuple
    # (origin, *arguments of the source), where the origin is a tuple the policy builds once per
    # reason: (policy, policy version, source function or None, reason). The parts are stored
    # in `_parts` when first read (or by the constructor).
    __slots__ = ("_made", "_parts", "allowed")
    _uncompared = ("_policy",)
    allowed: bool
    _made: tuple[Any, ...]
    _parts: Parts

    def __init__(self, allowed: bool, reason: Reason, query: Query,
                 clauses: tuple[ClauseRef, ...], obligations: tuple[Obligation, ...],
                 failed_conditions: tuple[Condition, ...], policy_version: str,
                 denied_members: tuple[tuple[str, str, str], ...] = (),
                 _policy: Explainer | None = None) -> None:
        _set(self, "allowed", allowed)
        _set(self, "_made", ((_policy, policy_version, None, reason),))
        _set(self, "_parts", (query, clauses, obligations, failed_conditions, denied_members))

    @classmethod
    def on_demand(cls, allowed: bool, reason: Reason, policy_version: str,
                  policy: Explainer | None, source: Callable[..., Parts],
                  args: tuple[Any, ...]) -> Decision:
        """A decision whose parts are `source(*args)`, computed when first read."""
        d = _new(cls)
        _set(d, "allowed", allowed)
        _set(d, "_made", ((policy, policy_version, source, reason), *args))
        return d

    def _get(self) -> Parts:
        try:
            return self._parts
        except AttributeError:
            # Two threads may both compute the parts: they are equal values, either is kept.
            made = self._made
            parts: Parts = made[0][2](*made[1:])
            _set(self, "_parts", parts)
            return parts

    def _built(self) -> bool:
        """Whether the parts have been computed (for tests of the on-demand build)."""
        return hasattr(self, "_parts")

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        origin = self._made[0]
        remade = _remade
        if origin[2] is None or remade is None:  # built by hand, or no loader: whole
            return super().__reduce__()
        policy: Explainer = origin[0]
        query = self.query
        return (remade, (policy.version, policy.hash, query.action, query.data, query.purpose,
                         tuple(flag for flag, value in query.context if value)))

    @property
    def reason(self) -> Reason:
        return self._made[0][3]  # type: ignore[no-any-return]

    @property
    def policy_version(self) -> str:
        return self._made[0][1]  # type: ignore[no-any-return]

    @property
    def _policy(self) -> Explainer | None:
        return self._made[0][0]  # type: ignore[no-any-return]

    @property
    def query(self) -> Query:
        return self._get()[0]

    @property
    def clauses(self) -> tuple[ClauseRef, ...]:
        return self._get()[1]

    @property
    def obligations(self) -> tuple[Obligation, ...]:
        return self._get()[2]

    @property
    def failed_conditions(self) -> tuple[Condition, ...]:
        return self._get()[3]

    @property
    def denied_members(self) -> tuple[tuple[str, str, str], ...]:
        """For a group query: the member questions that are denied."""
        return self._get()[4]

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def outcome(self) -> Outcome:
        return "allow" if self.allowed else "deny"

    def explain(self, lang: str | None = None, *, full: bool = False) -> str:
        """One or two sentences in `lang` naming the deciding clause(s). None (or no argument)
        is the policy's default language: English when it has it, else its master's
        (`default_language`), so a service may pass on a language setting that is unset.
        A group question denied for some of its members names the first few of each list
        ("and 14 more"); `full` names them all (for a log or an audit record)."""
        policy = self._policy
        if policy is None:  # pragma: no cover - decisions are always built by a policy
            raise RuntimeError("decision is detached from its policy")
        if lang is None:
            lang = default_language(policy.languages)
        elif lang not in policy.languages:
            raise UnknownTermError("language", lang, policy.languages)
        return policy.explain(self, lang, full)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "allowed": self.allowed,
            "outcome": self.outcome,
            "reason": self.reason,
            "query": self.query.as_dict(),
            "clauses": [{"id": c.id, "number": c.number} for c in self.clauses],
            "obligations": [{"id": o.id, "clause": o.clause.number} for o in self.obligations],
            "failed_conditions": [
                {"flag": c.flag, "required": c.required, "given": c.given,
                 "clause": c.clause.number} for c in self.failed_conditions],
            "policy_version": self.policy_version,
        }
        if self.denied_members:
            out["denied_members"] = [list(m) for m in self.denied_members]
        if lang is not None:
            out["explanation"] = self.explain(lang)
        return out
