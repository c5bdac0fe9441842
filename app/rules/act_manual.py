"""ACT-6 manual association of an existing activity, ACT-7 limits, and finding records by name.

Associating goes through `associations.associate_many` with provenance `manual` (who, when),
so limits (ACT-7: per activity type and object type, configured through
`/crm/v4/associations/definitions/configurations/...`) and every other association rule
are enforced in one place: a refused association is a 400 and nothing changes.
"""
from __future__ import annotations

import time

from app.errors import NotFound, ValidationFailed, field_error
from app.objecttypes import RECORD_TYPES
from app.repo import activities as repo
from app.rules import associations, records
from app.rules.act import activity_records, record_name, resolve_activity_type, resolve_record

__all__ = ["associate", "remove", "list_records", "search_records"]

_LABELS = {"contacts": "Contact", "companies": "Company", "deals": "Deal", "tickets": "Ticket"}


def _activity(tx, activity_id: str) -> dict:
    meta = repo.activity_meta(tx, str(activity_id))
    if meta is None or meta["archived"]:
        raise NotFound(f"Activity {activity_id} not found.", [field_error("activityId", f"no activity {activity_id}")],
                       context={"id": [str(activity_id)]})
    return meta


def associate(tx, activity_id: str, to_type: str, to_id: str, *, user: dict | None = None) -> dict:
    """Associate an existing activity with one more record (provenance `manual`).

    An association that already exists keeps its original provenance (the rule that made it).
    """
    meta = _activity(tx, activity_id)
    at = resolve_activity_type(tx, meta["type"])
    tt, rid = resolve_record(tx, to_type, to_id)
    by = str(user["id"]) if user and user.get("id") is not None else None
    now = int(time.time() * 1000)
    results, _ = associations.associate_many(tx, at, tt, [associations.Pair(str(activity_id), rid, [])],
                                             provenance={"rule": "manual", "by": by, "at": now})
    row = next(r for r in list_records(tx, activity_id)["results"] if r["id"] == rid)
    return {**row, "typeIds": results[0]["typeIds"]}


def remove(tx, activity_id: str, to_type: str, to_id: str) -> int:
    """Remove the association between an activity and a record (any rule made it); returns 0 or 1."""
    meta = _activity(tx, activity_id)
    tt = records.resolve_type(tx, to_type)
    return associations.remove(tx, meta["type"], str(activity_id), tt, str(to_id))


def list_records(tx, activity_id: str) -> dict:
    """All records associated with an activity, in total and grouped by object type."""
    _, rows = activity_records(tx, activity_id)
    by_type: dict[str, dict] = {}
    for r in rows:
        group = by_type.setdefault(r["objectType"], {"total": 0, "results": []})
        group["total"] += 1
        group["results"].append(r)
    return {"activityId": str(activity_id), "total": len(rows), "byType": by_type, "results": rows}


def search_records(tx, q: str, object_types: list[str] | None = None, limit: int = 20) -> list[dict]:
    """Records whose name (contact name or email, company name or domain, deal name, ticket
    subject) contains `q`, case-insensitively — the search box of the association dialog."""
    text = (q or "").strip().lower()
    if not text:
        raise ValidationFailed("Search text is required.", [field_error("q", "must not be empty")])
    types = object_types or list(RECORD_TYPES)
    bad = [t for t in types if t not in _LABELS]
    if bad:
        raise ValidationFailed(f"Cannot search {bad[0]!r}.",
                               [field_error("types", f"must be among {', '.join(RECORD_TYPES)}")])
    rows = repo.search_records(tx, text, [_LABELS[t] for t in types], limit)
    return [{"objectType": r["objectType"], "id": r["id"], "name": record_name(r["fields"] or {})} for r in rows]
