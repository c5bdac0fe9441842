// Change a pipeline's own fields (label, displayOrder, archived).
// mode: write
// returns: scalar
// param object_type: string — `deals` or `tickets`
// param pipeline_id: string — the pipeline
// param changes: map — fields to set
MATCH (p:Pipeline {id: $pipeline_id})
WHERE p.objectType = $object_type AND NOT coalesce(p.archived, false)
SET p += $changes
RETURN p.id
