# ---------------------------------------------------------------------------------------------
# The decision procedure of engine/decide.py in Rego v1. Entry points: `decision` answers
# `input`; `decisions` answers every query of `input.queries`; `decide(q)` answers one query
# {"action", "data", "purpose", "context": {flag: boolean}}, where a `context` that is absent
# or null (Go's nil map marshals to null) gives no flag, as the engine's
# `decide(action, data, purpose, None)` does. The result is the engine's Decision.to_json(),
# plus `revision` (the bundle revision) and `errors` for a refused query.
#
# Written for every conforming interpreter, regopy 1.5.2 included:
# - no `else` chains: each function has exclusive definitions instead;
# - a definition is chosen by a test on the first line of its body, never by a literal in its
#   head (`f("x") := ...`): regopy evaluates the body of every definition before it matches
#   the arguments, so each call would compute them all;
# - a key that comes from a function's argument is looked up with object.get (a path for a
#   nested key), never as `x[arg]` on a rule or inside a comprehension: regopy enumerates the
#   whole object then (8 ms for one lookup in the index);
# - no `some key, value in` inside a comprehension (regopy cannot parse it: `some i` and
#   `x := xs[i]` instead), no `every` (over 100 µs an item in regopy), no `sort` of numbers
#   (regopy sorts 10 before 2), no `%` (regopy computes 70 % 7 as 2);
# - no literal is indexed directly (`[...][0]`): it is bound to a variable first;
# - a function's value is computed in its body, not in its head (some interpreters evaluate a
#   call in a head once per candidate).
#
# Written to be cheap per decision: a decision reads the rules of its own leaf question from
# `index` (built with the data) instead of scanning every rule, never copies a large object
# (object.get of a whole sub-object copies it in regopy; a path lookup does not), and words
# the errors only for a query it refuses.

decision := d if {
	d := decide(input)
}

decisions := [d | some q in input.queries; d := decide(q)]

_policy := DATA_REF.policy

_vocabulary := DATA_REF.vocabulary

_rules := DATA_REF.rules

# Where a decision finds its rules: index.covering[action][data][purpose] lists the positions
# in `rules` of the rules whose scope holds that leaf question (absent: none does);
# index.permits[action].all the permits that name the action, and .by_data[data] those that
# also name the data category, one per clause (built with the data by engine/export/rego.py).
_index := DATA_REF.index

# Every flag of the policy, false: a query's context is laid over it (a missing flag is false,
# as in the engine: a flag that grants, such as consent, fails closed; one that restricts, such
# as opted_out, must be sent whenever it holds).
_all_false := {flag: false | some flag in object.keys(_vocabulary.context)}

_flags := object.keys(_vocabulary.context)

# The fields of a query: a flag written beside them (not under `context`) is refused, never
# silently read as false.
_query_fields := {"action", "data", "purpose", "context"}

# The flags a query gives: its `context`, where none at all or null (a Go service's nil map
# marshals to null) gives no flag, as the engine's decide(action, data, purpose, None) does.
# Anything else that is not an object of booleans is refused.
_given(q) := given if {
	context := object.get(q, "context", null)
	given := _flags_given(context)
}

_flags_given(context) := {} if context == null

_flags_given(context) := context if context != null

# A valid query is answered. An invalid one (unknown term or flag, a flag that is not a
# boolean) is refused, as the engine refuses it: allowed is false, reason "invalid_query", and
# `errors` says why. `_valid` holds exactly when `query_errors` is empty: it is the cheap test
# (evaluated once: `validity` is [true] or []), and the errors are worded only for a refused
# query.
decide(q) := result if {
	validity := [true | _valid(q)]
	result := _answer_or_refuse(validity, q)
}

_answer_or_refuse(validity, q) := result if {
	validity == [true]
	result := answer(q)
}

