// Move the object id sequence above the highest id a batch brings in, and return where it
// stood before. Every object id ever written is below the sequence (the API allocates from it,
// the loader bumps it before writing), so a batch's given ids at or above the returned value
// cannot exist yet — nor can anyone allocate them after this commits. The loader then skips
// looking those rows up by id (the lookup is most of a fresh load's read time).
// `SET s._lock = true` first takes the node's write lock (Neo4j's documented pattern for a
// read-then-write), so `next` is read under it: a block the API reserves concurrently cannot be
// lost under the new value (tests/test_ids.py).
// mode: write
// returns: scalar
// param max_id: integer — the highest numeric id in the batch
MERGE (s:IdSequence {name: 'objects'}) ON CREATE SET s.next = 100001
SET s._lock = true
WITH s
WITH s, s.next AS before
SET s.next = CASE WHEN before > $max_id THEN before ELSE $max_id + 1 END
REMOVE s._lock
RETURN before
