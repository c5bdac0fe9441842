"""Marshmallow schemas of the activities engine routes (`/crmgraph/v1/...`, ACT-1 … ACT-8).

JSON bodies RAISE on unknown fields (a typo is a 400 naming it); query strings accept lists
repeated or comma-separated (`CsvList`, as the objects API does).
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.objecttypes import ACTIVITY_TYPES
from app.rules.act_policy import LOGGED_ON_TYPES, MAX_CONTACTS, MAX_DEALS, MAX_TICKETS, SOURCES
from app.rules.act_past import DEFAULT_DAYS, MAX_DAYS
from app.rules.act_timeline import EVENT_TYPES, TIMELINE_LIMIT_MAX
from app.schemas.objects import AssociationInput, CsvList, ObjectSchema

__all__ = ["LogActivityInput", "PreviewInput", "LogActivityResponse", "PreviewResponse", "ExplainArgs",
           "ExplainResponse", "ActivityRecordsResponse", "ActivityRecordSchema", "SettingsSchema",
           "SettingsResponse", "RecordSearchArgs", "RecordSearchResponse", "TimelineArgs", "TimelinePage", "EventInput",
           "EventSchema", "CreateWithActivitiesInput", "CreateWithActivitiesResponse", "ConversationInput",
           "ConversationSchema"]


class _Source(fields.String):
    def __init__(self, **kw):
        super().__init__(validate=validate.OneOf(SOURCES), **kw)


class PreviewInput(Schema):
    """What is known before the activity exists: its type, source, thread, conversation."""

    type = fields.String(required=True, metadata={"description": "activity type: notes, calls, emails …"})
    source = _Source(load_default="CRM_UI")
    threadId = fields.String(allow_none=True, metadata={"description": "email thread (ACT-4a)"})
    conversationId = fields.String(allow_none=True, metadata={"description": "inbox conversation (ACT-4c)"})
    channel = fields.String(allow_none=True, metadata={"description": "communications: WHATS_APP, SMS …"})


class LogActivityInput(PreviewInput):
    properties = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), load_default=dict)


class ActivityAssociationSchema(Schema):
    objectType = fields.String()
    id = fields.String()
    name = fields.String(allow_none=True)
    typeIds = fields.List(fields.Integer())
    rule = fields.String(allow_none=True, metadata={"description": "ACT-1, ACT-3, ACT-4a … ACT-4f, ACT-5, ACT-8, "
                                                                   "manual, API, …"})
    by = fields.String(allow_none=True, metadata={"description": "user id"})
    at = fields.Integer(allow_none=True, metadata={"description": "epoch ms"})
    reason = fields.String()


class _RecordRef(Schema):
    objectType = fields.String()
    id = fields.String()


class LogActivityResponse(Schema):
    activity = fields.Nested(ObjectSchema)
    rule = fields.String(metadata={"description": "the rule that decided the related records"})
    reason = fields.String()
    loggedOn = fields.Nested(_RecordRef)
    associations = fields.List(fields.Nested(ActivityAssociationSchema))
    skipped = fields.List(fields.Dict(), metadata={"description": "related records left out by a limit (ACT-7)"})


class PreviewResponse(Schema):
    rule = fields.String()
    reason = fields.String()
    loggedOn = fields.Nested(_RecordRef)
    results = fields.List(fields.Nested(ActivityAssociationSchema))


class ExplainArgs(Schema):
    objectType = fields.String(metadata={"description": "only this record's type"})
    objectId = fields.String(metadata={"description": "only this record: why is the activity associated with it?"})


class _Decision(Schema):
    rule = fields.String()
    reason = fields.String()


class ExplainResponse(Schema):
    activityId = fields.String()
    activityType = fields.String()
    source = fields.String(allow_none=True)
    loggedOn = fields.Nested(_RecordRef, allow_none=True)
    decision = fields.Nested(_Decision, allow_none=True)
    results = fields.List(fields.Nested(ActivityAssociationSchema))


class ActivityRecordSchema(ActivityAssociationSchema):
    pass


class _Group(Schema):
    total = fields.Integer()
    results = fields.List(fields.Nested(ActivityAssociationSchema))


class ActivityRecordsResponse(Schema):
    activityId = fields.String()
    total = fields.Integer()
    byType = fields.Dict(keys=fields.String(), values=fields.Nested(_Group))
    results = fields.List(fields.Nested(ActivityAssociationSchema))


class SettingSchema(Schema):
    loggedOn = fields.String(load_default="contacts", validate=validate.OneOf(LOGGED_ON_TYPES))
    activityType = fields.String(load_default="*", validate=validate.OneOf(("*",) + ACTIVITY_TYPES))
    source = fields.String(load_default="*", validate=validate.OneOf(("*",) + SOURCES))
    company = fields.String(load_default="none", validate=validate.OneOf(("primary", "none")))
    deals = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_DEALS), strict=True)
    tickets = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_TICKETS), strict=True)
    contacts = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_CONTACTS), strict=True)
    updatedAt = fields.Integer(dump_only=True)
    updatedBy = fields.String(dump_only=True, allow_none=True)


class SettingsSchema(Schema):
    settings = fields.List(fields.Nested(SettingSchema), required=True)


class SettingsResponse(Schema):
    settings = fields.List(fields.Nested(SettingSchema))
    defaults = fields.List(fields.Nested(SettingSchema))


class RecordSearchArgs(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1))
    types = CsvList(metadata={"description": "contacts, companies, deals, tickets (default all)"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class RecordHitSchema(Schema):
    objectType = fields.String()
    id = fields.String()
    name = fields.String(allow_none=True)


class RecordSearchResponse(Schema):
    results = fields.List(fields.Nested(RecordHitSchema))


class TimelineArgs(Schema):
    types = CsvList(metadata={"description": "activity types (notes, calls …), EMAIL_CLICK, FORM_SUBMISSION, "
                                             "PAGE_VIEW, marketing_events, merges"})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=TIMELINE_LIMIT_MAX))
    after = fields.String()


class TimelineItem(Schema):
    id = fields.String()
    objectType = fields.String()
    eventType = fields.String(allow_none=True)
    timestamp = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    properties = fields.Dict()


class TimelinePage(Schema):
    results = fields.List(fields.Nested(TimelineItem))
    paging = fields.Dict()


class EventInput(Schema):
    eventType = fields.String(required=True, validate=validate.OneOf(EVENT_TYPES))
    timestamp = fields.Integer(metadata={"description": "epoch ms; default now"})
    properties = fields.Dict(keys=fields.String(), values=fields.Raw(), load_default=dict)


class EventSchema(Schema):
    id = fields.String()
    objectType = fields.String()
    eventType = fields.String()
    timestamp = fields.String()
    record = fields.Nested(_RecordRef)
    properties = fields.Dict()


class CopyActivities(Schema):
    days = fields.Integer(load_default=DEFAULT_DAYS, validate=validate.Range(min=1, max=MAX_DAYS))


class CreateWithActivitiesInput(Schema):
    properties = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), load_default=dict)
    associations = fields.List(fields.Nested(AssociationInput), load_default=list)
    copyActivities = fields.Nested(CopyActivities, allow_none=True,
                                   metadata={"description": "ACT-8: add the associated companies' and contacts' "
                                                            "calls, emails, notes, meetings and tasks of the last "
                                                            "`days` days"})


class _Copied(Schema):
    id = fields.String()
    objectType = fields.String()
    from_ = fields.List(fields.String(), data_key="from", attribute="from")


class CreateWithActivitiesResponse(Schema):
    object = fields.Nested(ObjectSchema)
    copiedActivities = fields.List(fields.Nested(_Copied))


class ConversationInput(Schema):
    channel = fields.String(load_default="EMAIL", validate=validate.OneOf(("EMAIL", "WHATS_APP", "CHAT", "SMS")))
    associations = fields.List(fields.Nested(_RecordRef), load_default=list)


class ConversationSchema(Schema):
    id = fields.String()
    channel = fields.String()
    records = fields.List(fields.Nested(_RecordRef))
