// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT pipeline_stage_unique IF NOT EXISTS FOR (s:PipelineStage) REQUIRE s.key IS UNIQUE
