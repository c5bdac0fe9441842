// Reserve `size` consecutive IDs from a named sequence; returns the first. Runs in its own short
// transaction so the sequence node's lock is held only for this statement.
// mode: write
// returns: scalar
// param name: string — sequence name ('objects', 'association_types', …)
// param size: integer — how many IDs to reserve
MERGE (s:IdSequence {name: $name}) ON CREATE SET s.next = 100001
WITH s, s.next AS first
SET s.next = first + $size
RETURN first
