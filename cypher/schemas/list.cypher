// Every live custom object schema, in creation order.
// mode: read
// returns: many
MATCH (s:ObjectSchema)
WHERE NOT coalesce(s.archived, false)
RETURN s {.*} AS schema
ORDER BY s.createdAt, s.objectTypeId
