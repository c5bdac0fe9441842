"""Workflows as data (WF-1): validate a definition on save, normalise it, turn it back into JSON.

A workflow is `(:Workflow {id, objectType, name, enabled, criteria, reenroll, enrollOnMerge,
actions})`; `criteria` (`{"filterGroups": [...]}`, the search filter language) and `actions`
(an ordered list) are stored as JSON strings. Everything a run will need is checked here, once,
so a run never meets an unknown property or a label that is not defined for the pair; every
problem is a 400 whose `errors[].in` names the field (`actions[0].enrolledProperty`).

Label IDs in actions are stated **from the enrolled record's side** (contact → company: 1 =
Primary, 279 = unlabelled), exactly like the v4 associations API; the run translates them to
the stored direction.
"""
from __future__ import annotations

import json

from app.errors import ValidationFailed, field_error
from app.objecttypes import ObjectType
from app.repo import associations as assoc_repo
from app.rules import properties as props
from app.rules import search
from app.rules.association_types import load_pair
from app.rules.object_schemas import try_resolve

__all__ = ["normalise", "to_api", "criteria_groups", "ACTION_TYPES", "TEXT_FIELD_TYPES", "OPERATORS",
           "resolve_record_type"]

# WF-2: "only single-line text, multi-line text and phone-number properties"
TEXT_FIELD_TYPES = ("text", "textarea", "phonenumber")
OPERATORS = ("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY",
             "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN")
ACTION_TYPES = ("CREATE_ASSOCIATIONS", "APPLY_ASSOCIATION_LABELS", "UPDATE_ASSOCIATION_LABELS",
                "REMOVE_ASSOCIATION_LABELS")
REFINEMENTS = ("ALL", "MATCHING_PROPERTY", "ENROLLED_PROPERTY", "ASSOCIATED_PROPERTY")
MAX_GROUPS, MAX_FILTERS_PER_GROUP, MAX_ACTIONS = 5, 10, 50


def _fail(field: str, message: str, code: str = "INVALID") -> ValidationFailed:
    return ValidationFailed(f"Invalid workflow: {field}: {message}", [field_error(field, message, code)])


def resolve_record_type(tx, name, field: str) -> ObjectType:
    """A record type (contacts, companies, deals, tickets, custom) or 400 naming `field`."""
    t = try_resolve(tx, name) if isinstance(name, str) and name else None
    if t is None or t.is_activity:
        raise _fail(field, f"unknown object type {name!r}: use contacts, companies, deals, tickets or a custom "
                           "object type", "INVALID_OBJECT_TYPE")
    return t


def _property(tx, t: ObjectType, name, field: str, *, text_only: bool = False) -> dict:
    defs = props.definitions(tx, t.name)
    if not isinstance(name, str) or name not in defs:
        raise _fail(field, f"property {name!r} does not exist on {t.name}", "PROPERTY_DOESNT_EXIST")
    d = defs[name]
    if text_only and (d.get("fieldType") not in TEXT_FIELD_TYPES or d.get("type") != "string"):
        raise _fail(field, f"property {name!r} is a {d.get('fieldType')} property; only single-line text, "
                           "multi-line text and phone number properties can be matched", "WRONG_PROPERTY_TYPE")
    return d


def _value(d: dict, value, field: str):
    """A value typed as the property stores it (number → float, date → ms …)."""
    try:
        return props.convert(d, value, skip_options=True)
    except props.PropertyError as exc:
        raise _fail(field, exc.message, exc.error) from None


def _label(tx, pair, e: ObjectType, t: ObjectType, type_id, field: str, *, allow_unlabelled: bool = False) -> int:
    """A label (association type id, enrolled side first) defined for this pair, or 400."""
    if isinstance(type_id, bool) or not isinstance(type_id, int):
        raise _fail(field, f"{type_id!r} is not an association type id (integer)")
    row = pair.by_id.get(type_id)
    if row is None:
        row = assoc_repo.type_by_id(tx, type_id)
        if row is None:
            raise _fail(field, f"unknown association label {type_id}", "UNKNOWN_LABEL")
        raise _fail(field, f"label {type_id} ({row['fromType']} → {row['toType']}) is not defined for "
                           f"{e.name} → {t.name}", "LABEL_NOT_FOR_PAIR")
    if row["fromType"] != e.name or row["toType"] != t.name:
        raise _fail(field, f"label {type_id} is stated {row['fromType']} → {row['toType']}; use the "
                           f"{e.name} → {t.name} id {row['inverseTypeId']}", "LABEL_NOT_FOR_PAIR")
    if row["label"] is None and not allow_unlabelled:
        raise _fail(field, f"{type_id} is the unlabelled association type, not a label", "NOT_A_LABEL")
    return type_id


