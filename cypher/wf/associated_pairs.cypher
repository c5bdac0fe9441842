// WF-3/4/5: the existing associations between enrolled records and records of another type
// that an action applies to. Set-based: one UNWIND over all enrolled ids, expanding only the
// pair's relationship type. Type ids are compared in the stored direction: `*_fwd` when the
// enrolled record is the edge's start node, `*_bwd` (their inverses) when it is the end.
// Refinement (WF-3): ALL; MATCHING_PROPERTY (a: enrolled value = associated value);
// ENROLLED_PROPERTY (b: enrolled record's property is / is not $value); ASSOCIATED_PROPERTY
// (c: the associated record's). A missing value "is not" any value.
// TEMPLATE: `__REL__` and `__LABEL__` (the associated type's label) are filled in by
// app.rules.wf_identifiers.render from app.objecttypes: with a dynamic type, Neo4j 5.26 expands
// every edge of the enrolled record (its activities too) and filters afterwards.
// mode: read
// returns: many
// param ids: list of strings — enrolled record ids
// param require_fwd: list of integers — the edge must hold one of these (empty: no requirement)
// param require_bwd: list of integers — the same, as seen from the end node
// param absent_fwd: list of integers — the edge must hold none of these
// param absent_bwd: list of integers — the same, as seen from the end node
// param refine: string — ALL, MATCHING_PROPERTY, ENROLLED_PROPERTY or ASSOCIATED_PROPERTY
// param enrolled_key: string — enrolled record's property ('' when unused)
// param associated_key: string — associated record's property ('' when unused)
// param op: string — EQ or NEQ (refine b and c)
// param value: any — the value compared (graph type of the property)
UNWIND $ids AS id
MATCH (e:Object {id: id})-[r:`__REL__`]-(x:`__LABEL__`)
WHERE x <> e AND NOT coalesce(x.archived, false)
WITH e, x, r, startNode(r) = e AS fwd
WITH e, x, r, fwd, CASE WHEN fwd THEN $require_fwd ELSE $require_bwd END AS req,
     CASE WHEN fwd THEN $absent_fwd ELSE $absent_bwd END AS absent
WHERE (size(req) = 0 OR any(t IN req WHERE t IN r.types)) AND none(t IN absent WHERE t IN r.types)
  AND CASE $refine
        WHEN 'ALL' THEN true
        WHEN 'MATCHING_PROPERTY' THEN coalesce(e[$enrolled_key] = x[$associated_key], false)
        WHEN 'ENROLLED_PROPERTY' THEN
          CASE $op WHEN 'EQ' THEN coalesce(e[$enrolled_key] = $value, false) ELSE coalesce(e[$enrolled_key] <> $value, true) END
        WHEN 'ASSOCIATED_PROPERTY' THEN
          CASE $op WHEN 'EQ' THEN coalesce(x[$associated_key] = $value, false) ELSE coalesce(x[$associated_key] <> $value, true) END
        ELSE false
      END
RETURN e.id AS from_id, x.id AS to_id, fwd AS forward, r.types AS stored
ORDER BY e._n, x._n
