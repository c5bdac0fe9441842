// A stage of a pipeline (or its first stage when `$stage_id` is null), and whether the pipeline exists.
// mode: read
// returns: one
// param object_type: string — `deals` or `tickets`
// param pipeline_id: string — the pipeline's id
// param stage_id: string or null — the stage's id; null = first stage by displayOrder
OPTIONAL MATCH (p:Pipeline {id: $pipeline_id})
WHERE p.objectType = $object_type AND NOT coalesce(p.archived, false)
OPTIONAL MATCH (p)-[:HAS_STAGE]->(s:PipelineStage)
WHERE ($stage_id IS NULL OR s.id = $stage_id) AND NOT coalesce(s.archived, false)
WITH p, s ORDER BY s.displayOrder
WITH p, collect(s)[0] AS s
RETURN p IS NOT NULL AS pipeline, s {.*} AS stage
