"""Marshmallow schemas of `/crm/v3/pipelines` (HubSpot's PipelineInput / Pipeline / PipelineStage)."""
from __future__ import annotations

from marshmallow import Schema, fields

__all__ = ["StageInput", "StagePatch", "PipelineInput", "PipelinePatch", "StageOut", "PipelineOut", "PipelineList",
           "StageList"]


class StagePatch(Schema):
    label = fields.String()
    displayOrder = fields.Integer()
    metadata = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True))
    archived = fields.Boolean()


class StageInput(StagePatch):
    label = fields.String(required=True)
    displayOrder = fields.Integer(required=True)
    metadata = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), required=True)


class PipelineInput(Schema):
    label = fields.String(required=True)
    displayOrder = fields.Integer(required=True)
    stages = fields.List(fields.Nested(StageInput), required=True)


class PipelinePatch(Schema):
    label = fields.String()
    displayOrder = fields.Integer()
    archived = fields.Boolean()


class StageOut(Schema):
    id = fields.String()
    label = fields.String()
    displayOrder = fields.Integer()
    metadata = fields.Dict()
    createdAt = fields.String()
    updatedAt = fields.String()
    archived = fields.Boolean()
    writePermissions = fields.String()


class PipelineOut(Schema):
    id = fields.String()
    label = fields.String()
    displayOrder = fields.Integer()
    stages = fields.List(fields.Nested(StageOut))
    createdAt = fields.String()
    updatedAt = fields.String()
    archived = fields.Boolean()


class PipelineList(Schema):
    results = fields.List(fields.Nested(PipelineOut))


class StageList(Schema):
    results = fields.List(fields.Nested(StageOut))
