// Take the contact's write lock for the rest of the merge transaction. Merges lock both contacts
// in one fixed (id) order, so two merges sharing a contact serialise instead of deadlocking.
// Returns the id the node has once the lock is held: null or a different id means a concurrent
// merge deleted or renamed it while we waited (the caller then refuses the merge).
// mode: write
// returns: scalar
// param id: string — contact id
// param token: string — this merge's reference (removed again before commit)
MATCH (c:Object {id: $id})
WHERE c:Contact
SET c._mergeLock = $token
RETURN c.id
