// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE INDEX company_name IF NOT EXISTS FOR (c:Company) ON (c.name)
