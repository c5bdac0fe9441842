"""Bare object nodes for association tests, independent of the records layer.

Nodes carry exactly what the graph model (cypher/README.md) says associations rely on:
`:Object:<family>:<Label>`, `id`, `_n`, `_type`, `archived`.
"""
from __future__ import annotations

from app import objecttypes

_CREATE = """
UNWIND $rows AS row
CREATE (n:Object {id: row.id, _n: row.n, _type: row.type, archived: row.archived, createdate: 0})
SET n:$(row.labels)
"""
_EDGES = "MATCH (a:Object {id: $a})-[r]-(b:Object {id: $b}) RETURN type(r) AS rel, startNode(r).id AS start, r.types AS types, properties(r) AS props"
_COUNT = "MATCH ()-[r]->() WHERE type(r) = $rel RETURN count(r)"


def make(db, object_type: str, *ids: int, archived: bool = False) -> list[str]:
    """Create objects of a type with the given numeric ids; returns them as strings."""
    t = objecttypes.resolve(object_type)
    rows = [{"id": str(i), "n": i, "type": t.name, "archived": archived, "labels": t.labels} for i in ids]
    with db.session() as s:
        s.run(_CREATE, rows=rows).consume()
    return [str(i) for i in ids]


def edges(db, a, b) -> list[dict]:
    """Every relationship between two objects (direction-free)."""
    with db.session() as s:
        return [r.data() for r in s.run(_EDGES, a=str(a), b=str(b))]


def count_rel(db, rel: str) -> int:
    with db.session() as s:
        return s.run(_COUNT, rel=rel).single()[0]
