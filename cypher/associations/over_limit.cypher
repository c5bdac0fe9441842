// Which records would pass an association limit if the requested pairs were written.
// Cheap first: a node whose degree on this relationship type plus the additions fits under the
// limit cannot pass it (degree is read from Neo4j's relationship-group counts). Only the rest
// are counted by type. `type` is the ID from the node's side; `type_inv` the same association
// seen from the other end (edges are stored once, in one direction).
// mode: read
// returns: many
// param rel: string — relationship type
// param rows: list of maps {node: string, type: integer, type_inv: integer, others: list of strings, limit: integer}
UNWIND $rows AS row
MATCH (n:Object {id: row.node})
WITH n, row, COUNT { (n)-[:$($rel)]-() } AS degree
WHERE degree + size(row.others) > row.limit
CALL (n, row) {
  OPTIONAL MATCH (n)-[r:$($rel)]-(o:Object)
  WHERE (startNode(r) = n AND row.type IN r.types) OR (endNode(r) = n AND row.type_inv IN r.types)
  RETURN count(r) AS have, collect(o.id) AS have_ids
}
WITH row, have, size([x IN row.others WHERE NOT x IN have_ids]) AS adding
WHERE have + adding > row.limit
RETURN row.node AS node, row.type AS type, have, adding, row.limit AS limit
