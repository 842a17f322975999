# ---------------------------------------------------------------------------------------------
# The decision procedure of engine/decide.py in Rego v1. Entry points: `decision` answers
# `input`; `decisions` answers every query of `input.queries`; `decide(q)` answers one query
# {"action", "data", "purpose", "context": {flag: boolean}}. The result is the engine's
# Decision.to_json(), plus `revision` (the bundle revision) and `errors` for a refused query.
#
# Written for every conforming interpreter: no `else` chains (each function has exclusive
# definitions instead), and keys that come from a function's argument are looked up with
# object.get, never as `x[arg]` inside a comprehension, and no literal is indexed directly
# (`[...][0]`): it is bound to a variable first. No `%` either: regopy 1.5.2 computes 70 % 7
# as 2. A function's value is computed in its body,
# not in its head (some interpreters evaluate a call in a head once per candidate).

decision := d if {
	d := decide(input)
}

decisions := [d | some q in input.queries; d := decide(q)]

_policy := DATA_REF.policy

_vocabulary := DATA_REF.vocabulary

_clauses := DATA_REF.clauses

_rules := DATA_REF.rules

# An invalid query (unknown term or flag, a flag that is not a boolean) is refused, as the
# engine refuses it: allowed is false, reason "invalid_query", and `errors` says why.
decide(q) := result if {
	errs := query_errors(q)
	result := _answer_or_refuse(q, errs)
}

_answer_or_refuse(q, []) := result if {
	result := answer(q)
}

