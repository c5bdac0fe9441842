// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT association_type_unique IF NOT EXISTS FOR (t:AssociationType) REQUIRE t.typeId IS UNIQUE
