// Benchmark baseline (bench/load_bench.py): Neo4j's own LOAD CSV … CALL {} IN TRANSACTIONS on the
// generator's files, producing the same nodes as `crmgraph load` (labels, system fields, values,
// `_ts_<p>`, `_hist_<p>`). Run auto-commit (`Database.auto_commit`).
// mode: write
// returns: none
// param url: string — file:/// URL of companies.csv in the server's import folder
// param now: integer — epoch ms of the load
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (o:Object {id: row.`Record ID`})
  ON CREATE SET o:Record:Company, o._n = toInteger(row.`Record ID`), o._type = 'companies',
    o.createdate = toInteger(row.`Create Date`), o._updated = $now, o.archived = false,
    o.name = row.`Company Name`, o.domain = row.`Company Domain Name`, o.industry = row.Industry,
    o.numberofemployees = toFloat(row.`Number of Employees`),
    o._ts_name = $now, o._ts_domain = $now, o._ts_industry = $now, o._ts_numberofemployees = $now,
    o._ts_createdate = $now,
    o._hist_name = ['{"value":"' + row.`Company Name` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_domain = ['{"value":"' + row.`Company Domain Name` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_industry = ['{"value":"' + row.Industry + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_numberofemployees = ['{"value":"' + row.`Number of Employees` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_createdate = ['{"value":"' + row.`Create Date` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}']
} IN TRANSACTIONS OF 5000 ROWS
