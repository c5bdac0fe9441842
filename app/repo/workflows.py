"""Workflow and enrolment storage: thin, tx-taking wrappers around `cypher/wf/*.cypher`.

No rules here (validation, enrolment decisions and actions live in `app.rules.wf*`); every
function takes a transaction so a rule composes them into one unit of work.
"""
from __future__ import annotations

from app import cypher

__all__ = ["next_id", "create", "update", "get", "list_all", "delete", "watching", "enroll", "record_history",
           "enrollments", "unenroll", "criteria_ids"]


def next_id(tx) -> str:
    """A fresh workflow id (numeric string, sequence `workflows`)."""
    return str(cypher.run(tx, "ids/allocate_block", name="workflows", size=1))


def create(tx, row: dict, now: int) -> dict:
    return cypher.run(tx, "wf/create", row=row, now=now)["workflow"]


def update(tx, wid: str, row: dict, now: int) -> dict | None:
    found = cypher.run(tx, "wf/update", id=wid, row=row, now=now)
    return found["workflow"] if found else None


def get(tx, wid: str) -> dict | None:
    found = cypher.run(tx, "wf/get", id=wid)
    return found["workflow"] if found else None


def list_all(tx) -> list[dict]:
    return [r["workflow"] for r in cypher.run(tx, "wf/list")]


def delete(tx, wid: str) -> bool:
    return bool(cypher.run(tx, "wf/delete", id=wid))


def watching(tx, object_type: str) -> list[dict]:
    """Enabled workflows of an object type."""
    return [r["workflow"] for r in cypher.run(tx, "wf/watching", object_type=object_type)]


def enroll(tx, wid: str, matching: list[str], others: list[str], *, reenroll: bool, force: bool,
           cause: str, now: int) -> list[str]:
    """Record enrolments; returns the ids enrolled by this call (see wf/enroll)."""
    rows = cypher.run(tx, "wf/enroll", wid=wid, matching=matching, others=others, reenroll=reenroll,
                      force=force, cause=cause, now=now)
    return [r["id"] for r in rows]


def record_history(tx, wid: str, rows: list[dict], keep: int) -> None:
    if rows:
        cypher.run(tx, "wf/record_history", wid=wid, rows=rows, keep=keep)


def enrollments(tx, wid: str, skip: int, limit: int) -> list[dict]:
    return [r["enrollment"] for r in cypher.run(tx, "wf/enrollments", wid=wid, skip=skip, limit=limit)]


def unenroll(tx, ids: list[str], now: int) -> list[str]:
    return [r["workflowId"] for r in cypher.run(tx, "wf/unenroll", ids=ids, now=now)]


def criteria_ids(tx, ids: list[str], type_name: str, groups: list) -> list[str]:
    """Which of `ids` meet compiled search filter groups (see wf/criteria_ids)."""
    return [r["id"] for r in cypher.run(tx, "wf/criteria_ids", ids=ids, type=type_name, groups=groups)]