_answer_or_refuse(validity, q) := refused if {
	validity == []
	errs := query_errors(q)
	refused := {
		"allowed": false,
		"outcome": "deny",
		"reason": "invalid_query",
		"errors": errs,
		"clauses": [],
		"obligations": [],
		"failed_conditions": [],
		"denied_members": [],
		"policy_version": _policy.version,
		"revision": _policy.revision,
	}
}

_valid(q) if {
	is_object(q)
	count(object.keys(q) - _query_fields) == 0
	is_string(q.action)
	is_string(q.data)
	is_string(q.purpose)
	object.get(_vocabulary, ["actions", q.action], null) != null
	object.get(_vocabulary, ["data", q.data], null) != null
	object.get(_vocabulary, ["purposes", q.purpose], null) != null
	given := _given(q)
	is_object(given)
	count(object.keys(given) - _flags) == 0
	count([value | some value in given; not is_boolean(value)]) == 0
}

query_errors(q) := ["the query must be an object"] if not is_object(q)

query_errors(q) := ["the context must be an object of flags"] if {
	is_object(q)
	not is_object(_given(q))
}

query_errors(q) := array.concat(array.concat(terms, fields), flags) if {
	is_object(q)
	given := _given(q)
	is_object(given)
	terms := [sprintf("unknown %s '%v'", [field[2], term]) |
		some field in _fields
		term := object.get(q, field[0], null)
		not _known(field[1], term)
	]
	fields := [msg |
		some key in sort(object.keys(q))
		not key in _query_fields
		msg := _field_error(key)
	]
	flags := [msg |
		some flag in sort(object.keys(given))
		some msg in _flag_errors(flag, given[flag])
	]
}

_field_error(key) := sprintf("'%v' is a context flag: put it under context", [key]) if {
	object.get(_vocabulary.context, key, null) != null
}

_field_error(key) := sprintf("unknown field '%v' (a query has action, data, purpose and context)", [key]) if {
	object.get(_vocabulary.context, key, null) == null
}

_fields := [
	["action", "actions", "action"],
	["data", "data", "data category"],
	["purpose", "purposes", "purpose"],
]

_known(kind, term) if {
	is_string(term)
	object.get(_vocabulary[kind], term, null) != null
}

_flag_errors(flag, _) := [sprintf("unknown context flag '%v'", [flag])] if {
	object.get(_vocabulary.context, flag, null) == null
}

_flag_errors(flag, value) := [sprintf("context flag '%v' must be true or false", [flag])] if {
	object.get(_vocabulary.context, flag, null) != null
	not is_boolean(value)
}

_flag_errors(flag, value) := [] if {
	object.get(_vocabulary.context, flag, null) != null
	is_boolean(value)
}

# A group's members (as the engine expands it); a leaf term stands for itself.
_members(kind, term) := object.get(_vocabulary, [kind, term, "members"], [term])

# The answer to a valid query (`decide` checks it first).
answer(q) := result if {
	ctx := object.union(_all_false, _given(q))
	action := q.action
	category := q.data
	purpose := q.purpose
	combined := _answer_terms([action, category, purpose], ctx)
	result := {
		"allowed": combined.allowed,
		"outcome": _outcome[combined.allowed],
		"reason": combined.reason,
		"query": {"action": action, "data": category, "purpose": purpose, "context": ctx},
		"clauses": combined.clauses,
		"obligations": combined.obligations,
		"failed_conditions": combined.failed_conditions,
		"denied_members": combined.denied_members,
		"policy_version": _policy.version,
		"revision": _policy.revision,
	}
}

_outcome := {true: "allow", false: "deny"}

# A question on leaf terms is answered by its one leaf question.
_answer_terms(terms, ctx) := result if {
	_leaf_terms(terms)
	result := leaf(terms[0], terms[1], terms[2], ctx)
}

