// Set changed property values of one object, appending history only for values that change.
// The first SET takes the node's write lock, so the history read below sees every committed
// update (no lost history entries under concurrent updates).
// mode: write
// returns: one
// param id: string — the object's id (already resolved, not a merged-away id)
// param now: integer — epoch ms of this update
// param changes: list of maps {key: string, value: any graph value or null, hist: JSON string of the history entry}
// param derived: map — derived fields to set as they are (`closed`, `closedWon` …)
// param keep: integer — history entries kept per property
MATCH (o:Object {id: $id})
SET o._updated = $now
WITH o
CALL (o) {
  UNWIND $changes AS c
  WITH o, c
  WHERE (o[c.key] IS NULL) <> (c.value IS NULL) OR o[c.key] <> c.value
  SET o[c.key] = c.value, o['_ts_' + c.key] = $now,
      o['_hist_' + c.key] = [c.hist] + coalesce(o['_hist_' + c.key], [])[0..$keep - 1]
  RETURN collect(c.key) AS changed
}
SET o += $derived
RETURN changed
