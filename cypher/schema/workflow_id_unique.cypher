// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT workflow_id_unique IF NOT EXISTS FOR (w:Workflow) REQUIRE w.id IS UNIQUE
