"""Small builders for loader tests: write CSV/JSONL files and read back graph facts."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from app import cypher  # noqa: F401 - registry must load in every test process


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run_cypher(db, text: str, **params):
    """Test-side reads (tests may hold Cypher; the app may not)."""
    with db.session() as s:
        return [r.data() for r in s.run(text, params)]


def graph_counts(db) -> dict:
    return run_cypher(db, "MATCH (n) WITH count(n) AS nodes "
                          "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels")[0]


def history_lengths(db) -> dict:
    rows = run_cypher(db, "MATCH (o:Object) RETURN o.id AS id, "
                          "[k IN keys(o) WHERE k STARTS WITH '_hist_' | [k, size(o[k])]] AS h")
    return {r["id"]: sorted(map(tuple, r["h"])) for r in rows}


def load(db, files, **kw):
    from loaders.engine import Loader
    from loaders.mapping import infer_spec

    specs = [f if not isinstance(f, (str, Path)) else infer_spec(f) for f in files]
    return Loader(db, **kw).run(specs)
