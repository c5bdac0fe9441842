// MRG-5 / MRG-8, second half: move up to `$batch` of the secondary's timeline events (page
// views, form submissions, email clicks, earlier merge events) onto the survivor, keeping edge
// properties: the secondary's visits stay, attributed to the survivor. Returns how many.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
// param batch: integer — edges per statement
MATCH (p:Object {id: $target})
MATCH (:Object {id: $source})<-[r:EVENT_CONTACT]-(e)
WITH p, r, e LIMIT $batch
CREATE (e)-[n:EVENT_CONTACT]->(p)
SET n = properties(r)
DELETE r
RETURN count(*)
