// Everything logging an activity reads, in one round trip (the hot path of
// POST /crmgraph/v1/objects/{type}/{id}/activities, and its preview): the record it is logged
// on (a merged-away id resolves to the survivor, MRG-12), the ACT-5 settings that could apply,
// the thread's first email and its records (ACT-4a), the conversation's records (ACT-4c), the
// related records every plan may want — primary company, most recently created open deals and
// open tickets of a contact, most recently created contacts of a deal or ticket — and the
// activity type's association types (HubSpot type IDs, limits) and the property definitions
// validation and the answer need (by their unique key: index seeks, not the type's whole list).
// The rule (`act_policy.decide`) picks from this afterwards, so the related records are the
// most any plan can use ($deals, $tickets, $contacts), cut down in Python.
// Related records expand only static relationship types (CONTACT_COMPANY, CONTACT_DEAL …), so
// a record's possibly 100 000 ACTIVITY_* edges are never touched: PROFILE shows the same db
// hits for 100 or 5 000 activities (tests/rules/test_act_profile.py). The record is found with a
// forced `Object(id)` index seek: right after bulk writes the planner's statistics are stale.
// Always exactly one row; `id` is null when no record answers.
// mode: read
// returns: one
// param record_id: string — the record's id as given (may be merged-away)
// param activity_type: string — the activity's type name (`notes`)
// param setting_keys: list of strings — candidate ACT-5 keys (`<loggedOn>|<type or *>|<source or *>`); empty for custom objects
// param thread_id: string or null — the email's thread (null: not an email, or no thread)
// param exclude_id: string or null — the email being logged, never its own thread's first
// param conversation_id: string or null — the conversations-inbox conversation
// param deals: integer — the most open deals of a contact any plan can want
// param tickets: integer — the most open tickets of a contact any plan can want
// param contacts: integer — the most contacts of a deal or ticket any plan can want
// param definition_keys: list of strings — `<activity type>|<property name>` of the definitions wanted (empty: none)
OPTIONAL MATCH (n:Object {id: $record_id})
USING INDEX SEEK n:Object(id)
OPTIONAL MATCH (:MergedId {id: $record_id})-[:MERGED_INTO]->(m:Object)
WITH coalesce(n, m) AS o
CALL (o) {
  // the primary company: type 1 (contact → company), 5 (deal → company), 26 (ticket → company)
  MATCH (o)-[r:CONTACT_COMPANY|DEAL_COMPANY|TICKET_COMPANY]->(co:Company)
  WHERE (1 IN r.types OR 5 IN r.types OR 26 IN r.types) AND NOT co.archived
  RETURN collect(co.id)[0] AS company_id
}
CALL (o) {
  MATCH (o)-[:CONTACT_DEAL]->(d:Deal)
  WHERE NOT d.closed AND NOT d.archived
  WITH d ORDER BY d.createdate DESC, d.id LIMIT $deals
  RETURN collect(d.id) AS deal_ids
}
CALL (o) {
  MATCH (o)-[:CONTACT_TICKET]->(t:Ticket)
  WHERE NOT coalesce(t.closed, false) AND NOT t.archived
  WITH t ORDER BY t.createdate DESC, t.id LIMIT $tickets
  RETURN collect(t.id) AS ticket_ids
}
CALL (o) {
  // contacts of a deal or ticket (a contact has no incoming CONTACT_DEAL / CONTACT_TICKET)
  MATCH (c:Contact)-[:CONTACT_DEAL|CONTACT_TICKET]->(o)
  WHERE NOT c.archived
  WITH c ORDER BY c.createdate DESC, c.id LIMIT $contacts
  RETURN collect(c.id) AS contact_ids
}
CALL () {
  MATCH (s:AutoAssociationSetting)
  WHERE s.key IN $setting_keys
  RETURN collect(s {.key, .loggedOn, .activityType, .source, .company, .deals, .tickets, .contacts}) AS settings
}
CALL () {
  OPTIONAL MATCH (:Thread {id: $thread_id})<-[:IN_THREAD]-(e:Email)
  WHERE e.id <> coalesce($exclude_id, '') AND NOT e.archived
  WITH e ORDER BY e.hs_timestamp ASC, e._n ASC LIMIT 1
  OPTIONAL MATCH (e)-[r]->(x:Record)
  WHERE type(r) STARTS WITH 'ACTIVITY_' AND NOT x.archived
  RETURN e.id AS first_email_id, [y IN collect({type: x._type, id: x.id}) WHERE y.id IS NOT NULL] AS thread_records
}
CALL () {
  OPTIONAL MATCH (cv:Conversation {id: $conversation_id})
  OPTIONAL MATCH (cv)-[:CONVERSATION_RECORD]->(x:Record)
  WHERE NOT x.archived
  RETURN cv.id AS conversation_id,
         [y IN collect({type: x._type, id: x.id}) WHERE y.id IS NOT NULL] AS conversation_records
}
CALL () {
  MATCH (t:AssociationType)
  WHERE t.fromType = $activity_type OR t.toType = $activity_type
  RETURN collect(t {.typeId, .category, .fromType, .toType, .label, .name, .inverseTypeId, .primary,
                    .maxToObjectIds}) AS association_types
}
CALL () {
  MATCH (p:PropertyDefinition)
  WHERE p.key IN $definition_keys AND NOT coalesce(p.archived, false)
  RETURN collect(p {.*}) AS definitions
}
RETURN o.id AS id, o._type AS type, coalesce(o.archived, false) AS archived,
       company_id, deal_ids, ticket_ids, contact_ids, settings,
       first_email_id, thread_records, conversation_id, conversation_records,
       association_types, definitions
