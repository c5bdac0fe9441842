// MRG-4: move the secondary's outgoing associations to records (deals, tickets, custom records,
// and companies when the rules keep them) onto the survivor. A contact is the start node of
// every contact→record relationship (`CONTACT_<KIND>`, cypher/README.md). A record already associated with
// the survivor keeps its one edge with the union of types. The records' own associations (a
// deal's company) are not touched. Returns how many edges were handled.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
// param exclude: list of strings — contact→record relationship types handled elsewhere (CONTACT_CONTACT, CONTACT_COMPANY when dropped)
MATCH (s:Object {id: $source})-[r]->(x:Record)
WHERE type(r) STARTS WITH 'CONTACT_' AND NOT type(r) IN $exclude
MATCH (p:Object {id: $target})
OPTIONAL MATCH (p)-[q]->(x)
WHERE type(q) = type(r)
CALL (p, x, r, q) {
  WITH p, x, r, q WHERE q IS NULL AND x <> p
  CREATE (p)-[n:$(type(r))]->(x)
  SET n = properties(r)
}
CALL (r, q) {
  WITH r, q WHERE q IS NOT NULL
  SET q.types = q.types + [t IN r.types WHERE NOT t IN q.types]
}
DELETE r
RETURN count(*)
