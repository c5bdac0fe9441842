// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// Conversations-inbox conversations (ACT-4c).
// mode: schema
// returns: none
CREATE CONSTRAINT conversation_id_unique IF NOT EXISTS FOR (c:Conversation) REQUIRE c.id IS UNIQUE
