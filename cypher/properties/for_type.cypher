// Every live property definition of one object type (validation and output conversion).
// mode: read
// returns: many
// param object_type: string — the object type's API name (`contacts`, `cars`)
MATCH (p:PropertyDefinition {objectType: $object_type})
WHERE NOT coalesce(p.archived, false)
RETURN p {.*} AS definition
