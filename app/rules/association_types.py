"""Association type definitions of one object-type pair, as the association rules see them.

Pure helpers over the `:AssociationType` rows of a pair (both directions), plus
`load_pair`, which makes sure a pair has its unlabelled type: HubSpot-defined pairs are seeded,
but a custom object type (or an activity↔activity pair) gets its unlabelled type pair the first
time something needs it — like HubSpot creating a default association with a custom schema.
"""
from __future__ import annotations

from app import objecttypes
from app.errors import ValidationFailed, field_error
from app.objecttypes import ObjectType
from app.repo import associations as repo

__all__ = ["PairTypes", "load_pair", "DEFAULT_MAX_TO_OBJECT_IDS", "CATEGORIES"]

# The cap every association type has when no limit is configured. HubSpot's highest custom
# limit is 10,000 (KB "Set limits for record associations"); we use it as the default for
# associations *to records*. Associations to activities (a record's timeline) are not capped
# by default — a contact may carry 100,000 activities — but can be given a configured limit.
DEFAULT_MAX_TO_OBJECT_IDS = 10_000
CATEGORIES = ("HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED")


class PairTypes:
    """The association types between two object types, by ID, with inverse lookups."""

    def __init__(self, a: ObjectType, b: ObjectType, rows: list[dict]):
        self.a, self.b = a, b
        self.by_id = {r["typeId"]: r for r in rows}

    def direction(self, from_name: str, to_name: str) -> list[dict]:
        """Types stated from `from_name` to `to_name`, unlabelled first then by ID."""
        rows = [r for r in self.by_id.values() if r["fromType"] == from_name and r["toType"] == to_name]
        return sorted(rows, key=lambda r: (r["label"] is not None, r["typeId"]))

    def unlabelled(self, from_name: str, to_name: str) -> int | None:
        for r in self.direction(from_name, to_name):
            if r["label"] is None:
                return r["typeId"]
        return None

    def inverse(self, type_id: int) -> int:
        return self.by_id[type_id]["inverseTypeId"]

    def spec(self, type_id: int) -> dict:
        """v4 `AssociationSpecWithLabel`: {category, typeId, label}."""
        r = self.by_id[type_id]
        return {"category": r["category"], "typeId": type_id, "label": r["label"]}

    def is_primary(self, type_id: int) -> bool:
        return bool(self.by_id.get(type_id, {}).get("primary"))

    def limit(self, type_id: int) -> int | None:
        """The per-record cap of a type: configured, else the default (None = uncapped)."""
        r = self.by_id[type_id]
        if r.get("maxToObjectIds") is not None:
            return int(r["maxToObjectIds"])
        to_type = objecttypes.try_resolve(r["toType"])
        return None if to_type is not None and to_type.is_activity else DEFAULT_MAX_TO_OBJECT_IDS

    def v3_name(self, type_id: int) -> str:
        """The v3 `associations` type name: `contact_to_company` (Primary, or the unlabelled type
        of a pair without Primary), `contact_to_company_unlabeled`, or a label's own name."""
        r = self.by_id[type_id]
        f, t = objecttypes.try_resolve(r["fromType"]), objecttypes.try_resolve(r["toType"])
        base = f"{f.singular if f else r['fromType']}_to_{t.singular if t else r['toType']}"
        if r["primary"]:
            return base
        if r["label"] is None:
            has_primary = any(x["primary"] for x in self.direction(r["fromType"], r["toType"]))
            return f"{base}_unlabeled" if has_primary else base
        return r["name"].lower() if r["category"] == "HUBSPOT_DEFINED" else r["name"]

    def validate(self, from_name: str, to_name: str, specs: list) -> list[int]:
        """Requested types (ints, or {associationCategory, associationTypeId} maps) → IDs, checked
        to exist in this direction; 400 naming `associationTypeId` otherwise."""
        ids = []
        for spec in specs:
            if isinstance(spec, dict):
                type_id, category = spec.get("associationTypeId"), spec.get("associationCategory")
            else:
                type_id, category = spec, None
            try:
                type_id = int(type_id)
            except (TypeError, ValueError):
                raise ValidationFailed(f"associationTypeId {type_id!r} is not a number.",
                                       [field_error("associationTypeId", "must be an integer")]) from None
            row = self.by_id.get(type_id)
            if row is None or row["fromType"] != from_name or row["toType"] != to_name:
                raise ValidationFailed(
                    f"associationTypeId {type_id} is not a valid association type from {from_name} to {to_name}.",
                    [field_error("associationTypeId", f"{type_id} is not defined for {from_name} → {to_name}",
                                 "INVALID_ASSOCIATION_TYPE")])
            if category is not None and category not in CATEGORIES:
                raise ValidationFailed(f"Unknown associationCategory {category!r}.",
                                       [field_error("associationCategory", f"must be one of {', '.join(CATEGORIES)}")])
            # The unlabelled type may be named with any category: custom-object pairs differ
            # between HubSpot accounts, and nothing is ambiguous about "no label".
            if category is not None and row["label"] is not None and category != row["category"]:
                raise ValidationFailed(
                    f"associationTypeId {type_id} is {row['category']}, not {category}.",
                    [field_error("associationCategory", f"type {type_id} has category {row['category']}")])
            if type_id not in ids:
                ids.append(type_id)
        return ids


def load_pair(tx, a: ObjectType, b: ObjectType, *, create: bool = True) -> PairTypes:
    """The pair's types; with `create`, first give a pair without types its unlabelled type
    (one self-inverse ID for a same-type pair, two inverse IDs otherwise)."""
    pair = PairTypes(a, b, repo.types_for_pair(tx, a.name, b.name))
    if not create or pair.unlabelled(a.name, b.name) is not None:
        return pair
    if a.name == b.name:
        (tid,) = repo.allocate_type_ids(tx, 1)
        rows = [_unlabelled_row(tid, a, a, tid)]
    else:
        fwd, inv = repo.allocate_type_ids(tx, 2)
        rows = [_unlabelled_row(fwd, a, b, inv), _unlabelled_row(inv, b, a, fwd)]
    repo.create_types(tx, rows)
    return PairTypes(a, b, repo.types_for_pair(tx, a.name, b.name))


def _unlabelled_row(type_id: int, f: ObjectType, t: ObjectType, inverse: int) -> dict:
    return {"typeId": type_id, "category": "USER_DEFINED", "fromType": f.name, "toType": t.name,
            "label": None, "name": f"{f.name}_to_{t.name}".upper(), "inverseTypeId": inverse, "primary": False}
