// Archive (soft-delete) live objects of one type; returns the ids that were archived now.
// mode: write
// returns: scalar
// param type: string — object type name
// param ids: list of strings — resolved object ids
// param now: integer — epoch ms
UNWIND $ids AS id
MATCH (o:Object {id: id})
WHERE o._type = $type AND NOT o.archived
SET o.archived = true, o.archivedAt = $now, o._updated = $now
RETURN collect(o.id) AS archived
