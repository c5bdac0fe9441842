"""Pipelines and their stages (deals and tickets)."""
from __future__ import annotations

from app import cypher

__all__ = ["stage"]


def stage(tx, object_type: str, pipeline_id: str, stage_id: str | None) -> tuple[bool, dict | None]:
    """(pipeline exists, the stage — or the first stage when `stage_id` is None)."""
    row = cypher.run(tx, "pipelines/stage", object_type=object_type, pipeline_id=pipeline_id, stage_id=stage_id)
    return bool(row and row["pipeline"]), (row or {}).get("stage")
