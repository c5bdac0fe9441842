"""Apply the schema (constraints, indexes) and the seed data HubSpot accounts start with.

Both are idempotent: `crmgraph db init`, `create_app` and the test fixtures call them freely.
"""
from __future__ import annotations

from app import cypher, seed_data

__all__ = ["apply_schema", "seed", "init_database", "wipe"]


def apply_schema(db) -> list[str]:
    """Run every `cypher/schema/*.cypher` (all `IF NOT EXISTS`); returns their names."""
    names = cypher.registry().names("schema/")
    with db.session() as s:
        for name in names:
            s.run(cypher.registry().get(name).text).consume()
        s.run(cypher.registry().get("admin/await_indexes").text).consume()
    return names


def seed(db) -> None:
    """Write HubSpot's default association types, properties, pipelines and ID sequences."""
    def work(tx):
        cypher.run(tx, "seed/id_sequences")
        cypher.run(tx, "seed/association_types", rows=seed_data.association_types())
        cypher.run(tx, "seed/property_definitions", rows=seed_data.property_definitions())
        cypher.run(tx, "seed/pipelines", pipelines=seed_data.pipelines())

    db.write(work)


def init_database(db) -> None:
    """Schema, then seed: what a usable database needs."""
    apply_schema(db)
    seed(db)


def wipe(db, batch: int = 10000) -> int:
    """Delete every node and relationship (schema stays); returns how many nodes went."""
    total = 0
    while True:
        n = db.query("admin/wipe_batch", size=batch)
        total += n or 0
        if not n:
            return total
