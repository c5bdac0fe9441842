"""`:ObjectSchema` nodes: custom object type definitions from `/crm/v3/schemas`."""
from __future__ import annotations

from app import cypher

__all__ = ["find", "create", "list_all", "archive", "allocate_type_number", "count_live"]


def find(tx, key: str) -> dict | None:
    """A live schema by lower-case name, singular name or `2-…` id."""
    row = cypher.run(tx, "schemas/find", key=key)
    return row["schema"] if row else None


def create(tx, row: dict) -> dict | None:
    """Create; None when the name is taken."""
    res = cypher.run(tx, "schemas/create", row=row)
    return res["schema"] if res else None


def list_all(tx) -> list[dict]:
    return [r["schema"] for r in cypher.run(tx, "schemas/list")]


def archive(tx, name: str, now: int) -> bool:
    return cypher.run(tx, "schemas/archive", name=name, now=now) is not None


def allocate_type_number(tx) -> int:
    """The next number of the `custom_object_types` sequence (type id `2-<n>`)."""
    return cypher.run(tx, "ids/allocate_block", name="custom_object_types", size=1)


def count_live(tx, type_name: str) -> int:
    return cypher.run(tx, "records/count_live", type=type_name)
