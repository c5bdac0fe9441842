// Create associations the loader knows do not exist yet: both ends were created by this load
// run (`load/create_objects`), with the row's object types, and the run has not written this
// pair before. The same answer as `load/associations`, without the existence check and the
// MERGE's relationship lock, and without reading the ends' `_type` and `archived` (a
// property-chain walk per end and row): the loader created them with those types, unarchived.
// Rows whose ends are missing or the same node come back in `bad` as there.
// Rows are lists, not maps: `row.st` on a variable the planner cannot type might be a
// relationship property read, which `SET r.types` conflicts with, so a map row put two Eager
// barriers (the batch materialised twice) in this plan; `row[3]` is no property read, and a
// list packs without its keys. Provenance is the same for every row of a relationship type.
// mode: write
// returns: one
// param rel: string — relationship type from app.objecttypes.rel_between
// param rows: list of lists [row index, start id, end id, type ids start → end]
// param prov: map — provenance of an activity edge ({rule, by, at}), else empty
// param now: integer — epoch ms (`createdAt`)
UNWIND $rows AS row
OPTIONAL MATCH (s:Object {id: row[1]})
OPTIONAL MATCH (e:Object {id: row[2]})
WITH row, s, e, s IS NOT NULL AND e IS NOT NULL AND s <> e AS ok
FOREACH (_ IN CASE WHEN ok THEN [1] ELSE [] END |
  CREATE (s)-[r:$($rel)]->(e)
  SET r.types = row[3], r.createdAt = $now, r += $prov)
RETURN sum(CASE WHEN ok THEN 1 ELSE 0 END) AS created, collect(CASE WHEN ok THEN null ELSE row[0] END) AS bad
