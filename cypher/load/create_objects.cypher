// Create object nodes the loader knows are new (their ids were above the claimed id sequence,
// `load/claim_ids`): what `load/upsert_objects` does on its ON CREATE branch, without the
// existence check, the MERGE lock and the per-value comparison its update branch needs (the
// Eager barriers those bring are most of its cost). A retried transaction was rolled back,
// and a resumed run finds these ids below the sequence and upserts them instead, so the
// unique id constraint is never hit.
// mode: write
// returns: scalar
// param rows: list of maps {id, n: integer, labels: list of strings, type: string, createdate: integer, props: map of node properties (values, _ts_*, _hist_*, derived, source)}
// param now: integer — epoch ms of this load (`_updated`)
UNWIND $rows AS row
CREATE (o:$(row.labels))
SET o += row.props, o.id = row.id, o._n = row.n, o._type = row.type,
    o.createdate = row.createdate, o._updated = $now, o.archived = false
RETURN count(o) AS created
