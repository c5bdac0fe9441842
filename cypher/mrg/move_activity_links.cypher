// MRG-5: move up to `$batch` of the secondary's activity associations onto the survivor, keeping
// each edge's properties (types and provenance: rule, by, at). An activity already associated
// with the survivor keeps that one edge and gains the union of types (no duplicate edges).
// Cypher cannot re-point a relationship: a new one is created, the old one deleted. The
// activity-side lookup is an Expand(Into) from the activity (low degree), so the cost is linear
// in the number of edges moved. Returns how many edges were handled (< $batch: done).
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
// param batch: integer — edges per statement
MATCH (s:Object {id: $source})<-[r:ACTIVITY_CONTACT]-(a)
WITH r, a LIMIT $batch
MATCH (p:Object {id: $target})
OPTIONAL MATCH (a)-[q:ACTIVITY_CONTACT]->(p)
CALL (a, p, r, q) {
  WITH a, p, r, q WHERE q IS NULL
  CREATE (a)-[n:ACTIVITY_CONTACT]->(p)
  SET n = properties(r)
}
CALL (r, q) {
  WITH r, q WHERE q IS NOT NULL
  SET q.types = q.types + [t IN r.types WHERE NOT t IN q.types]
}
DELETE r
RETURN count(*)
