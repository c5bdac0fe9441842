"""The activities engine API (`/crmgraph/v1/...`): log with auto-association, preview, explain,
settings, manual association, record search, timeline, marketing events, ACT-8 creation,
conversations.

HubSpot has no public API for these, so they live under `/crmgraph/v1` in HubSpot's style
(error body, status codes). Views parse, run one rule function in one transaction, shape.
"""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import current_user, require_super_admin
from app.db import get_db
from app.rules import act, act_conversations, act_manual, act_past, act_settings, act_timeline
from app.schemas.activities import (ActivityRecordsResponse, ActivityRecordSchema, ConversationInput,
                                    ConversationSchema, CreateWithActivitiesInput, CreateWithActivitiesResponse,
                                    EventInput, EventSchema, ExplainArgs, ExplainResponse, LogActivityInput,
                                    LogActivityResponse, PreviewInput, PreviewResponse, RecordSearchArgs, RecordSearchResponse,
                                    SettingsResponse, SettingsSchema, TimelineArgs, TimelinePage)

__all__ = ["blp"]

blp = Blueprint("activities", __name__, url_prefix="/crmgraph/v1",
                description="Activities: logging with auto-association (ACT-1 … ACT-8), explain, settings, timeline")


def _new_id() -> str:
    return current_app.extensions["ids"].one()


@blp.route("/objects/<record_type>/<record_id>/activities")
class LogActivity(MethodView):
    @blp.arguments(LogActivityInput())
    @blp.response(201, LogActivityResponse)
    def post(self, body, record_type, record_id):
        """Log an activity on a record; it is auto-associated per ACT-3/ACT-4/ACT-5 in one transaction."""
        activity_id = _new_id()
        user = current_user()
        return act.log(get_db(), record_type, record_id, body["type"], body.get("properties") or {},
                       source=body["source"], activity_id=activity_id, user=user, thread_id=body.get("threadId"),
                       conversation_id=body.get("conversationId"))


@blp.route("/objects/<record_type>/<record_id>/activities/preview")
class PreviewActivity(MethodView):
    @blp.arguments(PreviewInput())
    @blp.response(200, PreviewResponse)
    def post(self, body, record_type, record_id):
        """Which records an activity logged here would be associated with, and by which rule (writes nothing)."""
        return get_db().read(lambda tx: act.preview(
            tx, record_type, record_id, body["type"], body["source"], thread_id=body.get("threadId"),
            conversation_id=body.get("conversationId"), channel=body.get("channel")))


@blp.route("/activities/<activity_id>/associations/explain")
class Explain(MethodView):
    @blp.arguments(ExplainArgs(), location="query")
    @blp.response(200, ExplainResponse)
    def get(self, args, activity_id):
        """Why is this activity associated with each record (or with `objectId`): rule, by, at."""
        return get_db().read(lambda tx: act.explain(tx, activity_id, args.get("objectType"), args.get("objectId")))


@blp.route("/activities/<activity_id>/associations")
class ActivityRecords(MethodView):
    @blp.response(200, ActivityRecordsResponse)
    def get(self, activity_id):
        """All records associated with an activity, in total and grouped by object type (ACT-6)."""
        return get_db().read(lambda tx: act_manual.list_records(tx, activity_id))


@blp.route("/activities/<activity_id>/associations/<to_type>/<to_id>")
class ActivityRecord(MethodView):
    @blp.response(200, ActivityRecordSchema)
    def put(self, activity_id, to_type, to_id):
        """Associate an activity with one more record by hand (provenance `manual`; limits apply, ACT-7)."""
        user = current_user()
        return get_db().write(lambda tx: act_manual.associate(tx, activity_id, to_type, to_id, user=user))

    @blp.response(204)
    def delete(self, activity_id, to_type, to_id):
        """Remove an activity's association with a record (whatever rule made it)."""
        get_db().write(lambda tx: act_manual.remove(tx, activity_id, to_type, to_id))


@blp.route("/settings/auto-association")
class Settings(MethodView):
    @blp.response(200, SettingsResponse)
    def get(self):
        """The custom auto-association settings (ACT-5) and the built-in defaults they replace."""
        return {"settings": get_db().read(act_settings.list_settings), "defaults": act_settings.defaults()}

    @blp.arguments(SettingsSchema())
    @blp.response(200, SettingsResponse)
    def put(self, body):
        """Replace the custom auto-association settings (super admins only, ACT-5)."""
        user = require_super_admin()
        stored = get_db().write(lambda tx: act_settings.replace(tx, body["settings"], user))
        return {"settings": stored, "defaults": act_settings.defaults()}


@blp.route("/records/search")
class SearchRecords(MethodView):
    @blp.arguments(RecordSearchArgs(), location="query")
    @blp.response(200, RecordSearchResponse)
    def get(self, args):
        """Find records by name to associate with an activity (ACT-6)."""
        return {"results": get_db().read(lambda tx: act_manual.search_records(
            tx, args["q"], args.get("types"), args["limit"]))}


@blp.route("/objects/<record_type>/<record_id>/timeline")
class Timeline(MethodView):
    @blp.arguments(TimelineArgs(), location="query")
    @blp.response(200, TimelinePage)
    def get(self, args, record_type, record_id):
        """A record's timeline: activities and marketing events, newest first, filter by type, cursor paging."""
        return get_db().read(lambda tx: act_timeline.timeline(tx, record_type, record_id, types=args.get("types"),
                                                              limit=args["limit"], after=args.get("after")))


@blp.route("/objects/<record_type>/<record_id>/events")
class Events(MethodView):
    @blp.arguments(EventInput())
    @blp.response(201, EventSchema)
    def post(self, body, record_type, record_id):
        """Record a marketing event (email click, form submission, page view) on a record's timeline."""
        event_id = _new_id()
        return get_db().write(lambda tx: act_timeline.record_event(
            tx, record_type, record_id, body["eventType"], event_id=event_id, timestamp=body.get("timestamp"),
            properties=body.get("properties")))


@blp.route("/objects/<record_type>")
class CreateWithActivities(MethodView):
    @blp.arguments(CreateWithActivitiesInput())
    @blp.response(201, CreateWithActivitiesResponse)
    def post(self, body, record_type):
        """Create a deal or ticket; with `copyActivities`, add its associated records' past activities (ACT-8)."""
        object_id = _new_id()
        user = current_user()
        copy = body.get("copyActivities")
        return get_db().write(lambda tx: act_past.create_with_past_activities(
            tx, record_type, body.get("properties") or {}, body.get("associations") or None, object_id=object_id,
            copy_days=copy["days"] if copy is not None else None, user=user))


@blp.route("/conversations")
class Conversations(MethodView):
    @blp.arguments(ConversationInput())
    @blp.response(201, ConversationSchema)
    def post(self, body):
        """Create a conversations-inbox conversation associated with records (ACT-4c)."""
        cid = _new_id()
        return get_db().write(lambda tx: act_conversations.create(tx, cid, body["channel"], body["associations"]))


@blp.route("/conversations/<conversation_id>")
class ConversationById(MethodView):
    @blp.response(200, ConversationSchema)
    def get(self, conversation_id):
        """A conversation and its records."""
        return get_db().read(lambda tx: act_conversations.get(tx, conversation_id))
