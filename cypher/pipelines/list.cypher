// Pipelines of an object type (or one by id) with their stages in display order.
// mode: read
// returns: many
// param object_type: string — `deals` or `tickets`
// param pipeline_id: string or null — one pipeline, or null for all
MATCH (p:Pipeline {objectType: $object_type})
WHERE ($pipeline_id IS NULL OR p.id = $pipeline_id) AND NOT coalesce(p.archived, false)
OPTIONAL MATCH (p)-[:HAS_STAGE]->(s:PipelineStage)
WHERE NOT coalesce(s.archived, false)
WITH p, s ORDER BY s.displayOrder, s.id
WITH p, collect(s {.*}) AS stages
RETURN p {.*} AS pipeline, stages
ORDER BY p.displayOrder, p.id
