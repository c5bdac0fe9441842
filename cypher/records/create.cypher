// Create object nodes (one per row) with their labels, system fields, values, `_ts_*` and `_hist_*`.
// IDs come from the caller (`app.ids.IdAllocator`), so a retried transaction re-creates the same IDs.
// mode: write
// returns: many
// param rows: list of maps {labels: list of strings, id: string, n: integer, type: string, createdate: integer, props: map of node properties incl. _ts_<p> and _hist_<p>}
// param now: integer — epoch ms, the creation time (`_updated`)
UNWIND $rows AS row
CREATE (o:$(row.labels) {id: row.id})
SET o += row.props, o._n = row.n, o._type = row.type, o.createdate = row.createdate,
    o._updated = $now, o.archived = false
RETURN o.id AS id
