// ACT-5: replace the whole set of custom auto-association settings (PUT semantics).
// mode: write
// returns: none
// param rows: list of maps {key, loggedOn, activityType, source, company, deals, tickets, contacts}
// param by: string — the super admin's user id
// param now: integer — epoch ms
OPTIONAL MATCH (old:AutoAssociationSetting)
DETACH DELETE old
WITH count(*) AS _
UNWIND $rows AS row
CREATE (s:AutoAssociationSetting {key: row.key})
SET s.loggedOn = row.loggedOn, s.activityType = row.activityType, s.source = row.source,
    s.company = row.company, s.deals = row.deals, s.tickets = row.tickets, s.contacts = row.contacts,
    s.updatedAt = $now, s.updatedBy = $by
