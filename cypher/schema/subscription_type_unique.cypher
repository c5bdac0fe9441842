// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// Communication subscription types (MRG-7: subscriptions hang off email addresses).
// mode: schema
// returns: none
CREATE CONSTRAINT subscription_type_unique IF NOT EXISTS FOR (s:SubscriptionType) REQUIRE s.id IS UNIQUE
