// Whatever else still touches the secondary (relationships other features add: threads,
// conversations, sequences…) moves to the survivor with its direction and properties; at most
// one relationship of a type per pair (MERGE), none to the survivor itself. Runs after the
// specific moves above, so the activity edges are already gone.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
MATCH (s:Object {id: $source})-[r]-(x)
MATCH (p:Object {id: $target})
WITH s, p, r, x, startNode(r) = s AS out
CALL (p, x, r, out) {
  WITH p, x, r, out WHERE x <> p AND out
  MERGE (p)-[n:$(type(r))]->(x)
  ON CREATE SET n = properties(r)
}
CALL (p, x, r, out) {
  WITH p, x, r, out WHERE x <> p AND NOT out
  MERGE (x)-[n:$(type(r))]->(p)
  ON CREATE SET n = properties(r)
}
DELETE r
RETURN count(*)
