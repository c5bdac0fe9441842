// One property definition (archived ones too, so the API can say it is archived).
// mode: read
// returns: one
// param key: string — `<objectType>|<name>`
MATCH (p:PropertyDefinition {key: $key})
RETURN p {.*} AS definition
