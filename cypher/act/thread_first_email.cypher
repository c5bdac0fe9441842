// ACT-4a: the first email of a thread (earliest hs_timestamp, then lowest id) other than the
// one being logged, and every record it is associated with. No row when the thread has no
// email yet (the new email is then the thread's first, and ACT-3 applies).
// mode: read
// returns: one
// param thread_id: string — the thread's id
// param exclude_id: string or null — the email being logged (already linked to the thread)
MATCH (:Thread {id: $thread_id})<-[:IN_THREAD]-(e:Email)
WHERE e.id <> coalesce($exclude_id, '') AND NOT e.archived
WITH e ORDER BY e.hs_timestamp ASC, e._n ASC LIMIT 1
OPTIONAL MATCH (e)-[r]->(o:Record)
WHERE type(r) STARTS WITH 'ACTIVITY_' AND NOT o.archived
RETURN e.id AS email_id, collect({type: o._type, id: o.id}) AS records
