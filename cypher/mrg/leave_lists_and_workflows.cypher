// MRG-6 / MRG-10: the secondary leaves every list (static lists drop it; active lists are
// re-evaluated on the survivor) and is unenrolled from every workflow. Returns the ids of the
// workflows it was enrolled in (enrol-on-merge needs them).
// mode: write
// returns: one
// param source: string — the secondary contact's id
MATCH (s:Object {id: $source})
OPTIONAL MATCH (:List)-[m:HAS_MEMBER]->(s)
WITH s, collect(m) AS memberships
FOREACH (m IN memberships | DELETE m)
WITH s, size(memberships) AS lists
OPTIONAL MATCH (s)-[e:ENROLLED_IN]->(w:Workflow)
WITH lists, collect(e) AS enrolments, collect(DISTINCT w.id) AS workflows
FOREACH (e IN enrolments | DELETE e)
RETURN lists, workflows
