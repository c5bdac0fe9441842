// Move the object id sequence above the highest id a batch brings in, and return where it
// stood before. Every object id ever written is below the sequence (the API allocates from it,
// the loader bumps it before writing), so a batch's given ids at or above the returned value
// cannot exist yet — nor can anyone allocate them after this commits. The loader then skips
// looking those rows up by id (the lookup is most of a fresh load's read time).
// `SET s._claimed = s.next` reads `next` in a SET, so the node's write lock is taken before the
// read: a block the API reserves concurrently cannot be lost under the new value.
// mode: write
// returns: scalar
// param max_id: integer — the highest numeric id in the batch
MERGE (s:IdSequence {name: 'objects'}) ON CREATE SET s.next = 100001
SET s._claimed = s.next
WITH s, s._claimed AS before
SET s.next = CASE WHEN before > $max_id THEN before ELSE $max_id + 1 END
REMOVE s._claimed
RETURN before
