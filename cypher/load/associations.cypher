// Create or extend associations in bulk: one relationship per pair in the canonical direction
// (the loader orders start/end and sorts rows by start node), its `types` the union of what it
// had and what the row brings. Provenance (`rule`, `by`, `at`) is written on creation only and
// only for activity edges (`prov` is empty for record pairs). Both ends were checked to exist.
// Returns how many edges this load created (`createdAt` is the load's timestamp).
// mode: write
// returns: scalar
// param rel: string — relationship type from app.objecttypes.rel_between
// param rows: list of maps {start: string, end: string, st: list of type ids start → end, prov: map}
// param now: integer — epoch ms (`createdAt`)
UNWIND $rows AS row
MATCH (s:Object {id: row.start})
MATCH (e:Object {id: row.end})
MERGE (s)-[r:$($rel)]->(e)
ON CREATE SET r.types = row.st, r.createdAt = $now, r += row.prov
ON MATCH SET r.types = r.types + [x IN row.st WHERE NOT x IN r.types]
RETURN sum(CASE WHEN r.createdAt = $now THEN 1 ELSE 0 END) AS created
