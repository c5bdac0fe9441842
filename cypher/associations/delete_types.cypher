// Delete association type definitions (a user label and its inverse).
// mode: write
// returns: none
// param type_ids: list of integers
MATCH (t:AssociationType)
WHERE t.typeId IN $type_ids
DETACH DELETE t
