// MRG-4 / MRG-12: contact↔contact associations of the secondary move to the survivor. The edge
// between the two merged contacts is dropped (no self-associations). Where the survivor is
// already associated with the same contact, that one edge gains the secondary's types — turned
// to the inverse IDs (`:AssociationType.inverseTypeId`) when the two edges point opposite ways.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
MATCH (s:Object {id: $source})-[r:CONTACT_CONTACT]-(x)
MATCH (p:Object {id: $target})
WITH s, p, r, x, startNode(r) = s AS out
OPTIONAL MATCH (p)-[q:CONTACT_CONTACT]-(x)
WHERE x <> p
WITH p, r, x, out, q, CASE WHEN q IS NULL THEN null ELSE startNode(q) = p END AS qout
CALL (p, x, r, q, out) {
  WITH p, x, r, q, out WHERE q IS NULL AND x <> p AND out
  CREATE (p)-[n:CONTACT_CONTACT]->(x)
  SET n = properties(r)
}
CALL (p, x, r, q, out) {
  WITH p, x, r, q, out WHERE q IS NULL AND x <> p AND NOT out
  CREATE (x)-[n:CONTACT_CONTACT]->(p)
  SET n = properties(r)
}
CALL (r, q, out, qout) {
  WITH r, q, out, qout WHERE q IS NOT NULL
  WITH r, q, CASE WHEN out = qout THEN r.types
                  ELSE [t IN r.types | coalesce(COLLECT { MATCH (at:AssociationType {typeId: t})
                                                           RETURN at.inverseTypeId }[0], t)] END AS add
  SET q.types = q.types + [t IN add WHERE NOT t IN q.types]
}
DELETE r
RETURN count(*)
