"""ACT-5: custom auto-association settings — validated, stored in the graph, read at logging time.

A setting says, for activities of one type (or `*`) created from one source (or `*`) and
logged on one object type, which related records to add: the primary company or none, the
N most recent open deals / tickets (contacts, N = 0–5), the N most recent contacts (deals and
tickets, N = 0–50). Only super admins may change them (the API checks; `replace` records who).
Settings are read inside the logging transaction (ACT-2: they act once, at logging time;
changing them never re-associates history).
"""
from __future__ import annotations

import time

from app.errors import ValidationFailed, field_error
from app.objecttypes import ACTIVITY_TYPES
from app.repo import activities as repo
from app.rules.act_policy import (DEFAULTS, LOGGED_ON_TYPES, MAX_CONTACTS, MAX_DEALS, MAX_TICKETS, SOURCES,
                                  WILDCARD, Setting, pick_setting, setting_keys)

__all__ = ["validate", "replace", "list_settings", "candidate_keys", "choose", "defaults"]

_APPLIES = {"contacts": {"deals", "tickets"}, "deals": {"contacts"}, "tickets": {"contacts"}, "companies": set()}


def _err(i: int, field: str, msg: str) -> ValidationFailed:
    return ValidationFailed(f"Invalid auto-association setting: settings[{i}].{field}: {msg}",
                            [field_error(f"settings[{i}].{field}", msg)])


def validate(items: list[dict]) -> list[Setting]:
    """Settings from request dicts; 400 naming `settings[i].<field>` on the first problem."""
    out: list[Setting] = []
    seen: set[str] = set()
    for i, d in enumerate(items):
        logged_on = d.get("loggedOn", "contacts")
        if logged_on not in LOGGED_ON_TYPES:
            raise _err(i, "loggedOn", f"must be one of {', '.join(LOGGED_ON_TYPES)}")
        atype = d.get("activityType") or WILDCARD
        if atype != WILDCARD and atype not in ACTIVITY_TYPES:
            raise _err(i, "activityType", f"must be '*' or one of {', '.join(ACTIVITY_TYPES)}")
        source = d.get("source") or WILDCARD
        if source != WILDCARD and source not in SOURCES:
            raise _err(i, "source", f"must be '*' or one of {', '.join(SOURCES)}")
        company = d.get("company", "none")
        if company not in ("primary", "none"):
            raise _err(i, "company", "must be 'primary' or 'none'")
        if logged_on == "companies" and company == "primary":
            raise _err(i, "company", "activities logged on a company have no primary company to add")
        counts = {}
        for field, top in (("deals", MAX_DEALS), ("tickets", MAX_TICKETS), ("contacts", MAX_CONTACTS)):
            value = d.get(field, 0)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
                raise _err(i, field, f"must be an integer from 0 to {top}")
            if value and field not in _APPLIES[logged_on]:
                raise _err(i, field, f"does not apply to activities logged on {logged_on}")
            counts[field] = value
        s = Setting(logged_on, atype, source, company, counts["deals"], counts["tickets"], counts["contacts"])
        if s.key in seen:
            raise _err(i, "source", f"duplicate setting for {logged_on}, {atype}, {source}")
        seen.add(s.key)
        out.append(s)
    return out


def replace(tx, items: list[dict], user: dict) -> list[dict]:
    """Validate and store the whole set of custom settings (PUT); returns them as stored."""
    settings = validate(items)
    rows = [{"key": s.key, **s.to_dict()} for s in settings]
    repo.settings_replace(tx, rows, str(user.get("id")), int(time.time() * 1000))
    return list_settings(tx)


def list_settings(tx) -> list[dict]:
    return repo.settings_list(tx)


def defaults() -> list[dict]:
    """The built-in behaviour a setting replaces (ACT-3 and our documented defaults)."""
    return [s.to_dict() for s in DEFAULTS.values()]


def candidate_keys(logged_on: str, activity_type: str, source: str) -> list[str]:
    """The keys of the settings that could apply to this activity, most specific first; none for
    records settings cannot target (custom objects). Logging reads them with its other facts."""
    return setting_keys(logged_on, activity_type, source) if logged_on in LOGGED_ON_TYPES else []


def choose(rows: list[dict], logged_on: str, activity_type: str, source: str) -> Setting | None:
    """The most specific of the stored settings `rows` (read in the logging transaction: ACT-2,
    a change applies to the next activity, never to past ones)."""
    return pick_setting([Setting.from_dict(r) for r in rows], logged_on, activity_type, source)
