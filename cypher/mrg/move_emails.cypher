// MRG-3a / MRG-7 / MRG-9: the secondary's email addresses become the survivor's additional
// addresses (`HAS_EMAIL {primary: false}`); `$primary_address` (the survivor's email after the
// merge) is the one marked primary. Subscriptions hang off the address nodes and so stay with
// their address; a later lookup by any of these addresses lands on the survivor.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
// param primary_address: string or null — the survivor's primary email (lower case)
// param now: integer — epoch ms
MATCH (p:Object {id: $target})
OPTIONAL MATCH (:Object {id: $source})-[r:HAS_EMAIL]->(e:EmailAddress)
WITH p, collect(r) AS old, collect(e) AS addresses
FOREACH (r IN old | DELETE r)
WITH p, addresses
UNWIND addresses AS e
MERGE (p)-[h:HAS_EMAIL]->(e)
ON CREATE SET h.since = $now
SET h.primary = (e.address = $primary_address)
RETURN count(e)
