"""HubSpot's associations v4 schema API: label definitions (`/crm/v4/associations/{from}/{to}/labels`,
also under `/crm/associations/v4/...` as HubSpot's docs show) and per-record limits
(`/crm/v4/associations/definitions/configurations/...`). Rules: `app.rules.association_definitions`.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask.views import MethodView
from flask_smorest import Blueprint

from app.db import get_db
from app.rules import association_definitions as defs
from app.schemas import associations as s

blp = Blueprint("association_labels", __name__, description="Associations v4: labels and limits")

_CONF = "/crm/v4/associations/definitions/configurations"


def _now() -> str:
    dt = datetime.now(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def _labels_routes(prefix: str, suffix: str):
    """Register the label routes under one path prefix (v4 path and docs alias)."""

    @blp.route(f"{prefix}/<from_type>/<to_type>/labels", endpoint=f"labels{suffix}")
    class Labels(MethodView):
        @blp.response(200, s.V4SpecListSchema)
        def get(self, from_type, to_type):
            """List the association types (labels) from one object type to another"""
            return {"results": get_db().write(defs.list_labels, from_type, to_type)}

        @blp.arguments(s.V4LabelCreateSchema())
        @blp.response(200, s.V4SpecListSchema)
        def post(self, body, from_type, to_type):
            """Create a user-defined label; with inverseLabel, a paired label (one type per direction)"""
            return {"results": get_db().write(defs.create_label, from_type, to_type, body["label"], body["name"],
                                              body.get("inverseLabel"))}

        @blp.arguments(s.V4LabelUpdateSchema())
        @blp.response(204)
        def put(self, body, from_type, to_type):
            """Rename a user-defined label (and its inverse)"""
            get_db().write(defs.update_label, from_type, to_type, body["associationTypeId"], body["label"],
                           body.get("inverseLabel"))

    @blp.route(f"{prefix}/<from_type>/<to_type>/labels/<type_id>", endpoint=f"label{suffix}")
    class Label(MethodView):
        @blp.response(204)
        def delete(self, from_type, to_type, type_id):
            """Delete a user-defined label and its inverse; existing associations lose them"""
            get_db().write(defs.delete_label, from_type, to_type, type_id)

    return Labels, Label


LabelsV4, LabelV4 = _labels_routes("/crm/v4/associations", "")
LabelsAlias, LabelAlias = _labels_routes("/crm/associations/v4", "_alias")


@blp.route(_CONF + "/all")
class AllConfigurations(MethodView):
    @blp.response(200, s.V4ConfigListSchema)
    def get(self):
        """List every configured association limit"""
        return {"results": get_db().read(defs.all_limits)}


@blp.route(_CONF + "/<from_type>/<to_type>")
class Configurations(MethodView):
    @blp.response(200, s.V4ConfigListSchema)
    def get(self, from_type, to_type):
        """List the association types from one object type to another with their limits"""
        return {"results": get_db().read(defs.get_limits, from_type, to_type)}


@blp.route(_CONF + "/<from_type>/<to_type>/batch/create")
class ConfigurationsCreate(MethodView):
    @blp.arguments(s.V4BatchConfigSchema())
    @blp.response(201, s.V4BatchResponseSchema)
    def post(self, body, from_type, to_type):
        """Set association limits (maxToObjectIds, up to 10,000)"""
        started = _now()
        results = get_db().write(defs.set_limits, from_type, to_type, body["inputs"], mode="create")
        return {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": _now()}


@blp.route(_CONF + "/<from_type>/<to_type>/batch/update")
class ConfigurationsUpdate(MethodView):
    @blp.arguments(s.V4BatchConfigSchema())
    @blp.response(200, s.V4BatchResponseSchema)
    def post(self, body, from_type, to_type):
        """Change association limits"""
        started = _now()
        results = get_db().write(defs.set_limits, from_type, to_type, body["inputs"], mode="update")
        return {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": _now()}


@blp.route(_CONF + "/<from_type>/<to_type>/batch/purge")
class ConfigurationsPurge(MethodView):
    @blp.arguments(s.V4BatchConfigPurgeSchema())
    @blp.response(204)
    def post(self, body, from_type, to_type):
        """Remove configured limits (the default applies again)"""
        get_db().write(defs.purge_limits, from_type, to_type, body["inputs"])
