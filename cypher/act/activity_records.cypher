// Every record an activity is associated with, with the association's provenance (ACT-6 list,
// explain). ACTIVITY_* edges always start at the activity (its kind ranks first).
// mode: read
// returns: many
// param activity_id: string — the activity's id
MATCH (a:Object {id: $activity_id})
USING INDEX SEEK a:Object(id)
MATCH (a)-[r]->(o:Record)
WHERE type(r) STARTS WITH 'ACTIVITY_' AND NOT o.archived
RETURN o._type AS objectType, o.id AS id, r.types AS typeIds, r.rule AS rule, r.by AS by, r.at AS at,
       o {.name, .domain, .dealname, .subject, .firstname, .lastname, .email} AS fields
ORDER BY objectType, o._n
