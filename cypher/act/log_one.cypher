// Log an activity in ONE round trip (the usual case of POST /crmgraph/v1/objects/{type}/{id}/activities:
// no email thread, no conversation, a standard record type): compare-and-write. The caller decided
// the plan from the configuration it saw last time — the ACT-5 settings that could apply, the
// activity type's association types, the property definitions the new activity needs — and
// passes that configuration as $expect. This statement reads the same configuration again and
// writes only if it is still exactly that (`fresh`); otherwise it writes nothing and returns what
// it read, and the caller decides again. So no cache can go stale: whatever changed the
// configuration (the API from another process, a wiped graph, hand-written Cypher), the write
// uses the configuration of this moment, as `act/log_facts` + `act/log_write` would.
// The configuration is compared as `properties(n)` (stored properties only, so no nulls, which
// would make `=` null), ordered by each node's unique key.
// The record resolves as in `act/log_facts` (merged-away ids → survivor); it must be of type
// $record_type and live (`live`), else nothing is written and the caller takes the two-statement
// path, which answers the 404. Related records are found as in `act/log_facts` (static
// relationship types only: a record's ACTIVITY_* edges are never touched) and cut to the plan's
// counts here; the activity and its edges are written as in `act/log_write` (CREATE: the activity
// is new), with provenance {rule, by, at}; `_loggedOnId` is the resolved id.
// Returns one row: fresh, live, the record's id, the configuration read (null when fresh) and the
// records that got an edge, in order (`{kind, id}`: the logged-on record, company, deals, tickets,
// contacts).
// mode: write
// returns: one
// param record_id: string — the record's id as given (may be merged-away)
// param record_type: string — its object type name (`contacts`); anything else is not `live`
// param activity_type: string — the activity's type name (`notes`)
// param setting_keys: list of strings — candidate ACT-5 keys (`<loggedOn>|<type or *>|<source or *>`)
// param definition_keys: list of strings — `<activity type>|<property name>` of the definitions wanted
// param expect: map or null — {settings, association_types, definitions}: the configuration the plan was made from (lists of `properties(n)`, in this statement's order); null: only read it
// param company: boolean — add the record's primary company
// param deals: integer — the record's newest open deals to add (0–5)
// param tickets: integer — the record's newest open tickets to add
// param contacts: integer — a deal's or ticket's newest contacts to add
// param specs: map — per object type name of a record the activity may get an edge to: {rel: ACTIVITY_<KIND>, types: list of integers, activity → record}
// param rule: string — the plan's rule (provenance of every edge but the logged-on record's)
// param logged_on_rule: string — provenance of the edge to the logged-on record (`ACT-1`)
// param by: string or null — the user who logged it
// param activity: map {labels, id, n, type, createdate, props} — a `records/create` row
// param now: integer — epoch ms, the creation time (`_updated`, edges' `createdAt` and `at`)
CALL () {
  MATCH (s:AutoAssociationSetting)
  WHERE s.key IN $setting_keys
  WITH s ORDER BY s.key
  RETURN collect(properties(s)) AS settings
}
CALL () {
  MATCH (t:AssociationType)
  WHERE t.fromType = $activity_type OR t.toType = $activity_type
  WITH t ORDER BY t.typeId
  RETURN collect(properties(t)) AS association_types
}
CALL () {
  MATCH (p:PropertyDefinition)
  WHERE p.key IN $definition_keys AND NOT coalesce(p.archived, false)
  WITH p ORDER BY p.key
  RETURN collect(properties(p)) AS definitions
}
WITH {settings: settings, association_types: association_types, definitions: definitions} AS config
WITH config, coalesce(config = $expect, false) AS fresh
OPTIONAL MATCH (n:Object {id: $record_id})
USING INDEX SEEK n:Object(id)
OPTIONAL MATCH (:MergedId {id: $record_id})-[:MERGED_INTO]->(m:Object)
WITH config, fresh, coalesce(n, m) AS rec
WITH config, fresh, rec, rec IS NOT NULL AND rec._type = $record_type AND NOT coalesce(rec.archived, false) AS live
CALL (rec, fresh, live) {
  WITH rec WHERE fresh AND live
  CALL (rec) {
    // the primary company: type 1 (contact → company), 5 (deal → company), 26 (ticket → company)
    OPTIONAL MATCH (rec)-[r:CONTACT_COMPANY|DEAL_COMPANY|TICKET_COMPANY]->(co:Company)
    WHERE $company AND (1 IN r.types OR 5 IN r.types OR 26 IN r.types) AND NOT co.archived
    RETURN collect(co)[0..1] AS companies
  }
  CALL (rec) {
    OPTIONAL MATCH (rec)-[:CONTACT_DEAL]->(d:Deal)
    WHERE $deals > 0 AND NOT d.closed AND NOT d.archived
    WITH d ORDER BY d.createdate DESC, d.id LIMIT $deals
    RETURN collect(d) AS deals
  }
  CALL (rec) {
    OPTIONAL MATCH (rec)-[:CONTACT_TICKET]->(t:Ticket)
    WHERE $tickets > 0 AND NOT coalesce(t.closed, false) AND NOT t.archived
    WITH t ORDER BY t.createdate DESC, t.id LIMIT $tickets
    RETURN collect(t) AS tickets
  }
  CALL (rec) {
    OPTIONAL MATCH (c:Contact)-[:CONTACT_DEAL|CONTACT_TICKET]->(rec)
    WHERE $contacts > 0 AND NOT c.archived
    WITH c ORDER BY c.createdate DESC, c.id LIMIT $contacts
    RETURN collect(c) AS contacts
  }
  CREATE (a:$($activity.labels) {id: $activity.id})
  SET a += $activity.props, a._n = $activity.n, a._type = $activity.type, a.createdate = $activity.createdate,
      a._updated = $now, a.archived = false, a._loggedOnId = rec.id
  WITH a, [{kind: $record_type, node: rec, rule: $logged_on_rule}]
          + [x IN companies | {kind: 'companies', node: x, rule: $rule}]
          + [x IN deals | {kind: 'deals', node: x, rule: $rule}]
          + [x IN tickets | {kind: 'tickets', node: x, rule: $rule}]
          + [x IN contacts | {kind: 'contacts', node: x, rule: $rule}] AS targets
  UNWIND targets AS t
  WITH a, t, t.node AS o, $specs[t.kind] AS spec
  CREATE (a)-[:$(spec.rel) {types: spec.types, createdAt: $now, rule: t.rule, by: $by, at: $now}]->(o)
  RETURN collect({kind: t.kind, id: o.id}) AS linked
}
RETURN fresh, live, rec.id AS id, CASE WHEN fresh THEN null ELSE config END AS config, linked
