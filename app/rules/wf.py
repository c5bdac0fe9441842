"""Workflows (SPEC WF-1 … WF-5): save, enrol, run, preview.

- **Save** (`create`/`update`): the definition is validated by `wf_model.normalise` (400 naming
  the field), stored as a `:Workflow` node; the range indexes its WF-2 actions need are created
  afterwards by `ensure_indexes` (schema commands cannot share a transaction with data writes).
- **Enrol** (`on_record_written`): the records engineer's create/update paths call this hook
  inside their write transaction; each enabled workflow of the type checks the written records
  against its criteria in one query, enrols the ones that newly meet them (or meet them again,
  with re-enrolment on), and runs its actions on exactly those — in the same transaction, so a
  record write and the workflow's effects commit together. `cause='merge'` enrols only in
  workflows with `enrollOnMerge` (MRG-10).
- **Run now** (`run_now`): every record meeting the criteria is enrolled — those enrolled before
  only if the workflow re-enrols — and the actions run over all of them at once (set-based,
  `wf_actions`).
- **Dry-run** (`dry_run`): the very same run inside an explicit transaction that is always
  rolled back — what would be created, relabelled or removed, and nothing written.

Each enrolment keeps a bounded history: per run that changed something for that record, what
every action did (counts and up to `HISTORY_IDS` ids it touched), newest first, at most
`HISTORY_KEEP` runs.
"""
from __future__ import annotations

import json
import time

from app.errors import Conflict, NotFound, ValidationFailed, field_error
from app.objecttypes import ObjectType
from app.repo import objects as objects_repo
from app.repo import workflows as repo
from app.rules import wf_model
from app.rules.object_schemas import resolve, try_resolve
from app.rules.wf_actions import run_action
from app.rules.wf_identifiers import render

__all__ = ["create", "update", "get", "list_all", "delete", "ensure_indexes", "on_record_written", "run_now",
           "dry_run", "enrollments", "unenroll", "HISTORY_KEEP", "HISTORY_IDS", "MAX_CHANGES"]

HISTORY_KEEP = 20      # runs remembered per enrolment
HISTORY_IDS = 20       # ids remembered per action and run
MAX_CHANGES = 1000     # changes listed per action in a run / dry-run answer (counts are always complete)
CAUSES = ("create", "update", "merge", "import", "run")


def _now() -> int:
    return int(time.time() * 1000)


def _not_found(wid: str) -> NotFound:
    return NotFound(f"Workflow {wid} not found.", [field_error("workflowId", f"no workflow {wid}")],
                    context={"id": [str(wid)]})


# ------------------------------------------------------------------ definitions

def create(tx, body: dict) -> dict:
    """Validate and save a new workflow; returns it as the API shows it."""
    row = wf_model.normalise(tx, body)
    row["id"] = repo.next_id(tx)
    return wf_model.to_api(repo.create(tx, row, _now()))


def update(tx, wid: str, body: dict) -> dict:
    """Replace a workflow's definition (full body, validated like a new one); 404 if missing."""
    if repo.get(tx, wid) is None:
        raise _not_found(wid)
    return wf_model.to_api(repo.update(tx, wid, wf_model.normalise(tx, body), _now()))


def get(tx, wid: str) -> dict:
    found = repo.get(tx, wid)
    if found is None:
        raise _not_found(wid)
    return wf_model.to_api(found)


def list_all(tx) -> list[dict]:
    return [wf_model.to_api(w) for w in repo.list_all(tx)]


def delete(tx, wid: str) -> None:
    """Delete a workflow and its enrolments; the associations it made stay. 404 if missing."""
    if not repo.delete(tx, wid):
        raise _not_found(wid)


def ensure_indexes(db, workflow: dict) -> list[str]:
    """Create (IF NOT EXISTS) the range index behind every WF-2 candidate lookup of `workflow`
    and wait for it to be online; returns `Label.property` of each. Runs in its own schema
    transaction, after the workflow was saved."""
    made = []
    for a in workflow["actions"]:
        if a["type"] != "CREATE_ASSOCIATIONS":
            continue

        def work(tx, a=a):
            t = resolve(tx, a["toObjectType"])
            render(tx, "wf/property_index", object_type=t, prop=a["matchProperty"]).run(tx, {})
            return f"{t.label}.{a['matchProperty']}"

        made.append(db.write(work))
    if made:
        db.query("admin/await_indexes")
    return made


# ------------------------------------------------------------------ enrolment and runs

def _groups(tx, t: ObjectType, w: dict) -> list:
    return wf_model.criteria_groups(tx, t, json.loads(w["criteria"]))


def on_record_written(tx, object_type, ids: list[str], cause: str = "update") -> list[dict]:
    """Hook for record creates/updates (call it in the same write transaction, after the write).

    Enrols the records that now meet an enabled workflow's criteria — first time, or again
    after not meeting them when the workflow re-enrols — and runs its actions on them. Records
    that no longer meet the criteria are remembered as such (so meeting them again counts as
    "again"). A workflow without criteria enrols only by "run now". `cause='merge'` enrols only
    where `enrollOnMerge` is on (MRG-10). Returns one run summary per workflow that enrolled
    someone.
    """
    t = try_resolve(tx, object_type)
    ids = [str(i) for i in dict.fromkeys(ids or [])]
    if t is None or t.is_activity or not ids:
        return []
    runs = []
    for w in repo.watching(tx, t.name):
        if cause == "merge" and not w["enrollOnMerge"]:
            continue
        if not json.loads(w["criteria"]).get("filterGroups"):
            continue
        try:
            groups = _groups(tx, t, w)
        except ValidationFailed:  # a criteria property was archived since: the workflow matches nothing
            continue
        matching = repo.criteria_ids(tx, ids, t.name, groups)
        met = set(matching)
        enrolled = repo.enroll(tx, w["id"], matching, [i for i in ids if i not in met], reenroll=w["reenroll"],
                               force=False, cause=cause, now=_now())
        if enrolled:
            runs.append(_execute(tx, w, t, enrolled, cause=cause, preview=False))
    return runs


