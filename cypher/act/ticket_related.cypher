// Records an activity logged on a ticket also gets (crmgraph's default for ACT-3's silent case):
// the ticket's primary company and its N most recently created contacts. Static relationship
// types, so the ticket's ACTIVITY_TICKET edges are never expanded.
// mode: read
// returns: one
// param ticket_id: string — the ticket's (resolved) id
// param with_company: boolean — look up the primary company (false: none wanted)
// param contacts: integer — how many of the ticket's contacts (0 = none)
MATCH (t:Object {id: $ticket_id})
USING INDEX SEEK t:Object(id)
WHERE t:Ticket
CALL (t) {
  MATCH (t)-[r:TICKET_COMPANY]->(co:Company)
  WHERE $with_company AND 26 IN r.types AND NOT co.archived
  RETURN collect(co.id)[0] AS company_id
}
CALL (t) {
  MATCH (c:Contact)-[:CONTACT_TICKET]->(t)
  WHERE $contacts > 0 AND NOT c.archived
  WITH c ORDER BY c.createdate DESC, c.id LIMIT $contacts
  RETURN collect(c.id) AS contact_ids
}
RETURN company_id, contact_ids
