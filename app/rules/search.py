"""HubSpot's object search: convert a request to typed parameters of one static query.

Filters name properties; each value is converted with the property's definition (number →
float, date/datetime → epoch ms, bool → bool, text and enumeration → lower-cased, since
HubSpot compares strings case-insensitively) so the graph compares typed values. An
unknown property is a 400 naming the filter. Groups are ORed, filters in a group ANDed.
"""
from __future__ import annotations

import re

from app.errors import ValidationFailed, field_error
from app.repo import objects as repo
from app.rules import properties as props
from app.rules.object_schemas import resolve as resolve_type
from app.rules.record_output import node_keys, to_object, wanted_properties

__all__ = ["search", "compile_filter_groups", "MAX_LIMIT", "MAX_RESULTS", "OPERATORS"]

MAX_LIMIT = 200
MAX_RESULTS = 10_000
OPERATORS = ("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY",
             "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN")
_NO_VALUE = ("HAS_PROPERTY", "NOT_HAS_PROPERTY")

# Free-text `query` searches these (HubSpot's default searchable properties, roughly).
QUERY_PROPERTIES = {
    "contacts": ["firstname", "lastname", "email", "phone", "mobilephone", "company", "hs_additional_emails"],
    "companies": ["name", "domain", "website", "phone"],
    "deals": ["dealname"],
    "tickets": ["subject", "content"],
    "calls": ["hs_call_title", "hs_call_body"], "emails": ["hs_email_subject", "hs_email_text"],
    "meetings": ["hs_meeting_title", "hs_meeting_body"], "notes": ["hs_note_body"],
    "tasks": ["hs_task_subject", "hs_task_body"], "communications": ["hs_communication_body"],
    "postal_mail": ["hs_postal_mail_body"],
}
# Search-only names for derived node fields.
_DERIVED = {"hs_is_closed": ("closed", "bool"), "hs_is_closed_won": ("closedWon", "bool")}
_SYSTEM = {"hs_object_id": ("_n", "number"), "lastmodifieddate": ("_updated", "datetime"),
           "hs_lastmodifieddate": ("_updated", "datetime"), "createdate": ("createdate", "datetime")}


def _field(t, defs: dict, name, where: str) -> tuple[str, dict]:
    """(node key, definition) for a filter or sort property; unknown → 400 naming `where`."""
    if name in _SYSTEM:
        key, kind = _SYSTEM[name]
        return key, {"name": name, "type": kind}
    if name in _DERIVED and t.name in ("deals", "tickets"):
        key, kind = _DERIVED[name]
        return key, {"name": name, "type": kind}
    if name in defs:
        return props.node_key(name), defs[name]
    raise ValidationFailed(f"There was a problem with the request: property {name!r} does not exist on {t.name}.",
                           [field_error(where, f"Property \"{name}\" does not exist", "PROPERTY_DOESNT_EXIST")])


def _value(defn: dict, value, where: str):
    kind = defn.get("type", "string")
    if kind == "date":
        defn = {**defn, "type": "datetime"}  # filters may name any instant, not only midnight
    try:
        converted = props.convert(defn, value, skip_options=True)
    except props.PropertyError as exc:
        raise ValidationFailed(f"Invalid filter value: {exc.message}", [field_error(where, exc.message, exc.error)]) from None
    return converted.lower() if isinstance(converted, str) else converted


def _token_rx(value: str) -> str:
    """A token match (`*` is a wildcard), case-insensitive, on word boundaries."""
    pattern = ".*".join(re.escape(part) for part in str(value).split("*"))
    return r"(?is)(.*[^\p{L}\p{N}])?" + pattern + r"([^\p{L}\p{N}].*)?"


