// Live objects of a type whose property equals a value (`idProperty` lookups); at most two,
// so the caller can tell a unique match from an ambiguous one.
// mode: read
// returns: many
// param type: string — object type name
// param key: string — node property key
// param value: any — graph value to match
MATCH (o:Object)
WHERE o._type = $type AND o[$key] = $value AND NOT o.archived
RETURN o.id AS id
ORDER BY o._n
LIMIT 2
