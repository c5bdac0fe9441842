"""The bulk loader behind `crmgraph load`: a generator pipeline of small modules.

`readers` (stream CSV/JSONL rows with line numbers) → `mapping` (columns → properties,
HubSpot export headers understood) → `prepare` (validate with the records engine, build
node rows) → `engine` (key resolution, batching, lanes) → `writers` (one managed
transaction per batch of `cypher/load/*.cypher`), with `rejects` and `checkpoint` on the
side. `initial` writes `neo4j-admin database import` files for an empty database.
"""
