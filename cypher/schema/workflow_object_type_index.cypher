// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// Every record write asks "which enabled workflows watch this object type?" (WF-1 enrolment).
// mode: schema
// returns: none
CREATE INDEX workflow_object_type IF NOT EXISTS FOR (w:Workflow) ON (w.objectType)
