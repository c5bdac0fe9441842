// A contact's associations to records (companies, deals, tickets, other contacts, custom
// records) as the preview lists them: the other record, its type, and whether the contact is
// the edge's start (`forward`; else the stored `types` are stated from the other end).
// Outgoing edges only, plus incoming CONTACT_CONTACT: activity edges (incoming) are never touched.
// mode: read
// returns: many
// param id: string — contact id
// param rels: list of strings — contact→record relationship types (from app.objecttypes)
CALL () {
    MATCH (c:Object {id: $id})-[r]->(x:Record)
    WHERE type(r) IN $rels
    RETURN c, r, x
  UNION
    MATCH (c:Object {id: $id})<-[r:CONTACT_CONTACT]-(x:Record)
    RETURN c, r, x
}
RETURN type(r) AS rel, x.id AS id, x._type AS type, startNode(r) = c AS forward, r.types AS types
ORDER BY rel, x._n
