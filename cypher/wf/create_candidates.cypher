// WF-2 "create associations": for every enrolled record, the records of the other type whose
// property equals the enrolled record's property (values only: contact `city` = company
// `location`), skipping pairs that already hold every wanted type. Set-based: one UNWIND over
// all enrolled ids; the candidate side is an index seek on (label, property).
//
// TEMPLATE: an index seek needs the label and property key in the query text (Cypher cannot
// take them as parameters), and a static relationship type keeps the Expand(Into) on the
// pair's edges only (a dynamic type filters after expanding every edge of the node). So
// `__LABEL__`, `__PROP__` and `__REL__` are filled in by app.rules.wf_identifiers.render — only
// with an allow-listed object-type label, a property name checked against :PropertyDefinition
// and ^[a-z][a-z0-9_]*$, and a relationship type from app.objecttypes.rel_between. Unrendered,
// the query is still valid Cypher and matches nothing.
// mode: read
// returns: many
// param ids: list of strings — enrolled record ids
// param enrolled_key: string — the enrolled record's property (node key)
// param want_fwd: list of integers — type ids the edge must hold when the enrolled record is its start node
// param want_bwd: list of integers — the same when the enrolled record is its end node
UNWIND $ids AS id
MATCH (e:Object {id: id})
WITH e, e[$enrolled_key] AS v
WHERE v IS NOT NULL AND v <> ''
MATCH (x:`__LABEL__` {`__PROP__`: v})
WHERE x <> e AND NOT coalesce(x.archived, false)
OPTIONAL MATCH (e)-[r:`__REL__`]-(x)
WITH e, x, r, CASE WHEN r IS NULL THEN [] WHEN startNode(r) = e THEN $want_fwd ELSE $want_bwd END AS want
WHERE r IS NULL OR any(t IN want WHERE NOT t IN r.types)
RETURN e.id AS from_id, x.id AS to_id, r IS NOT NULL AS existed
