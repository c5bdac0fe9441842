// What each id given to a merge is: a live contact, an archived one, an id merged away earlier
// (and into which object), another object type, or nothing. Lets the merge refuse with a 4xx that
// names the field before it writes anything.
// mode: read
// returns: many
// param ids: list of strings — primaryObjectId and objectIdToMerge as given
UNWIND $ids AS req
OPTIONAL MATCH (o:Object {id: req})
OPTIONAL MATCH (:MergedId {id: req})-[:MERGED_INTO]->(into:Object)
RETURN req AS id, o IS NOT NULL AS exists, o._type AS type, coalesce(o.archived, false) AS archived,
       into.id AS mergedInto
