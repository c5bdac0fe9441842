// Create object nodes the loader knows are new (their ids were above the claimed id sequence,
// `load/claim_ids`): what `load/upsert_objects` does on its ON CREATE branch, without the
// existence check, the MERGE lock and the per-value comparison its update branch needs (the
// Eager barriers those bring are most of its cost). Rows come grouped by object type, so the
// labels travel once per group and each node's map holds its properties only (system fields
// included): one map SET per node. New contacts go through `load/create_contacts` (their email
// link). A retried transaction was rolled back, and a resumed run finds these ids below the
// sequence and upserts them instead, so the unique id constraint is never hit.
// Nested FOREACH, not UNWIND: after `UNWIND $groups AS g` the planner cannot tell that `g.rows`
// reads no node property, so it puts an Eager barrier (the whole batch materialised) before
// `SET o = p`; FOREACH needs none. It returns nothing: every row is a CREATE, the caller counts.
// mode: write
// returns: none
// param groups: list of maps {labels: list of strings, rows: list of maps of every node property (id, _n, _type, createdate, _updated, archived, values, _ts_*, _hist_*, derived, source)}
FOREACH (g IN $groups |
  FOREACH (p IN g.rows |
    CREATE (o:$(g.labels))
    SET o = p))
