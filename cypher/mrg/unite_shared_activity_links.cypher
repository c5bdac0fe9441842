// MRG-5 / MRG-12, first half: activities associated with BOTH contacts keep their one edge to
// the survivor, which gains the union of types (no duplicate edges); the secondary's edge goes.
// Runs before move_activity_links, so that one is a plain create-and-delete with no per-row
// lookup. Returns how many.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
MATCH (p:Object {id: $target})
MATCH (:Object {id: $source})<-[r:ACTIVITY_CONTACT]-(a)-[q:ACTIVITY_CONTACT]->(p)
SET q.types = q.types + [t IN r.types WHERE NOT t IN q.types]
DELETE r
RETURN count(*)
