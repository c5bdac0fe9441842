// Find what a batch of input rows already matches, before writing: the object with the row's
// id (or the survivor of a merged-away id), the live contact owning the row's email, the live
// company with the row's domain — plus the current fields the loader's decisions need
// (email, pipeline and stage). Read in the loader's main thread, so rows are keyed in order.
// Only rows that match something come back (a fresh load gets an empty answer, fast).
// mode: read
// returns: many
// param rows: list of maps {i: integer row index, id: string or null, email: string or null, domain: string or null}
UNWIND $rows AS row
OPTIONAL MATCH (byId:Object {id: row.id})
OPTIONAL MATCH (:MergedId {id: row.id})-[:MERGED_INTO]->(survivor:Object)
WITH row, coalesce(byId, survivor) AS found
CALL (row) {
  OPTIONAL MATCH (:EmailAddress {address: row.email})<-[:HAS_EMAIL]-(c:Contact)
  WHERE NOT coalesce(c.archived, false)
  RETURN min(c.id) AS emailOwner
}
CALL (row) {
  OPTIONAL MATCH (co:Company {domain: row.domain})
  WHERE NOT coalesce(co.archived, false)
  RETURN min(co.id) AS domainOwner
}
WITH row, found, emailOwner, domainOwner
WHERE found IS NOT NULL OR emailOwner IS NOT NULL OR domainOwner IS NOT NULL
RETURN row.i AS i, found.id AS id, found._type AS type, coalesce(found.archived, false) AS archived,
       emailOwner, domainOwner, found.email AS email, found.pipeline AS pipeline, found.dealstage AS dealstage,
       found.hs_pipeline AS hs_pipeline, found.hs_pipeline_stage AS hs_pipeline_stage, found.closed AS closed
