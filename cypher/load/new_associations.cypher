// Create associations the loader knows do not exist yet: both ends were created by this load
// run (`load/create_objects`), with the row's object types, and the run has not written this
// pair before. Same row shape and answer as `load/associations`, without the existence check
// and the MERGE's relationship lock, and without reading the ends' `_type` and `archived` (a
// property-chain walk per end and row): the loader created them with those types, unarchived.
// Rows whose ends are missing or the same node come back in `bad` as there.
// mode: write
// returns: one
// param rel: string — relationship type from app.objecttypes.rel_between
// param rows: list of maps {i: row index, start: string, end: string, start_type: string, end_type: string, st: list of type ids start → end, prov: map}
// param now: integer — epoch ms (`createdAt`)
UNWIND $rows AS row
OPTIONAL MATCH (s:Object {id: row.start})
OPTIONAL MATCH (e:Object {id: row.end})
WITH row, s, e, s IS NOT NULL AND e IS NOT NULL AND s <> e AS ok
FOREACH (_ IN CASE WHEN ok THEN [1] ELSE [] END |
  CREATE (s)-[r:$($rel)]->(e)
  SET r.types = row.st, r.createdAt = $now, r += row.prov)
RETURN sum(CASE WHEN ok THEN 1 ELSE 0 END) AS created, collect(CASE WHEN ok THEN null ELSE row.i END) AS bad
