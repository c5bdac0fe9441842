"""Issue 3, point 2: the ACT-3 related-records lookup never touches a contact's activity edges.

PROFILE the registry's `act/log_facts` — the one read of the logging hot path, which also finds
the related records — for contacts that differ only in how many activities they have. Neo4j
keeps a dense node's relationships (≥ 50) in groups by type, so expanding CONTACT_COMPANY /
CONTACT_DEAL / CONTACT_TICKET costs the same for 100 or 5,000 activity edges (100,000 in
docs/activities.md). Below 50 relationships a node is "sparse": its relationships form one
chain that an expand walks, so a 10-activity contact costs a few db hits *more*, never fewer —
activity count can only make the query cheaper, not dearer. The statement's other parts
(settings, association types, definitions) cost the same for every record; an unknown id
measures them.
"""
from __future__ import annotations

from app import cypher

# Test-only Cypher: one contact with a primary company, 7 deals (2 closed) and $n activities.
_BUILD = """
CREATE (c:Object:Record:Contact {id: $cid, _n: 0, _type: 'contacts', archived: false, createdate: 1})
CREATE (co:Object:Record:Company {id: $cid + '-co', _type: 'companies', archived: false, createdate: 1})
CREATE (c)-[:CONTACT_COMPANY {types: [279, 1]}]->(co)
WITH c
UNWIND range(1, 7) AS i
CREATE (d:Object:Record:Deal {id: $cid + '-d' + i, _type: 'deals', archived: false, closed: i % 4 = 0, createdate: i})
CREATE (c)-[:CONTACT_DEAL {types: [4]}]->(d)
WITH DISTINCT c
UNWIND range(1, $n) AS i
CREATE (a:Object:Activity:Note {id: $cid + '-a' + i, _type: 'notes', archived: false, hs_timestamp: i})
CREATE (a)-[:ACTIVITY_CONTACT {types: [202], rule: 'ACT-1'}]->(c)
"""


def _total_db_hits(plan) -> int:
    return plan.get("dbHits", 0) + sum(_total_db_hits(child) for child in plan.get("children", []))


def _profile(db, contact_id: str) -> tuple[int, dict]:
    query = cypher.registry().get("act/log_facts")
    with db.session() as s:
        result = s.run("PROFILE " + query.text, record_id=contact_id, activity_type="notes",
                       setting_keys=["contacts|notes|CRM_UI", "contacts|*|*"], thread_id=None, exclude_id=None,
                       conversation_id=None, deals=5, tickets=5, contacts=50,
                       definition_keys=["notes|hs_timestamp", "notes|createdate"])
        row = result.single().data()
        related = {k: row[k] for k in ("company_id", "deal_ids", "ticket_ids", "contact_ids")}
        return _total_db_hits(result.consume().profile), related


def _three_contacts(db, profile, suffix: str = "") -> list[tuple[int, object]]:
    """Build contacts with 10, 100 and 5,000 activities; `profile(db, id)` of each, in that order."""
    ids = [(f"few{suffix}", 10), (f"some{suffix}", 100), (f"many{suffix}", 5000)]
    with db.session() as s:
        for cid, n in ids:
            s.run(_BUILD, cid=cid, n=n).consume()
    return [profile(db, cid) for cid, _ in ids]


def test_act3_related_records_cost_does_not_grow_with_activity_edges(db):
    (few, row_few), (some, _), (many, row_many) = _three_contacts(db, _profile)
    assert row_many == {"company_id": "many-co", "deal_ids": ["many-d7", "many-d6", "many-d5", "many-d3", "many-d2"],
                        "ticket_ids": [], "contact_ids": []}
    assert row_few["deal_ids"] == [d.replace("many", "few") for d in row_many["deal_ids"]]
    assert many == some          # 100 vs 5,000 activity edges: identical db hits
    assert many <= few           # a sparse 10-activity contact is never cheaper
    base, _ = _profile(db, "nobody")  # the statement's fixed part: settings, association types, definitions
    assert many - base < 100     # the record and its related records: a handful of hits, not 5,000 edges


def _profile_one_trip(db, contact_id: str) -> tuple[int, list]:
    """PROFILE `act/log_one` — the usual log's only statement — writing for real (then rolled back)."""
    from app import objecttypes

    query = cypher.registry().get("act/log_one")
    notes = objecttypes.resolve("notes")
    specs = {t: {"rel": objecttypes.rel_between(notes, objecttypes.resolve(t))[0], "types": [0]}
             for t in ("contacts", "companies", "deals", "tickets")}
    params = dict(record_id=contact_id, record_type="contacts", activity_type="notes",
                  setting_keys=["contacts|notes|CRM_UI", "contacts|*|*"],
                  definition_keys=["notes|hs_timestamp", "notes|createdate"], company=True, deals=5, tickets=5,
                  contacts=0, specs=specs, rule="ACT-3", logged_on_rule="ACT-1", by=None, now=1,
                  activity={"labels": notes.labels, "id": "profiled-" + contact_id, "n": 0, "type": "notes",
                            "createdate": 1, "props": {}})
    with db.session() as s:
        config = s.run(query.text, expect=None, **params).single()["config"]
        tx = s.begin_transaction()
        try:
            result = tx.run("PROFILE " + query.text, expect=config, **params)
            linked = result.single()["linked"]
            return _total_db_hits(result.consume().profile), linked
        finally:
            tx.rollback()


def test_act3_one_trip_log_cost_does_not_grow_with_activity_edges(db):
    (few, linked_few), (some, _), (many, linked_many) = _three_contacts(db, _profile_one_trip, "1")
    assert [x["id"] for x in linked_many] == ["many1", "many1-co", "many1-d7", "many1-d6", "many1-d5", "many1-d3",
                                              "many1-d2"]
    assert [x["id"].replace("few1", "many1") for x in linked_few] == [x["id"] for x in linked_many]
    # 100 vs 5,000 activity edges: the reads are identical; creating the new edges on a dense node
    # varies by a hit or two with where its relationship-group chain is updated, never with size
    assert many <= some + 2 and some <= many + 2, (few, some, many)
    assert many <= few + 2, (few, some, many)
