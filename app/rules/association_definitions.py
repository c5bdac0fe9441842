"""Association label definitions (v4 `/labels`) and per-record limits (`/definitions/configurations`).

A user label is a pair of `:AssociationType` rows, one per direction, each other's inverse
(for a same-type pair without `inverseLabel`, one self-inverse row). IDs come from the
`association_types` IdSequence. Deleting a label also strips it (and its inverse) from every
existing association, which keep their other types. HubSpot-defined types cannot be changed.
"""
from __future__ import annotations

from app import objecttypes
from app.errors import Conflict, LimitExceeded, ValidationFailed, field_error
from app.repo import associations as repo
from app.rules.association_types import DEFAULT_MAX_TO_OBJECT_IDS, load_pair

__all__ = ["list_labels", "create_label", "update_label", "delete_label", "get_limits", "all_limits",
           "set_limits", "purge_limits", "MAX_LABELS_PER_PAIR", "MAX_CONFIGURED_LIMIT"]

MAX_LABELS_PER_PAIR = 50          # user-defined labels per object-type pair (newer HubSpot docs)
MAX_CONFIGURED_LIMIT = 10_000     # HubSpot: custom association limits go up to 10,000
_TEXT_MAX = 100


def _types(tx, from_type, to_type):
    from app.rules.associations import resolve_type

    return resolve_type(from_type, "fromObjectType", tx), resolve_type(to_type, "toObjectType", tx)


def _spec(row: dict) -> dict:
    return {"category": row["category"], "typeId": row["typeId"], "label": row["label"]}


def list_labels(tx, from_type, to_type) -> list[dict]:
    """Every type from → to (unlabelled, Primary, HubSpot and user labels) as `{category, typeId, label}`.
    Runs in a write transaction: a pair without types gets its unlabelled type first."""
    ft, tt = _types(tx, from_type, to_type)
    return [_spec(r) for r in load_pair(tx, ft, tt).direction(ft.name, tt.name)]


