// Node and relationship counts, for `crmgraph db status` and tests that compare graphs.
// mode: read
// returns: one
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
