// Create a user-defined property definition; returns null when the key already exists.
// mode: write
// returns: one
// param row: map {key, objectType, name, label, type, fieldType, options, readOnly, groupName, description, hubspotDefined, hasUniqueValue, displayOrder, createdAt, updatedAt}
OPTIONAL MATCH (old:PropertyDefinition {key: $row.key})
WITH old WHERE old IS NULL OR coalesce(old.archived, false)
MERGE (p:PropertyDefinition {key: $row.key})
SET p += $row, p.archived = false, p.archivedAt = null
RETURN p {.*} AS definition
