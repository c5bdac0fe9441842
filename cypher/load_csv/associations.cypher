// Benchmark baseline (bench/load_bench.py): Neo4j's own LOAD CSV … CALL {} IN TRANSACTIONS on the
// generator's files, producing the same graph as `crmgraph load`. Run auto-commit (`Database.auto_commit`).
// One association file (one object-type pair): one relationship per pair in the canonical direction,
// `types` stated start → end (the file's ids, or their inverses when the file's "from" is the end).
// mode: write
// returns: none
// param url: string — file:/// URL of the association file in the server's import folder
// param rel: string — relationship type (app.objecttypes.rel_between)
// param forward: boolean — whether the file's from side is the relationship's start
// param inverse: map — type id (as string) → inverse type id, for files stated end → start
// param prov: map — provenance for activity edges ({rule, at}), else empty
// param now: integer — epoch ms of the load
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH row, [t IN split(row.associationTypeId, ';') | toInteger(t)] AS ids
  WITH row, CASE WHEN $forward THEN ids ELSE [t IN ids | $inverse[toString(t)]] END AS st,
       CASE WHEN $forward THEN row.fromId ELSE row.toId END AS a,
       CASE WHEN $forward THEN row.toId ELSE row.fromId END AS b
  MATCH (s:Object {id: a})
  MATCH (e:Object {id: b})
  MERGE (s)-[r:$($rel)]->(e)
  ON CREATE SET r.types = st, r.createdAt = $now, r += $prov
  ON MATCH SET r.types = r.types + [x IN st WHERE NOT x IN r.types]
} IN TRANSACTIONS OF 5000 ROWS
