// ACT-5: every custom auto-association setting.
// mode: read
// returns: many
MATCH (s:AutoAssociationSetting)
RETURN s {.loggedOn, .activityType, .source, .company, .deals, .tickets, .contacts, .updatedAt, .updatedBy} AS setting
ORDER BY s.loggedOn, s.activityType, s.source
