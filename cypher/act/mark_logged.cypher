// Remember how an activity was logged: on which record, and which rule decided its related
// records (explain reads this back; ACT-2: it is never recomputed).
// mode: write
// returns: none
// param activity_id: string — the activity's id
// param logged_on_type: string — object type name of the record it was logged on
// param logged_on_id: string — that record's id
// param rule: string — the deciding rule (ACT-3, ACT-4a … ACT-4f, ACT-5)
// param reason: string — one sentence saying why
// param by: string or null — user id
MATCH (a:Object {id: $activity_id})
USING INDEX SEEK a:Object(id)
SET a._loggedOnType = $logged_on_type, a._loggedOnId = $logged_on_id, a._autoRule = $rule,
    a._autoReason = $reason, a._loggedBy = $by
