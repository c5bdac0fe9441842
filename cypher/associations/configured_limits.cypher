// Every association type with a user-configured limit (`/definitions/configurations/all`).
// mode: read
// returns: many
MATCH (t:AssociationType)
WHERE t.maxToObjectIds IS NOT NULL
RETURN t {.typeId, .category, .fromType, .toType, .label, .maxToObjectIds} AS type
ORDER BY type.fromType, type.toType, type.typeId
