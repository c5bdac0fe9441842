// Create or refresh HubSpot-defined association types (idempotent).
// mode: write
// returns: none
// param rows: list of maps {typeId, category, fromType, toType, label, name, inverseTypeId, primary}
UNWIND $rows AS row
MERGE (t:AssociationType {typeId: row.typeId})
ON CREATE SET t.maxToObjectIds = null
SET t.category = row.category, t.fromType = row.fromType, t.toType = row.toType,
    t.label = row.label, t.name = row.name, t.inverseTypeId = row.inverseTypeId, t.primary = row.primary
