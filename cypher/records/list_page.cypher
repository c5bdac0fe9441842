// One page of objects of a type in id order, after a cursor (uses the (_type, _n) index).
// mode: read
// returns: many
// param type: string — object type name
// param after: integer — return objects with `_n` greater than this
// param limit: integer — page size (caller asks one more to know if a next page exists)
// param archived: boolean — archived objects instead of live ones
// param keys: list of strings or null — node keys to return (null = all but history)
// param history: boolean — with `$keys` null, include `_hist_*` keys
MATCH (o:Object)
WHERE o._type = $type AND o._n > $after AND o.archived = $archived
WITH o ORDER BY o._n LIMIT $limit
WITH o, CASE WHEN $keys IS NULL THEN [k IN keys(o) WHERE $history OR NOT k STARTS WITH '_hist_']
             ELSE $keys END AS ks
RETURN o.id AS id, ks AS keys, [k IN ks | o[k]] AS vals
