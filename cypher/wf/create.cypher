// Save a new workflow (WF-1). Criteria and actions are JSON strings, already validated.
// mode: write
// returns: one
// param row: map {id, objectType, name, enabled, criteria, reenroll, enrollOnMerge, actions}
// param now: integer — epoch ms
CREATE (w:Workflow)
SET w = $row, w.createdAt = $now, w.updatedAt = $now
RETURN w {.*} AS workflow
