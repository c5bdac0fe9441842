"""Loading benchmark: the same generated files loaded three ways in one run.

1. `crmgraph load` (our online loader: batched managed transactions, 2 lanes);
2. Neo4j's own `LOAD CSV … CALL {} IN TRANSACTIONS OF 5000 ROWS` (`cypher/load_csv/*`, auto-commit),
   producing the same nodes and relationships;
3. `crmgraph load --initial` (convert + `neo4j-admin database import` + restart + schema), and
   plain `neo4j-admin database import` of the files that conversion produced.

Each way gets its own throwaway server home under `.neo4j/bench-load-*` (bigger heap and page
cache than the test servers, and nobody else's data), deleted afterwards. Throughput is
nodes/s and relationships/s over the whole load; results replace the loader section of
docs/benchmarks.md (between its markers; other sections are left alone).
"""
from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import subprocess
import time
from pathlib import Path

from app.localneo4j import LocalNeo4j
from app.localneo4j.server import DEFAULT_BASE, NEO4J_VERSION, free_port
from bench.common import write_docs_section



def _marks(size: str) -> tuple[str, str]:
    """Each size has its own section in docs/benchmarks.md: an M run does not erase the S figures."""
    return f"<!-- load-bench-{size}:start -->", f"<!-- load-bench-{size}:end -->"


DATA = Path(__file__).resolve().parent / "data"
MEMORY = {"XS": ("1g", "512m"), "S": ("2g", "1g"), "M": ("4g", "8g"), "M10": ("4g", "8g")}   # M: the loaded store is ~4–5 GB
ASSOC_FILES = {  # file → (rel, forward, inverse ids, provenance?)
    "assoc_contact_company.csv": ("CONTACT_COMPANY", True, {}, False),
    "assoc_deal_contact.csv": ("CONTACT_DEAL", False, {"3": 4}, False),
    "assoc_deal_company.csv": ("DEAL_COMPANY", True, {}, False),
    "assoc_activity_contact.csv": ("ACTIVITY_CONTACT", True, {}, True),
    "assoc_activity_company.csv": ("ACTIVITY_COMPANY", True, {}, True),
}


def _server(name: str, size: str) -> LocalNeo4j:
    home = DEFAULT_BASE / f"bench-load-{name}"
    shutil.rmtree(home, ignore_errors=True)
    heap, pagecache = MEMORY[size]
    return LocalNeo4j(home=home, port=free_port(), heap=heap, pagecache=pagecache)


def _db(server: LocalNeo4j):
    from app.db import connect

    return connect({"NEO4J_URI": server.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password})


def _counts(db) -> dict:
    return db.query("admin/counts")


def _dataset(size: str, seed: int, echo) -> Path:
    from bench.generate import generate

    out = DATA / f"{size}-{seed}"
    if not (out / "manifest.json").exists():
        echo(f"generating size {size} (seed {seed}) into {out} …")
        t = time.monotonic()
        generate(size, seed, out)
        echo(f"  generated in {time.monotonic() - t:.1f}s")
    return out


def run_loader(size: str, data: Path, echo) -> dict:
    from app.schema import init_database
    from loaders.engine import Loader, default_workers
    from loaders.mapping import load_mapping

    server = _server("loader", size)
    server.start(echo=echo)
    db = _db(server)
    try:
        init_database(db)
        before = _counts(db)
        t = time.monotonic()
        summary = Loader(db, batch_size=5000, workers=default_workers(), rejects=data / "loader.rejects.jsonl").run(
            load_mapping(data / "mapping.json"))
        elapsed = time.monotonic() - t
        after = _counts(db)
    finally:
        db.close()
        server.stop()
        shutil.rmtree(server.home, ignore_errors=True)
    return {"elapsed": elapsed, "nodes": after["nodes"] - before["nodes"],
            "relationships": after["relationships"] - before["relationships"], "rejected": summary.rejected}


def run_load_csv(size: str, data: Path, echo) -> dict:
    from app.schema import init_database
    from app.rules.properties import now_ms

    server = _server("loadcsv", size)
    server.configure()
    for f in data.glob("*.csv"):
        os.link(f, server.home / "import" / f.name)
    server.start(echo=echo)
    db = _db(server)
    now = now_ms()
    try:
        init_database(db)
        before = _counts(db)
        t = time.monotonic()
        for name in ("companies", "contacts", "deals", "activities"):
            db.auto_commit(f"load_csv/{name}", url=f"file:///{name}.csv", now=now)
        for name, (rel, forward, inverse, prov) in ASSOC_FILES.items():
            db.auto_commit("load_csv/associations", url=f"file:///{name}", rel=rel, forward=forward,
                           inverse=inverse, prov={"rule": "IMPORT", "at": now} if prov else {}, now=now)
        elapsed = time.monotonic() - t
        after = _counts(db)
    finally:
        db.close()
        server.stop()
        shutil.rmtree(server.home, ignore_errors=True)
    return {"elapsed": elapsed, "nodes": after["nodes"] - before["nodes"],
            "relationships": after["relationships"] - before["relationships"]}


