// Benchmark baseline (bench/load_bench.py): Neo4j's own LOAD CSV … CALL {} IN TRANSACTIONS on the
// generator's files, producing the same nodes as `crmgraph load` (labels, system fields, values,
// `_ts_<p>`, `_hist_<p>`). Run auto-commit (`Database.auto_commit`).
// `closed`/`closedWon` come from the stage, as the loader derives them.
// mode: write
// returns: none
// param url: string — file:/// URL of deals.csv in the server's import folder
// param now: integer — epoch ms of the load
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (st:PipelineStage {key: 'default|' + row.`Deal Stage`})
  MERGE (o:Object {id: row.`Record ID`})
  ON CREATE SET o:Record:Deal, o._n = toInteger(row.`Record ID`), o._type = 'deals',
    o.createdate = toInteger(row.`Create Date`), o._updated = $now, o.archived = false,
    o.dealname = row.`Deal Name`, o.amount = toFloat(row.Amount), o.dealstage = row.`Deal Stage`,
    o.pipeline = 'default', o.closedate = toInteger(row.`Close Date`), o.closed = st.closed,
    o.closedWon = st.closedWon,
    o._ts_dealname = $now, o._ts_amount = $now, o._ts_dealstage = $now, o._ts_pipeline = $now,
    o._ts_closedate = $now, o._ts_createdate = $now,
    o._hist_dealname = ['{"value":"' + row.`Deal Name` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_amount = ['{"value":"' + row.Amount + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_dealstage = ['{"value":"' + row.`Deal Stage` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_pipeline = ['{"value":"' + 'default' + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_closedate = ['{"value":"' + row.`Close Date` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_createdate = ['{"value":"' + row.`Create Date` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}']
} IN TRANSACTIONS OF 5000 ROWS