def _bool(body: dict, key: str, default: bool) -> bool:
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise _fail(key, "must be true or false")
    return value


def _criteria(tx, t: ObjectType, criteria) -> dict:
    """Shape checks here; properties and values are checked by search's own compiler, so
    enrolment criteria and search speak exactly the same filter language."""
    if criteria is None:
        return {"filterGroups": []}
    if not isinstance(criteria, dict) or not isinstance(criteria.get("filterGroups", []), list):
        raise _fail("criteria.filterGroups", "must be a list of filter groups")
    groups = criteria.get("filterGroups", [])
    if len(groups) > MAX_GROUPS:
        raise _fail("criteria.filterGroups", f"at most {MAX_GROUPS} filter groups")
    out = []
    for gi, group in enumerate(groups):
        filters = group.get("filters") if isinstance(group, dict) else None
        base = f"criteria.filterGroups[{gi}].filters"
        if not isinstance(filters, list) or not filters or len(filters) > MAX_FILTERS_PER_GROUP:
            raise _fail(base, f"a filter group needs 1 to {MAX_FILTERS_PER_GROUP} filters")
        for fi, f in enumerate(filters):
            if not isinstance(f, dict) or not isinstance(f.get("propertyName"), str):
                raise _fail(f"{base}[{fi}].propertyName", "a filter is an object {propertyName, operator, value}")
            if f.get("operator") not in OPERATORS:
                raise _fail(f"{base}[{fi}].operator", f"unknown operator {f.get('operator')!r}; "
                                                      f"one of {', '.join(OPERATORS)}")
        out.append({"filters": [{k: f[k] for k in ("propertyName", "operator", "value", "values", "highValue")
                                 if f.get(k) is not None} for f in filters]})
    search.compile_filter_groups(tx, t, out, where="criteria.filterGroups")
    return {"filterGroups": out}


def criteria_groups(tx, t: ObjectType, criteria: dict) -> list[list[dict]]:
    """Stored criteria → the typed `$groups` of `records/search` and `wf/criteria_ids`."""
    return search.compile_filter_groups(tx, t, criteria.get("filterGroups", []), where="criteria.filterGroups")


# ------------------------------------------------------------------ actions

def _action(tx, e: ObjectType, a, i: int) -> dict:
    base = f"actions[{i}]"
    if not isinstance(a, dict):
        raise _fail(base, "an action is an object with a type")
    kind = a.get("type")
    if kind not in ACTION_TYPES:
        raise _fail(f"{base}.type", f"unknown action type {kind!r}; one of {', '.join(ACTION_TYPES)}")
    t = resolve_record_type(tx, a.get("toObjectType"), f"{base}.toObjectType")
    pair = load_pair(tx, e, t, create=kind == "CREATE_ASSOCIATIONS")
    out = {"type": kind, "toObjectType": t.name}
    if kind == "CREATE_ASSOCIATIONS":
        out["enrolledProperty"] = _property(tx, e, a.get("enrolledProperty"), f"{base}.enrolledProperty",
                                            text_only=True)["name"]
        out["matchProperty"] = _property(tx, t, a.get("matchProperty"), f"{base}.matchProperty",
                                         text_only=True)["name"]
        label = a.get("associationTypeId")
        out["associationTypeId"] = None if label is None else _label(tx, pair, e, t, label,
                                                                     f"{base}.associationTypeId")
        return out
    if not any(r["label"] is not None for r in pair.direction(e.name, t.name)):
        raise _fail(f"{base}.toObjectType", f"no association labels are defined between {e.name} and {t.name}",
                    "NO_LABELS_FOR_PAIR")
    if kind == "APPLY_ASSOCIATION_LABELS":
        out["associationTypeId"] = _label(tx, pair, e, t, a.get("associationTypeId"), f"{base}.associationTypeId")
        out.update(_refinement(tx, e, t, a, base))
    elif kind == "UPDATE_ASSOCIATION_LABELS":
        out["existingAssociationTypeId"] = _label(tx, pair, e, t, a.get("existingAssociationTypeId"),
                                                  f"{base}.existingAssociationTypeId")
        out["associationTypeId"] = _label(tx, pair, e, t, a.get("associationTypeId"), f"{base}.associationTypeId")
        mode = a.get("mode")
        if mode not in ("ADD", "REPLACE"):
            raise _fail(f"{base}.mode", "ADD (beside the existing label) or REPLACE (instead of it)")
        if out["associationTypeId"] == out["existingAssociationTypeId"]:
            raise _fail(f"{base}.associationTypeId", "the new label is the existing label")
        out["mode"] = mode
    else:
        ids = a.get("associationTypeIds")
        if not isinstance(ids, list) or not ids:
            raise _fail(f"{base}.associationTypeIds", "a non-empty list of labels to remove")
        out["associationTypeIds"] = list(dict.fromkeys(
            _label(tx, pair, e, t, x, f"{base}.associationTypeIds[{j}]") for j, x in enumerate(ids)))
        out["removeAssociations"] = a.get("removeAssociations", False)
        if not isinstance(out["removeAssociations"], bool):
            raise _fail(f"{base}.removeAssociations", "must be true or false")
    return out


