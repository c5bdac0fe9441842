"""Custom object types (`/crm/v3/schemas`): an `:ObjectSchema`, its property definitions,
its association types, and its registration in the `objecttypes` allow-list — one transaction.

Type ids are `2-<n>` from the `custom_object_types` sequence. Association types with each
`associatedObjects` entry get their unlabelled type pair (ids from the `association_types`
sequence) through `association_types.load_pair`, the same code the association rules use.
Deleting a schema archives it (its name stays reserved, as HubSpot's) and is refused while
live records of the type exist.
"""
from __future__ import annotations

import json
import re

from app import objecttypes
from app.errors import Conflict, NotFound, ValidationFailed, field_error
from app.repo import object_schemas as repo, property_defs
from app.rules import property_definitions as pdefs
from app.rules.association_types import load_pair
from app.rules.object_schemas import try_resolve
from app.rules.properties import invalidate, ms_to_iso, now_ms

__all__ = ["create", "list_schemas", "get", "delete", "to_output"]

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
_SYSTEM_PROPS = [
    {"name": "createdate", "label": "Create date", "type": "datetime", "fieldType": "date", "readOnly": False},
    {"name": "hs_object_id", "label": "Record ID", "type": "number", "fieldType": "number", "readOnly": True},
    {"name": "hs_lastmodifieddate", "label": "Last modified date", "type": "datetime", "fieldType": "date",
     "readOnly": True},
    {"name": "hubspot_owner_id", "label": "Owner", "type": "string", "fieldType": "text", "readOnly": False},
]


def _bad(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, [field_error(field, message)])


def _check(body: dict) -> None:
    name = body["name"]
    known = objecttypes.try_resolve(name)
    if not _NAME.match(name) or (known is not None and not known.custom):
        raise _bad("name", f"{name!r} is not a valid custom object name (lower case letters, digits, _; "
                           "not a built-in type)")
    names = {p["name"] for p in body["properties"]}
    if body.get("primaryDisplayProperty") and body["primaryDisplayProperty"] not in names:
        raise _bad("primaryDisplayProperty", f"{body['primaryDisplayProperty']!r} is not one of the properties")
    for field in ("requiredProperties", "searchableProperties", "secondaryDisplayProperties"):
        for p in body.get(field) or []:
            if p not in names:
                raise _bad(field, f"{p!r} is not one of the properties")


def _other_types(tx, body: dict) -> list:
    out = []
    for i, ref in enumerate(body.get("associatedObjects") or []):
        t = try_resolve(tx, str(ref).lower())
        if t is None:
            raise _bad(f"associatedObjects[{i}]", f"unknown object type {ref!r}")
        out.append(t)
    return out


def to_output(tx, s: dict) -> dict:
    """HubSpot's ObjectSchema model."""
    t = try_resolve(tx, s["name"])
    associations = []
    if t is not None:
        for other_name in s.get("associatedObjects") or []:
            other = try_resolve(tx, other_name)
            if other is None:
                continue
            pair = load_pair(tx, t, other, create=False)
            for r in pair.direction(t.name, other.name):
                associations.append({"id": str(r["typeId"]), "fromObjectTypeId": t.type_id,
                                     "toObjectTypeId": other.type_id, "name": r["name"],
                                     "createdAt": ms_to_iso(s.get("createdAt")), "updatedAt": ms_to_iso(s.get("updatedAt"))})
    props = [pdefs.to_output(d) for d in property_defs.all_for_type(tx, s["name"]) if not d.get("archived")]
    number = s["objectTypeId"].split("-", 1)[1]
    return {"id": number, "objectTypeId": s["objectTypeId"], "name": s["name"], "fullyQualifiedName": f"p_{s['name']}",
            "labels": json.loads(s.get("labels") or "{}"), "description": s.get("description") or "",
            "primaryDisplayProperty": s.get("primaryDisplayProperty"),
            "secondaryDisplayProperties": s.get("secondaryDisplayProperties") or [],
            "requiredProperties": s.get("requiredProperties") or [],
            "searchableProperties": s.get("searchableProperties") or [],
            "properties": sorted(props, key=lambda p: p["name"]), "associations": associations,
            "createdAt": ms_to_iso(s.get("createdAt")), "updatedAt": ms_to_iso(s.get("updatedAt")),
            "archived": bool(s.get("archived"))}


def create(tx, body: dict) -> dict:
    """Create a custom object type; 400 naming the field on bad input, 409 if the name exists."""
    _check(body)
    others = _other_types(tx, body)
    now = now_ms()
    rows = [pdefs.build_row(body["name"], p, now, prefix=f"properties[{i}].") for i, p in enumerate(body["properties"])]
    type_id = f"2-{repo.allocate_type_number(tx)}"
    row = {"name": body["name"], "objectTypeId": type_id, "singular": body["name"],
           "labels": json.dumps(body["labels"]), "primaryDisplayProperty": body.get("primaryDisplayProperty"),
           "secondaryDisplayProperties": body.get("secondaryDisplayProperties") or [],
           "requiredProperties": body.get("requiredProperties") or [],
           "searchableProperties": body.get("searchableProperties") or [],
           "associatedObjects": [t.name for t in others], "description": body.get("description") or "",
           "createdAt": now, "updatedAt": now, "archived": False}
    if repo.create(tx, row) is None:
        raise Conflict(f"Object type {body['name']!r} already exists.",
                       [field_error("name", "an object type with this name exists", "OBJECT_TYPE_EXISTS")])
    for p in _SYSTEM_PROPS:
        property_defs.create(tx, {**p, "key": property_defs.key(body["name"], p["name"]), "objectType": body["name"],
                                  "options": [], "groupName": "default", "hubspotDefined": True,
                                  "createdAt": now, "updatedAt": now})
    for r in rows:
        if r["name"] in {p["name"] for p in _SYSTEM_PROPS}:
            continue
        property_defs.create(tx, r)
    t = objecttypes.register_custom(body["name"], type_id, body["name"])
    for other in others:
        load_pair(tx, t, other, create=True)
    invalidate(body["name"])
    return to_output(tx, repo.find(tx, body["name"]))


def list_schemas(tx) -> list[dict]:
    return [to_output(tx, s) for s in repo.list_all(tx)]


def _find(tx, key: str) -> dict:
    s = repo.find(tx, str(key).lower().removeprefix("p_"))
    if s is None:
        raise NotFound(f"Unable to find object type {key}", context={"objectType": [str(key)]})
    return s


def get(tx, key: str) -> dict:
    return to_output(tx, _find(tx, key))


def delete(tx, key: str) -> None:
    """Archive the schema; refused (400) while live records of the type exist."""
    s = _find(tx, key)
    if repo.count_live(tx, s["name"]):
        raise _bad("objectType", f"Object type {s['name']} still has records; archive them first")
    repo.archive(tx, s["name"], now_ms())
    objecttypes.unregister_custom(s["name"])
    invalidate(s["name"])
