// MRG-5, second half: move up to `$batch` of the secondary's remaining activity associations
// onto the survivor, keeping each edge's properties (types and provenance: rule, by, at).
// Cypher cannot re-point a relationship: a new one is created, the old one deleted. Activities
// on both contacts were handled by unite_shared_activity_links, so nothing is looked up per
// row: the cost is linear in the number of edges moved. Returns how many (< $batch: done).
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
// param batch: integer — edges per statement
MATCH (p:Object {id: $target})
MATCH (:Object {id: $source})<-[r:ACTIVITY_CONTACT]-(a)
WITH p, r, a LIMIT $batch
CREATE (a)-[n:ACTIVITY_CONTACT]->(p)
SET n = properties(r)
DELETE r
RETURN count(*)
