// Delete up to `size` nodes (and their relationships) of the whole database; returns how many.
// Used by tests and `crmgraph db reset` to empty the database in bounded transactions.
// mode: write
// returns: scalar
// param size: integer — nodes per transaction
MATCH (n) WITH n LIMIT $size
DETACH DELETE n
RETURN count(*) AS deleted
