// Which of these records meet a workflow's enrolment criteria (WF-1), checked right after they
// were written. The criteria are HubSpot's search filter language, compiled by
// app.rules.search.compile_filter_groups into the very `$groups` that records/search takes, and
// the predicate below is records/search's, verbatim (keep them in step; tests/rules/test_wf.py
// checks both select the same records). "Run now" uses records/search itself.
// mode: read
// returns: many
// param ids: list of strings — record ids to check
// param type: string — object type name
// param groups: list of lists of filter maps (see records/search); empty = every live object
UNWIND $ids AS id
MATCH (n:Object {id: id})
WHERE n._type = $type AND NOT n.archived
  AND (size($groups) = 0 OR any(g IN $groups WHERE all(f IN g WHERE
        any(x IN [CASE WHEN f.ci AND n[f.key] IS NOT NULL THEN toLower(toString(n[f.key])) ELSE n[f.key] END] WHERE
          CASE f.op
            WHEN 'HAS_PROPERTY' THEN x IS NOT NULL
            WHEN 'NOT_HAS_PROPERTY' THEN x IS NULL
            WHEN 'EQ' THEN coalesce(x = f.v, false)
                           OR (f.email AND EXISTS { (n)-[:HAS_EMAIL]->(:EmailAddress {address: f.v}) })
            WHEN 'NEQ' THEN x IS NULL OR x <> f.v
            WHEN 'LT' THEN x < f.v
            WHEN 'LTE' THEN x <= f.v
            WHEN 'GT' THEN x > f.v
            WHEN 'GTE' THEN x >= f.v
            WHEN 'BETWEEN' THEN x >= f.v AND x <= f.hv
            WHEN 'IN' THEN coalesce(x IN f.vs, false)
                           OR (f.email AND EXISTS { (n)-[:HAS_EMAIL]->(e:EmailAddress) WHERE e.address IN f.vs })
            WHEN 'NOT_IN' THEN x IS NULL OR NOT x IN f.vs
            WHEN 'CONTAINS_TOKEN' THEN toString(x) =~ f.rx
            WHEN 'NOT_CONTAINS_TOKEN' THEN x IS NULL OR NOT toString(x) =~ f.rx
            ELSE false
          END))))
RETURN n.id AS id
