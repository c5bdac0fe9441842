// How many associations of each kind a contact has — what the preview reports and what the
// rewiring will touch (counts come from Neo4j's relationship-group counts, no expansion).
// mode: read
// returns: one
// param id: string — contact id
MATCH (c:Object {id: $id})
RETURN COUNT { (c)<-[:ACTIVITY_CONTACT]-() } AS activities,
       COUNT { (c)<-[:EVENT_CONTACT]-() } AS events,
       COUNT { (c)-[:CONTACT_COMPANY]->() } AS companies,
       COUNT { (c)-[:CONTACT_DEAL]->() } AS deals,
       COUNT { (c)-[:CONTACT_TICKET]->() } AS tickets
