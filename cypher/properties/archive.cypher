// Archive (soft-delete) a user-defined property definition; values on records stay.
// mode: write
// returns: scalar
// param key: string — `<objectType>|<name>`
// param now: integer — epoch ms
MATCH (p:PropertyDefinition {key: $key})
WHERE NOT coalesce(p.archived, false)
SET p.archived = true, p.archivedAt = $now
RETURN p.name
