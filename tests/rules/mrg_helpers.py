"""Builders and graph checks for the merge tests (records go through the real records and
association rules, so the merge is tested on the graph those rules write)."""
from __future__ import annotations

from app.rules import associations, mrg, records

NOTE = 202          # note → contact, unlabelled
NOTE_COMPANY = 190  # note → company
CONTACT_COMPANY_PRIMARY = 1
DEAL_COMPANY_PRIMARY = 5


def ids(app, n=1) -> list[str]:
    return app.extensions["ids"].take(n)


def create(db, app, object_type: str, properties: dict, *, now: int | None = None, source="API") -> str:
    oid = ids(app)[0]
    db.write(lambda tx: records.create(tx, object_type, properties, object_id=oid, now=now, source=source))
    return oid


def update(db, object_type: str, oid: str, properties: dict, *, now: int | None = None, source="API") -> dict:
    return db.write(lambda tx: records.update(tx, object_type, oid, properties, now=now, source=source))


def associate(db, from_type, from_id, to_type, to_id, type_ids=(), provenance=None) -> dict:
    return db.write(lambda tx: associations.associate(tx, from_type, from_id, to_type, to_id, list(type_ids),
                                                      provenance=provenance))


def note(db, app, *contact_ids, rule="ACT-3", by="7", at=1_700_000_000_000) -> str:
    """A note associated with each contact, with provenance."""
    nid = create(db, app, "notes", {"hs_timestamp": "2024-01-01T00:00:00Z", "hs_note_body": "hi"})
    for cid in contact_ids:
        associate(db, "notes", nid, "contacts", cid, provenance={"rule": rule, "by": by, "at": at})
    return nid


def merge(db, app, primary, secondary, user=None) -> dict:
    new_id, event_id = ids(app, 2)
    return db.write(mrg.merge, primary, secondary, new_id=new_id, event_id=event_id, user=user)


def get(db, object_type, oid, properties=None, history=None) -> dict:
    return db.read(lambda tx: records.get(tx, object_type, oid, properties=properties,
                                          properties_with_history=history))


def run(db, cypher: str, **params) -> list[dict]:
    with db.session() as s:
        return [r.data() for r in s.run(cypher, params)]


def edge(db, a, b) -> list[dict]:
    return run(db, "MATCH (x:Object {id: $a})-[r]-(y:Object {id: $b}) "
                   "RETURN type(r) AS rel, startNode(r).id AS start, r.types AS types, properties(r) AS props",
               a=str(a), b=str(b))


def neighbours(db, oid, rel) -> list[str]:
    return sorted(r["id"] for r in run(db, "MATCH (x:Object {id: $id})-[r]-(y:Object) WHERE type(r) = $rel "
                                           "RETURN y.id AS id", id=str(oid), rel=rel))


def graph_snapshot(db) -> dict:
    """Counts and edge sets — to prove something wrote nothing."""
    nodes = run(db, "MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = run(db, "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS t, elementId(b) AS b, "
                   "properties(r) AS p ORDER BY a, t, b")
    props = run(db, "MATCH (n) RETURN elementId(n) AS id, properties(n) AS p ORDER BY id")
    return {"nodes": nodes, "rels": rels, "props": props}
