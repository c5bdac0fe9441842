// How many live (not archived) objects a type has (a custom type with records cannot be deleted).
// mode: read
// returns: scalar
// param type: string — object type name
MATCH (o:Object)
WHERE o._type = $type AND NOT o.archived
RETURN count(o)
