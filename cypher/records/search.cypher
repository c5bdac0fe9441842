// HubSpot's object search as ONE static query: filter groups are ORed, filters in a group ANDed.
// Each filter arrives pre-converted to graph values by `app/rules/search.py`:
// {key: node property, op: operator, v: value, hv: high value, vs: values,
//  ci: compare lower-cased strings, rx: regex for the token operators, email: also match
//  a contact's additional emails}. Free text `$qrx` matches any of `$qprops`.
// Sorted by one key (then id); returns the total and one page of node values for `$keys`.
// mode: read
// returns: one
// param type: string — object type name
// param groups: list of lists of filter maps (see above); empty = every live object
// param qrx: string or null — free-text regex (null = no free-text query)
// param qprops: list of strings — node keys the free text searches
// param sort_key: string — node key to sort by
// param desc: boolean — sort descending
// param skip: integer — offset of the page
// param limit: integer — page size
// param keys: list of strings — node keys to return per result
MATCH (n:Object)
WHERE n._type = $type AND NOT n.archived
  AND (size($groups) = 0 OR any(g IN $groups WHERE all(f IN g WHERE
        any(x IN [CASE WHEN f.ci AND n[f.key] IS NOT NULL THEN toLower(toString(n[f.key])) ELSE n[f.key] END] WHERE
          CASE f.op
            WHEN 'HAS_PROPERTY' THEN x IS NOT NULL
            WHEN 'NOT_HAS_PROPERTY' THEN x IS NULL
            WHEN 'EQ' THEN coalesce(x = f.v, false)
                           OR (f.email AND EXISTS { (n)-[:HAS_EMAIL]->(:EmailAddress {address: f.v}) })
            WHEN 'NEQ' THEN x IS NULL OR x <> f.v
            WHEN 'LT' THEN x < f.v
            WHEN 'LTE' THEN x <= f.v
            WHEN 'GT' THEN x > f.v
            WHEN 'GTE' THEN x >= f.v
            WHEN 'BETWEEN' THEN x >= f.v AND x <= f.hv
            WHEN 'IN' THEN coalesce(x IN f.vs, false)
                           OR (f.email AND EXISTS { (n)-[:HAS_EMAIL]->(e:EmailAddress) WHERE e.address IN f.vs })
            WHEN 'NOT_IN' THEN x IS NULL OR NOT x IN f.vs
            WHEN 'CONTAINS_TOKEN' THEN toString(x) =~ f.rx
            WHEN 'NOT_CONTAINS_TOKEN' THEN x IS NULL OR NOT toString(x) =~ f.rx
            ELSE false
          END))))
  AND ($qrx IS NULL OR any(k IN $qprops WHERE toString(n[k]) =~ $qrx))
WITH n
ORDER BY CASE WHEN $desc THEN n[$sort_key] END DESC, CASE WHEN NOT $desc THEN n[$sort_key] END ASC, n._n
WITH collect(n) AS ns
RETURN size(ns) AS total, [o IN ns[$skip..$skip + $limit] | [k IN $keys | o[k]]] AS rows
