// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT email_address_unique IF NOT EXISTS FOR (e:EmailAddress) REQUIRE e.address IS UNIQUE
