// Create or extend associations in one round trip. One relationship per pair: an existing edge
// (either direction, for same-kind pairs) gets the union of types; a new one is created start →
// end. Provenance (ACTIVITY_*/EVENT_* edges) is written once: the first rule to make the edge wins.
// mode: write
// returns: many
// param rel: string — relationship type from app.objecttypes.rel_between
// param rows: list of maps {from: the requesting side's id; start, end: string; st: type ids start→end; ts: the same, end→start; rule, by: string or null; at: integer or null}
// param now: integer — epoch ms for createdAt
UNWIND $rows AS row
MATCH (s:Object {id: row.start}), (e:Object {id: row.end})
OPTIONAL MATCH (e)-[back:$($rel)]->(s)
CALL (s, e, back, row) {
    WITH back, row WHERE back IS NOT NULL
    SET back.types = back.types + [x IN row.ts WHERE NOT x IN back.types]
    RETURN back AS r
  UNION ALL
    WITH s, e, back, row WHERE back IS NULL
    MERGE (s)-[r:$($rel)]->(e)
    ON CREATE SET r.types = row.st, r.createdAt = $now
    ON MATCH SET r.types = r.types + [x IN row.st WHERE NOT x IN r.types]
    RETURN r
}
WITH s, e, r, row, r.rule IS NULL AND row.rule IS NOT NULL AS stamp
SET r.rule = CASE WHEN stamp THEN row.rule ELSE r.rule END,
    r.by = CASE WHEN stamp THEN row.by ELSE r.by END,
    r.at = CASE WHEN stamp THEN row.at ELSE r.at END
RETURN row.from AS from_id, s.id AS start, e.id AS end, startNode(r) = s AS forward, r.types AS types
