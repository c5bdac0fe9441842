// Update the given fields of a live property definition.
// mode: write
// returns: one
// param key: string — `<objectType>|<name>`
// param changes: map — fields to set (label, fieldType, type, options, description, groupName, updatedAt …)
MATCH (p:PropertyDefinition {key: $key})
WHERE NOT coalesce(p.archived, false)
SET p += $changes
RETURN p {.*} AS definition
