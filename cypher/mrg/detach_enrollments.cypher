// MRG-10: after `wf.unenroll` marked the secondary's enrolments UNENROLLED (their history stays,
// under the secondary's id), cut its `ENROLLED_IN` links so they are not moved to the survivor.
// mode: write
// returns: scalar
// param source: string — the secondary contact's id
MATCH (:Object {id: $source})-[e:ENROLLED_IN]->(:Enrollment)
DELETE e
RETURN count(e)
