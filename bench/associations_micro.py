"""Micro-benchmark of the association rules on a throwaway Neo4j (docs/associations.md).

Run: PYTHONPATH=. .venv/bin/python bench/associations_micro.py
"""
import time, statistics
from tests.neo4j_provider import neo4j_for_tests
from app import create_app, cypher
from app.rules import associations as A
from tests.rules.assoc_helpers import make

with neo4j_for_tests() as (uri, user, pw):
    app = create_app({"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": pw, "TESTING": True})
    db = app.extensions["neo4j"]
    make(db, "contacts", *range(100000, 102000))
    make(db, "companies", *range(200000, 200200))
    # batch of 100 pairs, 10 times
    ts = []
    for b in range(10):
        pairs = [A.Pair(str(100000 + b * 100 + i), str(200000 + (i % 200)), [1] if b % 2 else []) for i in range(100)]
        t = time.perf_counter(); db.write(A.associate_many, "contacts", "companies", pairs); ts.append(time.perf_counter() - t)
    print("batch 100 pairs: median %.1f ms" % (statistics.median(ts) * 1000))
    ts = []
    for i in range(200):
        t = time.perf_counter(); db.write(A.associate_default, "contacts", str(101000 + i), "companies", "200001"); ts.append(time.perf_counter() - t)
    print("single associate: median %.1f ms p95 %.1f ms" % (statistics.median(ts) * 1000, sorted(ts)[189] * 1000))
    ts = []
    for i in range(100):
        t = time.perf_counter(); db.read(A.list_associations, "companies", "200001", "contacts", None, 100); ts.append(time.perf_counter() - t)
    print("list 100 of a company with ~205 contacts: median %.1f ms" % (statistics.median(ts) * 1000))
    with db.session() as s:
        q = cypher.registry().get("associations/merge_edges")
        rows = [{"from": "100001", "start": "100001", "end": "200001", "st": [279], "ts": [280], "rule": None, "by": None, "at": None}]
        summ = s.run("PROFILE " + q.text, rel="CONTACT_COMPANY", rows=rows, now=1).consume()
        def ops(p, d=0):
            out = ["  " * d + p["operatorType"]]
            for c in p.get("children", []): out += ops(c, d + 1)
            return out
        print("\n".join(ops(summ.profile)))
    db.close()
