// Create a custom object schema node; returns null when the name is already taken (even archived:
// HubSpot keeps archived names reserved).
// mode: write
// returns: one
// param row: map {name, objectTypeId, singular, labels (JSON), primaryDisplayProperty, secondaryDisplayProperties, requiredProperties, searchableProperties, description, createdAt, updatedAt, archived}
OPTIONAL MATCH (old:ObjectSchema {name: $row.name})
WITH old WHERE old IS NULL
CREATE (s:ObjectSchema)
SET s = $row
RETURN s {.*} AS schema
