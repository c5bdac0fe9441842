// Remove some type IDs from associations; a row whose removal includes the unlabelled type
// (`drop_all`) deletes the whole edge, as HubSpot does.
// mode: write
// returns: scalar
// param rel: string — relationship type
// param rows: list of maps {a, b: string — object ids; ab: ids as seen a→b; ba: the same seen b→a; drop_all: boolean}
UNWIND $rows AS row
MATCH (a:Object {id: row.a})-[r:$($rel)]-(:Object {id: row.b})
WITH r, row, CASE WHEN startNode(r) = a THEN row.ab ELSE row.ba END AS drop
FOREACH (_ IN CASE WHEN row.drop_all THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN row.drop_all THEN [] ELSE [1] END |
         SET r.types = [x IN r.types WHERE NOT x IN drop])
RETURN count(*)
