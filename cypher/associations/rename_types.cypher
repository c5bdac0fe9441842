// Rename association type labels (PUT .../labels).
// mode: write
// returns: none
// param rows: list of maps {typeId: integer, label: string}
UNWIND $rows AS row
MATCH (t:AssociationType {typeId: row.typeId})
SET t.label = row.label
