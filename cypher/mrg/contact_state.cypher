// Everything stored on a contact node (values, `_ts_*`, `_hist_*`), read after it is locked.
// mode: read
// returns: one
// param id: string — contact id
MATCH (c:Object {id: $id})
WHERE c:Contact
RETURN properties(c) AS props
