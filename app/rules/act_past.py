"""ACT-8: past activities onto a new deal or ticket.

Creating a deal or ticket associated with companies or contacts may ask to add those
records' calls, emails, notes, meetings and tasks from a time window (default the last 30
days) to the new record's timeline. Marketing events are `:TimelineEvent`, not activities,
and communications / postal mail are not in the article's list, so neither is ever copied
(`cypher/act/past_activities`). One transaction: the record, its associations and the
copied activity associations (provenance `ACT-8`) appear together or not at all.
"""
from __future__ import annotations

import time

from app import objecttypes
from app.errors import ValidationFailed, field_error
from app.repo import activities as repo
from app.rules import associations, records

__all__ = ["create_with_past_activities", "copy_past_activities", "DEFAULT_DAYS", "MAX_DAYS"]

DEFAULT_DAYS = 30
MAX_DAYS = 36500
_DAY_MS = 86_400_000
_FROM_TYPES = ("companies", "contacts")


def copy_past_activities(tx, object_type: str, object_id: str, *, days: int = DEFAULT_DAYS,
                         user: dict | None = None, now: int | None = None) -> list[dict]:
    """Associate the past activities of the record's associated companies and contacts with it.

    Returns `[{"id", "objectType", "from": [record ids it came from]}]`.
    """
    now = now or int(time.time() * 1000)
    since = now - int(days) * _DAY_MS
    found: dict[str, dict] = {}
    for from_type in _FROM_TYPES:
        rel, _ = objecttypes.rel_between(objecttypes.BUILTIN["notes"], objecttypes.BUILTIN[from_type])
        page = associations.list_associations(tx, object_type, object_id, from_type)
        for assoc in page["results"]:
            rid = str(assoc["toObjectId"])
            for a in repo.past_activities(tx, rid, rel, since):
                entry = found.setdefault(a["id"], {"id": a["id"], "objectType": a["type"], "from": []})
                entry["from"].append(rid)
    by = str(user["id"]) if user and user.get("id") is not None else None
    by_type: dict[str, list] = {}
    for a in found.values():
        by_type.setdefault(a["objectType"], []).append(associations.Pair(a["id"], str(object_id), []))
    for activity_type, pairs in by_type.items():
        associations.associate_many(tx, activity_type, object_type, pairs,
                                    provenance={"rule": "ACT-8", "by": by, "at": now})
    return list(found.values())


def create_with_past_activities(tx, object_type: str, properties: dict, assoc_inputs: list | None, *,
                                object_id: str, copy_days: int | None, user: dict | None = None) -> dict:
    """Create a deal or ticket (HubSpot create input) and, with `copy_days`, add its associated
    companies' and contacts' past activities from that many days (ACT-8)."""
    t = records.resolve_type(tx, object_type)
    if t.name not in ("deals", "tickets"):
        raise ValidationFailed("Past activities can only be added to a new deal or ticket.",
                               [field_error("objectType", "must be deals or tickets")])
    if copy_days is not None and not 1 <= int(copy_days) <= MAX_DAYS:
        raise ValidationFailed("copyActivities.days is out of range.",
                               [field_error("copyActivities.days", f"must be from 1 to {MAX_DAYS}")])
    now = int(time.time() * 1000)
    created = records.create(tx, t, properties, object_id=object_id, user=user, associations=assoc_inputs, now=now)
    copied = copy_past_activities(tx, t.name, object_id, days=copy_days, user=user, now=now) \
        if copy_days is not None else []
    return {"object": created, "copiedActivities": copied}
