// Part of the schema; applied idempotently by `crmgraph db init` and at start-up.
// ACT-5 settings, keyed `<loggedOn>|<activityType or *>|<source or *>`.
// mode: schema
// returns: none
CREATE CONSTRAINT auto_association_setting_key_unique IF NOT EXISTS FOR (s:AutoAssociationSetting) REQUIRE s.key IS UNIQUE
