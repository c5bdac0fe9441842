// ACT-8: a record's calls, emails, notes, meetings and tasks from a time window — never
// marketing events (they are :TimelineEvent, not :Activity) nor other activity types.
// mode: read
// returns: many
// param record_id: string — the company's or contact's (resolved) id
// param rel: string — ACTIVITY_<KIND> of that record's type
// param since: integer — epoch ms, start of the window
MATCH (o:Object {id: $record_id})
USING INDEX SEEK o:Object(id)
MATCH (o)<-[:$($rel)]-(a:Activity)
WHERE (a:Call OR a:Email OR a:Note OR a:Meeting OR a:Task)
  AND NOT a.archived AND a.hs_timestamp >= $since
RETURN a.id AS id, a._type AS type
ORDER BY a.hs_timestamp, a._n
