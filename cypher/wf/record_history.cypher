// Append one history entry (what each action did in this run) to enrolments; newest first,
// at most `keep` entries, so an enrolment never grows without bound.
// mode: write
// returns: none
// param wid: string — workflow id
// param rows: list of maps {id: record id, entry: JSON string}
// param keep: integer — entries kept per enrolment
UNWIND $rows AS row
MATCH (en:Enrollment {key: $wid + '|' + row.id})
SET en.history = ([row.entry] + coalesce(en.history, []))[0..$keep]
