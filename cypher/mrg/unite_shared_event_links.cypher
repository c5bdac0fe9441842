// MRG-5 / MRG-8, first half: timeline events on BOTH contacts keep their one edge to the
// survivor; the secondary's edge goes (types united). Returns how many.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
MATCH (p:Object {id: $target})
MATCH (:Object {id: $source})<-[r:EVENT_CONTACT]-(e)-[q:EVENT_CONTACT]->(p)
SET q.types = coalesce(q.types, []) + [t IN coalesce(r.types, []) WHERE NOT t IN coalesce(q.types, [])]
DELETE r
RETURN count(*)
