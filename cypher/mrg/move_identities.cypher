// MRG-9 / MRG-12: form-submission user tokens (`(:UserToken)-[:IDENTIFIES]->`) and earlier
// merge tombstones (`(:MergedId)-[:MERGED_INTO]->`) of the secondary point at the survivor, so
// every id and cookie that ever meant the secondary resolves to it in one hop.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
// param target: string — the survivor's (current) id
MATCH (p:Object {id: $target})
MATCH (s:Object {id: $source})
OPTIONAL MATCH (t:UserToken)-[i:IDENTIFIES]->(s)
OPTIONAL MATCH (m:MergedId)-[mi:MERGED_INTO]->(s)
WITH p, collect(DISTINCT t) AS tokens, collect(DISTINCT i) AS ti, collect(DISTINCT m) AS ids,
     collect(DISTINCT mi) AS mis
FOREACH (r IN ti + mis | DELETE r)
FOREACH (t IN tokens | MERGE (t)-[:IDENTIFIES]->(p))
FOREACH (m IN ids | MERGE (m)-[:MERGED_INTO]->(p))
RETURN size(tokens) + size(ids)