def _filter(t, defs: dict, f: dict, where: str) -> dict:
    op = f["operator"]
    key, defn = _field(t, defs, f["propertyName"], f"{where}.propertyName")
    out = {"key": key, "op": op, "v": None, "hv": None, "vs": [], "rx": None,
           "ci": defn.get("type", "string") in ("string", "enumeration"),
           "email": t.name == "contacts" and f["propertyName"] == "email"}
    if op in ("IN", "NOT_IN"):
        if not f.get("values"):
            raise ValidationFailed(f"{op} needs values", [field_error(f"{where}.values", f"{op} needs values")])
        out["vs"] = [_value(defn, v, f"{where}.values") for v in f["values"]]
    elif op not in _NO_VALUE:
        if f.get("value") is None:
            raise ValidationFailed(f"{op} needs a value", [field_error(f"{where}.value", f"{op} needs a value")])
        if op in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
            out["rx"] = _token_rx(f["value"])
        else:
            out["v"] = _value(defn, f["value"], f"{where}.value")
        if op == "BETWEEN":
            if f.get("highValue") is None:
                raise ValidationFailed("BETWEEN needs highValue",
                                       [field_error(f"{where}.highValue", "BETWEEN needs highValue")])
            out["hv"] = _value(defn, f["highValue"], f"{where}.highValue")
    return out


def _sort(t, defs: dict, sorts: list) -> tuple[str, bool]:
    """The first sort (strings `name`/`-name` or `{propertyName, direction}`); default id order."""
    if not sorts:
        return "_n", False
    s = sorts[0]
    if isinstance(s, str):
        name, desc = s.lstrip("-"), s.startswith("-")
    elif isinstance(s, dict) and s.get("propertyName"):
        name, desc = s["propertyName"], str(s.get("direction", "ASCENDING")).upper().startswith("DESC")
    else:
        raise ValidationFailed("A sort needs propertyName", [field_error("sorts[0]", "needs propertyName")])
    key, _ = _field(t, defs, name, "sorts[0].propertyName")
    return key, desc


def compile_filter_groups(tx, object_type, filter_groups: list, where: str = "filterGroups") -> list[list[dict]]:
    """filterGroups → the typed `$groups` of `records/search` (400 naming `<where>[i].filters[j]…`).
    Shared with workflow enrolment criteria (WF-1), so both speak the same filter language."""
    t = resolve_type(tx, object_type)
    defs = props.definitions(tx, t.name)
    groups = [[_filter(t, defs, f, f"{where}[{i}].filters[{j}]") for j, f in enumerate(g.get("filters") or [])]
              for i, g in enumerate(filter_groups or [])]
    return [g for g in groups if g]


def search(tx, object_type, request: dict, *, query_properties: list[str] | None = None) -> dict:
    """`{"total", "results", "paging"?}` for a HubSpot search request (already shape-checked)."""
    t = resolve_type(tx, object_type)
    defs = props.definitions(tx, t.name)
    groups = [[_filter(t, defs, f, f"filterGroups[{i}].filters[{j}]") for j, f in enumerate(g.get("filters") or [])]
              for i, g in enumerate(request.get("filterGroups") or [])]
    groups = [g for g in groups if g]
    limit = int(request.get("limit") or 10)
    try:
        skip = int(request.get("after") or 0)
    except (TypeError, ValueError):
        raise ValidationFailed("after must be a number", [field_error("after", "not a valid offset")]) from None
    if skip < 0 or skip + limit > MAX_RESULTS:
        raise ValidationFailed(f"Search returns at most {MAX_RESULTS} results",
                               [field_error("after", f"after + limit must not pass {MAX_RESULTS}")])
    sort_key, desc = _sort(t, defs, request.get("sorts") or [])
    text = (request.get("query") or "").strip()
    if query_properties is None and t.custom:
        from app.repo import object_schemas

        schema = object_schemas.find(tx, t.name) or {}
        query_properties = [*(schema.get("searchableProperties") or []), schema.get("primaryDisplayProperty")]
    qprops = [p for p in (query_properties or QUERY_PROPERTIES.get(t.name) or []) if p in defs]
    qrx = (r"(?is)(.*[^\p{L}\p{N}])?" + re.escape(text) + ".*") if text else None
    names = wanted_properties(t, request.get("properties") or None)
    total, nodes = repo.search(tx, t.name, groups=groups, qrx=qrx, qprops=qprops, sort_key=sort_key, desc=desc,
                               skip=skip, limit=limit, keys=node_keys(names))
    out = {"total": total, "results": [to_object(t, n, defs, names) for n in nodes]}
    if skip + limit < total:
        out["paging"] = {"next": {"after": str(skip + limit), "link": f"?after={skip + limit}"}}
    return out
