// Create a pipeline with its stages; returns null when the id is taken.
// mode: write
// returns: scalar
// param pipeline: map {id, objectType, label, displayOrder, createdAt, updatedAt}
// param stages: list of maps {id, label, displayOrder, probability, closed, closedWon, isClosedInput, createdAt, updatedAt}
OPTIONAL MATCH (old:Pipeline {id: $pipeline.id})
WITH old WHERE old IS NULL
CREATE (p:Pipeline)
SET p = $pipeline
WITH p
CALL (p) {
  UNWIND $stages AS s
  CREATE (st:PipelineStage {key: p.id + '|' + s.id})
  SET st += s, st.pipelineId = p.id
  CREATE (p)-[:HAS_STAGE]->(st)
}
RETURN p.id
