// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE CONSTRAINT user_token_unique IF NOT EXISTS FOR (u:User) REQUIRE u.tokenHash IS UNIQUE
