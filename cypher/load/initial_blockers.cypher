// What `crmgraph load --initial` would destroy: it replaces the whole database, so it only
// runs when nothing but the seeded defaults is there (no objects, users, custom schemas,
// custom properties or user-defined association types).
// mode: read
// returns: one
CALL () { MATCH (o:Object) RETURN count(o) AS objects }
CALL () { MATCH (u:User) RETURN count(u) AS users }
CALL () { MATCH (s:ObjectSchema) RETURN count(s) AS schemas }
CALL () { MATCH (p:PropertyDefinition) WHERE NOT coalesce(p.hubspotDefined, false) RETURN count(p) AS properties }
CALL () { MATCH (t:AssociationType) WHERE t.category <> 'HUBSPOT_DEFINED' RETURN count(t) AS associationTypes }
RETURN objects, users, schemas, properties, associationTypes
