// One association type by its ID (label rename/delete, limit configuration).
// mode: read
// returns: one
// param type_id: integer — HubSpot association type ID
MATCH (t:AssociationType {typeId: $type_id})
RETURN t {.typeId, .category, .fromType, .toType, .label, .name, .inverseTypeId, .primary,
          .maxToObjectIds} AS type
