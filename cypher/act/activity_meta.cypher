// An activity's type and how it was logged (no row if the id is not an activity).
// Merged-away ids do not apply: activities are never merged.
// mode: read
// returns: one
// param activity_id: string — the activity's id
MATCH (a:Object {id: $activity_id})
USING INDEX SEEK a:Object(id)
WHERE a:Activity
RETURN a.id AS id, a._type AS type, a.source AS source, a.archived AS archived,
       a._loggedOnType AS loggedOnType, a._loggedOnId AS loggedOnId, a._autoRule AS rule,
       a._autoReason AS reason, a._loggedBy AS by, a.hs_timestamp AS timestamp
