// Objects of one type by id, resolving merged-away ids (`(:MergedId)-[:MERGED_INTO]->`) to the survivor.
// One row per requested id, in order; `id` is null when there is no such object of this type.
// Only the wanted node keys come back (history lists can be long): `$keys` null = every key,
// `_hist_*` included only when `$history`.
// mode: read
// returns: many
// param type: string — object type name (`_type`)
// param ids: list of strings — requested ids (may be merged-away ids)
// param keys: list of strings or null — node keys to return
// param history: boolean — with `$keys` null, include `_hist_*` keys
UNWIND $ids AS req
OPTIONAL MATCH (:MergedId {id: req})-[:MERGED_INTO]->(s:Object)
OPTIONAL MATCH (d:Object {id: req})
WITH req, coalesce(s, d) AS o
WITH req, CASE WHEN o._type = $type THEN o END AS o
WITH req, o, CASE WHEN o IS NULL THEN []
                  WHEN $keys IS NULL THEN [k IN keys(o) WHERE $history OR NOT k STARTS WITH '_hist_']
                  ELSE $keys END AS ks
RETURN req, o.id AS id, ks AS keys, [k IN ks | o[k]] AS vals
