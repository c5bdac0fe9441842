"""Pipelines and their stages (deals and tickets)."""
from __future__ import annotations

from app import cypher

__all__ = ["stage", "list_for_type", "create", "update", "upsert_stage", "refresh_closed"]


def stage(tx, object_type: str, pipeline_id: str, stage_id: str | None) -> tuple[bool, dict | None]:
    """(pipeline exists, the stage — or the first stage when `stage_id` is None)."""
    row = cypher.run(tx, "pipelines/stage", object_type=object_type, pipeline_id=pipeline_id, stage_id=stage_id)
    return bool(row and row["pipeline"]), (row or {}).get("stage")


def list_for_type(tx, object_type: str, pipeline_id: str | None = None) -> list[dict]:
    """`[{"pipeline": {...}, "stages": [...]}]` in display order."""
    return cypher.run(tx, "pipelines/list", object_type=object_type, pipeline_id=pipeline_id)


def create(tx, pipeline: dict, stages: list[dict]) -> str | None:
    return cypher.run(tx, "pipelines/create", pipeline=pipeline, stages=stages)


def update(tx, object_type: str, pipeline_id: str, changes: dict) -> str | None:
    return cypher.run(tx, "pipelines/update", object_type=object_type, pipeline_id=pipeline_id, changes=changes)


def upsert_stage(tx, object_type: str, pipeline_id: str, stage_id: str, changes: dict) -> dict | None:
    row = cypher.run(tx, "pipelines/upsert_stage", object_type=object_type, pipeline_id=pipeline_id,
                     stage_id=stage_id, changes=changes)
    return row["stage"] if row else None


def refresh_closed(tx, object_type: str, pipeline_key: str, stage_key: str, pipeline_id: str, stage_id: str,
                   closed: bool, closed_won: bool) -> int:
    return cypher.run(tx, "pipelines/refresh_closed", object_type=object_type, pipeline_key=pipeline_key,
                      stage_key=stage_key, pipeline_id=pipeline_id, stage_id=stage_id, closed=closed,
                      closed_won=closed_won)
