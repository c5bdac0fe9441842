// Delete a workflow and its enrolments (the associations its actions made stay). Returns
// whether it existed.
// mode: write
// returns: scalar
// param id: string — workflow id
OPTIONAL MATCH (w:Workflow {id: $id})
OPTIONAL MATCH (w)-[:HAS_ENROLLMENT]->(en:Enrollment)
WITH w, collect(en) AS enrolments
FOREACH (en IN enrolments | DETACH DELETE en)
WITH w, w IS NOT NULL AS existed
FOREACH (_ IN CASE WHEN existed THEN [1] ELSE [] END | DETACH DELETE w)
RETURN existed
