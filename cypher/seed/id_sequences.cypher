// The ID sequences: objects start at 100001 (numeric like HubSpot's), user-defined association types at 1000.
// mode: write
// returns: none
MERGE (o:IdSequence {name: 'objects'}) ON CREATE SET o.next = 100001
MERGE (t:IdSequence {name: 'association_types'}) ON CREATE SET t.next = 1000
MERGE (s:IdSequence {name: 'custom_object_types'}) ON CREATE SET s.next = 101
