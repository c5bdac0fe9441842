// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// One enrolment per (workflow, record): key = "<workflow id>|<record id>".
// mode: schema
// returns: none
CREATE CONSTRAINT enrollment_key_unique IF NOT EXISTS FOR (e:Enrollment) REQUIRE e.key IS UNIQUE
