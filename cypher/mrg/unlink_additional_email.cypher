// MRG-2, the way back: untie an additional email from a contact. The address node stays (its
// subscriptions live there); with no contact linked, a new contact may take it.
// Returns whether a link was removed.
// mode: write
// returns: scalar
// param id: string — the contact's (resolved) id
// param address: string — lower-cased email address
MATCH (:Object {id: $id})-[r:HAS_EMAIL]->(:EmailAddress {address: $address})
WHERE NOT r.primary
DELETE r
RETURN count(r) > 0
