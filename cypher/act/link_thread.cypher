// ACT-4a data: put an email in its thread (created on first use). Threads are plain nodes
// `(:Thread {id})` keyed by the caller's thread id (e.g. the first message's Message-ID).
// mode: write
// returns: none
// param thread_id: string — the thread's id
// param email_id: string — the email activity's id
// param now: integer — epoch ms, when the thread was first seen
MATCH (e:Object {id: $email_id})
USING INDEX SEEK e:Object(id)
MERGE (t:Thread {id: $thread_id})
ON CREATE SET t.createdAt = $now
MERGE (e)-[:IN_THREAD]->(t)
