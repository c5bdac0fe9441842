// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT property_definition_unique IF NOT EXISTS FOR (p:PropertyDefinition) REQUIRE p.key IS UNIQUE
