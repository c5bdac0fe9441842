"""Ad-hoc read-only Cypher (`crmgraph query "<cypher>"`): the one place a user's text runs.

Every other statement lives in `cypher/`; this module runs text a person typed, so it
checks before it runs. Read access mode alone is only a routing hint (a single server
accepts writes in it, and Community has no roles), so:

1. the text is planned with `EXPLAIN` (the only string we build: `"EXPLAIN " + text`; it
   adds no structure, and EXPLAIN never executes) and its `query_type` must be `r`;
2. the plan may not contain `LoadCSV` (reads files and URLs the server can reach) nor a
   procedure call outside `ALLOWED_PROCEDURES` (procedures may write or reach outside);
3. it then runs in a READ transaction with a timeout, and at most `limit` rows are kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from neo4j import READ_ACCESS, unit_of_work

__all__ = ["AdhocRefused", "QueryResult", "check", "run", "ALLOWED_PROCEDURES"]

# Read-only catalogue procedures a person exploring the graph needs (lower case).
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
})
_PROC_NAME = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")
_LOAD_CSV = re.compile(r"\bload\s+csv\b", re.IGNORECASE)
_LEADING = re.compile(r"^\s*(explain|profile)\b", re.IGNORECASE)


class AdhocRefused(ValueError):
    """The query is not allowed; the message says why (shown to the user as is)."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict]
    truncated: bool


def _walk(plan: dict):
    yield plan
    for child in plan.get("children") or []:
        yield from _walk(child)


def _procedures(plan: dict) -> list[str]:
    names = []
    for op in _walk(plan):
        if str(op.get("operatorType", "")).startswith("ProcedureCall"):
            details = str((op.get("args") or op.get("arguments") or {}).get("Details", ""))
            m = _PROC_NAME.match(details)
            names.append(m.group(1) if m else details or "?")
    return names


def check(db, text: str) -> None:
    """Raise `AdhocRefused` unless `text` is a single read-only query we allow."""
    if not text or not text.strip():
        raise AdhocRefused("empty query")
    if _LEADING.match(text):
        raise AdhocRefused("EXPLAIN/PROFILE are not supported here: give the query itself")
    if _LOAD_CSV.search(text):
        raise AdhocRefused("LOAD CSV is not allowed in ad-hoc queries (it reads files and URLs); "
                           "use 'crmgraph load'")

    def plan(tx):
        return tx.run("EXPLAIN " + text).consume()

    try:
        with db.session(default_access_mode=READ_ACCESS) as s:
            summary = s.execute_read(plan)
    except Exception as exc:  # noqa: BLE001 - a syntax error is the user's to fix, shown as such
        raise AdhocRefused(f"Neo4j cannot plan this query: {getattr(exc, 'message', None) or exc}") from None
    if summary.query_type != "r":
        raise AdhocRefused(f"only read queries are allowed (this one is {summary.query_type!r}: it would write "
                           "or change the schema)")
    ops = list(_walk(summary.plan or {}))
    if any(str(op.get("operatorType", "")).startswith("LoadCSV") for op in ops):
        raise AdhocRefused("LOAD CSV is not allowed in ad-hoc queries")
    for name in _procedures(summary.plan or {}):
        if name.lower() not in ALLOWED_PROCEDURES:
            raise AdhocRefused(f"procedure {name} is not allowed; allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}")


def run(db, text: str, *, timeout: float = 30.0, limit: int = 1000) -> QueryResult:
    """Check, then run `text` read-only with `timeout` seconds and at most `limit` rows."""
    check(db, text)

    @unit_of_work(timeout=timeout)
    def work(tx):
        result = tx.run(text)
        columns = list(result.keys())
        rows = []
        for record in result:
            if len(rows) == limit:
                return columns, rows, True
            rows.append(record.data())
        return columns, rows, False

    with db.session(default_access_mode=READ_ACCESS) as s:
        columns, rows, truncated = s.execute_read(work)
    return QueryResult(columns, rows, truncated)