# A question naming a group asks every (action, data, purpose) of the members, in the engine's
# order (actions outermost). Indexed rather than three independent generators, whose order an
# interpreter may choose.
_answer_terms(terms, ctx) := result if {
	not _leaf_terms(terms)
	actions := _members("actions", terms[0])
	categories := _members("data", terms[1])
	purposes := _members("purposes", terms[2])
	per_action := count(categories) * count(purposes)
	members := [[actions[i], categories[j], purposes[k]] |
		some n in numbers.range(0, (count(actions) * per_action) - 1)
		i := floor(n / per_action)
		row := floor(n / count(purposes)) # n without its purpose digit
		j := row - (i * count(categories))
		k := n - (row * count(purposes))
	]
	parts := [object.union(leaf(m[0], m[1], m[2], ctx), {"member": m}) | some m in members]
	result := _combine(parts)
}

_leaf_terms(terms) if {
	object.get(_vocabulary, ["actions", terms[0], "members"], null) == null
	object.get(_vocabulary, ["data", terms[1], "members"], null) == null
	object.get(_vocabulary, ["purposes", terms[2], "members"], null) == null
}

# A group question is allowed only if every member is: then it cites every member's clauses
# and carries every member's obligations.
_combine(parts) := combined if {
	denied := [part | some part in parts; not part.allowed]
	combined := _combine_denied(denied, parts)
}

_combine_denied(denied, parts) := combined if {
	count(denied) == 0
	combined := {
		"allowed": true,
		"reason": "permitted",
		"clauses": _unique([c | some part in parts; some c in part.clauses]),
		"obligations": _unique([o | some part in parts; some o in part.obligations]),
		"failed_conditions": [],
		"denied_members": [],
	}
}

# Else it is denied for the members that are denied, with the reason of the first forbidden
# one, else of the first one no rule permits, else of the first denied one (the reason least
# in the service's power to change, as engine/decide.py `_combine`), citing the clauses of
# every denied member.
_combine_denied(denied, _) := combined if {
	count(denied) > 0
	forbidden := [part | some part in denied; part.reason == "forbidden"]
	unpermitted := [part | some part in denied; part.reason == "no_permission"]
	ordered := array.concat(array.concat(forbidden, unpermitted), denied)
	worst := ordered[0]
	combined := {
		"allowed": false,
		"reason": worst.reason,
		"clauses": _unique([c | some part in denied; some c in part.clauses]),
		"obligations": [],
		"failed_conditions": _unique([f | some part in denied; some f in part.failed_conditions]),
		"denied_members": [part.member | some part in denied],
	}
}

# One leaf question: (action, data category, purpose) with every flag's value. A forbid that
# holds denies; else a permit that holds allows, with the obligations of the permits and of the
# duties (oblige) that hold; else the permits whose condition failed deny, citing the failed
# conditions; else no rule speaks to the question and the nearest clauses are cited. Clauses
# come as {"id", "number"}, obligations and failed conditions with their clause's number.
leaf(a, d, p, ctx) := result if {
	covering := object.get(_index.covering, [a, d, p], [])
	result := _leaf_covered(covering, [a, d, p], ctx)
}

# No rule's scope holds the question.
_leaf_covered(covering, terms, _) := result if {
	covering == []
	nearest := _nearest(terms[0], terms[1], terms[2])
	result := _leaf_value(false, "no_permission", nearest, [], [])
}

_leaf_covered(covering, terms, ctx) := result if {
	count(covering) > 0
	flags := ctx
	holding := [i | some i in covering; count([w | some w in _rules[i].when; flags[w[0]] != w[1]]) == 0]
	forbids := [i | some i in holding; _rules[i].effect == "forbid"]
	permits := [i | some i in holding; _rules[i].effect == "permit"]
	blocked := [i | some i in covering; _rules[i].effect == "permit"]
	counts := [
		["forbidden", count(forbids)],
		["permitted", count(permits)],
		["condition_failed", count(blocked)],
		["no_permission", 1],
	]
	answers := [kind[0] | some kind in counts; kind[1] > 0]
	reason := answers[0]
	result := _leaf_result(reason, [terms[0], terms[1], terms[2], flags], holding, forbids, permits, blocked)
}

