"""Deal and ticket stages: validate pipeline/stage writes and derive `closed`.

Which stages are closed is data (`PipelineStage.closed`), so "open deal" is the stored,
derived boolean `closed` on the deal — recomputed on every write here and by the
pipelines API when a stage's closed flag changes.
"""
from __future__ import annotations

from app.errors import ValidationFailed, field_error
from app.repo import pipelines as repo

__all__ = ["FIELDS", "DEFAULT_PIPELINE", "apply"]

# object type → (pipeline property, stage property)
FIELDS = {"deals": ("pipeline", "dealstage"), "tickets": ("hs_pipeline", "hs_pipeline_stage")}
DEFAULT_PIPELINE = {"deals": "default", "tickets": "0"}


def apply(tx, type_name: str, values: dict, current: dict | None, now: int) -> dict:
    """Fill and check pipeline/stage in `values` (graph values, mutated in place).

    Returns the derived node fields (`closed`, `closedWon`) to store, or `{}` when this
    write leaves the stage alone. `current` is the existing node (None on create).
    Deals moving into a closed stage get `closedate` = now unless the write sets it.
    """
    if type_name not in FIELDS:
        return {}
    pk, sk = FIELDS[type_name]
    if current is not None and pk not in values and sk not in values:
        return {}
    cur = current or {}
    pipeline = values.get(pk) or cur.get(pk) or DEFAULT_PIPELINE[type_name]
    stage_id = values.get(sk)
    if stage_id is None and sk not in values and pipeline == cur.get(pk):
        stage_id = cur.get(sk)
    exists, stage = repo.stage(tx, type_name, pipeline, stage_id)
    if not exists:
        raise ValidationFailed(f"Pipeline {pipeline!r} does not exist for {type_name}.",
                               [field_error(f"properties.{pk}", f"unknown pipeline {pipeline!r}", "INVALID_OPTION")])
    if stage is None:
        raise ValidationFailed(f"Stage {stage_id!r} is not a stage of pipeline {pipeline!r}.",
                               [field_error(f"properties.{sk}", f"{stage_id!r} is not a stage of pipeline {pipeline!r}",
                                            "INVALID_OPTION")])
    values[pk], values[sk] = pipeline, stage["id"]
    closed = bool(stage.get("closed"))
    moving_into_closed = closed and not (cur.get("closed") and cur.get(sk) == stage["id"])
    if type_name == "deals" and moving_into_closed and "closedate" not in values:
        values["closedate"] = now
    return {"closed": closed, "closedWon": bool(stage.get("closedWon"))}
