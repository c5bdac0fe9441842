// Create object nodes the loader knows are new (their ids were above the claimed id sequence,
// `load/claim_ids`): what `load/upsert_objects` does on its ON CREATE branch, without the
// existence check, the MERGE lock and the per-value comparison its update branch needs (the
// Eager barriers those bring are most of its cost). Rows come grouped by object type, so the
// labels travel once per group and each node's map holds its properties only (system fields
// included): one map SET per node. A new contact's primary email (its `email` property) is
// linked in the same statement (without seeking the node again by id, and without
// `load/contact_emails`' unlink step: a new contact has no previous primary address); the
// address node may already exist (subscriptions live there), so it is MERGEd. A retried
// transaction was rolled back, and a resumed run finds these ids below the sequence and
// upserts them instead, so the unique id constraint is never hit.
// mode: write
// returns: scalar
// param groups: list of maps {labels: list of strings, contacts: boolean (link `email`), rows: list of maps of every node property (id, _n, _type, createdate, _updated, archived, values, _ts_*, _hist_*, derived, source)}
// param now: integer — epoch ms of this load (`linkedAt` of a new address)
UNWIND $groups AS g
UNWIND g.rows AS p
CREATE (o:$(g.labels))
SET o = p
FOREACH (address IN CASE WHEN g.contacts AND p.email IS NOT NULL THEN [p.email] ELSE [] END |
  MERGE (e:EmailAddress {address: address})
  ON CREATE SET e.linkedAt = $now
  CREATE (o)-[:HAS_EMAIL {primary: true}]->(e))
RETURN count(o) AS created
