"""Benchmark: merging two contacts with N activities each (N = 100 … 100 000).

What it shows: a merge's cost grows linearly with the secondary's degree (its activity edges
are re-created on the survivor and deleted, in batched set-based statements), and the
primary's degree costs nothing (its node is kept, so none of its edges move). Target: ≤ 1 s
with 10 000 activities on each contact.

It runs on its own throwaway Neo4j (`.neo4j/bench-merge`, a free port, 2 GB heap + 2 GB page
cache) so it never disturbs the dev server or the test servers. Each round builds a fresh
pair: two contacts, N notes on each (2 % of the secondary's also on the primary, so the "already associated: unite
types" path runs too), a company and deals on each; then one `POST …/merge`-equivalent
transaction is timed (`db.write(mrg.merge, …)`, exactly what the API runs), after one small
warm-up merge that absorbs Neo4j's re-planning of queries whose statistics the bulk setup changed.

Run: `crmgraph bench merge` (or `PYTHONPATH=. .venv/bin/python bench/merge_bench.py`).
"""
from __future__ import annotations

import platform
import statistics
import time
from pathlib import Path

from bench.common import DOCS, bench_app, write_docs_section

SIZES = (100, 1_000, 10_000, 100_000)
MARK_START, MARK_END = "<!-- merge-bench:start -->", "<!-- merge-bench:end -->"

# Bench-only bulk setup (tests/ and bench/ may hold Cypher): N notes per contact in one batch.
_NOTES = """
MATCH (p:Object {id: $p}), (s:Object {id: $s})
UNWIND range($off, $off + $n - 1) AS i
CREATE (a:Object:Activity:Note {id: toString($base + i), _n: $base + i, _type: 'notes', archived: false,
        hs_timestamp: $t0 + i, createdate: $t0, _updated: $t0, source: 'API', hs_note_body: 'bench'})
WITH p, s, a, i
CALL (p, s, a, i) {
  WITH p, s, a, i WHERE i % 2 = 0 OR i % 100 = 1
  CREATE (a)-[:ACTIVITY_CONTACT {types: [202], createdAt: $t0, rule: 'ACT-3', by: null, at: $t0}]->(p)
}
CALL (p, s, a, i) {
  WITH p, s, a, i WHERE i % 2 = 1
  CREATE (a)-[:ACTIVITY_CONTACT {types: [202], createdAt: $t0, rule: 'manual', by: '7', at: $t0}]->(s)
}
"""
_COUNT = "MATCH (c:Object {id: $id}) RETURN COUNT { (c)<-[:ACTIVITY_CONTACT]-() } AS n"


def _machine() -> str:
    import os

    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _pair(db, app, n: int) -> tuple[str, str]:
    """Two contacts with about `n` activities each (2 % of the secondary's also on the primary),
    a company and a deal each."""
    from app.rules import associations, records

    ids = app.extensions["ids"]
    p, s, cp, cs, dp, ds = ids.take(6)

    def setup(tx):
        records.create(tx, "contacts", {"email": f"p{p}@bench.example", "firstname": "P"}, object_id=p)
        records.create(tx, "contacts", {"email": f"s{s}@bench.example", "lifecyclestage": "customer"}, object_id=s)
        for cid, oid, did in ((p, cp, dp), (s, cs, ds)):
            records.create(tx, "companies", {"name": f"Co {oid}"}, object_id=oid)
            records.create(tx, "deals", {"dealname": f"Deal {did}", "pipeline": "default",
                                         "dealstage": "qualifiedtobuy"}, object_id=did)
            associations.associate(tx, "contacts", cid, "companies", oid, [1])
            associations.associate(tx, "contacts", cid, "deals", did, [])
    db.write(setup)
    # 2n notes: even ones on p, odd ones on s, and every 100th-and-1 one on both.
    total, chunk = 2 * n, 20_000
    base = int(ids.take(total)[0])
    for start in range(0, total, chunk):
        size = min(chunk, total - start)
        with db.session() as sess:
            sess.run(_NOTES, p=p, s=s, n=size, off=start, base=base, t0=1_700_000_000_000).consume()
    return p, s


