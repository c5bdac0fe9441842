"""`:PropertyDefinition` nodes: read by validation, written by the properties API."""
from __future__ import annotations

from app import cypher

__all__ = ["for_type", "all_for_type", "get", "create", "update", "archive", "key"]


def key(object_type: str, name: str) -> str:
    """A definition's unique key: `<objectType>|<name>`."""
    return f"{object_type}|{name}"


def for_type(tx, object_type: str) -> list[dict]:
    return cypher.run(tx, "properties/for_type", object_type=object_type)


def all_for_type(tx, object_type: str) -> list[dict]:
    return [r["definition"] for r in cypher.run(tx, "properties/all_for_type", object_type=object_type)]


def get(tx, object_type: str, name: str) -> dict | None:
    row = cypher.run(tx, "properties/get", key=key(object_type, name))
    return row["definition"] if row else None


def create(tx, row: dict) -> dict | None:
    """Create; None if a live definition with this name exists."""
    res = cypher.run(tx, "properties/create", row=row)
    return res["definition"] if res else None


def update(tx, object_type: str, name: str, changes: dict) -> dict | None:
    res = cypher.run(tx, "properties/update", key=key(object_type, name), changes=changes)
    return res["definition"] if res else None


def archive(tx, object_type: str, name: str, now: int) -> bool:
    return cypher.run(tx, "properties/archive", key=key(object_type, name), now=now) is not None
