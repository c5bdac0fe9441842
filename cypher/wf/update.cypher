// Replace a workflow's definition (validated); returns null if there is no such workflow.
// mode: write
// returns: one
// param id: string — workflow id
// param row: map {objectType, name, enabled, criteria, reenroll, enrollOnMerge, actions}
// param now: integer — epoch ms
MATCH (w:Workflow {id: $id})
SET w += $row, w.updatedAt = $now
RETURN w {.*} AS workflow