_leaf_result(reason, _, _, forbids, _, _) := result if {
	reason == "forbidden"
	result := _leaf_value(false, "forbidden", _unique([_ref(i) | some i in forbids]), [], [])
}

_leaf_result(reason, _, holding, _, permits, _) := result if {
	reason == "permitted"
	duties := [i | some i in holding; _rules[i].effect == "oblige"]
	obligations := [{"id": o, "clause": _rules[i].number} |
		some i in array.concat(permits, duties)
		some o in _rules[i].obligations
	]
	clauses := _unique([_ref(i) | some i in permits])
	result := _leaf_value(true, "permitted", clauses, _unique(obligations), [])
}

_leaf_result(reason, terms, _, _, _, blocked) := result if {
	reason == "condition_failed"
	flags := terms[3]
	failed := [{"flag": w[0], "required": w[1], "given": flags[w[0]], "clause": _rules[i].number} |
		some i in blocked
		some w in _rules[i].when
		flags[w[0]] != w[1]
	]
	clauses := _unique([_ref(i) | some i in blocked])
	result := _leaf_value(false, "condition_failed", clauses, [], _unique(failed))
}

_leaf_result(reason, terms, _, _, _, _) := result if {
	reason == "no_permission"
	nearest := _nearest(terms[0], terms[1], terms[2])
	result := _leaf_value(false, "no_permission", nearest, [], [])
}

_leaf_value(allowed, reason, clauses, obligations, failed) := {
	"allowed": allowed,
	"reason": reason,
	"clauses": clauses,
	"obligations": obligations,
	"failed_conditions": failed,
	"denied_members": [],
}

# A clause as a decision cites it: its id and number.
_ref(i) := ref if {
	ref := {"id": _rules[i].clause, "number": _rules[i].number}
}

# For a deny no rule speaks to: the clauses that permit this action on this data for other
# purposes, else this action at all, else any rule about the data or purpose, else every rule.
# Each tier is computed only when the one before it is empty.
_nearest(a, d, p) := nearest if {
	same_data := object.get(_index.permits, [a, "by_data", d], [])
	nearest := _nearest_tier(same_data, a, d, p)
}

_nearest_tier(same_data, _, _, _) := nearest if {
	count(same_data) > 0
	nearest := [_ref(i) | some i in same_data]
}

_nearest_tier(same_data, a, d, p) := nearest if {
	count(same_data) == 0
	same_action := object.get(_index.permits, [a, "all"], [])
	nearest := _action_tier(same_action, d, p)
}

_action_tier(same_action, _, _) := nearest if {
	count(same_action) > 0
	nearest := [_ref(i) | some i in same_action]
}

# No permit speaks to the action: the rules about the data or else the purpose (the lookup's
# default is the second lookup), else every rule.
_action_tier(same_action, d, p) := nearest if {
	count(same_action) == 0
	about := [_ref(i) |
		some i
		r := _rules[i]
		object.get(r, ["data", d], object.get(r, ["purposes", p], false))
	]
	every_rule := [_ref(i) | some i; _rules[i]]
	tiers := [t | some t in [about, every_rule]; count(t) > 0]
	nearest := _unique(tiers[0])
}

_nearest(_, _, _) := [] if count(_rules) == 0

# The items of an array without repeats, in the order of their first appearance: each item
# keyed to the position where it first appears (object.union_n keeps the last value of a key,
# so the positions are given last to first), then the items found at that position. Linear,
# and no `sort` of numbers (regopy 1.5.2 sorts 10 before 2).
_unique(items) := items if count({x | some x in items}) == count(items)

_unique(items) := unique if {
	count({x | some x in items}) < count(items)
	n := count(items)
	firsts := object.union_n([{items[j]: j} | some i in numbers.range(1, n); j := n - i])
	unique := [x | some i in numbers.range(0, n - 1); x := items[i]; firsts[x] == i]
}
