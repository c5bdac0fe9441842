"""Units of work that write one batch: each runs in ONE managed write transaction.

Managed (`execute_write`) so transient errors — deadlocks, leader switches, a restarting
server — are retried by the driver; safe to retry because every statement is an idempotent
MERGE on a constrained key and unchanged values write no history. Work functions return
plain data (counts, rejects) and never keep results open.
"""
from __future__ import annotations

from operator import itemgetter

from app import cypher
from app.repo import associations as assoc_repo
from app.repo.objects import HISTORY_KEEP

_LOCK_ORDER = itemgetter("start", "end")

__all__ = ["write_records", "write_associations", "check_endpoints", "bump_sequence", "claim_ids"]


def write_records(db, rows: list[dict], emails: list[dict], now: int, new_groups: list[dict] = ()) -> dict:
    """Upsert a batch of object nodes (`rows`, `load/upsert_objects`), create the nodes known to
    be new (`new_groups`: `{labels, contacts, rows: [complete property maps]}` per object type;
    `load/create_objects`, one map SET per node, or for contacts `load/create_contacts`, which
    links the email in the same statement), then link new or changed contact emails of the
    upserted ones; returns
    `{created, updated}` counts."""
    def work(tx):
        counts = {"created": 0, "updated": 0}
        if rows:
            counts = cypher.run(tx, "load/upsert_objects", rows=rows, now=now, keep=HISTORY_KEEP)
        others = [g for g in new_groups if not g["contacts"]]
        if others:
            cypher.run(tx, "load/create_objects", groups=others)
        for g in new_groups:
            if g["contacts"]:
                cypher.run(tx, "load/create_contacts", labels=g["labels"], rows=g["rows"], now=now)
        counts["created"] += sum(len(g["rows"]) for g in new_groups)   # each row is a CREATE
        if emails:
            cypher.run(tx, "load/contact_emails", rows=emails, now=now)
        return counts

    return db.write(work)


def check_endpoints(tx, ids: list[str]) -> dict[str, dict]:
    """{given id: {resolved, type, archived}} — merged-away ids resolve to their survivor."""
    return assoc_repo.find_objects(tx, ids)


def write_associations(db, rel: str, rows: list[dict], now: int, dry_run: bool = False,
                       pending: dict[str, str] | None = None) -> tuple[int, list[tuple[int, str]]]:
    """Write a batch of edges (one relationship type) in one transaction, with MERGE.

    `rows`: `{i, start, end, st, prov, start_type, end_type, primary[, new][, strip]}` (`primary`:
    the Primary type id start → end the row sets, or None; `new`: no edge between the two can
    exist yet; `strip: False`: the start node can have no other edge of this type, so taking the
    Primary off its other edges is skipped). Returns (edges created, [(i, reason)] for
    rows whose ends do not exist). The ends are checked by the write statement itself; only
    the rows it refuses are looked up again (`find_objects`), to follow merged-away ids to
    their survivors before rejecting. In a dry run nothing is written; `pending` holds ids →
    types of records the same run would have created.
    """
    def work(tx):
        if dry_run:
            return 0, _dangling(tx, rows, pending or {})[1]
        created, retry, dangling = _merge(tx, rows)
        if retry:
            survivors, dangling2 = _dangling(tx, retry, {})
            dangling += dangling2
            if survivors:
                more, _, still = _merge(tx, survivors)
                created += more
                dangling += [(r["i"], f"{r['start']} and {r['end']} are the same object") for r in still]
        return created, dangling

    def _merge(tx, batch):
        batch = sorted(batch, key=_LOCK_ORDER)  # same lock order everywhere
        # rows go as they are: the statements read the keys they need (`i, start, end,
        # start_type, end_type, st, prov`), and the others cost less to send than to strip
        new = [g for g in batch if g.get("new")]
        old = [g for g in batch if not g.get("new")]
        res = {"created": 0, "bad": []}
        if new:   # both ends created by this run, pair not written before: plain CREATE
            # (provenance depends on the relationship type only: `assoc.edge_shape`)
            res = cypher.run(tx, "load/new_associations", rel=rel, prov=new[0]["prov"], now=now,
                             rows=[[g["i"], g["start"], g["end"], g["st"]] for g in new])
        if old:
            more = cypher.run(tx, "load/associations", rel=rel, rows=old, now=now)
            res = {"created": (res["created"] or 0) + (more["created"] or 0), "bad": res["bad"] + more["bad"]}
        bad = set(res["bad"])
        good = [g for g in batch if g["i"] not in bad]
        prim = [{"start": g["start"], "end": g["end"], "primary": g["primary"]} for g in good
                if g["primary"] and g.get("strip", True)]
        if prim:
            cypher.run(tx, "load/strip_primary", rel=rel, rows=prim)
        return res["created"] or 0, [g for g in batch if g["i"] in bad], []

    return db.read(work) if dry_run else db.write(work)


def _dangling(tx, rows: list[dict], pending: dict[str, str]) -> tuple[list[dict], list[tuple[int, str]]]:
    """Rows whose ends resolve (through merged-away ids) rewritten to the survivors, and the
    reasons for the others."""
    found = check_endpoints(tx, sorted({r["start"] for r in rows} | {r["end"] for r in rows}))
    for object_id, type_name in pending.items():
        if object_id in found and found[object_id]["resolved"] is None:
            found[object_id] = {"resolved": object_id, "type": type_name, "archived": False}
    ok, dangling = [], []
    for r in rows:
        problem = _endpoint_problem(found, r["start"], r["start_type"]) or \
            _endpoint_problem(found, r["end"], r["end_type"])
        start, end = (found[r["start"]]["resolved"], found[r["end"]]["resolved"]) if not problem else (None, None)
        if not problem and start == end:
            problem = f"{r['start']} and {r['end']} are the same object"
        if problem:
            dangling.append((r["i"], problem))
        elif (start, end) != (r["start"], r["end"]):
            ok.append({**r, "start": start, "end": end, "new": False, "strip": True})
    return ok, dangling


def _endpoint_problem(found: dict, object_id: str, type_name: str) -> str | None:
    row = found.get(object_id)
    if not row or row["resolved"] is None:
        return f"no {type_name} record with id {object_id}"
    if row["archived"]:
        return f"{type_name} record {object_id} is archived"
    if row["type"] != type_name:
        return f"id {object_id} is a {row['type']} record, not {type_name}"
    return None


def bump_sequence(db, max_id: int) -> None:
    """Move the `objects` id sequence above `max_id` (before those ids are written)."""
    db.query("load/bump_sequence", max_id=max_id)


def claim_ids(db, max_id: int) -> int:
    """Move the id sequence above `max_id`; return its value before (ids ≥ it are unused)."""
    return db.query("load/claim_ids", max_id=max_id)
