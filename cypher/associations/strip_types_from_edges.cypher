// Remove deleted label IDs from every association of one relationship type. Scans that
// relationship type (a list property cannot be indexed for membership); label deletion is rare.
// The unlabelled type is never among $type_ids, so every edge keeps at least it.
// mode: write
// returns: scalar
// param rel: string — relationship type from app.objecttypes.rel_between
// param type_ids: list of integers — the label's ID and its inverse
MATCH ()-[r:$($rel)]->()
WHERE any(x IN r.types WHERE x IN $type_ids)
SET r.types = [x IN r.types WHERE NOT x IN $type_ids]
RETURN count(r)