def _text(value, name: str, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed(f"{name} is required and must be a non-empty string.", [field_error(name, "required")])
    if len(value) > _TEXT_MAX:
        raise ValidationFailed(f"{name} is longer than {_TEXT_MAX} characters.", [field_error(name, "too long")])
    return value.strip()


def create_label(tx, from_type, to_type, label, name, inverse_label=None) -> list[dict]:
    """Define a user label (paired when `inverse_label` is given); returns the created types,
    from → to first. Duplicate `name` within the pair → 409 naming `name`."""
    ft, tt = _types(tx, from_type, to_type)
    label, name = _text(label, "label"), _text(name, "name")
    inverse_label = _text(inverse_label, "inverseLabel", required=False)
    pair = load_pair(tx, ft, tt)
    user_rows = [r for r in pair.by_id.values() if r["category"] == "USER_DEFINED" and r["label"] is not None]
    if any(r["name"] == name for r in pair.by_id.values()):
        raise Conflict(f"An association label named {name!r} already exists between {ft.name} and {tt.name}.",
                       [field_error("name", "already used for this object-type pair", "DUPLICATE_NAME")])
    if len({r["name"] for r in user_rows}) >= MAX_LABELS_PER_PAIR:
        raise LimitExceeded(f"At most {MAX_LABELS_PER_PAIR} labels per object-type pair.",
                            [field_error("label", "too many labels for this pair", "LABEL_LIMIT")])
    base = {"category": "USER_DEFINED", "name": name, "primary": False}
    if ft.name == tt.name and inverse_label is None:
        (tid,) = repo.allocate_type_ids(tx, 1)
        rows = [{**base, "typeId": tid, "fromType": ft.name, "toType": tt.name, "label": label, "inverseTypeId": tid}]
    else:
        fwd, inv = repo.allocate_type_ids(tx, 2)
        rows = [{**base, "typeId": fwd, "fromType": ft.name, "toType": tt.name, "label": label, "inverseTypeId": inv},
                {**base, "typeId": inv, "fromType": tt.name, "toType": ft.name, "label": inverse_label or label,
                 "inverseTypeId": fwd}]
    repo.create_types(tx, rows)
    return [_spec(r) for r in rows]


def _user_type(tx, ft, tt, type_id) -> dict:
    """The user-defined type `type_id` of direction ft → tt, or 400 naming `associationTypeId`."""
    try:
        row = repo.type_by_id(tx, int(type_id))
    except (TypeError, ValueError):
        row = None
    if row is None or row["fromType"] != ft.name or row["toType"] != tt.name or row["label"] is None:
        raise ValidationFailed(f"No association label {type_id} from {ft.name} to {tt.name}.",
                               [field_error("associationTypeId", "unknown label for this pair", "INVALID_ASSOCIATION_TYPE")])
    if row["category"] != "USER_DEFINED":
        raise ValidationFailed(f"Association type {type_id} is HubSpot-defined and cannot be changed.",
                               [field_error("associationTypeId", "HubSpot-defined types are read-only", "READ_ONLY")])
    return row


def update_label(tx, from_type, to_type, type_id, label, inverse_label=None) -> None:
    """Rename a user label (and, with `inverse_label`, its inverse)."""
    ft, tt = _types(tx, from_type, to_type)
    row = _user_type(tx, ft, tt, type_id)
    rows = [{"typeId": row["typeId"], "label": _text(label, "label")}]
    inverse_label = _text(inverse_label, "inverseLabel", required=False)
    if inverse_label is not None and row["inverseTypeId"] != row["typeId"]:
        rows.append({"typeId": row["inverseTypeId"], "label": inverse_label})
    repo.rename_types(tx, rows)


def delete_label(tx, from_type, to_type, type_id) -> int:
    """Delete a user label and its inverse, and strip both from existing associations; returns
    how many associations lost the label."""
    ft, tt = _types(tx, from_type, to_type)
    row = _user_type(tx, ft, tt, type_id)
    ids = sorted({row["typeId"], row["inverseTypeId"]})
    rel, _ = objecttypes.rel_between(ft, tt)
    stripped = repo.strip_types_from_edges(tx, rel, ids)
    repo.delete_types(tx, ids)
    return stripped


def _config(row: dict, with_label: bool = True) -> dict:
    out = {"category": row["category"], "typeId": row["typeId"]}
    if with_label:
        out["label"] = row["label"]
    if row.get("maxToObjectIds") is not None:
        out["userEnforcedMaxToObjectIds"] = row["maxToObjectIds"]
    return out


def get_limits(tx, from_type, to_type) -> list[dict]:
    """Every type from → to with its configured limit (`userEnforcedMaxToObjectIds`, absent when
    only the default applies)."""
    ft, tt = _types(tx, from_type, to_type)
    return [_config(r) for r in load_pair(tx, ft, tt, create=False).direction(ft.name, tt.name)]


def all_limits(tx) -> list[dict]:
    """Every configured limit, all pairs."""
    return [_config(r) for r in repo.configured_limits(tx)]


def set_limits(tx, from_type, to_type, inputs: list[dict], mode: str = "create") -> list[dict]:
    """Configure `maxToObjectIds` for types from → to (`inputs` = [{category?, typeId, maxToObjectIds}]),
    all or nothing. A labelled type's limit may not exceed the pair's unlabelled limit."""
    ft, tt = _types(tx, from_type, to_type)
    pair = load_pair(tx, ft, tt)
    planned = {r["typeId"]: r.get("maxToObjectIds") for r in pair.direction(ft.name, tt.name)}
    rows = []
    for i, item in enumerate(inputs):
        type_id = _type_in_direction(pair, ft, tt, item, i)
        value = item.get("maxToObjectIds")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CONFIGURED_LIMIT:
            raise ValidationFailed(f"maxToObjectIds must be an integer from 1 to {MAX_CONFIGURED_LIMIT}.",
                                   [field_error(f"inputs[{i}].maxToObjectIds", f"1..{MAX_CONFIGURED_LIMIT}")])
        planned[type_id] = value
        rows.append({"typeId": type_id, "max": value})
    unlabelled = pair.unlabelled(ft.name, tt.name)
    cap = planned.get(unlabelled) or (None if tt.is_activity else DEFAULT_MAX_TO_OBJECT_IDS)
    for row in rows:
        if cap is not None and row["typeId"] != unlabelled and row["max"] > cap:
            raise ValidationFailed(f"The limit of label {row['typeId']} ({row['max']}) cannot exceed the "
                                   f"pair's limit ({cap}).", [field_error("maxToObjectIds", f"at most {cap}")])
    updated = {r["typeId"]: r for r in repo.set_limits(tx, rows)}
    by_id = pair.by_id
    return [_config({**by_id[t], "maxToObjectIds": updated[t]["maxToObjectIds"]}, with_label=(mode == "create"))
            for t in updated]


def purge_limits(tx, from_type, to_type, inputs: list[dict]) -> None:
    """Drop configured limits (the default applies again)."""
    ft, tt = _types(tx, from_type, to_type)
    pair = load_pair(tx, ft, tt, create=False)
    repo.set_limits(tx, [{"typeId": _type_in_direction(pair, ft, tt, item, i), "max": None}
                         for i, item in enumerate(inputs)])


def _type_in_direction(pair, ft, tt, item: dict, i: int) -> int:
    try:
        type_id = int(item.get("typeId"))
    except (TypeError, ValueError):
        type_id = None
    row = pair.by_id.get(type_id)
    if row is None or row["fromType"] != ft.name or row["toType"] != tt.name:
        raise ValidationFailed(f"typeId {item.get('typeId')!r} is not an association type from {ft.name} to {tt.name}.",
                               [field_error(f"inputs[{i}].typeId", "unknown for this pair", "INVALID_ASSOCIATION_TYPE")])
    return type_id
