// MRG-9: the live contact a form-submission user token identifies (after merges: the survivor,
// because merges re-point tokens).
// mode: read
// returns: scalar
// param token: string — the `hutk` cookie value
MATCH (:UserToken {token: $token})-[:IDENTIFIES]->(c:Contact)
WHERE NOT c.archived
RETURN c.id
LIMIT 1
