// One page of a workflow's enrolments, most recently enrolled first (stable: key breaks ties).
// mode: read
// returns: many
// param wid: string — workflow id
// param skip: integer — offset (the `after` cursor)
// param limit: integer — page size
MATCH (:Workflow {id: $wid})-[:HAS_ENROLLMENT]->(en:Enrollment)
RETURN en {.id, .recordId, .objectType, .status, .at, .firstAt, .count, .cause, .meets, .history} AS enrollment
ORDER BY en.at DESC, en.key
SKIP $skip LIMIT $limit
