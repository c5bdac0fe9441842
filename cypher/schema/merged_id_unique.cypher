// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT merged_id_unique IF NOT EXISTS FOR (m:MergedId) REQUIRE m.id IS UNIQUE
