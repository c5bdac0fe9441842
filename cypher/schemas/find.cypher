// A live custom object schema by name or object type id (`cars`, `2-101`), to re-register
// custom types this process has not seen yet and to read their settings.
// mode: read
// returns: one
// param key: string — lower-cased name or `2-…` id
MATCH (s:ObjectSchema)
WHERE (s.name = $key OR s.objectTypeId = $key OR s.singular = $key) AND NOT coalesce(s.archived, false)
RETURN s {.*} AS schema
LIMIT 1
