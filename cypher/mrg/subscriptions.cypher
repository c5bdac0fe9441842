// MRG-7: a contact's communication subscriptions, per email address (primary and additional):
// subscriptions belong to the address, so a merged contact shows one set per address.
// mode: read
// returns: many
// param id: string — the contact's (resolved) id
MATCH (:Object {id: $id})-[h:HAS_EMAIL]->(e:EmailAddress)
RETURN e.address AS address, h.primary AS primary,
       COLLECT { MATCH (e)-[s:SUBSCRIBED]->(t:SubscriptionType)
                 RETURN {id: t.id, name: t.name, status: s.status, at: s.at} ORDER BY t.id } AS subscriptions
ORDER BY primary DESC, address
