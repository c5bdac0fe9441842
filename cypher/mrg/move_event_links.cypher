// MRG-5 / MRG-8: move up to `$batch` of the secondary's timeline events (page views, form
// submissions, email clicks, earlier merge events) onto the survivor, keeping edge properties;
// an event already on the survivor keeps its one edge. Same shape as move_activity_links.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
// param batch: integer — edges per statement
MATCH (s:Object {id: $source})<-[r:EVENT_CONTACT]-(e)
WITH r, e LIMIT $batch
MATCH (p:Object {id: $target})
OPTIONAL MATCH (e)-[q:EVENT_CONTACT]->(p)
CALL (e, p, r, q) {
  WITH e, p, r, q WHERE q IS NULL
  CREATE (e)-[n:EVENT_CONTACT]->(p)
  SET n = properties(r)
}
CALL (r, q) {
  WITH r, q WHERE q IS NOT NULL
  SET q.types = coalesce(q.types, []) + [t IN coalesce(r.types, []) WHERE NOT t IN coalesce(q.types, [])]
}
DELETE r
RETURN count(*)
