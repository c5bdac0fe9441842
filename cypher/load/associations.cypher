// Create or extend associations in bulk: one relationship per pair in the canonical direction
// (the loader orders start/end and sorts rows by start node), its `types` the union of what it
// had and what the row brings. Provenance (`rule`, `by`, `at`) is written on creation only and
// only for activity edges (`prov` is empty for record pairs). Rows whose ends are missing, of
// the wrong type, archived or the same node are not written; their indexes come back in `bad`
// (the loader then tries merged-away ids and rejects the rest) — checked in the same statement,
// so there is no separate round trip per batch.
// mode: write
// returns: one
// param rel: string — relationship type from app.objecttypes.rel_between
// param rows: list of maps {i: row index, start: string, end: string, start_type: string, end_type: string, st: list of type ids start → end, prov: map}
// param now: integer — epoch ms (`createdAt`)
UNWIND $rows AS row
OPTIONAL MATCH (s:Object {id: row.start})
OPTIONAL MATCH (e:Object {id: row.end})
WITH row, s, e, s IS NOT NULL AND e IS NOT NULL AND s._type = row.start_type AND e._type = row.end_type
     AND NOT s.archived AND NOT e.archived AND s <> e AS ok
CALL (row, s, e, ok) {
  WITH row, s, e WHERE ok
  OPTIONAL MATCH (s)-[old:$($rel)]->(e)
  WITH row, s, e, old IS NULL AS isNew
  MERGE (s)-[r:$($rel)]->(e)
  ON CREATE SET r.types = row.st, r.createdAt = $now, r += row.prov
  ON MATCH SET r.types = r.types + [x IN row.st WHERE NOT x IN r.types]
  RETURN isNew
UNION
  WITH ok WHERE NOT ok
  RETURN false AS isNew
}
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created, collect(CASE WHEN ok THEN null ELSE row.i END) AS bad
