"""Benchmark: logging activities with auto-association (ACT-3) through HTTP vs without HTTP.

What it shows: `POST /crmgraph/v1/objects/contacts/{id}/activities` (create the note,
find the contact's primary company and five most recent open deals, write every edge with
provenance, atomically) keeps its latency flat on a large CRM, and what the HTTP layer
(gunicorn + Flask + marshmallow + JSON) costs in throughput against the bare Cypher the engine
sends (replayed straight through the driver) and against the engine in-process (`act.log`: the
same rule code and Cypher, no HTTP).

Setup: its own throwaway Neo4j (`.neo4j/bench-act`, free port, 4 GB heap + 4 GB page cache),
a synthetic CRM written with batched `UNWIND` (bench-only Cypher below): N contacts, N/10
companies (each contact's primary company), N deals (one per contact, 20 % closed) and every
10th contact with 4 more open deals. The API runs as a separate process
(`crmgraph serve` with its defaults: gunicorn worker processes × threads) so client and server
do not share a GIL.

Measured, in one run: (1) one client, sequential requests, alternating with one in-process
thread: latency p50/p99; (2) C concurrent clients, the bare Cypher replay and C in-process
threads, in alternating rounds: throughput and latency. Contacts are picked at random over the
whole CRM.

Run: `crmgraph bench act` (or `PYTHONPATH=. .venv/bin/python bench/act_bench.py`).
"""
from __future__ import annotations

import logging
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import write_docs_section
from cli.serve import default_workers

MARK_START, MARK_END = "<!-- act-bench:start -->", "<!-- act-bench:end -->"
ROOT = Path(__file__).resolve().parent.parent
T0 = 1_700_000_000_000
WARM_UP = 3000  # logs of each way before anything is measured

# Bench-only bulk setup (tests/ and bench/ may hold Cypher). Hints force index seeks: right
# after a bulk write the planner's index statistics are stale and would pick scans.
_CONTACTS = """
UNWIND range($lo, $hi) AS i
CREATE (:Object:Record:Contact {id: toString($base + i), _n: $base + i, _type: 'contacts', archived: false,
        createdate: $t0 + i, _updated: $t0, firstname: 'C' + i, email: 'c' + i + '@bench.example'})
"""
_COMPANIES = """
UNWIND range($lo, $hi) AS i
CREATE (:Object:Record:Company {id: toString($base + i), _n: $base + i, _type: 'companies', archived: false,
        createdate: $t0 + i, _updated: $t0, name: 'Company ' + i})
"""
_DEALS = """
UNWIND range($lo, $hi) AS i
CREATE (:Object:Record:Deal {id: toString($base + i), _n: $base + i, _type: 'deals', archived: false,
        createdate: $t0 + i, _updated: $t0, dealname: 'Deal ' + i, pipeline: 'default',
        dealstage: CASE WHEN i % 5 = 0 THEN 'closedwon' ELSE 'qualifiedtobuy' END, closed: i % 5 = 0})
"""
_CONTACT_COMPANY = """
UNWIND range($lo, $hi) AS i
MATCH (c:Object {id: toString($contacts + i)}) USING INDEX SEEK c:Object(id)
MATCH (co:Object {id: toString($companies + i % $n_companies)}) USING INDEX SEEK co:Object(id)
CREATE (c)-[:CONTACT_COMPANY {types: [279, 1], createdAt: $t0}]->(co)
"""
_CONTACT_DEAL = """
UNWIND range($lo, $hi) AS i
MATCH (c:Object {id: toString($contacts + $owner(i))}) USING INDEX SEEK c:Object(id)
MATCH (d:Object {id: toString($deals + i)}) USING INDEX SEEK d:Object(id)
CREATE (c)-[:CONTACT_DEAL {types: [4], createdAt: $t0}]->(d)
"""
_COUNTS = "MATCH (n:Object) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS rels"


def _machine() -> str:
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _batched(db, text: str, total: int, batch: int = 20_000, **params) -> None:
    for lo in range(0, total, batch):
        with db.session() as s:
            s.run(text, lo=lo, hi=min(lo + batch, total) - 1, t0=T0, **params).consume()


