// Every workflow, newest id last (workflows are few: no paging needed in the store).
// mode: read
// returns: many
MATCH (w:Workflow)
RETURN w {.*} AS workflow
ORDER BY toInteger(w.id), w.id
