// Wait until every index is online (after schema changes, before loads and tests).
// mode: schema
// returns: none
CALL db.awaitIndexes(300)
