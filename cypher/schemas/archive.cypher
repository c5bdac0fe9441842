// Archive a custom object schema and its property definitions (name stays reserved).
// mode: write
// returns: scalar
// param name: string — the schema's name
// param now: integer — epoch ms
MATCH (s:ObjectSchema {name: $name})
WHERE NOT coalesce(s.archived, false)
SET s.archived = true, s.archivedAt = $now
WITH s
OPTIONAL MATCH (p:PropertyDefinition {objectType: s.name})
SET p.archived = true, p.archivedAt = $now
RETURN DISTINCT s.name
