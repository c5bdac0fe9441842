"""Deal and ticket pipelines: which stages are closed is data, and deals follow it.

A deal stage is closed when its probability is 0.0 or 1.0 or `metadata.isClosed` is true
(closed won = probability 1.0); a ticket stage when `metadata.isClosed` is true. When a
stage's closed flag changes, every deal/ticket in it gets its stored `closed` flag
re-derived in the same transaction, so "open deal" (`NOT d.closed`) stays true to the data.
"""
from __future__ import annotations

from app.errors import NotFound, ValidationFailed, field_error
from app.repo import pipelines as repo
from app.rules.pipeline_fields import FIELDS
from app.rules.properties import ms_to_iso, now_ms

__all__ = ["PIPELINE_TYPES", "list_pipelines", "get", "create", "update", "update_stage", "create_stage"]

PIPELINE_TYPES = ("deals", "tickets")


def _check_type(object_type: str) -> None:
    if object_type not in PIPELINE_TYPES:
        raise ValidationFailed(f"Pipelines exist for deals and tickets, not {object_type}",
                               [field_error("objectType", "pipelines exist for deals and tickets only")])


def _flag(value) -> bool | None:
    if value is None:
        return None
    return str(value).strip().lower() == "true"


def _stage_fields(object_type: str, body: dict, where: str, current: dict | None = None) -> dict:
    """Stage node fields from a HubSpot stage input (`label`, `displayOrder`, `metadata`)."""
    out = {k: body[k] for k in ("label", "displayOrder") if k in body}
    meta = body.get("metadata")
    if meta is None and current is not None:
        return out
    meta = meta or {}
    if object_type == "deals":
        raw = meta.get("probability", (current or {}).get("probability"))
        try:
            probability = float(raw)
        except (TypeError, ValueError):
            raise ValidationFailed("Deal stages need metadata.probability between 0.0 and 1.0",
                                   [field_error(f"{where}.metadata.probability", "a number from 0.0 to 1.0")]) from None
        if not 0.0 <= probability <= 1.0:
            raise ValidationFailed("probability must be between 0.0 and 1.0",
                                   [field_error(f"{where}.metadata.probability", "a number from 0.0 to 1.0")])
        closed = probability in (0.0, 1.0) or bool(_flag(meta.get("isClosed")))
        out.update(probability=probability, closed=closed, closedWon=closed and probability == 1.0)
    else:
        closed = bool(_flag(meta.get("isClosed")))
        out.update(probability=None, closed=closed, closedWon=False)
    return out


def _stage_out(object_type: str, s: dict) -> dict:
    meta = {"isClosed": "true" if s.get("closed") else "false"}
    if object_type == "deals":
        meta["probability"] = str(s.get("probability") if s.get("probability") is not None else "")
    else:
        meta["ticketState"] = "CLOSED" if s.get("closed") else "OPEN"
    return {"id": s["id"], "label": s.get("label"), "displayOrder": s.get("displayOrder", 0), "metadata": meta,
            "createdAt": ms_to_iso(s.get("createdAt") or 0), "updatedAt": ms_to_iso(s.get("updatedAt") or 0),
            "archived": False, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT"}


def _pipeline_out(object_type: str, row: dict) -> dict:
    p = row["pipeline"]
    return {"id": p["id"], "label": p.get("label"), "displayOrder": p.get("displayOrder", 0),
            "stages": [_stage_out(object_type, s) for s in row["stages"]],
            "createdAt": ms_to_iso(p.get("createdAt") or 0), "updatedAt": ms_to_iso(p.get("updatedAt") or 0),
            "archived": False}


def list_pipelines(tx, object_type: str) -> list[dict]:
    _check_type(object_type)
    return [_pipeline_out(object_type, r) for r in repo.list_for_type(tx, object_type)]


def get(tx, object_type: str, pipeline_id: str) -> dict:
    _check_type(object_type)
    rows = repo.list_for_type(tx, object_type, pipeline_id)
    if not rows:
        raise NotFound(f"Unable to find pipeline {pipeline_id}", context={"id": [pipeline_id]})
    return _pipeline_out(object_type, rows[0])


def create(tx, object_type: str, body: dict, pipeline_id: str, stage_ids: list[str]) -> dict:
    """A new pipeline with its stages (ids allocated by the caller)."""
    _check_type(object_type)
    now = now_ms()
    if not body.get("stages"):
        raise ValidationFailed("A pipeline needs at least one stage", [field_error("stages", "at least one stage")])
    stages = [{**_stage_fields(object_type, s, f"stages[{i}]"), "id": sid, "createdAt": now, "updatedAt": now}
              for i, (s, sid) in enumerate(zip(body["stages"], stage_ids))]
    repo.create(tx, {"id": pipeline_id, "objectType": object_type, "label": body["label"],
                     "displayOrder": body.get("displayOrder", 0), "createdAt": now, "updatedAt": now}, stages)
    return get(tx, object_type, pipeline_id)


def update(tx, object_type: str, pipeline_id: str, body: dict) -> dict:
    """Change label/displayOrder (`archived: true` archives it)."""
    _check_type(object_type)
    changes = {k: body[k] for k in ("label", "displayOrder", "archived") if k in body}
    if repo.update(tx, object_type, pipeline_id, {**changes, "updatedAt": now_ms()}) is None:
        raise NotFound(f"Unable to find pipeline {pipeline_id}", context={"id": [pipeline_id]})
    return get(tx, object_type, pipeline_id) if not changes.get("archived") else {"id": pipeline_id}


def _find_stage(tx, object_type: str, pipeline_id: str, stage_id: str) -> dict:
    exists, stage = repo.stage(tx, object_type, pipeline_id, stage_id)
    if not exists or stage is None:
        raise NotFound(f"Unable to find stage {stage_id} in pipeline {pipeline_id}", context={"id": [stage_id]})
    return stage


def update_stage(tx, object_type: str, pipeline_id: str, stage_id: str, body: dict) -> dict:
    """Change a stage; if its closed flag changes, re-derive `closed` on its deals/tickets."""
    _check_type(object_type)
    current = _find_stage(tx, object_type, pipeline_id, stage_id)
    fields = {**_stage_fields(object_type, body, "", current), "updatedAt": now_ms()}
    stage = repo.upsert_stage(tx, object_type, pipeline_id, stage_id, fields)
    pk, sk = FIELDS[object_type]
    repo.refresh_closed(tx, object_type, pk, sk, pipeline_id, stage_id, bool(stage.get("closed")),
                        bool(stage.get("closedWon")))
    return _stage_out(object_type, stage)


def create_stage(tx, object_type: str, pipeline_id: str, stage_id: str, body: dict) -> dict:
    _check_type(object_type)
    now = now_ms()
    stage = repo.upsert_stage(tx, object_type, pipeline_id, stage_id,
                              {**_stage_fields(object_type, body, ""), "createdAt": now, "updatedAt": now})
    if stage is None:
        raise NotFound(f"Unable to find pipeline {pipeline_id}", context={"id": [pipeline_id]})
    return _stage_out(object_type, stage)
