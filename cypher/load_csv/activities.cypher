// Benchmark baseline (bench/load_bench.py): Neo4j's own LOAD CSV … CALL {} IN TRANSACTIONS on the
// generator's files, producing the same graph as `crmgraph load`. Run auto-commit (`Database.auto_commit`).
// The activity label and `_type` come from the row's type (CALL → :Call, calls).
// mode: write
// returns: none
// param url: string — file:/// URL of activities.csv in the server's import folder
// param now: integer — epoch ms of the load
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH row, CASE row.type WHEN 'CALL' THEN 'Call' WHEN 'EMAIL' THEN 'Email' WHEN 'NOTE' THEN 'Note'
                          WHEN 'MEETING' THEN 'Meeting' ELSE 'Task' END AS label
  MERGE (o:Object {id: row.`Record ID`})
  ON CREATE SET o:Activity, o:$(label), o._n = toInteger(row.`Record ID`), o._type = toLower(label) + 's',
    o.createdate = toInteger(row.`Create Date`), o._updated = $now, o.archived = false, o.source = 'IMPORT',
    o.hs_timestamp = toInteger(row.`Activity date`), o._ts_hs_timestamp = $now, o._ts_createdate = $now,
    o._hist_hs_timestamp = ['{"value":"' + row.`Activity date` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_createdate = ['{"value":"' + row.`Create Date` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}']
} IN TRANSACTIONS OF 5000 ROWS