def build(db, app, n: int, echo=print) -> dict:
    """Write the synthetic CRM; returns the id bases and counts."""
    n_co = max(1, n // 10)
    extra = n // 10 * 4                      # every 10th contact has 4 more open deals
    ids = app.extensions["ids"]
    contacts = int(ids.take(n)[0])
    companies = int(ids.take(n_co)[0])
    deals = int(ids.take(n + extra)[0])
    t = time.perf_counter()
    _batched(db, _CONTACTS, n, base=contacts)
    _batched(db, _COMPANIES, n_co, base=companies)
    _batched(db, _DEALS, n + extra, base=deals)
    echo(f"  nodes written in {time.perf_counter() - t:.0f} s")
    _batched(db, _CONTACT_COMPANY, n, contacts=contacts, companies=companies, n_companies=n_co)
    # deal i < n belongs to contact i; extra deal n + k belongs to contact (k // 4) * 10
    owner = _CONTACT_DEAL.replace("$owner(i)", "CASE WHEN i < $n THEN i ELSE ((i - $n) / 4) * 10 END")
    _batched(db, owner, n + extra, contacts=contacts, deals=deals, n=n)
    with db.session() as s:
        s.run("CALL db.resampleOutdatedIndexes()").consume()
        counts = s.run(_COUNTS).single().data()
    echo(f"  CRM built in {time.perf_counter() - t:.0f} s: {counts['nodes']:,} objects, {counts['rels']:,} relationships")
    return {"contacts": contacts, "n": n, "companies": n_co, "deals": n + extra, **counts}


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _serve(server, port: int) -> subprocess.Popen:
    """`crmgraph serve` with its defaults (gunicorn, one process per core × 4 threads)."""
    env = {**os.environ, "NEO4J_URI": server.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password}
    # stderr to a file, never a pipe nobody reads: a full pipe would block the server's logging.
    log = open(server.home / "serve.log", "wb")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("crmgraph")), "serve", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=log)
    import requests

    for _ in range(120):
        try:
            requests.get(f"http://127.0.0.1:{port}/health", timeout=1)
            return proc
        except requests.RequestException:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("crmgraph serve did not come up: " + (server.home / "serve.log").read_text()[-2000:])


def _in_threads(work, n: int, latencies: list[float]) -> dict:
    """Run `work(k)` in `n` threads at once; throughput and p50/p99 of what they appended to `latencies`."""
    t = time.perf_counter()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t
    return _stats(n, latencies, elapsed)


def _stats(clients: int, latencies: list[float], elapsed: float) -> dict:
    return {"clients": clients, "requests": len(latencies), "elapsed": elapsed, "rps": len(latencies) / elapsed,
            "p50_ms": _pct(latencies, 50) * 1000, "p99_ms": _pct(latencies, 99) * 1000, "latencies": latencies}


