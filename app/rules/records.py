"""Records and activities as HubSpot objects: create, read, update, archive, list.

Every write goes through here, whoever makes it (API, loaders, ACT/LOG rules, merge):
values are validated against `:PropertyDefinition`s and converted to typed graph values,
each changed property gets `_ts_<p>` and a `_hist_<p>` entry, contacts keep their email
unique through `:EmailAddress`, deals and tickets derive `closed` from their stage, and
activities must have `hs_timestamp`. Functions take a transaction: callers compose them
inside one `db.write(...)` so a rule is atomic; raising rolls everything back.

IDs are allocated by the caller (`current_app.extensions["ids"].take(n)`), outside the
transaction, so a retried transaction writes the same IDs.
"""
from __future__ import annotations

import json
import re

from app.errors import Conflict, NotFound, ValidationFailed, field_error
from app.objecttypes import ObjectType
from app.repo import objects as repo
from app.rules import pipeline_fields, properties as props
from app.rules.object_schemas import resolve as resolve_type
from app.rules.record_output import node_keys, to_object, wanted_properties

__all__ = ["create", "create_many", "prepare_activity", "created_object", "definition_names", "get", "get_many",
           "find", "update", "archive", "list_page", "resolve_id", "resolve_type", "not_found"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Pipeline and stage values are checked against the pipelines in the graph, not enum options.
_PIPELINE_PROPS = frozenset({"pipeline", "dealstage", "hs_pipeline", "hs_pipeline_stage"})


def not_found(object_id) -> NotFound:
    return NotFound("Object not found.  objectId are usually numeric.", context={"id": [str(object_id)]})


def _user_fields(user: dict | None) -> tuple[str | None, int | None]:
    uid = (user or {}).get("id")
    if uid is None:
        return None, None
    return f"userId:{uid}", int(uid) if str(uid).isdigit() else None


def _hist(defs: dict, name: str, value, now: int, source: str, user: dict | None) -> str:
    source_id, by = _user_fields(user)
    text = props.to_hubspot(defs.get(name), value)
    return json.dumps({"value": "" if text is None else text, "timestamp": now, "sourceType": source,
                       "sourceId": source_id, "updatedByUserId": by}, separators=(",", ":"))


def _validate(tx, t: ObjectType, properties: dict, *, allow_read_only: bool, prefix: str = "",
              defs: dict | None = None) -> tuple[dict, dict]:
    """Validated graph values (raises 400 naming `<prefix>properties.<name>`), and the definitions
    (`defs` when the caller already read them in the same transaction, else read here)."""
    defs = defs if defs is not None else props.definitions(tx, t.name)
    try:
        values = props.to_graph(defs, properties or {}, allow_read_only=allow_read_only, skip_options=_PIPELINE_PROPS)
    except ValidationFailed as exc:
        if prefix:
            for e in exc.errors:
                e["in"] = prefix + e["in"]
        raise
    if t.name == "contacts" and values.get("email") is not None:
        email = values["email"].strip().lower()
        if not _EMAIL.match(email):
            props.raise_property_errors([props.PropertyError("email", "INVALID_EMAIL",
                                                             f"Email address {values['email']} is invalid")],
                                        prefix=f"{prefix}properties")
        values["email"] = email
    return values, defs


def _prepare(tx, t: ObjectType, properties: dict, object_id: str, *, user, source, now, allow_read_only,
             prefix="", defs: dict | None = None) -> dict:
    values, defs = _validate(tx, t, properties, allow_read_only=allow_read_only, prefix=prefix, defs=defs)
    if t.is_activity and values.get("hs_timestamp") is None:
        raise ValidationFailed("Property values were not valid: hs_timestamp is required for engagements",
                               [field_error(f"{prefix}properties.hs_timestamp", "hs_timestamp is required",
                                            "REQUIRED")])
    if t.custom:
        _check_required(tx, t, values, prefix)
    derived = pipeline_fields.apply(tx, t.name, values, None, now)
    createdate = values.pop("createdate", None) or now
    node = dict(derived)
    for name, value in [*values.items(), ("createdate", createdate)]:
        if value is None:
            continue
        if name != "createdate":
            node[name] = value
        node[f"_ts_{name}"] = now
        node[f"_hist_{name}"] = [_hist(defs, name, value, now, source, user)]
    if t.is_activity:
        node["source"] = source
    return {"labels": t.labels, "id": str(object_id), "n": int(object_id), "type": t.name,
            "createdate": createdate, "props": node, "_email": values.get("email")}


def _check_required(tx, t: ObjectType, values: dict, prefix: str) -> None:
    """A custom type's `requiredProperties` must have values on create (HubSpot: 400)."""
    from app.repo import object_schemas

    schema = object_schemas.find(tx, t.name) or {}
    missing = [p for p in schema.get("requiredProperties") or [] if values.get(p) is None]
    if missing:
        props.raise_property_errors([props.PropertyError(p, "REQUIRED", f"Property \"{p}\" is required")
                                     for p in missing], prefix=f"{prefix}properties")


def create_many(tx, object_type, inputs: list[dict], *, object_ids: list[str], user=None, source: str = "API",
                allow_read_only: bool = False, now: int | None = None, prefix: str = "inputs") -> list[dict]:
    """Create several objects at once (all or nothing); each input `{properties, associations?}`.

    Validation errors name `inputs[i].properties.<name>`; a duplicate contact email is 409.
    """
    t = resolve_type(tx, object_type)
    now = now or props.now_ms()
    rows = [_prepare(tx, t, inp.get("properties") or {}, oid, user=user, source=source, now=now,
                     allow_read_only=allow_read_only, prefix=f"{prefix}[{i}]." if prefix else "")
            for i, (inp, oid) in enumerate(zip(inputs, object_ids))]
    emails = [r.pop("_email") for r in rows]
    repo.create_many(tx, rows, now)
    for row, email in zip(rows, emails):
        if email:
            _link_email(tx, row["id"], email, now)
    for i, (row, inp) in enumerate(zip(rows, inputs)):
        if inp.get("associations"):
            _associate(tx, t, row["id"], inp["associations"], user, now, f"{prefix}[{i}]." if prefix else "")
    _workflows(tx, t, [r["id"] for r in rows], "create")
    return get_many(tx, t, [r["id"] for r in rows])


def create(tx, object_type, properties: dict, *, object_id: str, user=None, source: str = "API",
           associations: list | None = None, allow_read_only: bool = False, now: int | None = None) -> dict:
    """Create one object and return HubSpot's SimplePublicObject (default properties)."""
    return create_many(tx, object_type, [{"properties": properties, "associations": associations}],
                       object_ids=[object_id], user=user, source=source, allow_read_only=allow_read_only,
                       now=now, prefix="")[0]


def prepare_activity(tx, object_type, properties: dict, *, object_id: str, user=None, source: str = "API",
                     now: int, defs: dict | None = None) -> dict:
    """The `records/create` row of one new activity — validated exactly as `create` validates,
    with `_ts_*` and `_hist_*` — for a caller that writes the node inside its own statement
    (activity logging writes node and edges in one round trip). `defs`: the type's property
    definitions if the caller read them already. Activities only: a contact's email link, a
    record's workflows and create-time associations are `create`'s job. `defs` must hold at
    least the definitions `definition_names` names."""
    t = resolve_type(tx, object_type)
    if not t.is_activity:
        raise ValueError(f"prepare_activity creates activities, not {t.name}")
    row = _prepare(tx, t, properties, object_id, user=user, source=source, now=now, allow_read_only=False,
                   defs=defs)
    row.pop("_email")
    return row


def definition_names(t: ObjectType, properties: list[str]) -> list[str]:
    """The property definitions `prepare_activity` and `created_object` consult for an object
    created with `properties`: those (validation, history) and the ones the answer holds."""
    return wanted_properties(t, properties)


def created_object(t: ObjectType, row: dict, defs: dict, properties: list[str], now: int) -> dict:
    """HubSpot's answer to a create — the set `properties` plus the always-returned ones — built
    from the row just written by `records/create` or an equivalent statement, so the caller
    needs no re-read (`_updated` is `now`, `archived` false, as the create statement sets them)."""
    node = {**row["props"], "id": row["id"], "_n": row["n"], "_type": row["type"],
            "createdate": row["createdate"], "_updated": now, "archived": False}
    return to_object(t, node, defs, wanted_properties(t, properties))


def _link_email(tx, contact_id: str, email: str, now: int) -> None:
    conflict = repo.link_email(tx, contact_id, email, now)
    if conflict:
        raise Conflict(f"Contact already exists. Existing ID: {conflict}",
                       [field_error("properties.email", f"{email} belongs to contact {conflict}", "CONFLICT")],
                       context={"id": [str(conflict)]})


def _associate(tx, t: ObjectType, object_id: str, associations: list, user, now: int, prefix: str = "") -> None:
    """Create a create-input's `associations` (`[{to: {id}, types: [{associationCategory,
    associationTypeId}]}]`) through the association rules. The target type is read from the
    association type IDs, which are stated from this object's side."""
    from app.repo import associations as assoc_repo
    from app.rules import associations as assoc

    by_type: dict[str, list] = {}
    for i, a in enumerate(associations):
        where = f"{prefix}associations[{i}]"
        to_id = str(((a or {}).get("to") or {}).get("id") or "")
        types = (a or {}).get("types") or []
        if not to_id or not types:
            raise ValidationFailed("Each association needs to.id and types",
                                   [field_error(where, "needs to.id and at least one type")])
        to_types = set()
        for spec in types:
            row = assoc_repo.type_by_id(tx, int((spec or {}).get("associationTypeId") or 0))
            if row is None or row["fromType"] != t.name:
                raise ValidationFailed(f"associationTypeId {spec.get('associationTypeId')} is not valid from {t.name}",
                                       [field_error(f"{where}.types", "unknown association type for this object type",
                                                    "INVALID_ASSOCIATION_TYPE")])
            to_types.add(row["toType"])
        if len(to_types) != 1:
            raise ValidationFailed("The types of one association must all lead to the same object type",
                                   [field_error(f"{where}.types", "types lead to different object types")])
        by_type.setdefault(to_types.pop(), []).append(assoc.Pair(object_id, to_id, list(types)))
    provenance = {"rule": "API", "by": (user or {}).get("id"), "at": now}
    for to_type, pairs in by_type.items():
        assoc.associate_many(tx, t, resolve_type(tx, to_type), pairs, provenance=provenance)


def _workflows(tx, t: ObjectType, ids: list[str], cause: str) -> None:
    """WF-1: records created or updated to meet a workflow's criteria are enrolled (same transaction)."""
    if t.is_activity:
        return
    from app.rules import wf  # the workflow engine; imported late (it builds on these rules)

    wf.on_record_written(tx, t, ids, cause)


# ------------------------------------------------------------------ reads

def resolve_id(tx, t: ObjectType, id_value: str, id_property: str | None) -> str | None:
    """The object id for `id_value` read as `id_property` (`email` for contacts, any property)."""
    if not id_property or id_property == "hs_object_id":
        return str(id_value)
    if t.name == "contacts" and id_property == "email":
        return repo.contact_by_email(tx, str(id_value).strip().lower())
    defs = props.definitions(tx, t.name)
    if id_property not in defs:
        raise ValidationFailed(f"Property {id_property!r} does not exist on {t.name}",
                               [field_error("idProperty", f"unknown property {id_property!r}", "PROPERTY_DOESNT_EXIST")])
    try:
        value = props.convert(defs[id_property], id_value, skip_options=True)
    except props.PropertyError as exc:
        raise ValidationFailed(exc.message, [field_error("idProperty", exc.message, exc.error)]) from None
    ids = repo.find_by_property(tx, t.name, props.node_key(id_property), value)
    if len(ids) > 1:
        raise ValidationFailed(f"{id_property} {id_value!r} is not unique: it matches several objects",
                               [field_error("idProperty", f"{id_property} is not a unique property", "NOT_UNIQUE")])
    return ids[0] if ids else None


def get_many(tx, object_type, ids: list[str], properties: list[str] | None = None,
             properties_with_history: list[str] | None = None, archived: bool | None = False) -> list[dict | None]:
    """Objects for `ids` in order (None where missing, or archived-ness differs from `archived`;
    `archived=None` accepts both). Merged-away ids return the survivor."""
    t = resolve_type(tx, object_type)
    defs = props.definitions(tx, t.name)
    names = wanted_properties(t, properties)
    nodes = repo.fetch(tx, t.name, ids, node_keys(names, properties_with_history))
    out = []
    for node in nodes:
        if node is None or (archived is not None and bool(node.get("archived")) != archived):
            out.append(None)
        else:
            out.append(to_object(t, node, defs, names, properties_with_history))
    return out


def find(tx, object_type, object_id: str, properties=None, properties_with_history=None, archived: bool = False,
         id_property: str | None = None) -> dict | None:
    """One object, or None."""
    t = resolve_type(tx, object_type)
    oid = resolve_id(tx, t, object_id, id_property)
    return get_many(tx, t, [oid], properties, properties_with_history, archived)[0] if oid else None


def get(tx, object_type, object_id: str, properties=None, properties_with_history=None, archived: bool = False,
        id_property: str | None = None) -> dict:
    """One object, or 404 OBJECT_NOT_FOUND."""
    obj = find(tx, object_type, object_id, properties, properties_with_history, archived, id_property)
    if obj is None:
        raise not_found(object_id)
    return obj


def list_page(tx, object_type, *, limit: int = 10, after: str | None = None, properties=None,
              properties_with_history=None, archived: bool = False) -> dict:
    """One page in id order: `{"results": [...], "paging": {"next": {"after", "link"}}}`;
    `paging` is omitted on the last page (the SDK's `get_all()` stops there)."""
    t = resolve_type(tx, object_type)
    try:
        cursor = int(after) if after not in (None, "") else 0
    except ValueError:
        raise ValidationFailed(f"Invalid cursor {after!r}", [field_error("after", "not a valid paging cursor")]) from None
    defs = props.definitions(tx, t.name)
    names = wanted_properties(t, properties)
    nodes = repo.list_page(tx, t.name, cursor, limit + 1, archived, node_keys(names, properties_with_history))
    page = {"results": [to_object(t, n, defs, names, properties_with_history) for n in nodes[:limit]]}
    if len(nodes) > limit:
        nxt = str(nodes[limit - 1]["_n"])
        page["paging"] = {"next": {"after": nxt, "link": f"?after={nxt}"}}
    return page


# ------------------------------------------------------------------ writes

def update(tx, object_type, object_id: str, properties: dict, *, user=None, source: str = "API",
           id_property: str | None = None, allow_read_only: bool = False, now: int | None = None,
           prefix: str = "") -> dict:
    """Change some properties; only changed values get new history. 404 if missing or archived."""
    t = resolve_type(tx, object_type)
    now = now or props.now_ms()
    oid = resolve_id(tx, t, object_id, id_property)
    values, defs = _validate(tx, t, properties, allow_read_only=allow_read_only, prefix=prefix)
    pk_sk = pipeline_fields.FIELDS.get(t.name, ())
    current = repo.fetch(tx, t.name, [oid], ["email", "closed", "closedWon", *pk_sk])[0] if oid else None
    if current is None or current.get("archived"):
        raise not_found(object_id)
    oid = current["id"]  # a merged-away id resolved to the survivor
    if "createdate" in values and values["createdate"] is None:
        values.pop("createdate")  # an object always has a create date
    derived = pipeline_fields.apply(tx, t.name, values, current, now)
    if t.name == "contacts" and "email" in values and values["email"] != current.get("email"):
        if values["email"]:
            _link_email(tx, oid, values["email"], now)
        else:
            repo.unlink_primary_email(tx, oid)
    changes = [{"key": props.node_key(name), "value": value, "hist": _hist(defs, name, value, now, source, user)}
               for name, value in values.items()]
    repo.update(tx, oid, changes, derived, now)
    _workflows(tx, t, [oid], "update")
    return get_many(tx, t, [oid])[0]


def archive(tx, object_type, ids: list[str], *, now: int | None = None) -> list[str]:
    """Soft-delete (`archived=true`, `archivedAt`); unknown ids are ignored, as HubSpot's 204 does."""
    t = resolve_type(tx, object_type)
    nodes = repo.fetch(tx, t.name, ids, ["archived"])
    live = [n["id"] for n in nodes if n is not None and not n.get("archived")]
    return repo.archive(tx, t.name, list(dict.fromkeys(live)), now or props.now_ms())
