// At most one Primary per start node (a contact's, deal's or ticket's primary company): after
// a load made `row.end` the primary, take the Primary type off the start node's other edges.
// mode: write
// returns: none
// param rel: string — relationship type (CONTACT_COMPANY, DEAL_COMPANY, TICKET_COMPANY)
// param rows: list of maps {start: string, end: string, primary: integer Primary type id start → end}
UNWIND $rows AS row
MATCH (s:Object {id: row.start})-[r:$($rel)]->(e:Object)
WHERE e.id <> row.end AND row.primary IN r.types
SET r.types = [x IN r.types WHERE x <> row.primary]
