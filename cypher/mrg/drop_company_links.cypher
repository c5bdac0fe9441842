// MRG-4: the company of the primary is kept — the secondary's company associations are dropped
// (so the survivor keeps exactly one Primary company). Called only when the primary has one.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
MATCH (:Object {id: $source})-[r:CONTACT_COMPANY]->(:Company)
DELETE r
RETURN count(r)
