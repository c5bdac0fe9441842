// Create contact nodes the loader knows are new (see `load/create_objects`), each linked to its
// primary email in the same statement (no second seek of the node by id, and no unlink step as
// in `load/contact_emails`: a new contact has no previous primary address). The address node may
// already exist (subscriptions live there), so it is MERGEd. That MERGE reads `address`, which
// `SET o = p` could write, so the planner puts Eager barriers here — contacts only.
// mode: write
// returns: none
// param labels: list of strings — the contact labels
// param rows: list of maps of every node property (as for `load/create_objects`); `email` is the lower-cased primary address, or absent
// param now: integer — epoch ms of this load (`linkedAt` of a new address)
UNWIND $rows AS p
CREATE (o:$($labels))
SET o = p
FOREACH (address IN CASE WHEN p.email IS NULL THEN [] ELSE [p.email] END |
  MERGE (e:EmailAddress {address: address})
  ON CREATE SET e.linkedAt = $now
  CREATE (o)-[:HAS_EMAIL {primary: true}]->(e))
