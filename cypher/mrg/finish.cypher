// The last step of a merge: the survivor (the primary's node, kept so none of its edges move)
// gets its new id and merged property values; both old ids become `(:MergedId)` tombstones
// pointing at it (MRG-12: reading either old id returns the survivor); the merge event goes on
// its timeline (MRG-5, `EVENT_CONTACT`); the secondary node, now without edges, is deleted.
// mode: write
// returns: one
// param primary: string — the primary's id before the merge
// param source: string — the secondary's id
// param new_id: string — the survivor's new id
// param new_n: integer — the new id as a number
// param props: map — property values, `_ts_*` and `_hist_*` to set (null removes)
// param event: map — {id, n, primaryObjectId, mergedObjectId, newObjectId, by, properties: JSON string}
// param now: integer — epoch ms
MATCH (p:Object {id: $primary})
MATCH (s:Object {id: $source})
DETACH DELETE s
WITH p
SET p += $props, p.id = $new_id, p._n = $new_n, p._updated = $now
REMOVE p._mergeLock
WITH p
UNWIND [$primary, $source] AS old
CREATE (:MergedId {id: old, mergedAt: $now})-[:MERGED_INTO]->(p)
WITH p, count(*) AS tombstones
CREATE (e:Object:TimelineEvent:MergeEvent {id: $event.id, _n: $event.n, _type: 'merge_events',
        eventType: 'MERGE', hs_timestamp: $now, createdate: $now, _updated: $now, archived: false,
        primaryObjectId: $event.primaryObjectId, mergedObjectId: $event.mergedObjectId,
        newObjectId: $event.newObjectId, mergedBy: $event.by, details: $event.properties})
CREATE (e)-[:EVENT_CONTACT {types: [], rule: 'MRG', by: $event.by, at: $now, createdAt: $now}]->(p)
RETURN p.id AS id, tombstones, e.id AS event
