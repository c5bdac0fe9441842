// ACT-5, read at logging time: the settings that could apply to one activity (exact and
// wildcard `*` keys); the rule picks the most specific.
// mode: read
// returns: many
// param keys: list of strings — candidate keys `<loggedOn>|<activityType or *>|<source or *>`
UNWIND $keys AS k
MATCH (s:AutoAssociationSetting {key: k})
RETURN s {.key, .loggedOn, .activityType, .source, .company, .deals, .tickets, .contacts} AS setting