def run_initial(size: str, data: Path, echo) -> tuple[dict, dict, str]:
    """`--initial` end to end, then plain neo4j-admin import of the files it produced."""
    from loaders.initial import admin_args, initial_load
    from loaders.mapping import load_mapping
    from loaders.rejects import Rejects

    server = _server("initial", size)
    work = DEFAULT_BASE / f"bench-load-import-{size}"
    shutil.rmtree(work, ignore_errors=True)
    rejects = Rejects(data / "initial.rejects.jsonl")
    try:
        res = initial_load(server, load_mapping(data / "mapping.json"), work, rejects, echo=echo)
    finally:
        rejects.close()
        server.stop()
        shutil.rmtree(server.home, ignore_errors=True)
    plain = _server("plain", size)
    try:
        plain.assemble(echo=echo)
        plain.configure()
        args = admin_args(res["files"])
        t = time.monotonic()
        proc = plain.admin(*args)
        plain_elapsed = time.monotonic() - t
        del proc
    finally:
        shutil.rmtree(plain.home, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    initial = {"elapsed": res["total_s"], "nodes": res["nodes"], "relationships": res["relationships"],
               "convert": res["convert_s"], "import": res["import_s"], "restart": res["restart_schema_s"]}
    shown = " ".join(args).replace(str(work) + "/", "")
    return initial, {"elapsed": plain_elapsed, "nodes": res["nodes"], "relationships": res["relationships"]}, \
        "neo4j-admin " + shown + "   # files as written by --initial's conversion"


def _machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[:1]
    return (f"{os.cpu_count()} cores (`nproc`), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, Neo4j {NEO4J_VERSION} Community ({' '.join(java)})")


def _rate(r: dict, key: str) -> str:
    return f"{r[key] / r['elapsed']:,.0f}" if r["elapsed"] else "–"


def _section(size: str, seed: int, results: dict, admin_cmd: str, manifest: dict, note: str) -> str:
    loader, csv_, initial, plain = (results[k] for k in ("loader", "load_csv", "initial", "plain"))
    ratio_online = csv_["elapsed"] / loader["elapsed"]
    ratio_initial = plain["elapsed"] / initial["elapsed"]
    rows = sum(manifest["rows"].values())
    mark_start, mark_end = _marks(size)
    lines = [
        mark_start,
        f"## Bulk loading (`crmgraph bench load --size {size}`)",
        "",
        f"Dataset: generator size **{size}**, seed {seed} — {rows:,} input rows "
        f"({', '.join(f'{k} {v:,}' for k, v in manifest['rows'].items())}). {note}",
        f"Machine: {_machine()}. Each way ran on its own fresh server (heap/page cache "
        f"{MEMORY[size][0]}/{MEMORY[size][1]}). What else ran on the machine, if anything, is in the "
        "note after the table or in `--note`.",
        "",
        "| way | elapsed s | nodes | relationships | nodes/s | relationships/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    from loaders.engine import default_workers

    lanes = default_workers()
    for name, r in ((f"`crmgraph load` (online, {lanes} lane{'s' if lanes > 1 else ''}, batches of 5000)", loader),
                    ("`LOAD CSV … CALL {} IN TRANSACTIONS OF 5000 ROWS`", csv_),
                    ("`crmgraph load --initial` (convert + import + restart + schema)", initial),
                    ("plain `neo4j-admin database import full` (same import files)", plain)):
        lines.append(f"| {name} | {r['elapsed']:.1f} | {r['nodes']:,} | {r['relationships']:,} | "
                     f"{_rate(r, 'nodes')} | {_rate(r, 'relationships')} |")
    lines += [
        "",
        f"- Online loader vs LOAD CSV: **{ratio_online:.2f} ×** (target ≥ 1.0; time ratio LOAD CSV / loader).",
        f"- `--initial` vs plain import: **{ratio_initial:.2f} ×** (target ≥ 0.9). `--initial` = convert "
        f"{initial['convert']:.1f}s + import {initial['import']:.1f}s + restart and schema {initial['restart']:.1f}s.",
        "- Node counts include `:EmailAddress` nodes; relationships include `HAS_EMAIL`. The loader and "
        "LOAD CSV runs start from a seeded database, so their counts are the difference.",
        "",
        "Commands:",
        "",
        f"    crmgraph bench load --size {size} --seed {seed}",
        f"    # online:   crmgraph load --mapping bench/data/{size}-{seed}/mapping.json --batch-size 5000 --workers {lanes}",
        "    # LOAD CSV: cypher/load_csv/{companies,contacts,deals,activities,associations}.cypher via Database.auto_commit",
        "    # initial:  crmgraph load --initial --mapping bench/data/… ; plain import:",
        f"    {admin_cmd}",
        mark_end,
    ]
    return "\n".join(lines)


WAYS = ("loader", "load-csv", "initial")


def run(size: str, seed: int = 1, *, docs: bool = True, note: str = "", echo=print, ways=WAYS) -> dict:
    """Generate (if needed) and load the dataset three ways; print and record the figures.

    `ways` picks a subset (at size M each way takes from minutes to an hour on 2 cores): the
    figures are printed with whatever ratio they allow, and docs are written only for all three."""
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    data = _dataset(size, seed, echo)
    manifest = json.loads((data / "manifest.json").read_text())
    results = {}
    if "loader" in ways:
        echo("crmgraph load …")
        results["loader"] = run_loader(size, data, echo)
        echo(f"    {results['loader']}")
    if "load-csv" in ways:
        echo("LOAD CSV … IN TRANSACTIONS …")
        results["load_csv"] = run_load_csv(size, data, echo)
        echo(f"    {results['load_csv']}")
    if "initial" in ways:
        echo("--initial and plain neo4j-admin import …")
        results["initial"], results["plain"], admin_cmd = run_initial(size, data, echo)
        echo(f"    {results['initial']}\n    {results['plain']}")
        echo(f"    --initial vs plain import: {results['plain']['elapsed'] / results['initial']['elapsed']:.2f} x")
    if "loader" in results and "load_csv" in results:
        echo(f"    online loader vs LOAD CSV: {results['load_csv']['elapsed'] / results['loader']['elapsed']:.2f} x")
    if set(ways) != set(WAYS):
        return results
    section = _section(size, seed, results, admin_cmd, manifest, note)
    echo(section)
    if docs:
        write_docs_section(*_marks(size), section)
    return results
