// Lists a contact belongs to and workflows it is enrolled in (the preview shows what the merge
// removes: MRG-6, MRG-10).
// mode: read
// returns: one
// param id: string — contact id
MATCH (c:Object {id: $id})
RETURN COLLECT { MATCH (l:List)-[:HAS_MEMBER]->(c) RETURN l {.id, .name, .type} } AS lists,
       COLLECT { MATCH (c)-[:ENROLLED_IN]->(en:Enrollment {status: 'ENROLLED'})
                 RETURN DISTINCT en.workflowId } AS workflows
