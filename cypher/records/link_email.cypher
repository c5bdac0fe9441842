// Make `$address` the primary email of a contact, unless another live contact has it.
// The EmailAddress node is written first (its lock serialises concurrent creates with the same
// address), then checked; on a conflict nothing is linked and the other contact's id returns.
// The contact's previous primary address is unlinked (its node stays: subscriptions live there).
// mode: write
// returns: scalar
// param contact_id: string — the contact
// param address: string — lower-cased email address
// param now: integer — epoch ms
MATCH (c:Contact {id: $contact_id})
MERGE (e:EmailAddress {address: $address})
SET e.linkedAt = $now
WITH c, e
OPTIONAL MATCH (e)<-[:HAS_EMAIL]-(other:Contact)
WHERE other.id <> c.id AND NOT other.archived
WITH c, e, min(other.id) AS conflict
CALL (c, e, conflict) {
  WITH c, e WHERE conflict IS NULL
  OPTIONAL MATCH (c)-[old:HAS_EMAIL {primary: true}]->(x:EmailAddress)
  WHERE x <> e
  DELETE old
  WITH DISTINCT c, e
  MERGE (c)-[r:HAS_EMAIL]->(e)
  SET r.primary = true
}
RETURN conflict
