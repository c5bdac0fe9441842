// For records about to get a Primary company: which company holds that Primary now (if another).
// Primary edges are always stored record → company (CONTACT_COMPANY, DEAL_COMPANY, TICKET_COMPANY).
// mode: read
// returns: many
// param rel: string — the record-to-company relationship type
// param rows: list of maps {start: string — record id, end: string — new company id, type: integer — primary type id}
UNWIND $rows AS row
MATCH (s:Object {id: row.start})-[r:$($rel)]->(o:Object)
WHERE row.type IN r.types AND o.id <> row.end
RETURN row.start AS start, o.id AS holder, row.end AS wanted