def run_now(tx, wid: str, *, preview: bool = False) -> dict:
    """Enrol every record meeting the criteria (all records of the type when there are none;
    records enrolled before only if the workflow re-enrols) and run the actions over all of
    them at once. 409 if the workflow is turned off (a
    preview is always allowed)."""
    w = repo.get(tx, wid)
    if w is None:
        raise _not_found(wid)
    if not w["enabled"] and not preview:
        raise Conflict(f"Workflow {wid} is turned off; turn it on to run it.",
                       [field_error("enabled", "the workflow is off", "WORKFLOW_DISABLED")])
    t = resolve(tx, w["objectType"])
    ids = _all_matching(tx, t, _groups(tx, t, w))
    enrolled = repo.enroll(tx, wid, ids, [], reenroll=w["reenroll"], force=True, cause="run", now=_now())
    return _execute(tx, w, t, enrolled, cause="run", preview=preview)


def _all_matching(tx, t: ObjectType, groups: list) -> list[str]:
    """Every live record of `t` meeting `groups` (all of them when empty), by search's own query."""
    _, rows = objects_repo.search(tx, t.name, groups=groups, qrx=None, qprops=[], sort_key="_n", desc=False,
                                  skip=0, limit=2**31 - 1, keys=["id"])
    return [r["id"] for r in rows]


def dry_run(db, wid: str) -> dict:
    """The same run as `run_now`, in a transaction that is rolled back: nothing is written."""
    with db.session() as session:
        tx = session.begin_transaction()
        try:
            return run_now(tx, wid, preview=True)
        finally:
            tx.rollback()
            tx.close()


def _execute(tx, w: dict, t: ObjectType, ids: list[str], *, cause: str, preview: bool) -> dict:
    """Every action in order over all `ids`; then (not in preview) the enrolments' history."""
    results = [run_action(tx, w["id"], t, a, i, ids) for i, a in enumerate(json.loads(w["actions"]))]
    if not preview:
        repo.record_history(tx, w["id"], _history_rows(results, ids, cause), HISTORY_KEEP)
    return {"workflowId": w["id"], "dryRun": preview, "cause": cause, "enrolled": len(ids),
            "actions": [_summary(r) for r in results]}


def _summary(r) -> dict:
    return {"index": r.index, "type": r.type, **r.counts(),
            "changes": [c.to_dict() for c in r.changes[:MAX_CHANGES]],
            "skippedPairs": r.skipped[:MAX_CHANGES],
            "truncated": len(r.changes) > MAX_CHANGES or len(r.skipped) > MAX_CHANGES}


def _history_rows(results, ids: list[str], cause: str) -> list[dict]:
    """One history entry per enrolled record that an action changed (or skipped something for):
    per action, its counts and the ids it touched. Records the run left as they were get no
    entry (their enrolment's `at`/`count`/`cause` still say the run happened) — at 100k
    enrolled records that is 100k fewer writes."""
    now = _now()
    per: dict[str, dict[int, dict]] = {}
    for r in results:
        for c in r.changes:
            e = per.setdefault(c.from_id, {}).setdefault(r.index, {"index": r.index, "type": r.type, "changed": 0,
                                                                   "change": [], "ids": []})
            e["changed"] += 1
            if c.change not in e["change"]:
                e["change"].append(c.change)
            if len(e["ids"]) < HISTORY_IDS:
                e["ids"].append(c.to_id)
        for sk in r.skipped:
            e = per.setdefault(sk["fromId"], {}).setdefault(r.index, {"index": r.index, "type": r.type, "changed": 0,
                                                                      "change": [], "ids": []})
            e["skipped"] = e.get("skipped", 0) + 1
    return [{"id": i, "entry": json.dumps({"at": now, "cause": cause, "actions": [acts[k] for k in sorted(acts)]},
                                          separators=(",", ":"))}
            for i, acts in per.items()]


def enrollments(tx, wid: str, *, limit: int = 100, after: str | None = None) -> dict:
    """One page of a workflow's enrolments, each with its history decoded."""
    if repo.get(tx, wid) is None:
        raise _not_found(wid)
    try:
        skip = int(after) if after not in (None, "") else 0
    except ValueError:
        raise ValidationFailed(f"Invalid cursor {after!r}", [field_error("after", "not a paging cursor")]) from None
    rows = repo.enrollments(tx, wid, skip, limit + 1)
    page = {"results": [{**r, "history": [json.loads(h) for h in r.get("history") or []]} for r in rows[:limit]]}
    if len(rows) > limit:
        page["paging"] = {"next": {"after": str(skip + limit)}}
    return page


def unenroll(tx, ids: list[str]) -> list[str]:
    """Unenrol records from every workflow (MRG-10, the merged-away contact); their enrolments
    keep their history with status UNENROLLED. Returns the workflow ids they were in."""
    return repo.unenroll(tx, [str(i) for i in ids], _now())
