// Delete the association between each pair (all its types, both directions: it is one edge).
// mode: write
// returns: scalar
// param rel: string — relationship type
// param rows: list of maps {a: string, b: string} — object ids
UNWIND $rows AS row
MATCH (:Object {id: row.a})-[r:$($rel)]-(:Object {id: row.b})
DELETE r
RETURN count(r)
