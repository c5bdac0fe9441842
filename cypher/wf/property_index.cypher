// WF-2: the range index that makes the candidate lookup of wf/create_candidates an index seek,
// created when a workflow is saved. Schema commands take no parameters, so this is a TEMPLATE
// filled in by app.rules.wf_identifiers.render (allow-listed label and property only).
// IF NOT EXISTS: a no-op when any index already covers (label, property).
// mode: schema
// returns: none
CREATE RANGE INDEX IF NOT EXISTS FOR (n:`__LABEL__`) ON (n.`__PROP__`)
