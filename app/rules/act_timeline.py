"""A record's timeline (ACT-1) and marketing events on it.

The timeline is every activity and timeline event associated with the record — activities
through `ACTIVITY_<KIND>`, marketing events (`EMAIL_CLICK`, `FORM_SUBMISSION`, `PAGE_VIEW`)
and merge events through `EVENT_<KIND>` — newest first (`hs_timestamp`, then id), filterable
by type, paged with an opaque cursor `<timestamp>.<id>` (stable while new items arrive).
"""
from __future__ import annotations

import time

from app import objecttypes
from app.errors import ValidationFailed, field_error
from app.objecttypes import ACTIVITY_TYPES
from app.repo import activities as repo
from app.rules.act import resolve_record
from app.rules.properties import ms_to_iso

__all__ = ["timeline", "record_event", "EVENT_TYPES", "TIMELINE_LIMIT_MAX"]

EVENT_TYPES = ("EMAIL_CLICK", "FORM_SUBMISSION", "PAGE_VIEW")
TIMELINE_LIMIT_MAX = 100
# Filter names that are not a type name themselves.
_FILTER_ALIASES = {"merges": "merge_events", "merge": "merge_events", "marketing": "marketing_events"}


def _rels(rt) -> list[str]:
    """ACTIVITY_<KIND> and EVENT_<KIND>: activities and events rank before every record kind,
    so they are the start node (`objecttypes.rel_between`)."""
    rel, _ = objecttypes.rel_between(objecttypes.BUILTIN["notes"], rt)
    return [rel, f"EVENT_{rt.kind}"]


def _types_filter(types: list[str] | None) -> list[str] | None:
    if not types:
        return None
    out = []
    for raw in types:
        name = _FILTER_ALIASES.get(raw.strip().lower(), raw.strip())
        if name.upper() in EVENT_TYPES:
            out.append(name.upper())
            continue
        if name in ("merge_events", "marketing_events"):
            out.append(name)
            continue
        t = objecttypes.try_resolve(name)
        if t is None or not t.is_activity:
            raise ValidationFailed(f"Unknown timeline type {raw!r}.",
                                   [field_error("types", f"must be among {', '.join(ACTIVITY_TYPES + EVENT_TYPES)}, "
                                                         "marketing_events or merges")])
        out.append(t.name)
    return out


def _cursor(after: str | None) -> tuple[int, int] | None:
    if not after:
        return None
    try:
        ts, n = after.split(".", 1)
        return int(ts), int(n)
    except ValueError:
        raise ValidationFailed(f"Invalid paging cursor {after!r}.",
                               [field_error("after", "not a cursor from this API")]) from None


def timeline(tx, object_type: str, object_id: str, *, types: list[str] | None = None, limit: int = 20,
             after: str | None = None) -> dict:
    """One page of a record's timeline: `{"results": [...], "paging"?: {"next": {"after"}}}`."""
    rt, rid = resolve_record(tx, object_type, object_id)
    limit = max(1, min(int(limit or 20), TIMELINE_LIMIT_MAX))
    rows = repo.timeline_page(tx, rid, _rels(rt), _types_filter(types), _cursor(after), limit)
    results = [{"id": r["id"], "objectType": r["type"], "eventType": r["eventType"],
                "timestamp": ms_to_iso(r["timestamp"]), "source": r["source"],
                "properties": {k: v for k, v in r["props"] if k not in ("id", "archived")}}
               for r in rows[:limit]]
    page = {"results": results}
    if len(rows) > limit:
        last = rows[limit - 1]
        page["paging"] = {"next": {"after": f"{last['timestamp']}.{last['n']}"}}
    return page


def record_event(tx, object_type: str, object_id: str, event_type: str, *, event_id: str,
                 timestamp: int | None = None, properties: dict | None = None) -> dict:
    """Put a marketing event on a record's timeline (not an activity: ACT-8 never copies it)."""
    if event_type not in EVENT_TYPES:
        raise ValidationFailed(f"Unknown marketing event type {event_type!r}.",
                               [field_error("eventType", f"must be one of {', '.join(EVENT_TYPES)}")])
    rt, rid = resolve_record(tx, object_type, object_id)
    now = int(time.time() * 1000)
    props = {str(k): str(v) for k, v in (properties or {}).items() if not str(k).startswith("_")
             and k not in ("id", "archived", "eventType", "hs_timestamp")}
    row = repo.create_event(tx, event_id=event_id, event_type=event_type, timestamp=timestamp or now, props=props,
                            record_id=rid, rel=f"EVENT_{rt.kind}", now=now)
    return {"id": row["id"], "objectType": "marketing_events", "eventType": row["eventType"],
            "timestamp": ms_to_iso(row["timestamp"]), "record": {"objectType": rt.name, "id": rid},
            "properties": props}
