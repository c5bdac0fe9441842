// MRG-9: remember that a user token identifies a contact (first identification wins: a token
// already tied to a contact keeps it).
// mode: write
// returns: scalar
// param token: string — the `hutk` cookie value
// param contact_id: string — the contact the submission landed on
// param now: integer — epoch ms
MATCH (c:Object {id: $contact_id})
MERGE (t:UserToken {token: $token})
ON CREATE SET t.createdAt = $now
WITH t, c
OPTIONAL MATCH (t)-[:IDENTIFIES]->(other:Contact)
WITH t, c, count(other) AS tied
CALL (t, c, tied) {
  WITH t, c WHERE tied = 0
  CREATE (t)-[:IDENTIFIES {at: $now}]->(c)
}
RETURN head(COLLECT { MATCH (t)-[:IDENTIFIES]->(x:Contact) RETURN x.id })
