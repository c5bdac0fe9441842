// Re-derive `closed`/`closedWon` on every deal or ticket in a stage after the stage's closed flag changed.
// mode: write
// returns: scalar
// param object_type: string — `deals` or `tickets`
// param pipeline_key: string — node key of the pipeline property (`pipeline` / `hs_pipeline`)
// param stage_key: string — node key of the stage property (`dealstage` / `hs_pipeline_stage`)
// param pipeline_id: string — the pipeline
// param stage_id: string — the stage
// param closed: boolean — the stage's closed flag
// param closed_won: boolean — the stage's closed-won flag
MATCH (o:Object)
WHERE o._type = $object_type AND o[$pipeline_key] = $pipeline_id AND o[$stage_key] = $stage_id
  AND (coalesce(o.closed, false) <> $closed OR coalesce(o.closedWon, false) <> $closed_won)
SET o.closed = $closed, o.closedWon = $closed_won
RETURN count(o)
