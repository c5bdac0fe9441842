"""Object types: names, type IDs, graph labels, and association relationship types.

This is the allow-list that turns a path segment (`contacts`, `0-1`, `cars`, `2-101`)
into the labels and relationship types a query may use as Cypher 5 dynamic labels
(`:$($label)`) — nothing from a request reaches Cypher's structure without passing here.
Pure: no database access. Custom object types are added by `register_custom`.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ObjectType", "resolve", "try_resolve", "rel_between", "BUILTIN", "ACTIVITY_TYPES",
           "RECORD_TYPES", "register_custom", "unregister_custom", "clear_custom", "all_types"]


@dataclass(frozen=True)
class ObjectType:
    """One object type as the API and the graph see it."""

    name: str          # API path name, `_type` on nodes: "contacts"
    type_id: str       # HubSpot object type id: "0-1"
    label: str         # specific node label: "Contact"
    family: str        # "Record" or "Activity"
    kind: str          # relationship-name kind: "CONTACT", "ACTIVITY", "CARS"
    rank: int          # canonical order of kinds in relationship names
    singular: str      # "contact" (v3 association type names: contact_to_company)
    custom: bool = False

    @property
    def labels(self) -> list[str]:
        """Every label a new node of this type gets."""
        base = ["Object", self.family, self.label]
        return base[:2] + ["Custom"] + base[2:] if self.custom else base

    @property
    def is_activity(self) -> bool:
        return self.family == "Activity"


def _t(name, type_id, label, family, kind, rank, singular):
    return ObjectType(name, type_id, label, family, kind, rank, singular)


BUILTIN: dict[str, ObjectType] = {t.name: t for t in [
    _t("contacts", "0-1", "Contact", "Record", "CONTACT", 1, "contact"),
    _t("deals", "0-3", "Deal", "Record", "DEAL", 2, "deal"),
    _t("tickets", "0-5", "Ticket", "Record", "TICKET", 3, "ticket"),
    _t("companies", "0-2", "Company", "Record", "COMPANY", 4, "company"),
    _t("calls", "0-48", "Call", "Activity", "ACTIVITY", 0, "call"),
    _t("emails", "0-49", "Email", "Activity", "ACTIVITY", 0, "email"),
    _t("meetings", "0-47", "Meeting", "Activity", "ACTIVITY", 0, "meeting"),
    _t("notes", "0-46", "Note", "Activity", "ACTIVITY", 0, "note"),
    _t("tasks", "0-27", "Task", "Activity", "ACTIVITY", 0, "task"),
    _t("communications", "0-18", "Communication", "Activity", "ACTIVITY", 0, "communication"),
    _t("postal_mail", "0-116", "PostalMail", "Activity", "ACTIVITY", 0, "postal_mail"),
]}
RECORD_TYPES = ("contacts", "companies", "deals", "tickets")
ACTIVITY_TYPES = ("calls", "emails", "meetings", "notes", "tasks", "communications", "postal_mail")
_ALIASES = {"contact": "contacts", "company": "companies", "deal": "deals", "ticket": "tickets",
            "call": "calls", "email": "emails", "meeting": "meetings", "note": "notes",
            "task": "tasks", "communication": "communications", "postal_mails": "postal_mail"}

_CUSTOM: dict[str, ObjectType] = {}


def register_custom(name: str, type_id: str, singular: str | None = None) -> ObjectType:
    """Make a custom object type (from `/crm/v3/schemas`) known to the allow-list."""
    label = "".join(part.capitalize() for part in name.split("_"))
    t = ObjectType(name, type_id, label, "Record", name.upper(), 10, singular or name, custom=True)
    _CUSTOM[name] = t
    return t


def unregister_custom(name: str) -> None:
    """Forget one custom type (its schema was deleted)."""
    _CUSTOM.pop(name, None)


def clear_custom() -> None:
    """Forget custom types (tests start from an empty database)."""
    _CUSTOM.clear()


def all_types() -> list[ObjectType]:
    return [*BUILTIN.values(), *_CUSTOM.values()]


def try_resolve(name_or_id: str) -> ObjectType | None:
    """The type for a path segment — plural name, singular, type id (`0-1`), custom name or `2-…` id."""
    key = str(name_or_id).strip().lower()
    key = _ALIASES.get(key, key)
    if key in BUILTIN:
        return BUILTIN[key]
    if key in _CUSTOM:
        return _CUSTOM[key]
    for t in all_types():
        if t.type_id == key or (t.custom and key in (t.singular, f"p_{t.name}")):
            return t
    return None


def resolve(name_or_id: str) -> ObjectType:
    """Like `try_resolve`, but an unknown type is a 400 naming the path segment."""
    t = try_resolve(name_or_id)
    if t is None:
        from app.errors import ValidationFailed, field_error

        raise ValidationFailed(f"Unable to infer object type from: {name_or_id}",
                               [field_error("objectType", f"unknown object type {name_or_id!r}", "INVALID_OBJECT_TYPE")])
    return t


def rel_between(a: ObjectType, b: ObjectType) -> tuple[str, bool]:
    """The relationship type joining a node of type `a` to one of type `b`, and whether
    `a` is its start node (canonical direction: lower rank first, then name)."""
    key_a, key_b = (a.rank, a.kind), (b.rank, b.kind)
    if key_a <= key_b:
        return f"{a.kind}_{b.kind}", True
    return f"{b.kind}_{a.kind}", False
