// MRG-10: a merge enrols the survivor only in workflows whose enrol-on-merge setting allows it
// (`enrollOnMerge = true`) — here, those the secondary was enrolled in (it met their criteria
// with the data now on the survivor). Returns the workflow ids the survivor was newly enrolled in.
// mode: write
// returns: scalar
// param id: string — the survivor's id
// param workflow_ids: list of strings — workflows the secondary was enrolled in
// param now: integer — epoch ms
MATCH (c:Object {id: $id})
MATCH (w:Workflow)
WHERE w.id IN $workflow_ids AND coalesce(w.enrollOnMerge, false)
OPTIONAL MATCH (c)-[already:ENROLLED_IN]->(w)
WITH c, w, already
WHERE already IS NULL
CREATE (c)-[:ENROLLED_IN {at: $now, reason: 'MERGE'}]->(w)
RETURN collect(w.id)
