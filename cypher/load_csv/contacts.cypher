// Benchmark baseline (bench/load_bench.py): Neo4j's own LOAD CSV … CALL {} IN TRANSACTIONS on the
// generator's files, producing the same nodes as `crmgraph load` (labels, system fields, values,
// `_ts_<p>`, `_hist_<p>`). Run auto-commit (`Database.auto_commit`).
// Contacts also get their `:EmailAddress` and `HAS_EMAIL {primary: true}`.
// mode: write
// returns: none
// param url: string — file:/// URL of contacts.csv in the server's import folder
// param now: integer — epoch ms of the load
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (o:Object {id: row.`Record ID`})
  ON CREATE SET o:Record:Contact, o._n = toInteger(row.`Record ID`), o._type = 'contacts',
    o.createdate = toInteger(row.`Create Date`), o._updated = $now, o.archived = false,
    o.firstname = row.`First Name`, o.lastname = row.`Last Name`, o.email = toLower(row.Email),
    o.lifecyclestage = row.`Lifecycle Stage`, o.jobtitle = row.`Job Title`,
    o._ts_firstname = $now, o._ts_lastname = $now, o._ts_email = $now, o._ts_lifecyclestage = $now,
    o._ts_jobtitle = $now, o._ts_createdate = $now,
    o._hist_firstname = ['{"value":"' + row.`First Name` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_lastname = ['{"value":"' + row.`Last Name` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_email = ['{"value":"' + toLower(row.Email) + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_lifecyclestage = ['{"value":"' + row.`Lifecycle Stage` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_jobtitle = ['{"value":"' + row.`Job Title` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}'],
    o._hist_createdate = ['{"value":"' + row.`Create Date` + '","timestamp":' + $now + ',"sourceType":"IMPORT","sourceId":null,"updatedByUserId":null}']
  MERGE (e:EmailAddress {address: toLower(row.Email)}) ON CREATE SET e.linkedAt = $now
  MERGE (o)-[h:HAS_EMAIL]->(e) ON CREATE SET h.primary = true
} IN TRANSACTIONS OF 5000 ROWS
