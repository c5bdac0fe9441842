"""Managing property definitions (`/crm/v3/properties`, `/crm/v3/schemas`).

Types and field types as HubSpot pairs them: single-line text (string/text), multi-line
text (string/textarea), phone number (string/phonenumber), number (number/number), date
(date/date), datetime (datetime/date), enumeration (select, radio, checkbox,
booleancheckbox) and bool (bool/booleancheckbox). A definition's `type` never changes
once created: stored values are typed by it (docs/records.md).
"""
from __future__ import annotations

import json
import re

from app.errors import Conflict, NotFound, ValidationFailed, field_error
from app.repo import property_defs as repo
from app.rules import properties as props

__all__ = ["FIELD_TYPES", "create", "update", "archive", "get", "list_for_type", "to_output", "build_row"]

FIELD_TYPES = {"string": {"text", "textarea", "phonenumber"}, "number": {"number"}, "date": {"date"},
               "datetime": {"date"}, "enumeration": {"select", "radio", "checkbox", "booleancheckbox"},
               "bool": {"booleancheckbox"}}
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,99}$")


def _bad(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, [field_error(field, message)])


def _options(kind: str, options: list | None, field: str = "options") -> list[str]:
    if kind == "bool" and not options:
        options = [{"label": "Yes", "value": "true", "displayOrder": 0}, {"label": "No", "value": "false", "displayOrder": 1}]
    if kind == "enumeration" and not options:
        raise _bad(field, "enumeration properties need at least one option")
    values = [o.get("value") for o in options or []]
    if len(set(values)) != len(values):
        raise _bad(field, "option values must be unique")
    return [json.dumps({"label": o.get("label", o.get("value")), "value": o.get("value"),
                        "displayOrder": o.get("displayOrder", i), "hidden": bool(o.get("hidden", False)),
                        "description": o.get("description")}) for i, o in enumerate(options or [])]


def build_row(object_type: str, body: dict, now: int, prefix: str = "") -> dict:
    """A `:PropertyDefinition` row from a HubSpot PropertyCreate body (validated)."""
    name, kind, field_type = body["name"], body["type"], body["fieldType"]
    if not _NAME.match(name) or name.startswith("hs_"):
        raise _bad(f"{prefix}name", f"{name!r} is not a valid property name (lower case letters, digits, _; not hs_)")
    if kind not in FIELD_TYPES:
        raise _bad(f"{prefix}type", f"unknown property type {kind!r}")
    if field_type not in FIELD_TYPES[kind]:
        raise _bad(f"{prefix}fieldType", f"fieldType {field_type!r} does not go with type {kind!r}")
    return {"key": repo.key(object_type, name), "objectType": object_type, "name": name,
            "label": body.get("label") or name, "type": kind, "fieldType": field_type,
            "options": _options(kind, body.get("options"), f"{prefix}options"),
            "groupName": body.get("groupName") or "default", "description": body.get("description") or "",
            "displayOrder": body.get("displayOrder", -1), "hasUniqueValue": bool(body.get("hasUniqueValue", False)),
            "hidden": bool(body.get("hidden", False)), "formField": bool(body.get("formField", False)),
            "readOnly": False, "hubspotDefined": False, "createdAt": now, "updatedAt": now}


def to_output(d: dict) -> dict:
    """HubSpot's Property model."""
    opts = [json.loads(o) if isinstance(o, str) else o for o in d.get("options") or []]
    out = {"name": d["name"], "label": d.get("label") or d["name"], "type": d.get("type", "string"),
           "fieldType": d.get("fieldType", "text"), "description": d.get("description") or "",
           "groupName": d.get("groupName") or "default",
           "options": [{k: v for k, v in o.items() if v is not None or k == "description"} for o in opts],
           "displayOrder": d.get("displayOrder", -1), "calculated": False, "externalOptions": False,
           "hasUniqueValue": bool(d.get("hasUniqueValue")), "hidden": bool(d.get("hidden")),
           "hubspotDefined": bool(d.get("hubspotDefined")), "formField": bool(d.get("formField")),
           "modificationMetadata": {"archivable": not d.get("hubspotDefined"),
                                    "readOnlyDefinition": bool(d.get("hubspotDefined")),
                                    "readOnlyValue": bool(d.get("readOnly"))},
           "createdAt": props.ms_to_iso(d.get("createdAt") or 0), "updatedAt": props.ms_to_iso(d.get("updatedAt") or 0),
           "archived": bool(d.get("archived"))}
    if d.get("archived"):
        out["archivedAt"] = props.ms_to_iso(d.get("archivedAt"))
    return out


def list_for_type(tx, object_type: str, archived: bool = False) -> list[dict]:
    rows = [r["definition"] for r in repo.for_type(tx, object_type)] if not archived else \
        [r for r in repo.all_for_type(tx, object_type) if r.get("archived")]
    return [to_output(d) for d in sorted(rows, key=lambda d: d["name"])]


def get(tx, object_type: str, name: str) -> dict:
    d = repo.get(tx, object_type, name)
    if d is None or d.get("archived"):
        raise NotFound(f"Unable to find property {name} on object type {object_type}", context={"name": [name]})
    return to_output(d)


def create(tx, object_type: str, body: dict) -> dict:
    row = build_row(object_type, body, props.now_ms())
    created = repo.create(tx, row)
    if created is None:
        raise Conflict(f"A property named '{row['name']}' already exists.",
                       [field_error("name", "a property with this name exists", "PROPERTY_EXISTS")])
    props.invalidate(object_type)
    return to_output(created)


def update(tx, object_type: str, name: str, body: dict) -> dict:
    current = repo.get(tx, object_type, name)
    if current is None or current.get("archived"):
        raise NotFound(f"Unable to find property {name} on object type {object_type}", context={"name": [name]})
    kind = body.get("type", current["type"])
    if kind != current["type"]:
        raise _bad("type", "the type of a property cannot change: its stored values are typed by it")
    changes = {k: body[k] for k in ("label", "description", "groupName", "displayOrder", "hidden", "formField")
               if k in body}
    if "fieldType" in body:
        if body["fieldType"] not in FIELD_TYPES.get(kind, set()):
            raise _bad("fieldType", f"fieldType {body['fieldType']!r} does not go with type {kind!r}")
        changes["fieldType"] = body["fieldType"]
    if "options" in body:
        changes["options"] = _options(kind, body["options"])
    changes["updatedAt"] = props.now_ms()
    props.invalidate(object_type)
    return to_output(repo.update(tx, object_type, name, changes))


def archive(tx, object_type: str, name: str) -> None:
    current = repo.get(tx, object_type, name)
    if current is None or current.get("archived"):
        raise NotFound(f"Unable to find property {name} on object type {object_type}", context={"name": [name]})
    if current.get("hubspotDefined"):
        raise _bad("propertyName", f"{name} is defined by HubSpot and cannot be archived")
    repo.archive(tx, object_type, name, props.now_ms())
    props.invalidate(object_type)
