// Create object nodes the loader knows are new (their ids were above the claimed id sequence,
// `load/claim_ids`): what `load/upsert_objects` does on its ON CREATE branch, without the
// existence check, the MERGE lock and the per-value comparison its update branch needs (the
// Eager barriers those bring are most of its cost). A new contact's primary email is linked in
// the same statement (without seeking the node again by id, and without `load/contact_emails`'
// unlink step: a new contact has no previous primary address); the address node may already
// exist (subscriptions live there), so it is MERGEd. System fields travel in `row.props`, so
// the node gets one map SET. A retried transaction was rolled back, and a resumed run finds
// these ids below the sequence and upserts them instead, so the unique id constraint is never hit.
// mode: write
// returns: scalar
// param rows: list of maps {labels: list of strings, props: map of every node property (id, _n, _type, createdate, _updated, archived, values, _ts_*, _hist_*, derived, source), email: lower-cased primary address of a new contact, or null}
// param now: integer — epoch ms of this load (`linkedAt` of a new address)
UNWIND $rows AS row
CREATE (o:$(row.labels))
SET o = row.props
FOREACH (address IN CASE WHEN row.email IS NULL THEN [] ELSE [row.email] END |
  MERGE (e:EmailAddress {address: address})
  ON CREATE SET e.linkedAt = $now
  CREATE (o)-[:HAS_EMAIL {primary: true}]->(e))
RETURN count(o) AS created
