"""The one place where identifiers are written into Cypher text (WF-2/3/4/5).

Why this exists: Cypher takes values as `$parameters`, but not a label or property key that an
*index* must see (a `MATCH (x:Company {location: v})` seek, a `CREATE INDEX … ON (n.location)`),
and Neo4j 5.26 plans a dynamic relationship type (`[:$($rel)]`) as "expand every edge, then
filter" — on a contact with 100 000 activity edges that is the difference between a seek and a
scan. So a few `cypher/wf/*.cypher` files are templates with backquoted placeholders
(`__LABEL__`, `__PROP__`, `__REL__`), and `render` fills them in — only with:

- a label of an object type known to `app.objecttypes` (the allow-list), shaped `^[A-Z][A-Za-z0-9]*$`;
- a property name that matches `^[a-z][a-z0-9_]*$` *and* has a `:PropertyDefinition` on that type;
- a relationship type produced by `app.objecttypes.rel_between`, shaped `^[A-Z][A-Z0-9_]*$`.

Anything else raises `ValueError` (a programming error: callers validate user input first and
answer 400). The values stay backquoted in the text, so even a shape check slip could not
break out of the identifier.
"""
from __future__ import annotations

import dataclasses
import re

from app import cypher, objecttypes
from app.objecttypes import ObjectType
from app.rules import properties as props

__all__ = ["render", "PROPERTY_NAME"]

PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_REL = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _allowed_rels() -> set[str]:
    types = objecttypes.all_types()
    return {objecttypes.rel_between(a, b)[0] for a in types for b in types}


def render(tx, name: str, *, object_type: ObjectType, prop: str | None = None,
           rel: str | None = None) -> cypher.Query:
    """The registered query `name` with its placeholders filled in.

    :param object_type: the type whose label replaces `__LABEL__` (and owns `prop`).
    :param prop: property name for `__PROP__`, checked against the type's definitions.
    :param rel: relationship type for `__REL__` (from `objecttypes.rel_between`).
    :raise ValueError: an identifier is not on the allow-list.
    """
    known = {t.label for t in objecttypes.all_types()}
    if object_type.label not in known or not _LABEL.match(object_type.label):
        raise ValueError(f"label {object_type.label!r} is not an allow-listed object type")
    query = cypher.registry().get(name)
    text = query.text.replace("`__LABEL__`", f"`{object_type.label}`")
    if "`__PROP__`" in text:
        if not prop or not PROPERTY_NAME.match(prop) or prop not in props.definitions(tx, object_type.name):
            raise ValueError(f"property {prop!r} is not a defined property of {object_type.name}")
        text = text.replace("`__PROP__`", f"`{prop}`")
    if "`__REL__`" in text:
        if not rel or not _REL.match(rel) or rel not in _allowed_rels():
            raise ValueError(f"relationship type {rel!r} is not allow-listed")
        text = text.replace("`__REL__`", f"`{rel}`")
    return dataclasses.replace(query, text=text)
