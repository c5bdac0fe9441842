"""Graph node → HubSpot's SimplePublicObject (`id`, `properties`, timestamps, history).

Which properties come back: the caller's list, else HubSpot's defaults for the type
(HUBSPOT_API.md §1); `hs_object_id`, `createdate` and the last-modified date always come
back. A requested property that is defined but unset is `null`; an undefined one is
omitted (HubSpot's notes guide).
"""
from __future__ import annotations

import json

from app.objecttypes import ObjectType
from app.rules.properties import ms_to_iso, node_key, to_hubspot

__all__ = ["DEFAULT_PROPERTIES", "lastmodified_name", "wanted_properties", "node_keys", "to_object"]

DEFAULT_PROPERTIES = {
    "contacts": ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
    "companies": ["name", "domain", "createdate", "hs_lastmodifieddate", "hs_object_id"],
    "deals": ["dealname", "amount", "closedate", "pipeline", "dealstage", "createdate", "hs_lastmodifieddate",
              "hs_object_id", "hs_is_closed", "hs_is_closed_won", "hs_is_closed_lost"],
    "tickets": ["content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_priority",
                "subject", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_is_closed"],
}

# Read-only outputs derived from node fields that are not property values.
_DERIVED = {
    "deals": {"hs_is_closed": lambda n: n.get("closed"),
              "hs_is_closed_won": lambda n: bool(n.get("closed") and n.get("closedWon")),
              "hs_is_closed_lost": lambda n: bool(n.get("closed") and not n.get("closedWon"))},
    "tickets": {"hs_is_closed": lambda n: n.get("closed")},
}
_SYSTEM_NODE_KEYS = ["id", "_n", "_type", "createdate", "_updated", "archived", "archivedAt", "closed", "closedWon"]


def lastmodified_name(t: ObjectType) -> str:
    return "lastmodifieddate" if t.name == "contacts" else "hs_lastmodifieddate"


def wanted_properties(t: ObjectType, properties: list[str] | None) -> list[str]:
    """The property names to return: requested (or defaults) plus the always-returned three."""
    base = list(properties) if properties else DEFAULT_PROPERTIES.get(t.name, [])
    if not properties and t.is_activity:
        base = ["hs_timestamp"]
    return list(dict.fromkeys([*base, "createdate", "hs_object_id", lastmodified_name(t)]))


def node_keys(names: list[str], history: list[str] | None = None) -> list[str]:
    """Node keys to fetch for these output names (and `_hist_*` for history names)."""
    keys = [node_key(n) for n in names] + [node_key(n) for n in history or []]
    keys += [f"_hist_{n}" for n in history or []]
    return list(dict.fromkeys([*_SYSTEM_NODE_KEYS, *keys]))


def _history(t: ObjectType, node: dict, name: str, defs: dict) -> list[dict]:
    entries = []
    for raw in node.get(f"_hist_{name}") or []:
        e = json.loads(raw)
        entries.append({"value": e.get("value", ""), "timestamp": ms_to_iso(e.get("timestamp")),
                        "sourceType": e.get("sourceType") or "API", "sourceId": e.get("sourceId"),
                        "sourceLabel": e.get("sourceLabel"), "updatedByUserId": e.get("updatedByUserId")})
    if not entries and name == "hs_object_id":
        entries.append({"value": node["id"], "timestamp": ms_to_iso(node.get("createdate")), "sourceType": "API",
                        "sourceId": None, "sourceLabel": None, "updatedByUserId": None})
    return entries


def _value(t: ObjectType, node: dict, name: str, defs: dict):
    """(present, HubSpot string) for one output property."""
    if name == "hs_object_id":
        return True, node["id"]
    if name in ("lastmodifieddate", "hs_lastmodifieddate"):
        return True, ms_to_iso(node.get("_updated"))
    derived = _DERIVED.get(t.name, {}).get(name)
    if derived is not None:
        value = derived(node)
        return True, None if value is None else ("true" if value else "false")
    defn = defs.get(name)
    key = node_key(name)
    if defn is None and node.get(key) is None:
        return False, None
    return True, to_hubspot(defn, node.get(key))


def to_object(t: ObjectType, node: dict, defs: dict, names: list[str], history: list[str] | None = None) -> dict:
    """The SimplePublicObject dict HubSpot returns for `node`."""
    props = {}
    for name in dict.fromkeys([*names, *(history or [])]):
        present, value = _value(t, node, name, defs)
        if present:
            props[name] = value
    obj = {"id": node["id"], "properties": props, "createdAt": ms_to_iso(node.get("createdate")),
           "updatedAt": ms_to_iso(node.get("_updated")), "archived": bool(node.get("archived"))}
    if node.get("archived"):
        obj["archivedAt"] = ms_to_iso(node.get("archivedAt"))
    if history:
        obj["propertiesWithHistory"] = {n: _history(t, node, n, defs) for n in history}
    return obj
