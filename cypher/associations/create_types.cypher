// Create association types (user-defined labels, or the unlabelled pair of a new object-type
// pair). IDs come from the `association_types` IdSequence, so CREATE never collides.
// mode: write
// returns: none
// param rows: list of maps {typeId, category, fromType, toType, label, name, inverseTypeId, primary}
UNWIND $rows AS row
CREATE (t:AssociationType {typeId: row.typeId, category: row.category, fromType: row.fromType,
                           toType: row.toType, label: row.label, name: row.name,
                           inverseTypeId: row.inverseTypeId, primary: row.primary,
                           maxToObjectIds: null})
