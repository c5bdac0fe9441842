// Every property definition of one object type, archived ones included.
// mode: read
// returns: many
// param object_type: string — the object type's API name
MATCH (p:PropertyDefinition {objectType: $object_type})
RETURN p {.*} AS definition