def _refinement(tx, e: ObjectType, t: ObjectType, a: dict, base: str) -> dict:
    """WF-3: all associated records, or (a) matching property, (b) enrolled / (c) associated
    record's property is / is not a value."""
    applies = a.get("applyTo", "ALL")
    if applies not in REFINEMENTS:
        raise _fail(f"{base}.applyTo", f"one of {', '.join(REFINEMENTS)}")
    out = {"applyTo": applies}
    if applies == "MATCHING_PROPERTY":
        out["enrolledProperty"] = _property(tx, e, a.get("enrolledProperty"), f"{base}.enrolledProperty")["name"]
        out["associatedProperty"] = _property(tx, t, a.get("associatedProperty"), f"{base}.associatedProperty")["name"]
    elif applies in ("ENROLLED_PROPERTY", "ASSOCIATED_PROPERTY"):
        key, owner = ("enrolledProperty", e) if applies == "ENROLLED_PROPERTY" else ("associatedProperty", t)
        d = _property(tx, owner, a.get(key), f"{base}.{key}")
        op = a.get("operator")
        if op not in ("EQ", "NEQ"):
            raise _fail(f"{base}.operator", "EQ (is equal to) or NEQ (is not equal to)")
        if a.get("value") in (None, ""):
            raise _fail(f"{base}.value", "the value to compare with")
        _value(d, a["value"], f"{base}.value")
        out.update({key: d["name"], "operator": op, "value": str(a["value"])})
    return out


def normalise(tx, body: dict) -> dict:
    """Validate a workflow body (create or full update) and return the node's properties
    (criteria and actions as JSON strings). 400 naming the field on the first problem."""
    if not isinstance(body, dict):
        raise _fail("body", "a workflow is a JSON object")
    e = resolve_record_type(tx, body.get("objectType"), "objectType")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail("name", "a workflow needs a name")
    actions = body.get("actions", [])
    if not isinstance(actions, list) or len(actions) > MAX_ACTIONS:
        raise _fail("actions", f"a list of at most {MAX_ACTIONS} actions")
    return {
        "objectType": e.name, "name": name.strip(),
        "enabled": _bool(body, "enabled", True), "reenroll": _bool(body, "reenroll", False),
        "enrollOnMerge": _bool(body, "enrollOnMerge", False),
        "criteria": json.dumps(_criteria(tx, e, body.get("criteria")), separators=(",", ":")),
        "actions": json.dumps([_action(tx, e, a, i) for i, a in enumerate(actions)], separators=(",", ":")),
    }


def to_api(node: dict) -> dict:
    """A stored workflow as the API returns it (JSON fields decoded, times as epoch ms)."""
    out = {"id": node["id"], "name": node["name"], "objectType": node["objectType"],
           "enabled": node["enabled"], "reenroll": node["reenroll"], "enrollOnMerge": node["enrollOnMerge"],
           "criteria": json.loads(node["criteria"]), "actions": json.loads(node["actions"]),
           "createdAt": node.get("createdAt"), "updatedAt": node.get("updatedAt")}
    if "enrolledCount" in node:
        out["enrolledCount"] = node["enrolledCount"]
    return out
