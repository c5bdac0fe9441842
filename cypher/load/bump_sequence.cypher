// Keep the object id sequence above every id a load brought in, so the API never allocates
// an id that a loaded record already has.
// mode: write
// returns: none
// param max_id: integer — the highest numeric id loaded
MERGE (s:IdSequence {name: 'objects'}) ON CREATE SET s.next = 100001
SET s.next = CASE WHEN s.next > $max_id THEN s.next ELSE $max_id + 1 END
