// Reserve `size` consecutive IDs from a named sequence; returns the first. Runs in its own short
// transaction so the sequence node's lock is held only for this statement. `s.next` is read in
// the SET itself: Cypher then takes the node's write lock *before* reading, so two concurrent
// reservations cannot read the same value (with `WITH s.next AS first` first, they could:
// a lost update under read-committed isolation, and two processes would share a block).
// mode: write
// returns: scalar
// param name: string — sequence name ('objects', 'association_types', …)
// param size: integer — how many IDs to reserve
MERGE (s:IdSequence {name: $name}) ON CREATE SET s.next = 100001
SET s.next = s.next + $size
RETURN s.next - $size AS first
