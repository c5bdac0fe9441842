"""Issue 3, point 2: the ACT-3 related-records query never touches a contact's activity edges.

PROFILE the registry's `act/contact_related` for contacts that differ only in how many
activities they have. Neo4j keeps a dense node's relationships (≥ 50) in groups by type, so
expanding CONTACT_COMPANY / CONTACT_DEAL / CONTACT_TICKET costs the same for 100 or 5,000
activity edges (100,000 in docs/activities.md). Below 50 relationships a node is "sparse":
its relationships form one chain that an expand walks, so a 10-activity contact costs a few
db hits *more*, never fewer — activity count can only make the query cheaper, not dearer.
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
    query = cypher.registry().get("act/contact_related")
    with db.session() as s:
        result = s.run("PROFILE " + query.text, contact_id=contact_id, with_company=True, deals=5, tickets=5)
        row = result.single().data()
        return _total_db_hits(result.consume().profile), row


def test_act3_related_records_cost_does_not_grow_with_activity_edges(db):
    with db.session() as s:
        for cid, n in (("few", 10), ("some", 100), ("many", 5000)):
            s.run(_BUILD, cid=cid, n=n).consume()
    few, row_few = _profile(db, "few")
    some, _ = _profile(db, "some")
    many, row_many = _profile(db, "many")
    assert row_many == {"company_id": "many-co", "deal_ids": ["many-d7", "many-d6", "many-d5", "many-d3", "many-d2"],
                        "ticket_ids": []}
    assert row_few["deal_ids"] == [d.replace("many", "few") for d in row_many["deal_ids"]]
    assert many == some          # 100 vs 5,000 activity edges: identical db hits
    assert many <= few           # a sparse 10-activity contact is never cheaper
    assert many < 100            # a handful of hits, nowhere near the 5,000 activity edges
