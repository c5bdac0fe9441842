// Create default pipelines and their stages if missing.
// mode: write
// returns: none
// param pipelines: list of maps {id, objectType, label, displayOrder, stages: [{id, label, displayOrder, probability, closed, closedWon}]}
UNWIND $pipelines AS p
MERGE (pl:Pipeline {id: p.id})
ON CREATE SET pl.objectType = p.objectType, pl.label = p.label, pl.displayOrder = p.displayOrder
WITH pl, p
UNWIND p.stages AS s
MERGE (st:PipelineStage {key: p.id + '|' + s.id})
ON CREATE SET st.id = s.id, st.pipelineId = p.id, st.label = s.label, st.displayOrder = s.displayOrder,
              st.probability = s.probability, st.closed = s.closed, st.closedWon = s.closedWon
MERGE (pl)-[:HAS_STAGE]->(st)
