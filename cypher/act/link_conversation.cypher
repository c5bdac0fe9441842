// ACT-4c data: a message (email or communication) belongs to its conversation.
// mode: write
// returns: none
// param conversation_id: string — the conversation's id
// param activity_id: string — the activity's id
MATCH (a:Object {id: $activity_id}), (cv:Conversation {id: $conversation_id})
MERGE (a)-[:IN_CONVERSATION]->(cv)
