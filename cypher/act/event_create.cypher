// Record a marketing event (email click, form submission, page view) on a record's timeline.
// Events are `:Object:TimelineEvent:MarketingEvent` joined by `EVENT_<KIND>` (start = event).
// mode: write
// returns: one
// param event_id: string — new id (from the object id allocator)
// param n: integer — the id as a number
// param event_type: string — EMAIL_CLICK, FORM_SUBMISSION or PAGE_VIEW
// param timestamp: integer — when it happened (epoch ms)
// param props: map — event details (url, form id, email campaign …) as strings
// param record_id: string — the record's (resolved) id
// param rel: string — EVENT_<KIND> for the record's type
// param now: integer — epoch ms
MATCH (o:Object {id: $record_id})
USING INDEX SEEK o:Object(id)
CREATE (e:Object:TimelineEvent:MarketingEvent {id: $event_id})
SET e += $props, e._n = $n, e._type = 'marketing_events', e.eventType = $event_type,
    e.hs_timestamp = $timestamp, e.createdate = $now, e._updated = $now, e.archived = false
CREATE (e)-[:$($rel) {types: [], createdAt: $now}]->(o)
RETURN e.id AS id, e.eventType AS eventType, e.hs_timestamp AS timestamp
