// ACT-3 hot path: a contact's primary company, its N most recently created open deals and its
// N most recently created open tickets, for auto-association. Static relationship types
// (CONTACT_COMPANY, CONTACT_DEAL, CONTACT_TICKET) so Neo4j expands only those relationship
// groups of the contact: its (possibly 100 000) ACTIVITY_CONTACT edges are never touched —
// PROFILE shows the same db hits for 10 or 100 000 activities (tests/rules/test_act_profile.py).
// mode: read
// returns: one
// param contact_id: string — the contact's (resolved) id
// param with_company: boolean — look up the primary company (false: none wanted)
// param deals: integer — how many open deals (0–5)
// param tickets: integer — how many open tickets (0–5)
MATCH (c:Object {id: $contact_id})
USING INDEX SEEK c:Object(id)
WHERE c:Contact
CALL (c) {
  MATCH (c)-[r:CONTACT_COMPANY]->(co:Company)
  WHERE $with_company AND 1 IN r.types AND NOT co.archived
  RETURN collect(co.id)[0] AS company_id
}
CALL (c) {
  MATCH (c)-[:CONTACT_DEAL]->(d:Deal)
  WHERE $deals > 0 AND NOT d.closed AND NOT d.archived
  WITH d ORDER BY d.createdate DESC, d.id LIMIT $deals
  RETURN collect(d.id) AS deal_ids
}
CALL (c) {
  MATCH (c)-[:CONTACT_TICKET]->(t:Ticket)
  WHERE $tickets > 0 AND NOT coalesce(t.closed, false) AND NOT t.archived
  WITH t ORDER BY t.createdate DESC, t.id LIMIT $tickets
  RETURN collect(t.id) AS ticket_ids
}
RETURN company_id, deal_ids, ticket_ids
