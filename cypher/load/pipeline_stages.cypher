// Every live pipeline stage with its flags: the loader derives deals' and tickets' `closed`
// from this table instead of asking per row.
// mode: read
// returns: many
MATCH (p:Pipeline)-[:HAS_STAGE]->(s:PipelineStage)
WHERE NOT coalesce(p.archived, false) AND NOT coalesce(s.archived, false)
RETURN p.objectType AS objectType, p.id AS pipeline, s.id AS stage, s.displayOrder AS displayOrder,
       coalesce(s.closed, false) AS closed, coalesce(s.closedWon, false) AS closedWon
ORDER BY objectType, pipeline, displayOrder
