// Write a logged activity in one round trip (the hot path of
// POST /crmgraph/v1/objects/{type}/{id}/activities, after `act/log_facts` and the rule):
// the activity node exactly as `records/create` writes one (values, `_ts_*`, `_hist_*`,
// system fields — the row comes from `app.rules.records.prepare_activity`; how it was logged,
// `_loggedOnType`, `_loggedOnId`, `_autoRule`, `_autoReason`, `_loggedBy`, is in its props and
// read back by explain, ACT-2: never recomputed), its thread (ACT-4a data; the thread is
// created on first use) and conversation (ACT-4c data), and one `ACTIVITY_*` edge per
// associated record with its HubSpot type IDs (activity → record) and provenance {rule, by, at}.
// The activity is new, so no edge can exist yet: CREATE, never MERGE. Limits were checked by
// the caller (app/rules/act_edges.py). Returns the ids of the records that got an edge.
// It may run as its own auto-commit transaction after `act/log_facts` (db.reads_then_write), so
// it re-checks the one fact the write depends on: the logged-on record still exists and is not
// archived; otherwise it writes nothing and returns no rows (the caller answers 404).
// mode: write
// returns: many
// param logged_on_id: string — the live id of the record the activity is logged on
// param activity: map {labels, id, n, type, createdate, props} — a `records/create` row
// param now: integer — epoch ms, the creation time (`_updated`, edges' `createdAt`)
// param thread_id: string or null — the email's thread
// param conversation_id: string or null — the conversation the message belongs to
// param edges: list of maps {rel: ACTIVITY_<KIND> from app.objecttypes.rel_between; id: record id; types: list of integers, activity → record; rule: string; by: string or null; at: integer}
MATCH (rec:Object {id: $logged_on_id})
USING INDEX SEEK rec:Object(id)
WHERE NOT coalesce(rec.archived, false)
CREATE (a:$($activity.labels) {id: $activity.id})
SET a += $activity.props, a._n = $activity.n, a._type = $activity.type, a.createdate = $activity.createdate,
    a._updated = $now, a.archived = false
WITH a
CALL (a) {
  WITH a WHERE $thread_id IS NOT NULL
  MERGE (t:Thread {id: $thread_id})
  ON CREATE SET t.createdAt = $now
  CREATE (a)-[:IN_THREAD]->(t)
}
CALL (a) {
  MATCH (cv:Conversation {id: $conversation_id})
  CREATE (a)-[:IN_CONVERSATION]->(cv)
}
UNWIND $edges AS e
MATCH (o:Object {id: e.id})
USING INDEX SEEK o:Object(id)
CREATE (a)-[:$(e.rel) {types: e.types, createdAt: $now, rule: e.rule, by: e.by, at: e.at}]->(o)
RETURN o.id AS id
