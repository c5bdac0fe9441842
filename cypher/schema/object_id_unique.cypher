// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT object_id_unique IF NOT EXISTS FOR (n:Object) REQUIRE n.id IS UNIQUE
