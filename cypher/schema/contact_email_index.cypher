// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE INDEX contact_email IF NOT EXISTS FOR (c:Contact) ON (c.email)
