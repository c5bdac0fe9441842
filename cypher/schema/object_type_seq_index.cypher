// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// mode: schema
// returns: none
CREATE INDEX object_type_seq IF NOT EXISTS FOR (n:Object) ON (n._type, n._n)
