// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT id_sequence_unique IF NOT EXISTS FOR (s:IdSequence) REQUIRE s.name IS UNIQUE
