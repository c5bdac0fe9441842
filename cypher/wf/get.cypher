// One workflow by id, with how many records are enrolled in it.
// mode: read
// returns: one
// param id: string — workflow id
MATCH (w:Workflow {id: $id})
RETURN w {.*, enrolledCount: COUNT { (w)-[:HAS_ENROLLMENT]->(:Enrollment {status: 'ENROLLED'}) }} AS workflow
