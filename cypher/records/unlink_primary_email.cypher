// Remove a contact's primary email link (its email property was cleared).
// mode: write
// returns: none
// param contact_id: string — the contact
MATCH (:Contact {id: $contact_id})-[r:HAS_EMAIL {primary: true}]->(:EmailAddress)
DELETE r
