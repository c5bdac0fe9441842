// MRG-7: set an email address's status for one subscription type (the address must exist).
// Returns the address, or null if no such address.
// mode: write
// returns: scalar
// param address: string — lower-cased email address
// param type_id: string — subscription type id
// param name: string — subscription type name (kept if the type exists)
// param status: string — SUBSCRIBED or UNSUBSCRIBED
// param now: integer — epoch ms
MATCH (e:EmailAddress {address: $address})
MERGE (t:SubscriptionType {id: $type_id})
ON CREATE SET t.name = $name
MERGE (e)-[s:SUBSCRIBED]->(t)
SET s.status = $status, s.at = $now
RETURN e.address
