// Create or change one stage of a pipeline; returns the stage, or null if the pipeline is missing.
// mode: write
// returns: one
// param object_type: string — `deals` or `tickets`
// param pipeline_id: string — the pipeline
// param stage_id: string — the stage's id
// param changes: map — stage fields to set (label, displayOrder, probability, closed, closedWon …)
MATCH (p:Pipeline {id: $pipeline_id})
WHERE p.objectType = $object_type AND NOT coalesce(p.archived, false)
MERGE (st:PipelineStage {key: p.id + '|' + $stage_id})
ON CREATE SET st.id = $stage_id, st.pipelineId = p.id
SET st += $changes
MERGE (p)-[:HAS_STAGE]->(st)
RETURN st {.*} AS stage
