"""Graph steps of a contact merge (`cypher/mrg/*`), each taking the merge's transaction.

`app/rules/mrg.py` decides and composes them inside one `db.write`; nothing here decides
anything. The high-degree moves (activity and event edges) run in batches of `batch` edges,
each a set-based statement whose cost is linear in the edges it moves.
"""
from __future__ import annotations

from app import cypher

__all__ = ["resolve_ids", "lock", "state", "degrees", "record_links", "memberships", "leave_lists",
           "detach_enrollments", "rekey_enrollments", "drop_company_links", "move_record_links",
           "move_contact_links", "move_activity_links", "move_event_links", "move_emails", "move_identities",
           "move_other_links", "finish", "BATCH"]

BATCH = 20000  # edges per statement when moving activity / event associations


def resolve_ids(tx, ids: list[str]) -> dict[str, dict]:
    """`{id: {exists, type, archived, mergedInto}}` for the ids a merge was given."""
    return {r["id"]: r for r in cypher.run(tx, "mrg/resolve_ids", ids=list(ids))}


def lock(tx, contact_id: str, token: str) -> str | None:
    """Write-lock a contact; returns the id it has once locked (None: deleted meanwhile)."""
    return cypher.run(tx, "mrg/lock_contact", id=contact_id, token=token)


def state(tx, contact_id: str) -> dict | None:
    """Every key stored on the contact node."""
    row = cypher.run(tx, "mrg/contact_state", id=contact_id)
    return row["props"] if row else None


def degrees(tx, contact_id: str) -> dict:
    return cypher.run(tx, "mrg/degrees", id=contact_id) or {}


def record_links(tx, contact_id: str, rels: list[str]) -> list[dict]:
    return cypher.run(tx, "mrg/record_links", id=contact_id, rels=rels)


def memberships(tx, contact_id: str) -> dict:
    """Lists the contact is in and workflows it is enrolled in (for the preview)."""
    return cypher.run(tx, "mrg/memberships", id=contact_id) or {"lists": [], "workflows": []}


def leave_lists(tx, source: str) -> int:
    return cypher.run(tx, "mrg/leave_lists", source=source) or 0


def detach_enrollments(tx, source: str) -> int:
    return cypher.run(tx, "mrg/detach_enrollments", source=source) or 0


def rekey_enrollments(tx, new_id: str) -> int:
    return cypher.run(tx, "mrg/rekey_enrollments", id=new_id) or 0


def drop_company_links(tx, source: str) -> int:
    return cypher.run(tx, "mrg/drop_company_links", source=source) or 0


def move_record_links(tx, source: str, target: str, exclude: list[str]) -> int:
    return cypher.run(tx, "mrg/move_record_links", source=source, target=target, exclude=exclude) or 0


def move_contact_links(tx, source: str, target: str) -> int:
    return cypher.run(tx, "mrg/move_contact_links", source=source, target=target) or 0


def _batched(tx, name: str, source: str, target: str, batch: int) -> int:
    total = 0
    while True:
        n = cypher.run(tx, name, source=source, target=target, batch=batch) or 0
        total += n
        if n < batch:
            return total


def move_activity_links(tx, source: str, target: str, batch: int = BATCH) -> int:
    """Activities on both contacts: united on the survivor's edge; the rest moved in batches."""
    shared = cypher.run(tx, "mrg/unite_shared_activity_links", source=source, target=target) or 0
    return shared + _batched(tx, "mrg/move_activity_links", source, target, batch)


def move_event_links(tx, source: str, target: str, batch: int = BATCH) -> int:
    shared = cypher.run(tx, "mrg/unite_shared_event_links", source=source, target=target) or 0
    return shared + _batched(tx, "mrg/move_event_links", source, target, batch)


def move_emails(tx, source: str, target: str, primary_address: str | None, now: int) -> int:
    return cypher.run(tx, "mrg/move_emails", source=source, target=target, primary_address=primary_address,
                      now=now) or 0


def move_identities(tx, source: str, target: str) -> int:
    return cypher.run(tx, "mrg/move_identities", source=source, target=target) or 0


def move_other_links(tx, source: str, target: str) -> int:
    return cypher.run(tx, "mrg/move_other_links", source=source, target=target) or 0


def finish(tx, primary: str, source: str, new_id: str, props: dict, event: dict, now: int) -> dict:
    return cypher.run(tx, "mrg/finish", primary=primary, source=source, new_id=new_id, new_n=int(new_id),
                      props=props, event=event, now=now)
