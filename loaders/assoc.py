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

__all__ = ["AssocRow", "PairCache", "from_association_file", "edge_row"]


@dataclass
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

    def __init__(self, db):
        self.db = db
        self._pairs: dict[tuple[str, str], PairTypes] = {}

    def get(self, a, b) -> PairTypes:
        key = tuple(sorted((a.name, b.name)))
        if key not in self._pairs:
            self._pairs[key] = self.db.write(lambda tx: load_pair(tx, a, b, create=True))
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


def edge_row(pairs: PairCache, a: AssocRow, now: int) -> tuple[str, dict]:
    """(relationship type, writer row) for one association; raises `Rejected`."""
    ft, tt = objecttypes.try_resolve(a.from_type), objecttypes.try_resolve(a.to_type)
    if ft is None or tt is None:
        bad = a.from_type if ft is None else a.to_type
        raise Rejected("wrong_type", f"unknown object type {bad!r}")
    if not (a.from_id.isdigit() and a.to_id.isdigit()):
        raise Rejected("wrong_type", f"ids must be numeric: {a.from_id!r} → {a.to_id!r}")
    pt = pairs.get(ft, tt)
    try:
        ids = pt.validate(ft.name, tt.name, a.type_ids)
    except ValidationFailed as exc:
        raise Rejected("wrong_type", exc.message) from None
    wanted = [pt.unlabelled(ft.name, tt.name)] + [i for i in ids if i != pt.unlabelled(ft.name, tt.name)]
    if a.primary:
        prim = [r["typeId"] for r in pt.direction(ft.name, tt.name) if r["primary"]]
        if not prim:
            raise Rejected("wrong_type", f"{ft.name} → {tt.name} has no Primary association type")
        wanted += [p for p in prim if p not in wanted]
    rel, from_is_start = objecttypes.rel_between(ft, tt)
    if ft.kind == tt.kind:
        from_is_start = _id_key(a.from_id) <= _id_key(a.to_id)
    inverse = [pt.inverse(i) for i in wanted]
    st, (start, s_type), (end, e_type) = (wanted, (a.from_id, ft.name), (a.to_id, tt.name)) if from_is_start \
        else (inverse, (a.to_id, tt.name), (a.from_id, ft.name))
    primary = next((i for i in st if pt.is_primary(i)), None)
    prov = {"rule": SOURCE, "by": None, "at": now} if rel.startswith(("ACTIVITY_", "EVENT_")) else {}
    return rel, {"start": start, "end": end, "st": st, "prov": prov, "start_type": s_type, "end_type": e_type,
                 "primary": primary}