def _degree(db, cid: str) -> int:
    with db.session() as sess:
        return sess.run(_COUNT, id=cid).single()["n"]


def _warm_up(db, app) -> None:
    """One small merge after the bulk setup: Neo4j replans queries whose statistics changed a
    lot (the setup just added thousands of nodes), and that one-off planning is not the merge's
    cost. A running server merging all day has its plans cached."""
    from app.rules import mrg

    p, s = _pair(db, app, 5)
    new_id, event_id = app.extensions["ids"].take(2)
    db.write(mrg.merge, p, s, new_id=new_id, event_id=event_id)


def measure(db, app, sizes=SIZES, repeats: int = 3, echo=print) -> list[dict]:
    """Time one merge per round; returns one row per size with the median."""
    from app.rules import mrg

    rows = []
    for n in sizes:
        times, degs = [], None
        for _ in range(repeats if n < 100_000 else 1):
            p, s = _pair(db, app, n)
            _warm_up(db, app)
            degs = (_degree(db, p), _degree(db, s))
            new_id, event_id = app.extensions["ids"].take(2)
            t = time.perf_counter()
            merged = db.write(mrg.merge, p, s, new_id=new_id, event_id=event_id)
            times.append(time.perf_counter() - t)
            after = _degree(db, merged["id"])
            assert after == 2 * n, (after, degs)  # every activity once; shared ones not duplicated
        med = statistics.median(times)
        rows.append({"n": n, "primary": degs[0], "secondary": degs[1], "runs": len(times), "median_s": med,
                     "us_per_edge": med / degs[1] * 1e6})
        echo(f"N={n:>7}: primary {degs[0]:>7} / secondary {degs[1]:>7} activities → merge "
             f"{med * 1000:8.1f} ms (median of {len(times)}), {med / degs[1] * 1e6:.1f} µs per moved edge")
    return rows


def report(rows: list[dict], command: str) -> str:
    """The section of docs/benchmarks.md (between its markers)."""
    lines = [MARK_START, "## Merging two contacts (MRG, `docs/merge.md`)", "",
             f"Command: `{command}` — own throwaway Neo4j 5.26 (2 GB heap, 2 GB page cache) on {_machine()}; "
             "shared machine, other engineers' jobs running. Each contact also has a company and a deal; "
             "2 % of the secondary's activities are also on the primary (their edges are united, not duplicated). Time is one "
             "`db.write(mrg.merge, …)` — the whole merge transaction the API runs.", "",
             "| activities per contact (N) | primary edges | secondary edges | runs | merge (median) | per moved edge |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['primary']:,} | {r['secondary']:,} | {r['runs']} | "
                     f"{r['median_s'] * 1000:,.1f} ms | {r['us_per_edge']:.1f} µs |")
    if len(rows) > 1:
        steps = [f"{a['n']:,}→{b['n']:,}: {(b['median_s'] - a['median_s']) / (b['secondary'] - a['secondary']) * 1e6:.0f} µs"
                 for a, b in zip(rows, rows[1:])]
        lines += ["", "Marginal cost per extra moved edge (Δtime / Δdegree): " + "; ".join(steps) + ". Small merges "
                  "are dominated by the fixed part (checks, locks, property decisions, ~20 statements, commit); "
                  "above ~1k the time is the edge moves and the commit, linear in the secondary's degree. The "
                  "primary's degree costs nothing (its node is kept). Target ≤ 1 s at 10k activities each."]
    lines.append(MARK_END)
    return "\n".join(lines)


def write_docs(section: str, path: Path = DOCS) -> None:
    """Replace only our section of docs/benchmarks.md."""
    write_docs_section(MARK_START, MARK_END, section, path)


def run(sizes=SIZES, repeats: int = 3, docs: bool = True, command: str = "crmgraph bench merge", echo=print,
        base: Path | None = None) -> list[dict]:
    """Start the bench server, measure, stop it, write the docs section."""
    with bench_app("merge", "2g", "2g", echo=echo, base=base) as (app, db):
        rows = measure(db, app, sizes, repeats, echo)
    if docs:
        write_docs(report(rows, command))
    return rows


if __name__ == "__main__":
    run(command="PYTHONPATH=. .venv/bin/python bench/merge_bench.py")
