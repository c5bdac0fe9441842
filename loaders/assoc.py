"""Association rows: from association files, or from a record file's `Associated … IDs` columns.

Each becomes one edge row in the canonical direction of `app.objecttypes.rel_between` with
its type ids stated start → end, always including the pair's unlabelled type (like every
API-made association), plus the Primary type when the row asks for it. Type ids are checked
with the associations engine's own `PairTypes`; activity edges carry provenance
`rule: IMPORT`.
"""
from __future__ import annotations

from dataclasses import dataclass

from app import objecttypes
from app.errors import ValidationFailed
from app.rules.association_types import PairTypes, load_pair
from app.rules.associations import _id_key  # canonical start of a same-kind edge: the lower id
from loaders.prepare import SOURCE, Rejected

__all__ = ["AssocRow", "PairCache", "EdgeShape", "from_association_file", "csv_association_reader", "edge_row", "edge_shape",
           "resolve_types"]


@dataclass(slots=True)
class AssocRow:
    """One requested association, as given (from side first)."""

    line: int
    from_type: str
    from_id: str
    to_type: str
    to_id: str
    type_ids: list
    primary: bool


class PairCache:
    """`PairTypes` per object-type pair, read (or, for a custom pair, created) once per load."""

    def __init__(self, db, source=None):
        """`source`: answers instead of `db` (`loaders.seeded.SeedSource`: a never-started database)."""
        self.db, self.source = db, source
        self._pairs: dict[tuple[str, str], PairTypes] = {}

    def get(self, a, b) -> PairTypes:
        key = tuple(sorted((a.name, b.name)))
        if key not in self._pairs:
            self._pairs[key] = self.source.pair(a, b) if self.source else \
                self.db.write(lambda tx: load_pair(tx, a, b, create=True))
        return self._pairs[key]


def _bool(value) -> bool:
    return str(value).strip().lower() in ("true", "yes", "1", "y", "primary")


def from_association_file(line: int, raw: dict, resolver) -> AssocRow:
    """An association file row (`fromObjectType, fromId, toObjectType, toId[, associationTypeId][, primary]`)."""
    got: dict = {}
    for column, value in raw.items():
        target = resolver.target(column)
        if target.startswith("@"):
            got[target] = value
        elif value not in (None, ""):
            raise Rejected("unknown_property", f"unknown association column {column!r}")
    missing = [n for n in ("@from_type", "@from_id", "@to_type", "@to_id") if not str(got.get(n) or "").strip()]
    if missing:
        raise Rejected("missing_key", "missing " + ", ".join(m[1:] for m in missing))
    types = got.get("@types")
    if isinstance(types, (int, float)):
        types = [types]
    elif isinstance(types, str):
        types = [t.strip() for t in types.replace(",", ";").split(";") if t.strip()]
    return AssocRow(line, str(got["@from_type"]).strip(), str(got["@from_id"]).strip(),
                    str(got["@to_type"]).strip(), str(got["@to_id"]).strip(), list(types or []),
                    _bool(got.get("@primary", "")))


def csv_association_reader(header: list[str], resolver):
    """`from_association_file` for the rows of one CSV file, as a function of the row's value
    list: column targets are resolved once for the header instead of once per cell. None when
    the header repeats a column (a dict row keeps the last one; `from_association_file` knows
    that rule). Same checks, same rejects, in the same order."""
    if len(set(header)) != len(header):
        return None
    at: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for i, column in enumerate(header):
        target = resolver.target(column)
        if target.startswith("@"):
            at[target] = i
        else:
            unknown.append((i, column))
    keys = [(n, at.get(n)) for n in ("@from_type", "@from_id", "@to_type", "@to_id")]
    types_at, primary_at = at.get("@types"), at.get("@primary")

    def read(line: int, values: list[str]) -> AssocRow:
        for i, column in unknown:
            if values[i] != "":
                raise Rejected("unknown_property", f"unknown association column {column!r}")
        got = [values[i].strip() if i is not None else "" for _, i in keys]
        if not all(got):
            raise Rejected("missing_key", "missing " + ", ".join(n[1:] for (n, _), g in zip(keys, got) if not g))
        types = values[types_at] if types_at is not None else None
        types = [t.strip() for t in types.replace(",", ";").split(";") if t.strip()] if types else []
        return AssocRow(line, got[0], got[1], got[2], got[3], types,
                        _bool(values[primary_at]) if primary_at is not None else False)
    return read


@dataclass(frozen=True)
class EdgeShape:
    """Everything about an association row except its two ids: the same for every row with
    the same object types, type ids and primary flag, so bulk paths compute it once."""

    rel: str
    from_type: str
    to_type: str
    same_kind: bool          # the canonical start is then the lower id, not fixed by the types
    from_is_start: bool      # when not same_kind
    forward: list            # type ids stated from → to
    inverse: list            # the same, stated to → from
    prov: dict


