// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT pipeline_unique IF NOT EXISTS FOR (p:Pipeline) REQUIRE p.id IS UNIQUE
