"""Resolving object types, custom ones included, for rules and the API.

`app.objecttypes` is a pure allow-list held in process memory; custom types created by
another process (or before a restart) are unknown to it. `resolve` falls back to the
graph's `:ObjectSchema` nodes and registers what it finds, so a path segment like `cars`
or `2-101` works in every process.
"""
from __future__ import annotations

from app import objecttypes
from app.objecttypes import ObjectType
from app.repo import object_schemas as repo

__all__ = ["resolve", "try_resolve"]


def try_resolve(tx, name_or_type) -> ObjectType | None:
    """The ObjectType for a name, type id or ObjectType; None if unknown here and in the graph."""
    if isinstance(name_or_type, ObjectType):
        return name_or_type
    found = objecttypes.try_resolve(name_or_type)
    if found is not None:
        return found
    key = str(name_or_type).strip().lower()
    if key.startswith("p_"):
        key = key[2:]
    row = repo.find(tx, key)
    if row is None:
        return None
    return objecttypes.register_custom(row["name"], row["objectTypeId"], row.get("singular"))


def resolve(tx, name_or_type) -> ObjectType:
    """Like `try_resolve`, but unknown → 400 naming the object type (as `objecttypes.resolve`)."""
    found = try_resolve(tx, name_or_type)
    return found if found is not None else objecttypes.resolve(str(name_or_type))