def resolve_types(a: AssocRow):
    """(from type, to type) of a row, or `Rejected` naming the unknown one."""
    ft, tt = objecttypes.try_resolve(a.from_type), objecttypes.try_resolve(a.to_type)
    if ft is None or tt is None:
        bad = a.from_type if ft is None else a.to_type
        raise Rejected("wrong_type", f"unknown object type {bad!r}")
    return ft, tt


def edge_shape(pairs: PairCache, ft, tt, type_ids, primary: bool, now: int) -> EdgeShape:
    """The id-independent part of `edge_row`; raises `Rejected` for type ids that do not fit."""
    pt = pairs.get(ft, tt)
    try:
        ids = pt.validate(ft.name, tt.name, list(type_ids))
    except ValidationFailed as exc:
        raise Rejected("wrong_type", exc.message) from None
    wanted = [pt.unlabelled(ft.name, tt.name)] + [i for i in ids if i != pt.unlabelled(ft.name, tt.name)]
    if primary:
        prim = [r["typeId"] for r in pt.direction(ft.name, tt.name) if r["primary"]]
        if not prim:
            raise Rejected("wrong_type", f"{ft.name} → {tt.name} has no Primary association type")
        wanted += [p for p in prim if p not in wanted]
    rel, from_is_start = objecttypes.rel_between(ft, tt)
    prov = {"rule": SOURCE, "by": None, "at": now} if rel.startswith(("ACTIVITY_", "EVENT_")) else {}
    return EdgeShape(rel, ft.name, tt.name, ft.kind == tt.kind, from_is_start, wanted,
                     [pt.inverse(i) for i in wanted], prov)


def edge_row(pairs: PairCache, a: AssocRow, now: int, shapes: dict | None = None) -> tuple[str, dict]:
    """(relationship type, writer row) for one association; raises `Rejected`.

    `shapes`: a per-load cache for bulk callers (the online loader): everything but the ids —
    object types, `edge_shape`, or the reason either is refused — is the same for every row
    with the same (types, type ids, primary), so it is worked out once (cProfile, size S: 5 of
    the 7 s spent in this function went to recomputing it per row). Checks and rejects keep
    their order: unknown object type, then non-numeric ids, then type ids that do not fit."""
    key = (a.from_type, a.to_type, tuple(a.type_ids), a.primary)
    try:
        known = shapes.get(key) if shapes is not None else None
    except TypeError:         # unhashable type ids (odd JSONL): no caching for this row
        shapes, known = None, None
    if known is None:
        if not (a.from_id.isdigit() and a.to_id.isdigit()):
            resolve_types(a)  # as without the cache: no pair types are read (or created) for such a row
            raise Rejected("wrong_type", f"ids must be numeric: {a.from_id!r} → {a.to_id!r}")
        known = _shape_of(pairs, a, now)
        if shapes is not None:
            shapes[key] = known
    bad_types, bad_shape, shape, primaries = known
    if bad_types:
        raise Rejected(*bad_types)
    if not (a.from_id.isdigit() and a.to_id.isdigit()):
        raise Rejected("wrong_type", f"ids must be numeric: {a.from_id!r} → {a.to_id!r}")
    if bad_shape:
        raise Rejected(*bad_shape)
    from_is_start = _id_key(a.from_id) <= _id_key(a.to_id) if shape.same_kind else shape.from_is_start
    if from_is_start:
        st, start, s_type, end, e_type, primary = shape.forward, a.from_id, shape.from_type, a.to_id, \
            shape.to_type, primaries[0]
    else:
        st, start, s_type, end, e_type, primary = shape.inverse, a.to_id, shape.to_type, a.from_id, \
            shape.from_type, primaries[1]
    # `st` and `prov` are the shape's own objects, shared by its rows: nobody mutates them
    return shape.rel, {"start": start, "end": end, "st": st, "prov": shape.prov, "start_type": s_type,
                       "end_type": e_type, "primary": primary}


def _shape_of(pairs: PairCache, a: AssocRow, now: int) -> tuple:
    """(unknown-type reject, type-id reject, shape, (Primary type id forward, inverse)) of a row;
    rejects as (kind, reason), so a cached one is raised afresh for every row."""
    try:
        ft, tt = resolve_types(a)
    except Rejected as r:
        return (r.kind, r.reason), None, None, None
    try:
        shape = edge_shape(pairs, ft, tt, a.type_ids, a.primary, now)
    except Rejected as r:
        return None, (r.kind, r.reason), None, None
    pt = pairs.get(ft, tt)
    return None, None, shape, tuple(next((i for i in st if pt.is_primary(i)), None)
                                    for st in (shape.forward, shape.inverse))
