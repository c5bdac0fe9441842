"""Association storage: thin, tx-taking wrappers around `cypher/associations/*.cypher`.

No rules here (validation, Primary uniqueness, limits and ID translation live in
`app.rules.associations`); every function takes a transaction so rules compose them into one
atomic unit of work, and every batch is one `UNWIND $rows` query.
"""
from __future__ import annotations

from app import cypher

__all__ = ["types_for_pair", "type_by_id", "configured_limits", "create_types", "rename_types",
           "delete_types", "strip_types_from_edges", "set_limits", "find_objects", "primary_holders",
           "over_limit", "merge_edges", "delete_edges", "remove_edge_types", "list_for_objects",
           "allocate_type_ids"]


def types_for_pair(tx, a: str, b: str) -> list[dict]:
    """Association types a→b and b→a (object-type names)."""
    return [r["type"] for r in cypher.run(tx, "associations/types_for_pair", a=a, b=b)]


def type_by_id(tx, type_id: int) -> dict | None:
    row = cypher.run(tx, "associations/type_by_id", type_id=int(type_id))
    return row["type"] if row else None


def configured_limits(tx) -> list[dict]:
    return [r["type"] for r in cypher.run(tx, "associations/configured_limits")]


def allocate_type_ids(tx, n: int) -> list[int]:
    """`n` fresh user-defined association type IDs (sequence `association_types`, from 1000)."""
    first = cypher.run(tx, "ids/allocate_block", name="association_types", size=n)
    return list(range(first, first + n))


def create_types(tx, rows: list[dict]) -> None:
    cypher.run(tx, "associations/create_types", rows=rows)


def rename_types(tx, rows: list[dict]) -> None:
    cypher.run(tx, "associations/rename_types", rows=rows)


def delete_types(tx, type_ids: list[int]) -> None:
    cypher.run(tx, "associations/delete_types", type_ids=type_ids)


def strip_types_from_edges(tx, rel: str, type_ids: list[int]) -> int:
    return cypher.run(tx, "associations/strip_types_from_edges", rel=rel, type_ids=type_ids) or 0


def set_limits(tx, rows: list[dict]) -> list[dict]:
    return [r["type"] for r in cypher.run(tx, "associations/set_limits", rows=rows)]


def find_objects(tx, ids: list[str]) -> dict[str, dict]:
    """{requested id: {"resolved", "type", "archived"}} (resolved None when missing)."""
    return {r["id"]: r for r in cypher.run(tx, "associations/find_objects", ids=list(ids))}


def primary_holders(tx, rel: str, rows: list[dict]) -> list[dict]:
    return cypher.run(tx, "associations/primary_holders", rel=rel, rows=rows)


def over_limit(tx, rel: str, rows: list[dict]) -> list[dict]:
    return cypher.run(tx, "associations/over_limit", rel=rel, rows=rows) if rows else []


def merge_edges(tx, rel: str, rows: list[dict], now: int) -> list[dict]:
    return cypher.run(tx, "associations/merge_edges", rel=rel, rows=rows, now=now) if rows else []


def delete_edges(tx, rel: str, rows: list[dict]) -> int:
    return (cypher.run(tx, "associations/delete_edges", rel=rel, rows=rows) or 0) if rows else 0


def remove_edge_types(tx, rel: str, rows: list[dict]) -> int:
    return (cypher.run(tx, "associations/remove_edge_types", rel=rel, rows=rows) or 0) if rows else 0


def list_for_objects(tx, rel: str, label: str, rows: list[dict], limit: int) -> list[dict]:
    return cypher.run(tx, "associations/list_for_objects", rel=rel, label=label, rows=rows, limit=limit)
