// Unenrol records from every workflow (MRG-10: the merged-away contact). The enrolment and its
// history stay, with status UNENROLLED. Returns the ids of the workflows they were enrolled in.
// mode: write
// returns: many
// param ids: list of strings — record ids
// param now: integer — epoch ms
UNWIND $ids AS id
MATCH (:Object {id: id})-[:ENROLLED_IN]->(en:Enrollment {status: 'ENROLLED'})
SET en.status = 'UNENROLLED', en.unenrolledAt = $now, en.meets = false
RETURN DISTINCT en.workflowId AS workflowId
