// Create HubSpot-defined property definitions that are missing (never overwrites user edits).
// mode: write
// returns: none
// param rows: list of maps {key, objectType, name, label, type, fieldType, options, readOnly, groupName, hubspotDefined}
UNWIND $rows AS row
MERGE (p:PropertyDefinition {key: row.key})
ON CREATE SET p += row
