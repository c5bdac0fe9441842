// Associations of some objects to one object type, ordered by the other object's number and
// paged by it (`after` = the last number returned). Types are read from each source's side:
// `forward` says whether the source is the edge's start (else `types` need inverting).
// Archived objects are left out. Fetches `limit + 1` per source so the caller knows if there is more.
// mode: read
// returns: many
// param rel: string — relationship type
// param label: string — node label of the target type (`Company`, `Note`…)
// param rows: list of maps {id: string, after: integer}
// param limit: integer — page size
UNWIND $rows AS row
MATCH (n:Object {id: row.id})
CALL (n, row) {
  MATCH (n)-[r:$($rel)]-(o:$($label))
  WHERE o._n > row.after AND NOT coalesce(o.archived, false) AND o <> n
  RETURN o, r ORDER BY o._n LIMIT $limit + 1
}
RETURN row.id AS id, o.id AS to_id, o._n AS to_n, startNode(r) = n AS forward, r.types AS types
