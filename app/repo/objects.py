"""Object nodes (records and activities): create, fetch, update, archive, page, look up.

Every function takes a transaction and runs named queries from `cypher/records/`; the
rules in `app/rules/records.py` decide what to write (validation, history entries,
derived fields) and call these inside one transaction.
"""
from __future__ import annotations

from app import cypher

__all__ = ["create_many", "fetch", "update", "archive", "list_page", "contact_by_email", "link_email",
           "unlink_primary_email", "find_by_property", "search", "HISTORY_KEEP"]

HISTORY_KEEP = 50  # history entries kept per property (newest first); older ones are dropped


def _rows_to_nodes(rows: list[dict]) -> list[dict | None]:
    return [dict(zip(r["keys"], r["vals"])) if r.get("id") else None for r in rows]


def create_many(tx, rows: list[dict], now: int) -> list[str]:
    """Create nodes; each row `{labels, id, n, type, createdate, props}`. Returns their ids."""
    return [r["id"] for r in cypher.run(tx, "records/create", rows=rows, now=now)]


def fetch(tx, type_name: str, ids: list[str], keys: list[str] | None = None,
          history: bool = False) -> list[dict | None]:
    """Nodes (as `{key: value}` limited to `keys`) for `ids`, in order; None where missing.

    Merged-away ids resolve to the surviving object (its own `id` is in the result).
    """
    if keys is not None:
        keys = list(dict.fromkeys(["id", "_type", *keys]))
    return _rows_to_nodes(cypher.run(tx, "records/fetch", type=type_name, ids=list(ids), keys=keys,
                                     history=history))


def update(tx, object_id: str, changes: list[dict], derived: dict, now: int) -> list[str] | None:
    """Apply `[{key, value, hist}]` (only real changes get history); None if no such object."""
    row = cypher.run(tx, "records/update", id=object_id, now=now, changes=changes, derived=derived,
                     keep=HISTORY_KEEP)
    return row["changed"] if row else None


def archive(tx, type_name: str, ids: list[str], now: int) -> list[str]:
    return cypher.run(tx, "records/archive", type=type_name, ids=list(ids), now=now) or []


def list_page(tx, type_name: str, after: int, limit: int, archived: bool, keys: list[str] | None,
              history: bool = False) -> list[dict]:
    if keys is not None:
        keys = list(dict.fromkeys(["id", "_type", *keys]))
    rows = cypher.run(tx, "records/list_page", type=type_name, after=after, limit=limit, archived=archived,
                      keys=keys, history=history)
    return [dict(zip(r["keys"], r["vals"])) for r in rows]


def contact_by_email(tx, address: str) -> str | None:
    """The live contact with this email (primary or additional), or None."""
    row = cypher.run(tx, "records/contact_by_email", address=address)
    return row["id"] if row else None


def link_email(tx, contact_id: str, address: str, now: int) -> str | None:
    """Link `address` as the contact's primary email; returns a conflicting contact's id, or None."""
    return cypher.run(tx, "records/link_email", contact_id=contact_id, address=address, now=now)


def unlink_primary_email(tx, contact_id: str) -> None:
    cypher.run(tx, "records/unlink_primary_email", contact_id=contact_id)


def find_by_property(tx, type_name: str, key: str, value) -> list[str]:
    return [r["id"] for r in cypher.run(tx, "records/find_by_property", type=type_name, key=key, value=value)]


def search(tx, type_name: str, *, groups: list, qrx: str | None, qprops: list[str], sort_key: str, desc: bool,
           skip: int, limit: int, keys: list[str]) -> tuple[int, list[dict]]:
    """(total matches, one page of nodes as `{key: value}`) for a converted search request."""
    keys = list(dict.fromkeys(["id", "_type", *keys]))
    row = cypher.run(tx, "records/search", type=type_name, groups=groups, qrx=qrx, qprops=qprops,
                     sort_key=sort_key, desc=desc, skip=skip, limit=limit, keys=keys)
    return row["total"], [dict(zip(keys, vals)) for vals in row["rows"]]
