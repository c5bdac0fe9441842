"""What a never-started database holds, read from the built-in seed instead of a server.

`--initial` on a fresh home used to start the server, apply schema and seed, and read the
property definitions, pipeline stages and association types back, only so the conversion
could validate rows (about 14 of its 21 s at size S). A database that was never created can
only ever hold the seed (`app.seed_data`, written by `app.schema.seed`), so the conversion
reads these answers from the seed directly; they are shaped exactly as the queries return
them (`property_defs/for_type`, `load/pipeline_stages`, `associations/types_for_pair`), which
`tests/loaders/test_initial.py` checks against a seeded server. A pair of object types
without seeded association types (activity ↔ activity) would need type ids allocated by the
server: `NeedsServer`, and `initial_load` falls back to converting against a running one.
"""
from __future__ import annotations

from app import seed_data
from app.rules import properties as props
from app.rules.association_types import PairTypes

__all__ = ["SeedSource", "NeedsServer"]

_TYPE_KEYS = ("typeId", "category", "fromType", "toType", "label", "name", "inverseTypeId", "primary",
              "maxToObjectIds")


class NeedsServer(RuntimeError):
    """The seed cannot answer (a pair without association types): convert against a server."""


class SeedSource:
    """`LoadContext`'s and `PairCache`'s reads, answered from `app.seed_data`."""

    def __init__(self):
        self._defs = seed_data.property_definitions()
        self._types = seed_data.association_types()

    def stages(self) -> list[dict]:
        """`load/pipeline_stages` of a seeded database."""
        rows = [{"objectType": p["objectType"], "pipeline": p["id"], "stage": s["id"],
                 "displayOrder": s["displayOrder"], "closed": bool(s.get("closed")),
                 "closedWon": bool(s.get("closedWon"))}
                for p in seed_data.pipelines() for s in p["stages"]]
        return sorted(rows, key=lambda r: (r["objectType"], r["pipeline"], r["displayOrder"]))

    def definitions(self, object_type: str) -> dict[str, dict]:
        """`app.rules.properties.definitions` of a seeded database (a node keeps no null values)."""
        return props.from_rows([{k: v for k, v in r.items() if v is not None}
                                for r in self._defs if r["objectType"] == object_type])

    def pair(self, a, b) -> PairTypes:
        """`load_pair(tx, a, b, create=True)` of a seeded database, or `NeedsServer`."""
        names = ((a.name, b.name), (b.name, a.name))
        rows = sorted(({k: r.get(k) for k in _TYPE_KEYS} for r in self._types
                       if (r["fromType"], r["toType"]) in names), key=lambda r: r["typeId"])
        pair = PairTypes(a, b, rows)
        if pair.unlabelled(a.name, b.name) is None:
            raise NeedsServer(f"no seeded association types between {a.name} and {b.name}")
        return pair
