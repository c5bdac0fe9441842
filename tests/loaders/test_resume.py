"""`--resume` after the loader process is killed mid-file: nothing duplicated, nothing lost."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.loaders.helpers import history_lengths, run_cypher, write_csv

ROOT = Path(__file__).resolve().parents[2]


def _run(neo4j_server, tmp_path, *extra):
    env = {**os.environ, **neo4j_server}
    return subprocess.Popen([sys.executable, "-c", "from cli.main import cli; cli()", "load", str(tmp_path / "contacts.csv"),
                             str(tmp_path / "associations.csv"), "--batch-size", "20", "--workers", "2",
                             "--no-progress", "--rejects", str(tmp_path / "rejects.jsonl"),
                             "--checkpoint", str(tmp_path / "ck.json"), *extra],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_resume_after_kill_loads_everything_once(neo4j_server, db, tmp_path):
    n = 3000
    rows = [[str(100 + i), f"p{i}@x.com", "many" if i % 500 == 7 else str(i)] for i in range(n)]
    write_csv(tmp_path / "contacts.csv", ["Record ID", "Email", "Number of pageviews"], rows)
    write_csv(tmp_path / "associations.csv", ["fromObjectType", "fromId", "toObjectType", "toId"],
              [["contacts", str(100 + i), "contacts", str(100 + (i + 1) % n)] for i in range(0, n, 3)])
    proc = _run(neo4j_server, tmp_path)
    ck = tmp_path / "ck.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:   # kill once some batches are committed, well before the end
        if ck.exists():
            state = json.loads(ck.read_text())["files"]
            if any(v > 200 for v in state.values()):
                break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    done_before = run_cypher(db, "MATCH (c:Contact) RETURN count(c) AS n")[0]["n"]
    assert 0 < done_before < n - 6, "the kill should land mid-file"

    resumed = _run(neo4j_server, tmp_path, "--resume")
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    good = n - len([r for r in rows if r[2] == "many"])
    assert run_cypher(db, "MATCH (c:Contact) RETURN count(c) AS n, count(DISTINCT c.id) AS d") == [{"n": good, "d": good}]
    assert run_cypher(db, "MATCH (e:EmailAddress) RETURN count(e) AS n")[0]["n"] == good
    assert run_cypher(db, "MATCH ()-[r:HAS_EMAIL]->() RETURN count(r) AS n")[0]["n"] == good
    edges = run_cypher(db, "MATCH (a)-[r:CONTACT_CONTACT]->(b) RETURN count(r) AS n, count(DISTINCT [a, b]) AS d")[0]
    expected_edges = len([i for i in range(0, n, 3) if rows[i][2] != "many" and rows[(i + 1) % n][2] != "many"])
    assert edges == {"n": expected_edges, "d": expected_edges}
    # the batch in flight at the kill was written again: harmless, no extra history entries
    assert all(lengths == [(f"_hist_{p}", 1) for p in ("createdate", "email", "hs_analytics_num_page_views")]
               for lengths in history_lengths(db).values())
    rejects = [json.loads(l) for l in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert sorted(r["line"] for r in rejects if r["phase"] == "records") == sorted(i + 2 for i in range(n) if i % 500 == 7)
    assert not ck.exists()
