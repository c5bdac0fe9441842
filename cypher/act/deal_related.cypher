// Records an activity logged on a deal also gets (crmgraph's default for ACT-3's silent case):
// the deal's primary company and its N most recently created contacts. Static relationship
// types, so the deal's ACTIVITY_DEAL edges are never expanded.
// mode: read
// returns: one
// param deal_id: string — the deal's (resolved) id
// param with_company: boolean — look up the primary company (false: none wanted)
// param contacts: integer — how many of the deal's contacts (0 = none)
MATCH (d:Object {id: $deal_id})
USING INDEX SEEK d:Object(id)
WHERE d:Deal
CALL (d) {
  MATCH (d)-[r:DEAL_COMPANY]->(co:Company)
  WHERE $with_company AND 5 IN r.types AND NOT co.archived
  RETURN collect(co.id)[0] AS company_id
}
CALL (d) {
  MATCH (c:Contact)-[:CONTACT_DEAL]->(d)
  WHERE $contacts > 0 AND NOT c.archived
  WITH c ORDER BY c.createdate DESC, c.id LIMIT $contacts
  RETURN collect(c.id) AS contact_ids
}
RETURN company_id, contact_ids
