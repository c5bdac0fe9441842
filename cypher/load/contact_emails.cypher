// Make each row's address the contact's primary email (`:EmailAddress` + `HAS_EMAIL {primary:
// true}`), unlinking a previous primary address (the node stays: subscriptions live there).
// Only rows whose email is new or changed come here; the loader has already refused addresses
// that belong to another contact.
// mode: write
// returns: none
// param rows: list of maps {id: contact id, email: lower-cased address}
// param now: integer — epoch ms (`linkedAt` of a new address)
UNWIND $rows AS row
MATCH (c:Object {id: row.id})   // :Object, not :Contact: the unique id index is on :Object
MERGE (e:EmailAddress {address: row.email})
ON CREATE SET e.linkedAt = $now
WITH c, e
CALL (c, e) {
  MATCH (c)-[old:HAS_EMAIL {primary: true}]->(x:EmailAddress)
  WHERE x <> e
  DELETE old
}
MERGE (c)-[r:HAS_EMAIL]->(e)
SET r.primary = true
