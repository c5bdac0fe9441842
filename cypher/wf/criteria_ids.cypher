// Which of these records meet a workflow's enrolment criteria (WF-1): HubSpot's search filter
// language, filterGroups ORed, filters in a group ANDed. Values arrive converted to graph types
// (numbers, epoch ms, booleans) and lower-cased for text; text compares case-insensitively, as
// search does. A record without the property fails every test but NEQ, NOT_IN,
// NOT_HAS_PROPERTY and NOT_CONTAINS_TOKEN. Archived records never match.
// mode: read
// returns: many
// param ids: list of strings — record ids to check
// param label: string — the object type's node label (from app.objecttypes)
// param groups: list of lists of maps {key, op, value, values, high} — the filterGroups
UNWIND $ids AS id
MATCH (n:Object {id: id})
WHERE n:$($label) AND NOT coalesce(n.archived, false)
  AND any(g IN $groups WHERE all(f IN g WHERE any(v IN [CASE WHEN n[f.key] IS :: STRING THEN toLower(n[f.key]) ELSE n[f.key] END] WHERE
    CASE f.op
      WHEN 'EQ' THEN coalesce(v = f.value, false)
      WHEN 'NEQ' THEN coalesce(v <> f.value, true)
      WHEN 'LT' THEN coalesce(v < f.value, false)
      WHEN 'LTE' THEN coalesce(v <= f.value, false)
      WHEN 'GT' THEN coalesce(v > f.value, false)
      WHEN 'GTE' THEN coalesce(v >= f.value, false)
      WHEN 'BETWEEN' THEN coalesce(v >= f.value AND v <= f.high, false)
      WHEN 'IN' THEN coalesce(v IN f.values, false)
      WHEN 'NOT_IN' THEN coalesce(NOT v IN f.values, true)
      WHEN 'HAS_PROPERTY' THEN v IS NOT NULL
      WHEN 'NOT_HAS_PROPERTY' THEN v IS NULL
      WHEN 'CONTAINS_TOKEN' THEN coalesce(toString(v) CONTAINS f.value, false)
      WHEN 'NOT_CONTAINS_TOKEN' THEN coalesce(NOT toString(v) CONTAINS f.value, true)
      ELSE false
    END)))
RETURN n.id AS id
