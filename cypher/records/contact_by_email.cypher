// The live contact owning an email address (primary or additional), primary owners first.
// mode: read
// returns: one
// param address: string — lower-cased email address
MATCH (:EmailAddress {address: $address})<-[r:HAS_EMAIL]-(c:Contact)
WHERE NOT c.archived
RETURN c.id AS id, r.primary AS primary
ORDER BY r.primary DESC, c._n
LIMIT 1