def _serial_interleaved(base_url: str, token: str, db, app, crm: dict, total: int, rounds: int = 10) -> tuple:
    """One client over HTTP and one in-process thread, in alternating blocks, so both see the
    same server state (JIT, page cache warmed by earlier logs): (http stats, in-process stats)."""
    runs: dict[str, list] = {"http": [], "direct": []}
    elapsed = {"http": 0.0, "direct": 0.0}
    block = max(1, total // rounds)
    for r in range(rounds):
        for kind, res in (("http", _http_run(base_url, token, crm, 1, block, seed=300 + r)),
                          ("direct", _direct_run(db, app, crm, 1, block, seed=600 + r))):
            runs[kind] += res["latencies"]
            elapsed[kind] += res["elapsed"]
    return _stats(1, runs["http"], elapsed["http"]), _stats(1, runs["direct"], elapsed["direct"])


class _LeanHttp:
    """A keep-alive HTTP/1.1 client on a plain socket, as light as a load generator should be
    (what wrk or ab are in C): one `sendall` per request, the answer read by its Content-Length.
    The clients run on the same 2 cores as the server and Neo4j, so their CPU is taken from what
    is measured; `http.client` costs ~0.5 ms of CPU per request on this VM, this ~0.1 ms
    (the run reports the clients' CPU per request)."""

    def __init__(self, base_url: str, token: str, body: bytes):
        from urllib.parse import urlsplit

        url = urlsplit(base_url)
        self.address = (url.hostname, url.port)
        self.head = (f"Host: {url.hostname}:{url.port}\r\nAuthorization: Bearer {token}\r\n"
                     f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        self.sock, self.buf = None, b""

    def _connect(self) -> None:
        import socket

        self.close()
        self.sock = socket.create_connection(self.address, timeout=60)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _read(self) -> bytes:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("server closed the connection")
        return chunk

    def post(self, path: str) -> tuple[int, bytes]:
        for attempt in (1, 2):  # a keep-alive connection the server closed: reconnect once
            try:
                if self.sock is None:
                    self._connect()
                self.sock.sendall(f"POST {path} HTTP/1.1\r\n".encode() + self.head)
                while b"\r\n\r\n" not in self.buf:
                    self.buf += self._read()
                head, _, rest = self.buf.partition(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                while len(rest) < length:
                    rest += self._read()
                self.buf = rest[length:]
                return int(head[9:12]), rest[:length]
            except (ConnectionError, IndexError):
                self.sock, self.buf = None, b""
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def _http_run(base_url: str, token: str, crm: dict, clients: int, per_client: int, seed: int) -> dict:
    """`clients` threads, each with its own keep-alive connection (`_LeanHttp`)."""
    import json

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    body = json.dumps({"type": "notes", "source": "CRM_UI", "properties": {"hs_note_body": "bench"}}).encode()

    def client(k: int) -> None:
        rnd = random.Random(seed + k)
        mine = []
        conn = _LeanHttp(base_url, token, body)
        try:
            for _ in range(per_client):
                cid = crm["contacts"] + rnd.randrange(crm["n"])
                t = time.perf_counter()
                status, text = conn.post(f"/crmgraph/v1/objects/contacts/{cid}/activities")
                mine.append(time.perf_counter() - t)
                if status != 201:
                    with lock:
                        errors.append(f"{status} {text[:200]!r}")
        finally:
            conn.close()
        with lock:
            latencies.extend(mine)

    cpu = time.process_time()
    result = _in_threads(client, clients, latencies)
    result["client_cpu_ms"] = (time.process_time() - cpu) / max(1, len(latencies)) * 1000
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return result


def _direct_run(db, app, crm: dict, threads_n: int, per_thread: int, seed: int) -> dict:
    """The same rule function (same Cypher), in-process, no HTTP."""
    from app.rules import act

    ids = app.extensions["ids"]
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        rnd = random.Random(seed + k)
        mine = []
        for _ in range(per_thread):
            cid, aid = str(crm["contacts"] + rnd.randrange(crm["n"])), ids.one()
            t = time.perf_counter()
            act.log(db, "contacts", cid, "notes", {"hs_note_body": "bench"}, source="CRM_UI", activity_id=aid,
                    user={"id": "bench"})
            mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)

    return _in_threads(worker, threads_n, latencies)


class _Capture:
    """A transaction stand-in that records each statement the engine sends (text, params)."""

    def __init__(self, tx):
        self.tx, self.sent = tx, []

    def run(self, text, parameters=None, **kw):
        self.sent.append((text, parameters))
        return self.tx.run(text, parameters, **kw)


class _CapturingDb:
    """What `act.log` sees as its database while statements are captured: every unit of work
    runs in a transaction that is rolled back, and its statements are recorded."""

    def __init__(self, db):
        self.db, self.memo, self.sent = db, db.memo, []

    def reads_then_write(self, work, *args, final=None, **kwargs):
        with self.db.session() as s:
            tx = s.begin_transaction()
            cap = _Capture(tx)
            try:
                return work(cap, *args, **kwargs)
            finally:
                tx.rollback()
                self.sent += cap.sent

    def write(self, work, *args, **kwargs):
        return self.reads_then_write(work, *args, **kwargs)


def _capture_statements(db, app, crm: dict, count: int, seed: int) -> list[list[tuple[str, dict]]]:
    """The exact Cypher statements and parameters `act.log` sends for `count` logs on random
    contacts (`act/log_one`, one per log once the process knows the configuration) — captured
    in transactions that are rolled back, so the bare-Cypher run below replays real engine work
    with no rule code in the timing."""
    from app.rules import act

    ids = app.extensions["ids"]
    rnd = random.Random(seed)
    capturing = _CapturingDb(db)
    out = []
    for _ in range(count):
        cid = str(crm["contacts"] + rnd.randrange(crm["n"]))
        capturing.sent = []
        act.log(capturing, "contacts", cid, "notes", {"hs_note_body": "bench"}, source="CRM_UI",
                activity_id=ids.one(), user={"id": "bench"})
        out.append(capturing.sent)
    return out


def _bare_run(db, app, statements: list, threads_n: int, per_thread: int) -> dict:
    """Replay captured engine statements straight through the driver, each in its own auto-commit
    transaction as `act.log` runs them, with a fresh activity id per log: the bare Cypher writes."""
    ids = app.extensions["ids"]
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        mine = []
        with db.session() as s:
            for i in range(per_thread):
                unit = statements[(k * per_thread + i) % len(statements)]
                aid = ids.one()
                t = time.perf_counter()
                for text, params in unit:
                    if "activity" in params:
                        params = {**params, "activity": {**params["activity"], "id": aid, "n": int(aid)}}
                    s.run(text, params).consume()
                mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)

    return _in_threads(worker, threads_n, latencies)


def measure(server, app, crm: dict, *, requests_n: int, clients: int, echo=print) -> dict:
    from app.repo import users

    db = app.extensions["neo4j"]
    token = users.new_token()
    db.write(users.create, "bench", "bench@bench.example", "Bench", "full", True, token)
    from app.localneo4j.server import free_port

    port = free_port()
    proc = _serve(server, port)
    base_url = f"http://127.0.0.1:{port}"
    rounds = 4
    per_round = max(clients, requests_n // rounds)
    try:
        statements = _capture_statements(db, app, crm, min(requests_n, 2000), seed=7)
        # Warm-up before any measured run (query plans, the JVM's JIT, pools, page cache): each
        # way with at least WARM_UP logs — Neo4j's JIT needs a few thousand runs of a statement
        # before it settles (a 400-log run on a fresh server measured 15 ms in-process, 3× the
        # steady state).
        warm = max(per_round, WARM_UP) // clients
        _http_run(base_url, token, crm, clients, warm, seed=1)
        _direct_run(db, app, crm, clients, warm, seed=2)
        _bare_run(db, app, statements, clients, warm)
        serial, direct_serial = _serial_interleaved(base_url, token, db, app, crm, requests_n // 2)
        echo(f"  HTTP, 1 client: p50 {serial['p50_ms']:.1f} ms, p99 {serial['p99_ms']:.1f} ms, {serial['rps']:.0f}/s")
        echo(f"  in-process, 1 thread (alternating blocks with the HTTP client): p50 {direct_serial['p50_ms']:.1f} ms, "
             f"p99 {direct_serial['p99_ms']:.1f} ms")
        # Throughput: the three ways in alternating rounds, so none of them gets a warmer server.
        runs: dict[str, list] = {"loaded": [], "bare": [], "direct": []}
        for r in range(rounds):
            runs["loaded"].append(_http_run(base_url, token, crm, clients, per_round // clients, seed=40 + r))
            runs["bare"].append(_bare_run(db, app, statements, clients, per_round // clients))
            runs["direct"].append(_direct_run(db, app, crm, clients, per_round // clients, seed=50 + r))
    finally:
        proc.terminate()
        proc.wait(30)
    loaded, bare, direct = (_stats(clients, [x for run in runs[k] for x in run["latencies"]],
                                   sum(run["elapsed"] for run in runs[k])) for k in ("loaded", "bare", "direct"))
    loaded["client_cpu_ms"] = statistics.mean(run["client_cpu_ms"] for run in runs["loaded"])
    echo(f"  HTTP, {clients} clients: {loaded['rps']:.0f}/s, p50 {loaded['p50_ms']:.1f} ms, p99 {loaded['p99_ms']:.1f} ms")
    echo(f"  bare Cypher (captured engine statements), {clients} threads: {bare['rps']:.0f}/s")
    echo(f"  in-process, {clients} threads: {direct['rps']:.0f}/s")
    import os

    return {"serial": serial, "loaded": loaded, "direct": direct, "direct_serial": direct_serial,
            "bare": bare, "loadavg": os.getloadavg()}


def report(crm: dict, res: dict, command: str, build_s: float) -> str:
    s, l, d = res["serial"], res["loaded"], res["direct"]
    ds, la, b = res["direct_serial"], res["loadavg"], res["bare"]
    ratio, ratio_bare = l["rps"] / d["rps"], l["rps"] / b["rps"]
    lines = [MARK_START, "## Logging activities with auto-association (ACT, `docs/activities.md`)", "",
             f"Command: `{command}` — own throwaway Neo4j 5.26 (4 GB heap, 4 GB page cache) on {_machine()}; "
             f"shared machine (load average below). API: `crmgraph serve` with its defaults (gunicorn, "
             f"{default_workers()} processes × 4 threads); clients: Python threads on the same 2 cores, one "
             f"keep-alive connection each, written as lean as a load generator (`_LeanHttp`: one `sendall` per "
             f"request, the answer read by Content-Length; {l['client_cpu_ms']:.2f} ms of client CPU per request "
             f"in the {l['clients']}-client runs).", "",
             f"Dataset (synthetic, batched UNWIND, built in {build_s:.0f} s): {crm['n']:,} contacts, "
             f"{crm['companies']:,} companies (each contact's primary company), {crm['deals']:,} deals "
             f"(one per contact, plus 4 more on every 10th contact; 20 % of all deals closed) — "
             f"{crm['nodes']:,} objects, {crm['rels']:,} relationships before the run. "
             "Each request logs a note on a random contact: create + primary company + up to five open "
             "deals + provenance, one atomic statement (3–7 edges).", "",
             "| run | requests | throughput | p50 | p99 |", "|---|---:|---:|---:|---:|",
             f"| HTTP, 1 client (sequential; alternating blocks with the 1-thread run below) | {s['requests']:,} | {s['rps']:.0f}/s | {s['p50_ms']:.1f} ms | "
             f"{s['p99_ms']:.1f} ms |",
             f"| HTTP, {l['clients']} clients | {l['requests']:,} | {l['rps']:.0f}/s | {l['p50_ms']:.1f} ms | "
             f"{l['p99_ms']:.1f} ms |",
             f"| same queries in-process (no HTTP), {d['clients']} threads | {d['requests']:,} | {d['rps']:.0f}/s | "
             f"{d['p50_ms']:.1f} ms | {d['p99_ms']:.1f} ms |",
             f"| same work in-process (no HTTP), 1 thread, alternating with the HTTP client | {ds['requests']:,} | {ds['rps']:.0f}/s | "
             f"{ds['p50_ms']:.1f} ms | {ds['p99_ms']:.1f} ms |",
             f"| bare Cypher: the engine's captured statements replayed, {b['clients']} threads | "
             f"{b['requests']:,} | {b['rps']:.0f}/s | {b['p50_ms']:.1f} ms | {b['p99_ms']:.1f} ms |", "",
             f"Load average at the end of the measurements: {la[0]:.2f} / {la[1]:.2f} / {la[2]:.2f} (1 / 5 / 15 min).",
             "",
             f"Order: a warm-up of {max(WARM_UP, l['requests'] // 4):,} logs of each way; then the 1-client HTTP and 1-thread in-process runs in 10 "
             "alternating blocks; then the three 8-way runs (HTTP, bare Cypher, in-process) in 4 alternating "
             "rounds, each figure over its 4 rounds — so no way is measured on a warmer server than another.", "",
             f"HTTP throughput / bare Cypher throughput = **{ratio_bare:.2f}** (target ≥ 0.5); HTTP / the "
             f"engine in-process (rule code included, no HTTP) = {ratio:.2f}. The bare-Cypher run replays, "
             "straight through the driver, the exact statements and parameters `act.log` sent for 2,000 "
             "logs (captured beforehand in rolled-back transactions, so no rule code is timed), each in its "
             "own auto-commit transaction as the engine runs them, with a fresh activity id per log. "
             "Targets p50 ≤ 10 ms, "
             f"p99 ≤ 50 ms: sequential p50 {s['p50_ms']:.1f} ms / p99 {s['p99_ms']:.1f} ms. Under "
             f"{l['clients']} concurrent clients on 2 cores, latency includes queueing for the CPU that the "
             "clients, the API and Neo4j share; the HTTP clients' own CPU (Python threads) is taken "
             "from the same 2 cores the server and Neo4j use, which the in-process baseline does not pay. "
             "Each log is one statement in one round trip (`act.log` → `act/log_one`, compare-and-write): "
             "it reads the configuration the decision depends on (settings, association types, definitions), "
             "writes only if it is the one the process decided from, finds the record and its related records "
             "and creates the activity and every edge with its provenance, atomically in one auto-commit "
             "transaction — see `docs/activities.md`, \"What a log costs\".",
             MARK_END]
    return "\n".join(lines)


def run(contacts: int = 1_000_000, requests_n: int = 4000, clients: int = 8, docs: bool = True,
        command: str = "crmgraph bench act", echo=print, keep: bool = False) -> dict:
    """Start the bench server, build the CRM, measure, stop it, write the docs section."""
    from app import create_app
    from app.localneo4j import LocalNeo4j
    from app.localneo4j.server import DEFAULT_BASE, free_port

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    home = DEFAULT_BASE / "bench-act"
    shutil.rmtree(home, ignore_errors=True)
    server = LocalNeo4j(home=home, port=free_port(), heap="4g", pagecache="4g")
    server.start(echo=echo)
    try:
        app = create_app({"NEO4J_URI": server.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password})
        db = app.extensions["neo4j"]
        try:
            t = time.perf_counter()
            crm = build(db, app, contacts, echo)
            build_s = time.perf_counter() - t
            res = measure(server, app, crm, requests_n=requests_n, clients=clients, echo=echo)
        finally:
            db.close()
    finally:
        server.stop()
        if not keep:
            shutil.rmtree(home, ignore_errors=True)
    if docs:
        write_docs_section(MARK_START, MARK_END, report(crm, res, command, build_s))
    return {"crm": crm, **res}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    run(contacts=n, command=f"PYTHONPATH=. .venv/bin/python bench/act_bench.py {n}")
