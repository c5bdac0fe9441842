// A record's timeline (ACT-1): activities and timeline events (marketing events, merge events)
// associated with it, newest first (hs_timestamp, then id), one page after a cursor.
// Fetches $limit + 1 rows so the caller knows whether a next page exists.
// mode: read
// returns: many
// param record_id: string — the record's (resolved) id
// param rels: list of strings — ACTIVITY_<KIND> and EVENT_<KIND> for the record's type (from app.objecttypes)
// param types: list of strings or null — keep only these `_type`s / `eventType`s (null = all)
// param after_ts: integer or null — cursor: timestamp of the last item of the previous page
// param after_n: integer or null — cursor: numeric id of that item
// param limit: integer — page size
MATCH (o:Object {id: $record_id})
USING INDEX SEEK o:Object(id)
MATCH (o)<-[r]-(a:Object)
WHERE type(r) IN $rels AND NOT a.archived
  AND ($types IS NULL OR a._type IN $types OR a.eventType IN $types)
  AND ($after_ts IS NULL OR a.hs_timestamp < $after_ts OR (a.hs_timestamp = $after_ts AND a._n < $after_n))
WITH a ORDER BY a.hs_timestamp DESC, a._n DESC LIMIT $limit + 1
RETURN a.id AS id, a._type AS type, a.eventType AS eventType, a.hs_timestamp AS timestamp, a._n AS n,
       a.source AS source, [k IN keys(a) WHERE NOT k STARTS WITH '_' | [k, a[k]]] AS props
