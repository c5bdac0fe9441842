// WF-1 enrolment, for a set of records at once. Records written but no longer meeting the
// criteria (`others`) are marked `meets = false`; each record in `matching` gets its enrolment
// (created on first match) and is enrolled when it is new; a record enrolled before is enrolled
// again only when the workflow re-enrols and either the caller forces it ("run now") or the
// record had stopped meeting the criteria since (it "meets them again").
// Returns the ids enrolled by this call — the records the actions run on.
// mode: write
// returns: many
// param wid: string — workflow id
// param matching: list of strings — record ids that meet the criteria now
// param others: list of strings — record ids written but not meeting the criteria
// param reenroll: boolean — the workflow's re-enrolment setting
// param force: boolean — run now: re-enrol every matching record if the workflow re-enrols
// param cause: string — why: create, update, merge, run
// param now: integer — epoch ms
MATCH (w:Workflow {id: $wid})
CALL (w) {
  UNWIND $others AS oid
  MATCH (old:Enrollment {key: w.id + '|' + oid})
  SET old.meets = false
}
UNWIND $matching AS id
MATCH (r:Object {id: id})
MERGE (en:Enrollment {key: w.id + '|' + id})
  ON CREATE SET en.id = randomUUID(), en.workflowId = w.id, en.recordId = id, en.objectType = w.objectType,
                en.firstAt = $now, en.count = 0, en.meets = false, en.status = 'ENROLLED'
// Decide before writing anything else (one SET below, so the planner needs fewer Eager barriers).
// count = 0 only right after creation: link new enrolments with CREATE (a MERGE would probe the
// workflow node's — possibly 100k — enrolment edges for every existing one)
WITH w, r, en, en.count = 0 AS fresh,
     (en.count = 0 OR ($reenroll AND ($force OR NOT en.meets))) AND en.status = 'ENROLLED' AS enrol
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  CREATE (w)-[:HAS_ENROLLMENT]->(en)
  CREATE (r)-[:ENROLLED_IN]->(en))
SET en.meets = true,
    en.at = CASE WHEN enrol THEN $now ELSE en.at END,
    en.count = CASE WHEN enrol THEN en.count + 1 ELSE en.count END,
    en.cause = CASE WHEN enrol THEN $cause ELSE en.cause END
WITH en, enrol WHERE enrol
RETURN en.recordId AS id
