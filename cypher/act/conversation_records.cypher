// ACT-4c: the records a conversation (conversations inbox) is associated with.
// No row when the conversation does not exist.
// mode: read
// returns: one
// param conversation_id: string — the conversation's id
MATCH (cv:Conversation {id: $conversation_id})
OPTIONAL MATCH (cv)-[:CONVERSATION_RECORD]->(o:Record)
WHERE NOT o.archived
RETURN cv.id AS id, cv.channel AS channel, [x IN collect({type: o._type, id: o.id}) WHERE x.id IS NOT NULL] AS records
