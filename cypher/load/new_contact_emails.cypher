// Link contacts the loader has just created (`load/create_objects`) to their primary email:
// like `load/contact_emails` without looking for a previous primary address to unlink — a new
// contact has none. The address node may already exist (subscriptions live there).
// mode: write
// returns: none
// param rows: list of maps {id: contact id, email: lower-cased address}
// param now: integer — epoch ms (`linkedAt` of a new address)
UNWIND $rows AS row
MATCH (c:Object {id: row.id})   // :Object, not :Contact: the unique id index is on :Object
MERGE (e:EmailAddress {address: row.email})
ON CREATE SET e.linkedAt = $now
CREATE (c)-[:HAS_EMAIL {primary: true}]->(e)
