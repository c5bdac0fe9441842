// Every association type defined between two object types, in both directions (a handful of
// rows): the rules validate requested type IDs and translate them to their inverses with these.
// mode: read
// returns: many
// param a: string — one object-type name (`contacts`)
// param b: string — the other object-type name (`companies`); may equal $a
MATCH (t:AssociationType)
WHERE (t.fromType = $a AND t.toType = $b) OR (t.fromType = $b AND t.toType = $a)
RETURN t {.typeId, .category, .fromType, .toType, .label, .name, .inverseTypeId, .primary,
          .maxToObjectIds} AS type
ORDER BY type.typeId
