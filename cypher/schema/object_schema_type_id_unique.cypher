// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT object_schema_type_id_unique IF NOT EXISTS FOR (s:ObjectSchema) REQUIRE s.objectTypeId IS UNIQUE
