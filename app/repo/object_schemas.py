"""`:ObjectSchema` nodes: custom object type definitions from `/crm/v3/schemas`."""
from __future__ import annotations

from app import cypher

__all__ = ["find"]


def find(tx, key: str) -> dict | None:
    """A live schema by lower-case name, singular name or `2-…` id."""
    row = cypher.run(tx, "schemas/find", key=key)
    return row["schema"] if row else None
