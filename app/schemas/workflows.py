"""Marshmallow schemas of the workflow routes (`/crmgraph/v1/workflows`, WF-1 … WF-5).

The body's outer shape is checked here (unknown top-level fields are a 400 naming them); the
criteria and actions are checked in depth by `app.rules.wf_model`, which knows the property
definitions and association labels and names the failing field (`actions[0].matchProperty`).
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate

__all__ = ["WorkflowInput", "WorkflowSchema", "WorkflowList", "RunResult", "EnrollmentArgs", "EnrollmentPage"]


class WorkflowInput(Schema):
    """A workflow definition (create, or full replacement on PUT)."""

    objectType = fields.String(required=True, metadata={"description": "contacts, companies, deals, tickets or a "
                                                                       "custom object type"})
    name = fields.String(required=True)
    enabled = fields.Boolean(load_default=True)
    reenroll = fields.Boolean(load_default=False, metadata={"description": "enrol again when a record meets the "
                                                                          "criteria again"})
    enrollOnMerge = fields.Boolean(load_default=False, metadata={"description": "merge-caused changes may enrol "
                                                                               "(MRG-10)"})
    criteria = fields.Dict(load_default=None, allow_none=True,
                           metadata={"description": "{\"filterGroups\": [...]}, the search filter language"})
    actions = fields.List(fields.Dict(), load_default=list,
                          metadata={"description": "ordered actions: CREATE_ASSOCIATIONS (WF-2), "
                                                   "APPLY_ASSOCIATION_LABELS (WF-3), UPDATE_ASSOCIATION_LABELS (WF-4), "
                                                   "REMOVE_ASSOCIATION_LABELS (WF-5); see docs/workflows.md"})


class WorkflowSchema(Schema):
    id = fields.String()
    name = fields.String()
    objectType = fields.String()
    enabled = fields.Boolean()
    reenroll = fields.Boolean()
    enrollOnMerge = fields.Boolean()
    criteria = fields.Dict()
    actions = fields.List(fields.Dict())
    createdAt = fields.Integer(allow_none=True)
    updatedAt = fields.Integer(allow_none=True)
    enrolledCount = fields.Integer()
    indexes = fields.List(fields.String(), metadata={"description": "range indexes ensured for WF-2 lookups"})


class WorkflowList(Schema):
    results = fields.List(fields.Nested(WorkflowSchema))


class _ActionSummary(Schema):
    index = fields.Integer()
    type = fields.String()
    created = fields.Integer()
    relabelled = fields.Integer()
    removed = fields.Integer()
    skipped = fields.Integer()
    changes = fields.List(fields.Dict(), metadata={"description": "{fromId, toId, change, typeIds}, at most 1000"})
    skippedPairs = fields.List(fields.Dict(), metadata={"description": "pairs left out by a limit or Primary rule"})
    truncated = fields.Boolean()


class RunResult(Schema):
    workflowId = fields.String()
    dryRun = fields.Boolean()
    cause = fields.String()
    enrolled = fields.Integer()
    actions = fields.List(fields.Nested(_ActionSummary))


class EnrollmentArgs(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 500))
    after = fields.String(load_default=None)


class _Enrollment(Schema):
    id = fields.String()
    recordId = fields.String()
    objectType = fields.String()
    status = fields.String()
    at = fields.Integer(allow_none=True)
    firstAt = fields.Integer(allow_none=True)
    count = fields.Integer()
    cause = fields.String(allow_none=True)
    meets = fields.Boolean()
    history = fields.List(fields.Dict())


class EnrollmentPage(Schema):
    results = fields.List(fields.Nested(_Enrollment))
    paging = fields.Dict()
