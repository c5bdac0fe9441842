// MRG-6: the secondary leaves every list (static lists drop it; an active list re-evaluates the
// survivor, which is already a member or not on its own data). Lists are the minimal model
// `(:List {id, name, type: 'STATIC'|'ACTIVE'})-[:HAS_MEMBER]->(:Contact)`. Returns how many.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
MATCH (:Object {id: $source})<-[m:HAS_MEMBER]-(:List)
DELETE m
RETURN count(m)
