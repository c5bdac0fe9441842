// Resolve object IDs to their nodes: the id itself, or the survivor a merged-away id points to
// (MRG-12). Returns one row per requested id; `resolved` is null when nothing answers.
// mode: read
// returns: many
// param ids: list of strings — object IDs as given by the caller
UNWIND $ids AS id
OPTIONAL MATCH (n:Object {id: id})
OPTIONAL MATCH (:MergedId {id: id})-[:MERGED_INTO]->(m:Object)
WITH id, coalesce(n, m) AS o
RETURN id, o.id AS resolved, o._type AS type, coalesce(o.archived, false) AS archived
