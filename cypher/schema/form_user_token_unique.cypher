// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// Form-submission cookies (HubSpot `hutk` user tokens) identify one contact each (MRG-9).
// mode: schema
// returns: none
CREATE CONSTRAINT form_user_token_unique IF NOT EXISTS FOR (t:UserToken) REQUIRE t.token IS UNIQUE
