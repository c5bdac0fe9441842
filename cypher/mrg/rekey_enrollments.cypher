// The survivor's own enrolments follow its new id: enrolment keys are `<workflowId>|<recordId>`
// (cypher/wf/enroll), so without this a later enrolment check would not find them and would
// enrol the survivor a second time.
// mode: write
// returns: scalar
// param id: string — the survivor's new id
MATCH (:Object {id: $id})-[:ENROLLED_IN]->(en:Enrollment)
SET en.key = en.workflowId + '|' + $id, en.recordId = $id
RETURN count(en)
