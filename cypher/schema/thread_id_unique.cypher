// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// Email threads (ACT-4a) are keyed by the caller's thread id.
// mode: schema
// returns: none
CREATE CONSTRAINT thread_id_unique IF NOT EXISTS FOR (t:Thread) REQUIRE t.id IS UNIQUE