_answer_or_refuse(_, errs) := refused if {
	count(errs) > 0
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

query_errors(q) := ["the query must be an object"] if not is_object(q)

query_errors(q) := ["the context must be an object of flags"] if {
	is_object(q)
	not is_object(object.get(q, "context", {}))
}

query_errors(q) := array.concat(terms, flags) if {
	is_object(q)
	given := object.get(q, "context", {})
	is_object(given)
	terms := [sprintf("unknown %s '%v'", [field[2], term]) |
		some field in _fields
		term := object.get(q, field[0], null)
		not _known(field[1], term)
	]
	flags := [msg |
		some flag in sort(object.keys(given))
		some msg in _flag_errors(flag, given[flag])
	]
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

# Every flag of the policy with its value; a missing flag is false (fails closed).
_context(q) := {flag: value |
	given := _given(q)
	some flag in object.keys(_vocabulary.context)
	value := object.get(given, flag, false)
}

# The flags the query gives (none when its context is not an object: that query is refused).
_given(q) := given if {
	given := object.get(q, "context", {})
	is_object(given)
}

_given(q) := {} if not is_object(object.get(q, "context", {}))

# A group's members (as the engine expands it); a leaf term stands for itself.
_members(kind, term) := object.get(object.get(_vocabulary[kind], term, {}), "members", [term])

answer(q) := result if {
	ctx := _context(q)
	action := q.action
	category := q.data
	purpose := q.purpose
	# Every (action, data, purpose) of the members, in the engine's order (actions outermost).
	# Indexed rather than three independent generators, whose order an interpreter may choose.
	actions := _members("actions", action)
	categories := _members("data", category)
	purposes := _members("purposes", purpose)
	per_action := count(categories) * count(purposes)
	members := [[actions[i], categories[j], purposes[k]] |
		some n in numbers.range(0, (count(actions) * per_action) - 1)
		i := floor(n / per_action)
		row := floor(n / count(purposes)) # n without its purpose digit
		j := row - (i * count(categories))
		k := n - (row * count(purposes))
	]
	parts := [object.union(leaf(m[0], m[1], m[2], ctx), {"member": m}) | some m in members]
	combined := _combine(members == [[action, category, purpose]], parts)
	result := {
		"allowed": combined.allowed,
		"outcome": _outcome[combined.allowed],
		"reason": combined.reason,
		"query": {"action": action, "data": category, "purpose": purpose, "context": ctx},
		"clauses": [{"id": c, "number": _clauses[c].number} | some c in combined.clauses],
		"obligations": [{"id": o.id, "clause": _clauses[o.clause].number} |
			some o in combined.obligations
		],
		"failed_conditions": [{
			"flag": c.flag, "required": c.required, "given": c.given,
			"clause": _clauses[c.clause].number,
		} |
			some c in combined.failed_conditions
		],
		"denied_members": combined.denied_members,
		"policy_version": _policy.version,
		"revision": _policy.revision,
	}
}

_outcome := {true: "allow", false: "deny"}

# A question on leaf terms is answered by its one part.
_combine(true, parts) := result if {
	result := object.union(parts[0], {"denied_members": []})
}

# A group question is allowed only if every member is: then it cites every member's clauses
# and carries every member's obligations.
_combine(false, parts) := combined if {
	every part in parts {
		part.allowed
	}
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
# one (or of the first denied one), citing the clauses of every denied member.
_combine(false, parts) := combined if {
	denied := [part | some part in parts; not part.allowed]
	count(denied) > 0
	forbidden := [part | some part in denied; part.reason == "forbidden"]
	ordered := array.concat(forbidden, denied)
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
# conditions; else no rule speaks to the question and the nearest clauses are cited.
leaf(a, d, p, ctx) := result if {
	flags := ctx
	covering := _covering(a, d, p)
	holding := [r | some r in covering; count([w | some w in r.when; flags[w[0]] != w[1]]) == 0]
	forbids := [r | some r in holding; r.effect == "forbid"]
	permits := [r | some r in holding; r.effect == "permit"]
	blocked := [r | some r in covering; r.effect == "permit"]
	counts := [
		["forbidden", count(forbids)],
		["permitted", count(permits)],
		["condition_failed", count(blocked)],
		["no_permission", 1],
	]
	answers := [kind[0] | some kind in counts; kind[1] > 0]
	reason := answers[0]
	result := _leaf_result(reason, [a, d, p, flags], holding, forbids, permits, blocked)
}

_leaf_result("forbidden", _, _, forbids, _, _) := result if {
	result := _leaf_value(false, "forbidden", [r.clause | some r in forbids], [], [])
}

_leaf_result("permitted", _, holding, _, permits, _) := result if {
	duties := [r | some r in holding; r.effect == "oblige"]
	obligations := [{"id": o, "clause": r.clause} |
		some r in array.concat(permits, duties)
		some o in r.obligations
	]
	result := _leaf_value(true, "permitted", [r.clause | some r in permits], obligations, [])
}

_leaf_result("condition_failed", terms, _, _, _, blocked) := result if {
	flags := terms[3]
	failed := [{"flag": w[0], "required": w[1], "given": flags[w[0]], "clause": r.clause} |
		some r in blocked
		some w in r.when
		flags[w[0]] != w[1]
	]
	result := _leaf_value(false, "condition_failed", [r.clause | some r in blocked], [], failed)
}

_leaf_result("no_permission", terms, _, _, _, _) := result if {
	nearest := _nearest(terms[0], terms[1], terms[2])
	result := _leaf_value(false, "no_permission", nearest, [], [])
}

_leaf_value(allowed, reason, clauses, obligations, failed) := result if {
	unique_clauses := _unique(clauses)
	unique_obligations := _unique(obligations)
	unique_failed := _unique(failed)
	result := {
		"allowed": allowed,
		"reason": reason,
		"clauses": unique_clauses,
		"obligations": unique_obligations,
		"failed_conditions": unique_failed,
	}
}

# The rules whose scope holds the question (`when` aside). Lookups are written out, not
# called as helper functions: a call per rule costs more than the lookup in some interpreters.
_covering(a, d, p) := [r |
	some r in _rules
	object.get(r.actions, a, false)
	object.get(r["data"], d, false)
	object.get(r.purposes, p, false)
]

# For a deny no rule speaks to: the clauses that permit this action on this data for other
# purposes, else this action at all, else any rule about the data or purpose, else every rule.
_nearest(a, d, p) := nearest if {
	doing := [r | some r in _rules; r.effect == "permit"; object.get(r.actions, a, false)]
	same_data := [r.clause | some r in doing; object.get(r["data"], d, false)]
	same_action := [r.clause | some r in doing]
	tiers := [tier | some tier in [same_data, same_action, _beyond(count(doing), d, p)]; count(tier) > 0]
	nearest := _unique(tiers[0])
}

# Only when no permit speaks to the action: the rules about the data or else the purpose (the
# lookup's default is the second lookup), else every rule.
_beyond(permits, _, _) := [] if permits > 0

_beyond(0, d, p) := tier if {
	about := [r.clause | some r in _rules; object.get(r["data"], d, object.get(r.purposes, p, false))]
	every_rule := [r.clause | some r in _rules]
	tiers := [t | some t in [about, every_rule]; count(t) > 0]
	tier := tiers[0]
}

_nearest(_, _, _) := [] if count(_rules) == 0

# The items of an array without repeats, in the order of their first appearance.
_unique(items) := [x |
	some i
	x := items[i]
	not x in array.slice(items, 0, i)
]
