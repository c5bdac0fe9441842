// Set (or, with null, purge) the configured per-record limit of association types.
// mode: write
// returns: many
// param rows: list of maps {typeId: integer, max: integer or null}
UNWIND $rows AS row
MATCH (t:AssociationType {typeId: row.typeId})
SET t.maxToObjectIds = row.max
RETURN t {.typeId, .category, .maxToObjectIds} AS type
