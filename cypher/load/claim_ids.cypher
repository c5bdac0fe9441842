// Move the object id sequence above the highest id a batch brings in, and return where it
// stood before. Every object id ever written is below the sequence (the API allocates from it,
// the loader bumps it before writing), so a batch's given ids at or above the returned value
// cannot exist yet — nor can anyone allocate them after this commits. The loader then skips
// looking those rows up by id (the lookup is most of a fresh load's read time).
// mode: write
// returns: scalar
// param max_id: integer — the highest numeric id in the batch
MERGE (s:IdSequence {name: 'objects'}) ON CREATE SET s.next = 100001
WITH s, s.next AS before
SET s.next = CASE WHEN before > $max_id THEN before ELSE $max_id + 1 END
RETURN before
