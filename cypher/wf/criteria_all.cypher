// Every record of a type meeting a workflow's enrolment criteria ("run now", WF-1); the same
// predicate as wf/criteria_ids (see there), over the type's label.
// mode: read
// returns: many
// param type: string — the object-type name (`_type`; index object_type_seq)
// param groups: list of lists of maps {key, op, value, values, high} — the filterGroups
MATCH (n:Object)
WHERE n._type = $type AND n._n >= 0 AND NOT coalesce(n.archived, false)
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
ORDER BY n._n
