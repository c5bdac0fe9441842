// Upsert object nodes by id: a new node gets everything `records/create` gives one (labels,
// system fields, values, `_ts_<p>`, `_hist_<p>`); an existing one gets only the values that
// differ, each with a new `_ts_<p>` and a history entry in front (like `records/update`), so
// loading the same file twice changes nothing. MERGE on the constrained id makes a re-run of a
// batch (retry, resume) harmless.
// mode: write
// returns: one
// param rows: list of maps {id, n: integer, labels: list of strings, type: string, createdate: integer, props: map of node properties for a new node (values, _ts_*, _hist_*, derived, source), values: map of property values, hist: map property → history JSON, derived: map (closed, closedWon)}
// param now: integer — epoch ms of this load (`_updated`, `_ts_<p>`)
// param keep: integer — history entries kept per property
UNWIND $rows AS row
OPTIONAL MATCH (pre:Object {id: row.id})
WITH row, pre IS NULL AS isNew
MERGE (o:Object {id: row.id})
ON CREATE SET o:$(row.labels), o += row.props, o._n = row.n, o._type = row.type,
              o.createdate = row.createdate, o._updated = $now, o.archived = false
WITH o, row, isNew, [k IN keys(row.values) WHERE o[k] IS NULL OR o[k] <> row.values[k]] AS changed
FOREACH (k IN changed |
  SET o[k] = row.values[k], o['_ts_' + k] = $now,
      o['_hist_' + k] = [row.hist[k]] + coalesce(o['_hist_' + k], [])[0..$keep - 1])
FOREACH (_ IN CASE WHEN size(changed) > 0 THEN [1] ELSE [] END | SET o._updated = $now, o += row.derived)
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN size(changed) > 0 THEN 1 ELSE 0 END) AS updated
