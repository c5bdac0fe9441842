// Create a conversation (a conversations-inbox thread) associated with some records (ACT-4c).
// Records that do not exist are ignored here; the rule checks them first.
// mode: write
// returns: one
// param conversation_id: string — new conversation id
// param channel: string — EMAIL, WHATS_APP, …
// param record_ids: list of strings — ids of the records the conversation is associated with
// param now: integer — epoch ms
CREATE (cv:Conversation {id: $conversation_id, channel: $channel, createdAt: $now})
WITH cv
CALL (cv) {
  UNWIND $record_ids AS rid
  MATCH (o:Object {id: rid}) WHERE o:Record
  MERGE (cv)-[:CONVERSATION_RECORD]->(o)
  RETURN count(*) AS linked
}
RETURN cv.id AS id, cv.channel AS channel, cv.createdAt AS createdAt
