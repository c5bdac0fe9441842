// The enabled workflows of an object type: what a record write must check for enrolment.
// mode: read
// returns: many
// param object_type: string — object-type name (`contacts`, a custom schema's name)
MATCH (w:Workflow {objectType: $object_type})
WHERE w.enabled
RETURN w {.*} AS workflow
ORDER BY toInteger(w.id), w.id
